"""Reads the appendix rows of the source plan for the tests: the copy kept in
tests/data/source/ (a fresh clone has nothing beside it), which a test holds equal to
../shared/source/kh2024-plan.md wherever that is present."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

SOURCE_PLAN = Path(__file__).resolve().parent / "data" / "source" / "kh2024-plan.md"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "source" / "kh2024-plan.md"
ROMAN = re.compile(r"^(?:<b>)?([IVX]+)(?:</b>)?$")


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
                joined = current.columns[i]
                # a cell broken over two pages goes on mid-sentence: join with a space
                current.columns[i] = f"{joined} {part}" if joined else part
    return rows
