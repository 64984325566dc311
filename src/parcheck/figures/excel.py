"""Metrics snapshots in an Excel workbook (`.xlsx`, `.xlsm` read as data): a values sheet
and an events sheet, each known by its header row, read as real cells (numbers, dates, a
percent-formatted 0.115 is 11.5) into the same values as the YAML and CSV readers build.

openpyxl is imported here, and this module only when an Excel file is read: it costs about
60 ms to import. A workbook is a zip: its declared sizes, sheets, rows and cells are
bounded before and while it is read; no macro is run (openpyxl runs none).

What openpyxl reads as a blank or a plain value is told apart where a secretary would be
misled: a formula never computed (a file written by a program and never opened in Excel)
is not a blank; a date cell holding 0 or 1 (30/12/1899, 01/01/1900) or a year far from the
plan's is not a date done; a plain number in a date column is not an Excel day number; a
password-protected workbook is not a damaged one; a merged range does not silently blank
the cells it covers, and a hidden sheet read is said."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from parcheck.dates import dmy, parse_date
from parcheck.figures.model import Events, FileRead, Snapshot, Submissions, Value
from parcheck.figures.values import (
    FITS,
    NO_EVENTS,
    Bad,
    Percent,
    PlanChecks,
    early_submissions,
    percent_fraction,
    read_day,
    read_value,
    row_submissions,
    row_threshold,
)
from parcheck.figures.values import text as text_field
from parcheck.plan.convert import decimal_text
from parcheck.problems import FileProblems, Problem, Severity, count_words, kind_words

# Bounds on what a workbook may unpack to: its files' declared sizes (zipfile never reads
# past them), the number of files in it, and the rows read from a sheet.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_ROWS = 100_000
# Cells in the worksheets, and strings in the shared strings, counted in the zip before
# openpyxl parses them: it builds every cell of a row at once (a row of 12 million cells,
# in a 350 KB file, took 5.5 GB and 30 s before this count; now 0.25 s, 38 MB).
MAX_CELLS = 500_000
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_STRING = re.compile(rb"<(?:\w+:)?si[\s>/]")
# Seen in the same scan of a sheet's XML: whether it may hold a formula with no saved
# result (a formula's end, `</f>` or `<f …/>`, then no value before the cell's end: only
# then is the sheet parsed again, `_uncomputed`), and its merged ranges (openpyxl's
# read-only sheets do not give them). A merged range counts as a cell.
_UNSAVED = re.compile(  # one run of spaces at a time: no backtracking between two
    rb"(?:</(?:\w+:)?f>|<(?:\w+:)?f(?:\s[^>]{0,200})?/>)\s{0,64}"
    rb"(?:<(?:\w+:)?v\s*/>\s{0,64}|<(?:\w+:)?v>\s*</(?:\w+:)?v>\s{0,64})?</(?:\w+:)?c>"
)
_MERGE = re.compile(
    rb"<(?:\w+:)?mergeCell\s[^>]{0,40}?ref=[\"']([A-Za-z]{1,3}[0-9]{1,7}(?::[A-Za-z]{1,3}[0-9]{1,7})?)"
)
_OVERLAP = 512  # bytes kept from a chunk's end: a tag cut by it is found whole
# An encrypted (password-protected) workbook, and a legacy .xls, are not zips but OLE2
# compound files; the names of their streams are written in UTF-16.
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
# the BIFF stream of an .xls: `Workbook` (Excel 97–2003) or `Book` (Excel 5)
_LEGACY = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
# The dates a workbook's cells may hold: Excel shows 0 or 1 in a date cell as 30/12/1899 or
# 01/01/1900, and 2024 typed into one as 16/07/1905; a figure of this plan is no such day.
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
_SERIAL_EPOCH = dt.datetime(1899, 12, 30)  # Excel's day 0 as openpyxl counts it
HEADER_ROWS = 10  # the header row is one of the first rows of a sheet
# The extensions read as workbooks, and those openpyxl cannot read (a message says so).
EXCEL = frozenset({".xlsx", ".xlsm"})
NOT_READ = frozenset({".xls", ".ods", ".xlsb"})

# Header names (as `_key` makes them) → field.
VALUES = {
    "ma": "check",
    "check": "check",
    "giatri": "value",
    "value": "value",
    "ngaysolieu": "as_of",
    "asof": "as_of",
    "ghichu": "note",
    "note": "note",
    "vanban": "evidence",
    "evidence": "evidence",
}
EVENTS = {
    "ma": "check",
    "check": "check",
    "batdau": "start",
    "start": "start",
    "hoanthanh": "done",
    "done": "done",
    "vanban": "ref",
    "ref": "ref",
    "ngaysolieu": "as_of",
    "asof": "as_of",
    "ghichu": "note",
    "note": "note",
}
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _key(raw: Any) -> str:
    """A header as compared: no case, spacing, underscores or diacritics (`Ngày số liệu`,
    `ngay so lieu` and `NGAY_SO_LIEU` are one)."""
    text = unicodedata.normalize("NFD", str(raw or "")).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s_\-]+", "", text).lower()


def column_letter(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = LETTERS[rest] + out
    return out


def cell_name(sheet: str, row: int, column: int, ref: str = "") -> str:
    """`Sheet!C7` (or `Sheet!B3:B5` for a range `ref`), the sheet quoted as Excel quotes it
    when its name is not one word."""
    shown = sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{shown}!{ref or column_letter(column) + str(row)}"


def _coordinate(ref: str) -> tuple[int, int]:
    """`B7` → (row 7, column 2); (0, 0) for anything else."""
    m = re.fullmatch(r"([A-Za-z]{1,3})([0-9]{1,7})", ref)
    if m is None:
        return 0, 0
    column = 0
    for letter in m[1].upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(m[2]), column


class _Uncomputed:
    """A formula cell with no saved result: openpyxl reads it as blank."""

    def __repr__(self) -> str:
        return "<formula without a saved result>"


UNCOMPUTED = _Uncomputed()


class _DateCell(str):
    """A date cell as the readers of text take it (`YYYY-MM-DD`, with its time if it has
    one), that knows the moment it holds: whether it is a day a figure may have is told
    where the column's meaning is known."""

    moment: dt.datetime | dt.time

    def __new__(cls, text: str, moment: dt.datetime | dt.time) -> _DateCell:
        made = super().__new__(cls, text)
        made.moment = moment
        return made


