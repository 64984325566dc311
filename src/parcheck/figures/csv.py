"""Metrics snapshots written as CSV: `check,value,as_of,note`, a row a value."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from functools import partial

from parcheck.dates import dmy
from parcheck.figures.model import FileRead, Number, Snapshot, Submissions, Value
from parcheck.figures.values import FITS, Bad, PlanChecks, read_day, read_value
from parcheck.figures.values import text as text_field
from parcheck.plan import yamldoc
from parcheck.problems import FileProblems, Later, Problem, Severity


def read_csv(name: str, data: bytes, checks: PlanChecks) -> FileRead:
    """The snapshots of a CSV file, one for each `as_of` its rows give. A check is on one
    row a day (a second row is an error naming the first), except a recurring duty's
    submissions, which may take a row each. A row with an empty value is not reported."""
    try:
        text = yamldoc.decode(data, name)
    except yamldoc.YamlProblems as exc:
        return FileRead([], exc.problems)
    try:
        rows = _rows(unicodedata.normalize("NFC", text))
    except _Unreadable as bad:
        return FileRead([], [Problem(name, bad.line, 0, bad.code, bad.params)])
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    if header[:3] != ["check", "value", "as_of"]:
        return FileRead([], [Problem(name, 1, 0, "PM009", {"found": ",".join(header) or "∅"})])
    problems = FileProblems(name, "PM017")
    by_day: dict[dt.date, dict[str, Value]] = {}
    first_row: dict[tuple[dt.date, str], int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [*row, "", "", "", ""][:4]
        ident, raw, day_raw, note = (cell.strip() for cell in cells)
        if ident not in checks.kinds:  # the hint worked out only if the problem is reported
            problems.add(Later(Severity.ERROR, partial(_unknown, name, number, ident, checks)))
            continue
        kind, unit = checks.kinds[ident]
        try:
            note = text_field(note) or ""
            day = read_day(day_raw)
            value = _value(ident, kind, unit, raw, note, day)
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


def _value(ident: str, kind: str, unit: str, raw: str, note: str, day: dt.date) -> Value | None:
    """The value of a row: a number or ratio (threshold), the day done with the note as its
    evidence (deliverable), or submission days separated by `;` (recurring)."""
    if kind == "threshold":
        if "/" in raw and not raw.endswith("%"):
            num, _, den = raw.partition("/")
            parsed = read_value(kind, unit, {"numerator": num, "denominator": den}, (), ident=ident)
        else:
            parsed = read_value(kind, unit, raw, (), ident=ident)
        if parsed is None:
            return None
        assert isinstance(parsed, Number)
        return Number(parsed.value, note or None)
    if kind == "deliverable":
        return read_value(kind, unit, {"done": raw, "evidence": note}, (), ident=ident, as_of=day)
    if kind == "recurring":
        days = [d for d in re.split(r"[;\s]+", raw) if d]
        return read_value(kind, unit, {"done": days, "note": note or None}, (), as_of=day)
    raise Bad("PM002", id=ident, kind=kind, fits=FITS[kind] + " (YAML)")


def _unknown(name: str, row: int, ident: str, checks: PlanChecks) -> Problem:
    return Problem(name, row, 0, "PM001", checks.unknown(ident))


class _Unreadable(Exception):
    def __init__(self, line: int, code: str, **params: object) -> None:
        super().__init__(code)
        self.line = line
        self.code = code
        self.params = params


def _rows(text: str) -> list[list[str]]:
    """The rows of `text`; a row csv cannot read is `_Unreadable` at its number (a cell longer
    than csv's limit of 131,072 characters is often a quote left open). Lines may end in
    CR LF, LF or a bare CR (old Mac files), which csv alone refuses."""
    reader = csv.reader(io.StringIO(text, newline=None))
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
