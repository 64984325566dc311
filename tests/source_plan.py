"""Reads the source plan for the tests: the appendix rows and the duties of the plan body's
section III "Tổ chức thực hiện", from the copy kept in tests/data/source/ (a fresh clone has
nothing beside it), which a test holds equal to ../shared/source/kh2024-plan.md wherever that
is present."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

SOURCE_PLAN = Path(__file__).resolve().parent / "data" / "source" / "kh2024-plan.md"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "source" / "kh2024-plan.md"
ROMAN = re.compile(r"^(?:<b>)?([IVX]+)(?:</b>)?$")
# A line that opens a list item: "- …" or "+ …" (the source plan's own markers).
BULLET = re.compile(r"^[-+] ")


@dataclass
class SourceRow:
    id: str
    columns: list[str] = field(default_factory=lambda: ["", "", "", "", ""])


def clean(cell: str) -> str:
    """Cell text, NFC, with HTML tags and emphasis dropped: list items and paragraphs
    become lines, other white space is folded."""
    text = re.sub(r"<br\s*/?>|</?li>|</?p>|</?ul[^>]*>", "\n", cell)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text).replace("**", "")
    text = unicodedata.normalize("NFC", text)
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def fold(text: str) -> str:
    """Text with all white space folded to single spaces, for comparing."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def lines(text: str) -> list[str]:
    """Text as its non-empty lines, NFC, white space folded inside each line: two bullets
    joined on one line, or one bullet cut in two, compare unequal."""
    folded = (
        re.sub(r"\s+", " ", line).strip() for line in unicodedata.normalize("NFC", text).split("\n")
    )
    return [line for line in folded if line]


def join_part(before: str, part: str) -> str:
    """A cell's text continued on the next page: a part that opens a list item ("- …",
    "+ …") is a new line; any other part goes on mid-sentence, joined with a space."""
    if not before:
        return part
    return f"{before}\n{part}" if BULLET.match(part) else f"{before} {part}"


def read_rows(path: Path = SOURCE_PLAN) -> dict[str, SourceRow]:
    """Rows keyed by the source plan's id (`I.1`); continuation rows are joined to the row above."""
    rows: dict[str, SourceRow] = {}
    section = ""
    current: SourceRow | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|") or set(line) <= set("|- "):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 6 or "STT" in cells[0]:
            continue
        number, rest = cells[0], cells[1:6]
        roman = ROMAN.match(number)
        if roman:
            section, current = roman.group(1), None
            continue
        if number.isdigit():
            current = SourceRow(f"{section}.{number}")
            rows[current.id] = current
        if current is None:
            continue
        for i, cell in enumerate(rest):
            part = clean(cell)
            if part:
                current.columns[i] = join_part(current.columns[i], part)
    return rows


@dataclass
class Duty:
    """One duty of the plan body's section III "Tổ chức thực hiện": `part` is its numbered
    heading (1, 2, 3), `heading` that heading's text (who), `n` its place under it."""

    part: int
    n: int
    heading: str
    text: str

    @property
    def where(self) -> str:
        return f"III.{self.part} ý {self.n}"


def read_duties(path: Path = SOURCE_PLAN) -> list[Duty]:
    """The duties of the plan body's section III, one per list item; part 3, a sentence with
    its heading in bold, is one duty whose heading is the bold words."""
    body = path.read_text(encoding="utf-8").split("## **III. TỔ CHỨC THỰC HIỆN**", 1)[1]
    body = body.split("Trên đây là", 1)[0]
    duties: list[Duty] = []
    part, heading = 0, ""
    for raw in body.splitlines():
        line = unicodedata.normalize("NFC", raw.strip())
        head = re.match(r"^(?:#+\s*)?\*\*(\d+)\.\s*(.+?)\*\*\s*(.*)$", line)
        if head:
            part, heading, rest = int(head.group(1)), head.group(2).strip(), head.group(3)
            if rest:  # "**3. Đề nghị cấp ủy các chi bộ** thường xuyên theo dõi …"
                duties.append(Duty(part, 1, heading, clean(rest)))
            continue
        if line.startswith("- ") and part:
            n = sum(1 for d in duties if d.part == part) + 1
            duties.append(Duty(part, n, heading, clean(line[2:])))
    return duties


QUOTE = re.compile(r"“([^”]*)”")


def source_words(path: Path = SOURCE_PLAN) -> str:
    """Everything the source plan says, folded, for finding a quotation in it: the whole text
    without markup, then each appendix cell whole (a cell broken over two pages is joined, so
    words on both sides of the break are found together)."""
    parts = [fold(clean(path.read_text(encoding="utf-8")))]
    parts += [fold(column) for row in read_rows(path).values() for column in row.columns]
    return "\n".join(parts)


def quotations(text: str) -> list[str]:
    """The pieces of the source plan a note quotes: each “…” quotation, cut at its elisions
    (“a … b” quotes `a` and `b`)."""
    pieces = (piece for quote in QUOTE.findall(text) for piece in quote.split("…"))
    return [fold(piece) for piece in pieces if fold(piece)]
