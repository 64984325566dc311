"""Metrics snapshots written as CSV: `check,value,as_of,note`, a row a value, as a person or
Vietnamese Excel writes it: comma, semicolon or tab between cells (told from the header row),
Vietnamese headers (`Mã`, `Giá trị`, `Ngày số liệu`, `Ghi chú`, `Văn bản`) beside the English
ones, UTF-8 with or without BOM, UTF-16 with a BOM, and Windows-1258 where it can be told
apart safely; anything else is one problem saying how to save the file as "CSV UTF-8"."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from functools import partial

from parcheck.dates import dmy
from parcheck.figures.model import FileRead, Snapshot, Submissions, Value
from parcheck.figures.values import FITS, Bad, PlanChecks, read_day, read_value, row_threshold
from parcheck.figures.values import text as text_field
from parcheck.plan.units import fold
from parcheck.problems import FileProblems, Later, Problem, Severity


def read_csv(name: str, data: bytes, checks: PlanChecks) -> FileRead:
    """The snapshots of a CSV file, one for each `as_of` its rows give. A check is on one
    row a day (a second row is an error naming the first), except a recurring duty's
    submissions, which may take a row each. A row with an empty value is not reported."""
    try:
        text = decode(data)
    except _Unreadable as bad:
        return FileRead([], [Problem(name, bad.line, bad.column, bad.code, bad.params)])
    text = unicodedata.normalize("NFC", text)
    delimiter, skip = _delimiter(text)
    try:
        rows = _rows(text, delimiter)
    except _Unreadable as bad:
        return FileRead([], [Problem(name, bad.line, 0, bad.code, bad.params)])
    head = 1 if skip else 0  # after Excel's `sep=;` line, the header
    columns = _columns(rows[head]) if len(rows) > head else None
    if columns is None:
        found = delimiter.join(c.strip() for c in rows[head]) if len(rows) > head else ""
        return FileRead([], [Problem(name, head + 1, 0, "PM009", {"found": found or "∅"})])
    problems = FileProblems(name, "PM017")
    by_day: dict[dt.date, dict[str, Value]] = {}
    first_row: dict[tuple[dt.date, str], int] = {}
    for number, row in enumerate(rows[head + 1 :], start=head + 2):
        if not any(cell.strip() for cell in row):
            continue
        ident, raw, day_raw, note, evidence = (
            row[i].strip() if i is not None and i < len(row) else "" for i in columns
        )
        ident = checks.canonical(ident)  # `i.1` is I.1
        if ident not in checks.kinds:  # the hint worked out only if the problem is reported
            problems.add(Later(Severity.ERROR, partial(_unknown, name, number, ident, checks)))
            continue
        kind, unit = checks.kinds[ident]
        try:
            note = text_field(note) or ""
            evidence = text_field(evidence) or ""
            day = read_day(day_raw)
            value = _value(ident, kind, unit, raw, note, day, evidence)
        except Bad as bad:
            problems.add(Problem(name, number, 0, bad.code, bad.params_for(ident, kind)))
            continue
        if value is None:
            continue  # left blank: not reported
        values = by_day.setdefault(day, {})
        fact = checks.fact(ident)  # X.4 and III.4.b are one fact: one row, under either id
        if (day, fact) in first_row:
            key = next(k for k in values if checks.fact(k) == fact)
            before = values[key]
            if isinstance(value, Submissions) and isinstance(before, Submissions):
                days = tuple(sorted({*before.done, *value.done}))
                values[key] = Submissions(days, before.note or value.note)
                continue
            first = first_row[day, fact]
            params = {"id": ident, "day": dmy(day), "first": first}
            problems.add(Problem(name, number, 0, "PM029", params))
            continue
        first_row[day, fact] = number
        values[ident] = value
    if problems:
        return FileRead([], problems.problems())

    def place(day: dt.date, ident: str) -> tuple[int, int]:
        return first_row.get((day, ident), 0), 0

    return FileRead([Snapshot(name, day, v) for day, v in sorted(by_day.items())], [], place)


def _value(
    ident: str, kind: str, unit: str, raw: str, note: str, day: dt.date, evidence: str = ""
) -> Value | None:
    """The value of a row: a number or ratio (threshold), the day done with its evidence (the
    evidence column, else the note) (deliverable), or submission days separated by `;`
    (recurring)."""
    if kind == "threshold":
        return row_threshold(unit, raw, note, ident)
    if kind == "deliverable":
        return read_value(
            kind, unit, {"done": raw, "evidence": evidence or note}, (), ident=ident, as_of=day
        )
    if kind == "recurring":
        days = [d for d in re.split(r"[;\s]+", raw) if d]
        return read_value(kind, unit, {"done": days, "note": note or None}, (), as_of=day)
    raise Bad("PM002", id=ident, kind=kind, fits=FITS[kind] + " (YAML)")


def _unknown(name: str, row: int, ident: str, checks: PlanChecks) -> Problem:
    return Problem(name, row, 0, "PM001", checks.unknown(ident))


class _Unreadable(Exception):
    def __init__(self, line: int, code: str, column: int = 0, **params: object) -> None:
        super().__init__(code)
        self.line = line
        self.column = column
        self.code = code
        self.params = params


# The headers, each compared by `fold`: (English, Vietnamese) names of a column.
_HEADERS = {
    "check": ("check", "ma"),
    "value": ("value", "giatri"),
    "as_of": ("asof", "ngaysolieu"),
    "note": ("note", "ghichu"),
    "evidence": ("evidence", "vanban"),
}
_ORDER = ("check", "value", "as_of", "note", "evidence")
_REQUIRED = ("check", "value", "as_of")


def _columns(header: list[str]) -> tuple[int | None, ...] | None:
    """The position of each of `_ORDER`'s columns in `header` (None: absent), or None when a
    required column is missing or a column is named twice. Other columns are ignored (a
    sheet may carry the check's title beside its id); after `check,value,as_of` in that order,
    a fourth column of any other name is the note, as before headers were matched by name."""
    names = {fold(alias): key for key, aliases in _HEADERS.items() for alias in aliases}
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = names.get(fold(cell))
        if key is None:
            continue
        if key in found:
            return None
        found[key] = index
    if any(key not in found for key in _REQUIRED):
        return None
    legacy = [found.get(key) for key in _REQUIRED] == [0, 1, 2]
    if "note" not in found and len(header) > 3 and legacy and 3 not in found.values():
        found["note"] = 3  # `check,value,as_of,notes`: the fourth column was always the note
    return tuple(found.get(key) for key in _ORDER)


def _delimiter(text: str) -> tuple[str, bool]:
    """The delimiter between cells, told from the header row (the first line with text):
    Excel's own `sep=;` line, else whichever of `;`, tab or `,` splits the header into the
    required columns, else `,`. The flag says the first line was a `sep=` line. A semicolon
    file's decimal commas stay inside their cells."""
    lines = [line for line in text[:65536].splitlines() if line.strip()]
    if not lines:
        return ",", False
    head = lines[0].strip()
    if head.lower().startswith("sep=") and len(head) == 5 and head[4] in ",;\t":
        return head[4], True
    for delimiter in (";", "\t", ","):
        cells = next(csv.reader([lines[0]], delimiter=delimiter))
        if _columns(cells) is not None:
            return delimiter, False
    return ",", False


# Windows-1258 is read only when the text it gives is plainly Vietnamese: every non-ASCII
# character a Vietnamese letter (after NFC, which joins cp1258's combining tone marks) or one
# of the few punctuation marks Word and Excel type (dashes, curly quotes, ellipsis, bullet).
# Text in another code page (`ü`, `ß`, `æ`), a binary file, or a UTF-8 file with one broken
# byte (its other letters read as `Ã¡`, `á»‡`, `Æ°`) gives other characters and is refused.
_VIETNAMESE = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
    "–—‘’“”…•"
)


