"""Metrics snapshots in an Excel workbook (`.xlsx`, `.xlsm` read as data): a values sheet
and an events sheet, each known by its header row, read as real cells (numbers, dates, a
percent-formatted 0.115 is 11.5) into the same values as the YAML and CSV readers build.

openpyxl is imported here, and this module only when an Excel file is read: it costs about
60 ms to import. A workbook is a zip: its declared sizes, sheets, rows and cells are
bounded before and while it is read; no macro is run (openpyxl runs none)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from parcheck.dates import dmy
from parcheck.figures.model import Events, FileRead, Snapshot, Submissions, Value
from parcheck.figures.values import FITS, Bad, PlanChecks, read_day, read_value, row_threshold
from parcheck.figures.values import text as text_field
from parcheck.problems import FileProblems, Problem

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
KIND_WORDS = {"threshold": "chỉ tiêu số", "deliverable": "sản phẩm", "recurring": "định kỳ"}


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


def cell_name(sheet: str, row: int, column: int) -> str:
    """`Sheet!C7`, the sheet quoted as Excel quotes it when its name is not one word."""
    shown = sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{shown}!{column_letter(column)}{row}"


@dataclass
class _Sheet:
    name: str
    header_row: int
    columns: dict[str, int]  # field → 1-based column
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


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


def _sheets(data: bytes) -> list[_Sheet]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _Refused("PM051") from None
    members = archive.infolist()
    unpacked = sum(m.file_size for m in members)
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED:
        raise _Refused("PM052", size=unpacked // (1024 * 1024), limit=MAX_UNPACKED // (1024 * 1024))
    for member in members:
        name = member.filename.lower()
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            pattern = _CELL
        elif name.endswith("sharedstrings.xml"):
            pattern = _STRING
        else:
            continue
        if _count(archive, member, pattern) > MAX_CELLS:
            raise _Refused("PM059", limit=MAX_CELLS)
    import openpyxl  # here: only a run that reads a workbook pays for it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged workbook fails in many ways inside openpyxl
        raise _Refused("PM051") from None
    try:
        return [s for ws in book.worksheets if (s := _sheet(ws)) is not None]
    except _Refused:
        raise
    except Exception:
        raise _Refused("PM051") from None
    finally:
        book.close()


def _count(archive: zipfile.ZipFile, member: zipfile.ZipInfo, pattern: re.Pattern[bytes]) -> int:
    """How many times `pattern` occurs in `member`, read a megabyte at a time (a match cut
    by a chunk's end is found in the overlap kept), stopping past `MAX_CELLS`."""
    found, tail = 0, b""
    try:
        with archive.open(member) as stream:
            while found <= MAX_CELLS and (chunk := stream.read(1 << 20)):
                data = tail + chunk  # the tail's own matches were counted before
                found += len(pattern.findall(data)) - len(pattern.findall(tail))
                tail = data[-16:]
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        raise _Refused("PM051") from None
    return found


def _sheet(ws: Any) -> _Sheet | None:
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
    width = max(found.columns.values())
    rows = ws.iter_rows(min_row=found.header_row + 1, max_col=width)
    for number, row in enumerate(rows, start=found.header_row + 1):
        if number > MAX_ROWS:
            raise _Refused("PM054", sheet=ws.title, limit=MAX_ROWS)
        cells = {f: _cell(row[c - 1]) for f, c in found.columns.items() if c - 1 < len(row)}
        if any(v is not None for v in cells.values()):
            found.rows.append((number, cells))
    return found


def _cell(cell: Any) -> Any:
    """A cell as the readers of text take it: None when blank, a number (a percent-formatted
    one as its percentage), `YYYY-MM-DD` for a date, `YYYY-MM-DD HH:MM:SS` for a moment."""
    value = getattr(cell, "value", None)
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if "%" in str(getattr(cell, "number_format", "") or ""):
            return float(Decimal(repr(value)) * 100)  # 0.07 is 7, not 7.000000000000001
        return value
    if isinstance(value, dt.datetime):
        if value.time() == dt.time.min:
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    text = str(value).strip()
    return unicodedata.normalize("NFC", text) or None


class _Reader:
    def __init__(self, name: str, checks: PlanChecks) -> None:
        self.name = name
        self.checks = checks
        self.problems = FileProblems(name, "PM017")
        self.by_day: dict[dt.date, dict[str, Value]] = {}
        self.first: dict[tuple[dt.date, str], tuple[str, int, int]] = {}

    def problem(self, sheet: _Sheet, row: int, fld: str, code: str, params: Any) -> None:
        column = sheet.columns.get(fld, 1)
        cell = cell_name(sheet.name, row, column)
        self.problems.add(Problem(self.name, row, column, code, params, cell=cell))

    def read(self, sheets: list[_Sheet]) -> FileRead:
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
        if self.problems:
            return FileRead([], self.problems.problems())

        def place(day: dt.date, ident: str) -> tuple[int, int]:
            _, row, column = self.first.get((day, ident), ("", 0, 0))
            return row, column

        def cell(day: dt.date, ident: str) -> str:
            return self.first.get((day, ident), ("", 0, 0))[0]

        snaps = [Snapshot(self.name, d, v) for d, v in sorted(self.by_day.items())]
        return FileRead(snaps, [], place, cell)

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
        try:
            return read_day(raw)
        except Bad as bad:
            self.problem(sheet, row, "as_of", bad.code, bad.params)
            return None

    def value_row(self, sheet: _Sheet, row: int, cells: dict[str, Any]) -> None:
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
        try:
            note_text = text_field(note) or ""
            evidence_text = text_field(evidence) or ""
            value = _value(ident, kind, unit, raw, evidence_text, note_text, day)
        except Bad as bad:
            fld = "value" if not bad.where or bad.where[-1] != "note" else "note"
            self.problem(sheet, row, fld, bad.code, bad.params_for(ident, kind))
            return
        if value is None:
            return
        self.keep(sheet, row, ident, day, value)

    def keep(self, sheet: _Sheet, row: int, ident: str, day: dt.date, value: Value) -> None:
        values = self.by_day.setdefault(day, {})
        fact = self.checks.fact(ident)
        if (day, fact) in self.first:
            key = next(k for k in values if self.checks.fact(k) == fact)
            before = values[key]
            if isinstance(value, Submissions) and isinstance(before, Submissions):
                done = tuple(sorted({*before.done, *value.done}))
                values[key] = Submissions(done, before.note or value.note)
                return
            first = self.first[day, fact][0]
            params = {"id": ident, "day": dmy(day), "first": first}
            self.problem(sheet, row, "check", "PM056", params)
            return
        column = sheet.columns["value"] if "value" in sheet.columns else sheet.columns["start"]
        self.first[day, fact] = (cell_name(sheet.name, row, column), row, column)
        values[ident] = value

    def event_rows(self, sheet: _Sheet, days: set[dt.date]) -> None:
        groups: dict[tuple[dt.date, str], list[tuple[int, dict[str, Any]]]] = {}
        for row, cells in sheet.rows:
            if all(cells.get(f) is None for f in ("start", "done", "ref", "note")):
                continue  # the template's row left blank
            ident = self._ident(sheet, row, cells)
            if ident is None:
                continue
            kind = self.checks.kinds[ident][0]
            if kind != "event":
                params = {"id": ident, "kind": kind, "kind_vi": KIND_WORDS.get(kind, kind)}
                self.problem(sheet, row, "check", "PM057", params)
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
            try:
                value = read_value("event", "", raw, (), ident=ident, as_of=day)
            except Bad as bad:
                where = bad.where
                index = where[1] if len(where) > 1 and isinstance(where[1], int) else 0
                fld = str(where[2]) if len(where) > 2 else "start"
                row = rows[min(index, len(rows) - 1)][0]
                fld = fld if fld in sheet.columns else "check"
                self.problem(sheet, row, fld, bad.code, bad.params_for(ident, "event"))
                continue
            if isinstance(value, Events):
                self.keep(sheet, rows[0][0], ident, day, value)


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
        if raw is None:
            return None
        parts = re.split(r"[;\s]+", raw) if isinstance(raw, str) else [raw]
        days = [d for d in parts if d]
        return read_value(kind, unit, {"done": days, "note": note or None}, (), as_of=day)
    raise Bad("PM058", id=ident, kind=kind, fits=FITS[kind])