class _ErrorCell(str):
    """A cell that shows an error (`#DIV/0!`, `#REF!`, `#VALUE!` …)."""


@dataclass
class _Part:
    """What the scan of one sheet's XML found."""

    unsaved: bool = False  # a formula may have no saved result
    merges: list[str] = field(default_factory=list)


@dataclass
class _Sheet:
    name: str
    header_row: int
    columns: dict[str, int]  # field → 1-based column
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    hidden: bool = False
    hidden_rows: list[int] = field(default_factory=list)  # read rows hidden from sight
    merges: list[tuple[str, int, int]] = field(default_factory=list)  # range, row, column


class _Refused(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def read_excel(name: str, data: bytes, checks: PlanChecks, suffix: str = ".xlsx") -> FileRead:
    """The snapshots of a workbook, one for each `Ngày số liệu` its rows give."""
    if suffix in NOT_READ:
        return FileRead([], [Problem(name, 0, 0, "PM050", {"ext": suffix})])
    try:
        sheets = _sheets(data)
    except _Refused as refused:
        return FileRead([], [Problem(name, 0, 0, refused.code, refused.params)])
    if not sheets:
        return FileRead([], [Problem(name, 0, 0, "PM053")])
    return _Reader(name, checks).read(sheets)


def _not_a_zip(data: bytes) -> _Refused:
    """Why a workbook that is no zip cannot be read: a password (Excel encrypts the whole
    file into an OLE2 compound file with an `EncryptionInfo` stream), an old `.xls` saved
    under the name `.xlsx`, or damage."""
    if data.startswith(_OLE2):
        if _ENCRYPTED in data:
            return _Refused("PM064")
        if any(name in data for name in _LEGACY):
            return _Refused("PM050", ext=".xls")
    return _Refused("PM051")


def _sheets(data: bytes) -> list[_Sheet]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _not_a_zip(data) from None
    members = archive.infolist()
    unpacked = sum(m.file_size for m in members)
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED:
        raise _Refused("PM052", size=unpacked // (1024 * 1024), limit=MAX_UNPACKED // (1024 * 1024))
    parts: dict[str, _Part] = {}
    for member in members:
        name = member.filename.lower()
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            parts[member.filename] = _scan(archive, member, _CELL)
        elif name.endswith("sharedstrings.xml"):
            _scan(archive, member, _STRING)
    import openpyxl  # here: only a run that reads a workbook pays for it

    with warnings.catch_warnings():
        # openpyxl warns (on stderr, with its own file and line) of what it makes of odd
        # cells, as a date serial too large to be a date: it gives `#VALUE!`, said below
        warnings.simplefilter("ignore")
        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # a damaged workbook fails in many ways inside openpyxl
            raise _Refused("PM051") from None
        try:
            found = []
            for ws in book.worksheets:
                part = parts.get(getattr(ws, "_worksheet_path", ""), _Part())
                sheet = _sheet(ws, part, archive)
                if sheet is not None:
                    found.append(sheet)
            return found
        except _Refused:
            raise
        except Exception:
            raise _Refused("PM051") from None
        finally:
            book.close()


def _scan(archive: zipfile.ZipFile, member: zipfile.ZipInfo, pattern: re.Pattern[bytes]) -> _Part:
    """How many times `pattern` occurs in `member` (refused past `MAX_CELLS`), whether it
    holds a formula, and its merged ranges; read a megabyte at a time, a match cut by a
    chunk's end found whole in the overlap kept (and counted once: only matches that end
    past the overlap are new)."""
    found, tail, part = 0, b"", _Part()
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(1 << 20):
                data = tail + chunk
                found += len(pattern.findall(data)) - len(pattern.findall(tail))
                if pattern is _CELL:
                    if not part.unsaved and (b"<f" in data or b":f" in data):  # a formula?
                        part.unsaved = _UNSAVED.search(data) is not None
                    if b"mergeCell" in data:
                        for m in _MERGE.finditer(data):
                            if m.end() > len(tail):
                                part.merges.append(m[1].decode("ascii").upper())
                                found += 1
                if found > MAX_CELLS:
                    raise _Refused("PM059", limit=count_words(MAX_CELLS))
                tail = data[-_OVERLAP:]
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        raise _Refused("PM051") from None
    return part


def _sheet(ws: Any, part: _Part, archive: zipfile.ZipFile) -> _Sheet | None:
    """The sheet's rows, if one of its first rows is a values or an events header."""
    if not hasattr(ws, "iter_rows"):  # a chart sheet
        return None
    ws.reset_dimensions()  # a workbook's own dimensions are not trusted (A1:XFD1048576)
    found = None
    for number, row in enumerate(ws.iter_rows(max_row=HEADER_ROWS, values_only=True), start=1):
        keys = [_key(v) for v in row[:100]]
        for names, needed in ((EVENTS, {"check", "start"}), (VALUES, {"check", "value", "as_of"})):
            columns: dict[str, int] = {}
            for i, k in enumerate(keys, start=1):
                if k in names and names[k] not in columns:
                    columns[names[k]] = i
            if needed <= columns.keys() and (names is VALUES or "value" not in keys):
                found = _Sheet(ws.title, number, columns)
                break
        if found:
            break
    if found is None:
        return None
    found.hidden = getattr(ws, "sheet_state", "visible") != "visible"
    width = max(found.columns.values())
    for number, row, hidden in _rows(ws, found.header_row + 1, width):
        cells = {f: _cell(row[c - 1]) for f, c in found.columns.items() if c - 1 < len(row)}
        if any(v is not None for v in cells.values()):
            found.rows.append((number, cells))
            if hidden:
                found.hidden_rows.append(number)
    if part.unsaved:
        _mark_uncomputed(found, _uncomputed(archive, ws._worksheet_path))
    found.merges = _merges(found, part.merges)
    return found


def _rows(ws: Any, first: int, width: int) -> Iterator[tuple[int, tuple[Any, ...], bool]]:
    """The rows of `ws` from `first` on that hold a value (the cells of its `width` first
    columns, and whether the row is hidden); a blank row is not counted, nor the rows
    between (a stray cell at row 1,048,576 makes no million rows). Past `MAX_ROWS` such
    rows, the sheet is refused (PM054), naming the last cell that holds a value."""
    from openpyxl.worksheet._reader import WorkSheetParser

    count, refused = 0, False
    last = (0, 0)
    with ws._get_source() as source:
        parser = WorkSheetParser(
            source,
            ws._shared_strings,
            data_only=ws.parent.data_only,
            epoch=ws.parent.epoch,
            date_formats=ws.parent._date_formats,
            timedelta_formats=ws.parent._timedelta_formats,
        )
        for number, cells in parser.parse():
            filled = [c["column"] for c in cells if c["value"] is not None]
            if number < first or not filled:
                continue
            count += 1
            last = max(last, (number, max(filled)))
            if count > MAX_ROWS:
                refused = True  # counted to the end: the cells are bounded (`MAX_CELLS`)
            if not refused:
                hidden = parser.row_dimensions.get(str(number), {}).get("hidden")
                row = ws._get_row(cells, 1, width)
                yield number, row, hidden in ("1", "true")
    if refused:
        params = {"sheet": ws.title, "found": count_words(count), "limit": count_words(MAX_ROWS)}
        raise _Refused("PM054", last=cell_name(ws.title, *last), **params)


def _uncomputed(archive: zipfile.ZipFile, member: str) -> set[tuple[int, int]]:
    """The cells (row, column) of `member` holding a formula with no saved result: a `<f>`
    without a `<v>` value, other than a formula whose result is the empty text (`t="str"`,
    as Excel and LibreOffice save `=IF(A2="";"";…)`). openpyxl's reader does not tell these
    from blank cells, so the sheet is parsed again (only a sheet `_scan` found one in)."""
    from xml.etree.ElementTree import iterparse

    found: set[tuple[int, int]] = set()
    row, column = 0, 0  # of the last cell, when a cell does not say where it is (no `r`)
    with archive.open(member) as stream:
        for event, element in iterparse(stream, events=("start", "end")):
            tag = element.tag.rpartition("}")[2]
            if event == "start":
                if tag == "row":
                    row, column = int(element.get("r") or row + 1), 0
                continue
            if tag == "c":
                at = _coordinate(element.get("r") or "")
                row, column = at if at[0] else (row, column + 1)
                formula, saved = False, False
                for child in element:
                    name = child.tag.rpartition("}")[2]
                    formula = formula or name == "f"
                    saved = saved or (name == "v" and bool(child.text))
                if formula and not saved and element.get("t") != "str":
                    found.add((row, column))
                element.clear()
            elif tag == "row":
                element.clear()
    return found


def _mark_uncomputed(sheet: _Sheet, cells: set[tuple[int, int]]) -> None:
    """The formulas without a saved result among the sheet's read cells: UNCOMPUTED, not
    blank."""
    fields = {column: name for name, column in sheet.columns.items()}
    rows = dict(sheet.rows)
    for row, column in cells:
        if row > sheet.header_row and column in fields:
            rows.setdefault(row, dict.fromkeys(sheet.columns))[fields[column]] = UNCOMPUTED
    sheet.rows = sorted(rows.items())


def _merges(sheet: _Sheet, ranges: list[str]) -> list[tuple[str, int, int]]:
    """The merged ranges that cover a read cell below the header other than their first
    (top-left) cell: that cell reads as blank, whatever the range shows. (Worked out from
    the corners: a range may span a million rows.)"""
    out = []
    for ref in ranges:
        first, _, last = ref.partition(":")
        (top, left), (bottom, right) = _coordinate(first), _coordinate(last or first)
        if not top or not bottom:
            continue
        read = [c for c in sheet.columns.values() if left <= c <= right]
        below = max(top, sheet.header_row + 1)  # the first row of the range below the header
        if not read or below > bottom:
            continue
        if below == top == bottom and read == [left]:
            continue  # the range's one read cell is its first: it holds the value
        out.append((ref, top, left))
    return out


def _cell(cell: Any) -> Any:
    """A cell as the readers of text take it: None when blank, a number (a percent-formatted
    one as its percentage), `YYYY-MM-DD` for a date, `YYYY-MM-DD HH:MM:SS` for a moment
    (both a `_DateCell`), an `_ErrorCell` for an error shown."""
    value = getattr(cell, "value", None)
    if value is None:
        return None
    if getattr(cell, "data_type", "") == "e":
        return _ErrorCell(str(value))
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if "%" in str(getattr(cell, "number_format", "") or ""):
            return Percent(Decimal(repr(value)) * 100)  # 0.07 is 7, not 7.000000000000001
        return value
    if isinstance(value, dt.datetime):
        if value.time() == dt.time.min:
            return _DateCell(value.date().isoformat(), value)
        return _DateCell(value.strftime("%Y-%m-%d %H:%M:%S"), value)
    if isinstance(value, dt.date):
        return _DateCell(value.isoformat(), dt.datetime.combine(value, dt.time.min))
    if isinstance(value, dt.time):  # a number below 1 in a date cell: a time of day 0
        return _DateCell(str(value), value)
    if isinstance(value, dt.timedelta):
        return str(value)
    text = str(value).strip()
    return unicodedata.normalize("NFC", text) or None


def _serial(moment: dt.datetime | dt.time) -> str:
    """The number a date cell holds, as Excel counts it (its day 60 is 29/02/1900, a day
    that never was: openpyxl gives the days before it one day later)."""
    if isinstance(moment, dt.time):
        seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
        return decimal_text(round(seconds / 86400, 6))
    delta = moment - _SERIAL_EPOCH
    days = delta.days - 1 if delta.days <= 60 else delta.days
    return decimal_text(round(days + delta.seconds / 86400, 6))


def _shown_moment(moment: dt.datetime | dt.time) -> str:
    if isinstance(moment, dt.time):
        moment = dt.datetime.combine(_SERIAL_EPOCH.date(), moment)
    if moment.time() == dt.time.min:
        return dmy(moment.date())
    return f"{dmy(moment.date())} {moment:%H:%M}"


def _date_problem(raw: Any) -> tuple[str, dict[str, Any]] | None:
    """What is wrong with `raw` in a date column, before it is read as a date: a number
    (never read as Excel's day number), a date cell holding 0 or 1 (30/12/1899,
    01/01/1900) or a time alone, a day outside `FIRST_DAY`–`LAST_DAY`; None when nothing."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return "PM063", {"value": decimal_text(raw)}
    if isinstance(raw, _DateCell):
        moment = raw.moment
        if isinstance(moment, dt.time) or moment < dt.datetime(1900, 3, 1):
            return "PM061", {"day": _shown_moment(moment), "serial": _serial(moment)}
        day = moment.date()
    elif isinstance(raw, str):
        parts = [p for p in re.split(r"[;\s]+", raw) if p]
        days = []
        for part in parts:
            with contextlib.suppress(ValueError):
                days.append(parse_date(part))
        odd = [d for d in days if not FIRST_DAY <= d <= LAST_DAY]
        if not odd:
            return None
        day = odd[0]
    else:
        return None
    if FIRST_DAY <= day <= LAST_DAY:
        return None
    return "PM062", {"day": dmy(day), "first": dmy(FIRST_DAY), "last": dmy(LAST_DAY)}


def _no_events(raw: Any) -> bool:
    """An event check's value cell saying "no events so far": 0 or `không có` (the words of
    `values.NO_EVENTS`, which CSV reads too; a header's `_key` compares them)."""
    if isinstance(raw, bool):
        return False
    if isinstance(raw, int | float):
        return raw == 0
    return isinstance(raw, str) and not isinstance(raw, _DateCell) and _key(raw) in NO_EVENTS


class _Reader:
    def __init__(self, name: str, checks: PlanChecks) -> None:
        self.name = name
        self.checks = checks
        self.problems = FileProblems(name, "PM017")
        self.by_day: dict[dt.date, dict[str, Value]] = {}
        self.first: dict[tuple[dt.date, str], tuple[str, int, int]] = {}
        self.more_days: dict[tuple[dt.date, str], set[dt.date]] = {}

    def problem(
        self,
        sheet: _Sheet,
        row: int,
        fld: str,
        code: str,
        params: Any,
        severity: Severity = Severity.ERROR,
    ) -> None:
        column = sheet.columns.get(fld, 1)
        cell = cell_name(sheet.name, row, column)
        self.problems.add(Problem(self.name, row, column, code, params, severity, cell))

    def read(self, sheets: list[_Sheet]) -> FileRead:
        for sheet in sheets:
            if sheet.hidden:
                params = {"sheet": sheet.name}
                self.problem(sheet, sheet.header_row, "", "PM065", params, Severity.WARNING)
            if sheet.hidden_rows and not sheet.hidden:
                hidden = sheet.hidden_rows
                rows = ", ".join(map(str, hidden[:10])) + (", …" if len(hidden) > 10 else "")
                params = {"sheet": sheet.name, "rows": rows}
                self.problem(sheet, hidden[0], "", "PM079", params, Severity.WARNING)
            for ref, row, column in sheet.merges:
                where = cell_name(sheet.name, row, column, ref)
                self.problems.add(
                    Problem(self.name, row, column, "PM066", {"range": ref}, cell=where)
                )
        events = [s for s in sheets if "start" in s.columns]
        values = [s for s in sheets if "start" not in s.columns]
        days: set[dt.date] = set()  # the days of the values sheet: an event row's default
        for sheet in values:
            for _, cells in sheet.rows:
                with contextlib.suppress(Bad):  # reported with the row's value, if any
                    days.add(read_day(cells.get("as_of")))
        for sheet in values:
            for row, cells in sheet.rows:
                self.value_row(sheet, row, cells)
        for sheet in events:
            self.event_rows(sheet, days)
        for (day, key), done in self.more_days.items():
            before = self.by_day[day][key]
            self.by_day[day][key] = Submissions(tuple(sorted(done)), before.note)
        first, fact = self.first, self.checks.fact

        def place(day: dt.date, ident: str) -> tuple[int, int]:
            _, row, column = first.get((day, fact(ident)), ("", 0, 0))
            return row, column

        def cell(day: dt.date, ident: str) -> str:
            return first.get((day, fact(ident)), ("", 0, 0))[0]

        # the values read well go with the problems, so that a conflict between two of them
        # (with another file) is reported too; a workbook with a problem is used for nothing
        snaps = [Snapshot(self.name, d, v) for d, v in sorted(self.by_day.items())]
        return FileRead(snaps, _in_order(self.problems.problems(), sheets), place, cell)

    def unreadable(self, sheet: _Sheet, row: int, cells: dict[str, Any]) -> bool:
        """Said at their cells: formulas without a saved result and cells showing an error
        (the row is not read further)."""
        bad = False
        for fld, raw in cells.items():
            if raw is UNCOMPUTED:
                self.problem(sheet, row, fld, "PM060", {})
                bad = True
            elif isinstance(raw, _ErrorCell):
                self.problem(sheet, row, fld, "PM069", {"value": str(raw)})
                bad = True
        return bad

    def dates_fit(self, sheet: _Sheet, row: int, cells: dict[str, Any], fields: list[str]) -> bool:
        """The date cells among `fields` hold days a figure may have (`_date_problem`)."""
        fit = True
        for fld in fields:
            wrong = _date_problem(cells.get(fld))
            if wrong is not None:
                self.problem(sheet, row, fld, *wrong)
                fit = False
        return fit

    def _ident(self, sheet: _Sheet, row: int, cells: dict[str, Any]) -> str | None:
        ident = self.checks.canonical(str(cells.get("check") or "").strip())  # `i.1` is I.1
        if not ident:
            self.problem(sheet, row, "check", "PM007", {"field": "check"})
            return None
        if ident not in self.checks.kinds:
            self.problem(sheet, row, "check", "PM001", self.checks.unknown(ident))
            return None
        return ident

    def _day(self, sheet: _Sheet, row: int, raw: Any) -> dt.date | None:
        if raw is None:
            self.problem(sheet, row, "as_of", "PM055", {})
            return None
        wrong = _date_problem(raw)
        if wrong is not None:
            self.problem(sheet, row, "as_of", *wrong)
            return None
        try:
            return read_day(raw)
        except Bad as bad:
            self.problem(sheet, row, "as_of", bad.code, bad.params)
            return None

    def value_row(self, sheet: _Sheet, row: int, cells: dict[str, Any]) -> None:
        if self.unreadable(sheet, row, cells):
            return
        raw, evidence, note = cells.get("value"), cells.get("evidence"), cells.get("note")
        if raw is None and evidence is None:
            return  # the template's row left blank (its id and date filled in): not reported
        ident = self._ident(sheet, row, cells)
        if ident is None:
            return
        kind, unit = self.checks.kinds[ident]
        day = self._day(sheet, row, cells.get("as_of"))
        if day is None:
            return
        if kind in ("deliverable", "recurring") and not self.dates_fit(
            sheet, row, cells, ["value"]
        ):
            return
        if kind == "threshold" and isinstance(raw, _DateCell):
            params = {"id": ident, "day": _shown_moment(raw.moment)}
            self.problem(sheet, row, "value", "PM068", params)
            return
        try:
            note_text = text_field(note, ("note",)) or ""  # a problem in it: at its cell
            evidence_text = text_field(evidence, ("evidence",)) or ""
            if kind == "event" and _no_events(raw):
                value: Value | None = Events((), note_text or None)
            else:
                value = _value(ident, kind, unit, raw, evidence_text, note_text, day)
        except Bad as bad:
            last = bad.where[-1] if bad.where else "value"
            fld = last if last in ("note", "evidence") and last in sheet.columns else "value"
            self.problem(sheet, row, fld, bad.code, bad.params_for(ident, kind))
            return
        if value is None:
            return
        if (fraction := percent_fraction(unit, raw, value)) is not None:  # 0.724 for 72.4 %?
            self.problem(sheet, row, "value", "PM071", fraction.params, Severity.WARNING)
        if (early := early_submissions(ident, value, self.checks.begins[ident])) is not None:
            self.problem(sheet, row, "value", early.code, early.params, Severity.WARNING)
        self.keep(sheet, row, ident, day, value)

    def keep(self, sheet: _Sheet, row: int, ident: str, day: dt.date, value: Value) -> None:
        values = self.by_day.setdefault(day, {})
        fact = self.checks.fact(ident)
        if (day, fact) in self.first:
            key = next(k for k in values if self.checks.fact(k) == fact)
            before = values[key]
            if isinstance(value, Submissions) and isinstance(before, Submissions):
                # a row per submission: gathered here, sorted once (`read`); sorting at
                # every row took 48 of a 2,000-row sheet's 110 ms
                self.more_days.setdefault((day, key), set(before.done)).update(value.done)
                if before.note is None and value.note is not None:
                    values[key] = Submissions(before.done, value.note)
                return
            first = self.first[day, fact][0]
            params = {"id": ident, "day": dmy(day), "first": first}
            if isinstance(value, Events) and isinstance(before, Events) and not before.events:
                self.problem(sheet, row, "check", "PM067", params)  # "không có", then events
            elif key != ident:  # one shared check written under both its ids
                self.problem(sheet, row, "check", "PM046", {**params, "other": key})
            else:
                self.problem(sheet, row, "check", "PM056", params)
            return
        column = sheet.columns["value"] if "value" in sheet.columns else sheet.columns["start"]
        self.first[day, fact] = (cell_name(sheet.name, row, column), row, column)
        values[ident] = value

    def event_rows(self, sheet: _Sheet, days: set[dt.date]) -> None:
        groups: dict[tuple[dt.date, str], list[tuple[int, dict[str, Any]]]] = {}
        for row, cells in sheet.rows:
            if self.unreadable(sheet, row, cells):
                continue
            if all(cells.get(f) is None for f in ("start", "done", "ref", "note")):
                continue  # the template's row left blank
            ident = self._ident(sheet, row, cells)
            if ident is None:
                continue
            kind = self.checks.kinds[ident][0]
            if kind != "event":
                params = {"id": ident, **kind_words(kind)}
                self.problem(sheet, row, "check", "PM057", params)
                continue
            if not self.dates_fit(sheet, row, cells, ["start", "done"]):
                continue
            raw_day = cells.get("as_of")
            if raw_day is None and len(days) == 1:
                raw_day = next(iter(days)).isoformat()  # the day of the values sheet
            day = self._day(sheet, row, raw_day)
            if day is None:
                continue
            groups.setdefault((day, ident), []).append((row, cells))
        for (day, ident), rows in groups.items():
            items = [
                {k: c.get(k) for k in ("start", "done", "ref") if c.get(k) is not None}
                for _, c in rows
            ]
            notes = "; ".join(str(c["note"]) for _, c in rows if c.get("note") is not None)
            raw = {"events": items, "note": notes or None}
            early: list[Bad] = []  # events before the check begins to count (PM074)
            try:
                begins = self.checks.begins[ident]
                value = read_value(
                    "event", "", raw, (), ident=ident, as_of=day, begins=begins, warnings=early
                )
            except Bad as bad:
                for each in bad.every():  # every bad event row
                    self.event_problem(sheet, rows, ident, each)
                continue
            for warning in early:
                at = rows[warning.where[1]][0]
                self.problem(sheet, at, "start", warning.code, warning.params, Severity.WARNING)
            if isinstance(value, Events):
                self.keep(sheet, rows[0][0], ident, day, value)

    def event_problem(
        self, sheet: _Sheet, rows: list[tuple[int, dict[str, Any]]], ident: str, bad: Bad
    ) -> None:
        """`bad`, found in the events of `rows`, at its row's cell; an event written twice
        names the cell of the first and the column «Văn bản» (PM076), not a list's item."""
        where = bad.where
        index = where[1] if len(where) > 1 and isinstance(where[1], int) else 0
        fld = str(where[2]) if len(where) > 2 else "start"
        row = rows[min(index, len(rows) - 1)][0]
        fld = fld if fld in sheet.columns else "check"
        if bad.code == "PM033":
            first_row = rows[min(bad.params["first"] - 1, len(rows) - 1)][0]
            first = cell_name(sheet.name, first_row, sheet.columns["start"])
            self.problem(sheet, row, fld, "PM076", {"start": bad.params["start"], "first": first})
            return
        self.problem(sheet, row, fld, bad.code, bad.params_for(ident, "event"))


def _in_order(problems: list[Problem], sheets: list[_Sheet]) -> list[Problem]:
    """The problems in the workbook's order: by sheet, row and column (a sheet's values are
    read before its events, and events a check at a time); the count of those not listed
    (PM017, no cell) stays last."""
    order = {cell_name(s.name, 1, 1).rpartition("!")[0]: i for i, s in enumerate(sheets)}

    def key(p: Problem) -> tuple[int, int, int]:
        if not p.cell:
            return len(order), 0, 0
        return order.get(p.cell.rpartition("!")[0], len(order)), p.line, p.column

    return sorted(problems, key=key)


def _value(
    ident: str, kind: str, unit: str, raw: Any, evidence: str, note: str, day: dt.date
) -> Value | None:
    """A value as the CSV reader makes it: a number or ratio (threshold), the day done with
    its evidence (deliverable), or submission days separated by `;` (recurring)."""
    if kind == "threshold":
        return row_threshold(unit, raw, note, ident)
    if kind == "deliverable":
        raw_done = {"done": raw, "evidence": evidence, "note": note or None}
        return read_value(kind, unit, raw_done, (), ident=ident, as_of=day)
    if kind == "recurring":
        return row_submissions(raw, note, day)
    raise Bad("PM058", id=ident, kind=kind, fits=FITS[kind])