def _plainly_vietnamese(text: str) -> bool:
    return all(c.isascii() or c in _VIETNAMESE for c in set(unicodedata.normalize("NFC", text)))


def _at(data: bytes, offset: int) -> _Unreadable:
    """PM040 at the byte at `offset`, by line and column."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = len(before) - (before.rfind(b"\n") + 1) + 1
    return _Unreadable(line, "PM040", column, reason=f"byte 0x{data[offset]:02x}")


def decode(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), UTF-16 with a BOM, or
    Windows-1258 when the bytes are not UTF-8 and read as plainly Vietnamese text; else
    `_Unreadable` (PM040) at the first byte that is not UTF-8 (or the first NUL: UTF-16
    without a BOM, a binary file), with the hint to save the file as CSV UTF-8."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise _Unreadable(1, "PM040", 1, reason="UTF-32")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _Unreadable(1, "PM040", 1, reason="UTF-16") from None
    nul = data.find(b"\x00")  # UTF-16 without a BOM is valid UTF-8 with a NUL in every pair
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        failed = _at(data, exc.start)
        if nul >= 0:
            raise failed from None
    else:
        if nul >= 0:
            raise _at(data, nul)
        return text
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        raise failed from None
    if not _plainly_vietnamese(text):
        raise failed
    return text


def _rows(text: str, delimiter: str = ",") -> list[list[str]]:
    """The rows of `text`; a row csv cannot read is `_Unreadable` at its number (a cell longer
    than csv's limit of 131,072 characters is often a quote left open). Lines may end in
    CR LF, LF or a bare CR (old Mac files), which csv alone refuses."""
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    rows: list[list[str]] = []
    while True:
        row = len(rows) + 1  # as the other problems of a CSV file count rows
        try:
            rows.append(next(reader))
        except StopIteration:
            return rows
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise _Unreadable(row, "PM013", row=row, limit=csv.field_size_limit()) from None
            raise _Unreadable(row, "PM015", row=row, reason=str(exc)) from None
