"""Metrics snapshots written as CSV: `check,value,as_of,note`, a row a value."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from functools import partial

from parcheck.figures.model import Done, Number, Snapshot, Submissions, Value
from parcheck.figures.values import FITS, Bad, PlanChecks, read_day, read_value
from parcheck.figures.values import text as text_field
from parcheck.plan import yamldoc
from parcheck.problems import FileProblems, Later, Problem, Severity


def read_csv(name: str, data: bytes, checks: PlanChecks) -> tuple[list[Snapshot], list[Problem]]:
    try:
        text = yamldoc.decode(data, name)
    except yamldoc.YamlProblems as exc:
        return [], exc.problems
    try:
        rows = _rows(unicodedata.normalize("NFC", text))
    except _Unreadable as bad:
        return [], [Problem(name, bad.line, 0, bad.code, bad.params)]
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    if header[:3] != ["check", "value", "as_of"]:
        return [], [Problem(name, 1, 0, "PM009", {"found": ",".join(header) or "∅"})]
    problems = FileProblems(name, "PM017")
    by_day: dict[dt.date, dict[str, Value]] = {}
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
            value: Value
            if kind == "threshold":
                if "/" in raw and not raw.endswith("%"):
                    num, _, den = raw.partition("/")
                    parsed = read_value(kind, unit, {"numerator": num, "denominator": den}, ())
                else:
                    parsed = read_value(kind, unit, raw, ())
                assert isinstance(parsed, Number)
                value = Number(parsed.value, note or None)
            elif kind == "deliverable":
                value = Done(read_day(raw) if raw else None, note or None)
            elif kind == "recurring":
                days = tuple(sorted(read_day(d) for d in re.split(r"[;\s]+", raw) if d))
                value = Submissions(days, note or None)
            else:
                raise Bad("PM002", id=ident, kind=kind, fits=FITS[kind] + " (YAML)")
        except Bad as bad:
            problems.add(Problem(name, number, 0, bad.code, bad.params_for(ident, kind)))
            continue
        by_day.setdefault(day, {})[ident] = value
    if problems:
        return [], problems.problems()
    return [Snapshot(name, day, values) for day, values in sorted(by_day.items())], []


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
