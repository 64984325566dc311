"""Reading metrics files and folders: each file by the reader of its format, checked
against the plan, then the files of one day merged into one snapshot. Every problem is
collected with its position; nothing is applied from a file that has one."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from parcheck.dates import dmy
from parcheck.errors import os_reasons
from parcheck.figures.model import (
    Done,
    Events,
    FileRead,
    MetricsRead,
    Snapshot,
    Value,
    accumulate,
    joined_notes,
)
from parcheck.figures.values import PlanChecks, shown_value
from parcheck.figures.yaml import read_yaml
from parcheck.problems import CAPPED, FileProblems, Later, Problem, Severity, Words, has_errors
from parcheck.safety.files import METRICS_LIMIT, Unreadable, files_in, read_input, shown

if TYPE_CHECKING:
    from parcheck.plan.model import Plan

# The formats read; a file of another extension in a folder is not a metrics file. A
# workbook openpyxl cannot read (.xls, .ods) is taken too, to say how to save it as .xlsx.
WORKBOOKS = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"})
EXTENSIONS = frozenset({".yaml", ".yml", ".csv"}) | WORKBOOKS


def _files(paths: Iterable[Path], problems: list[Problem]) -> Iterator[Path]:
    """The metrics files of `paths`, each once: a file given by name and found in a folder
    given too (`--metrics metrics/ --metrics metrics/a.yaml`), a folder given twice, or two
    names of one file (a link) are one file, read once under its first name."""
    seen: set[object] = set()

    def first_time(path: Path) -> bool:
        try:
            st = os.stat(path)
            key: object = (st.st_dev, st.st_ino)
        except OSError:
            key = os.path.abspath(path)
        if key in seen:
            return False
        seen.add(key)
        return True

    for path in paths:
        if not first_time(path):
            continue
        try:
            folder = stat.S_ISDIR(os.stat(path).st_mode)
        except FileNotFoundError:
            problems.append(Problem(shown(path), 0, 0, "PC001"))
            continue
        except OSError as exc:  # a loop of links, a name too long, a folder on the way shut
            problems.append(Problem(shown(path), 0, 0, "PC002", os_reasons(exc)))
            continue
        if folder:
            found, passed = files_in(path, EXTENSIONS)
            for skip in passed:
                severity = Severity.ERROR if skip.error else Severity.WARNING
                problems.append(Problem(shown(skip.path), 0, 0, skip.code, skip.params, severity))
            if not found:  # no figures yet: the contract makes this a warning
                name = shown(path)
                problems.append(Problem(name, 0, 0, "PM011", {"path": name}, Severity.WARNING))
            yield from (file for file in found if first_time(file))
        else:
            yield path  # given by name: read whatever its extension, if it is a regular file


def read_metrics(paths: Iterable[Path], plan: Plan, as_of: dt.date | None = None) -> MetricsRead:
    """Every snapshot in the files and folders `paths`, checked against `plan`, merged into
    one snapshot a day (`merge`). Every problem of a file is reported, in the file's order:
    a conflict between two values read well is reported beside a value read badly (the
    values a reader gives with its problems are merged for that, and used for nothing
    else). A `done` date a later snapshot changes is a warning (`corrections`): among the
    snapshots of `as_of` and before, the date of the run (all of them without one)."""
    checks = PlanChecks(plan)
    out = MetricsRead()
    read: list[tuple[str, FileRead]] = []
    own: dict[str, list[Problem]] = {}  # each file's problems, in the order of the files
    for path in _files(paths, out.problems):
        name = shown(path)
        out.files.append(name)
        out.paths.append(path)
        try:
            raw = read_input(path, METRICS_LIMIT)
        except Unreadable as exc:
            own[name] = [Problem(name, 0, 0, exc.code, exc.params)]
            continue
        suffix = path.suffix.lower()
        if suffix in WORKBOOKS:
            from parcheck.figures.excel import read_excel  # openpyxl only for a workbook

            found = read_excel(name, raw, checks, suffix)
        elif suffix == ".csv":
            from parcheck.figures.csv import read_csv  # only for a CSV

            found = read_csv(name, raw, checks)
        else:
            found = read_yaml(name, raw, checks)
        own[name] = list(found.problems)
        read.append((name, found))
        if not has_errors(found.problems):  # a warning (a hidden sheet read) stops nothing
            out.counts[name] = out.counts.get(name, 0) + sum(
                len(snap.values) for snap in found.snapshots
            )
    snapshots, conflicts, origins = merge(read, checks)
    for problem in conflicts:
        own.setdefault(problem.path, []).append(problem)
    for name, problems in own.items():
        out.problems.extend(_in_order(name, problems))
    good = [(name, found) for name, found in read if not has_errors(found.problems)]
    if len(good) < len(read):  # nothing of a file with an error is used
        snapshots, _, origins = merge(good, checks)
    out.snapshots = snapshots
    counted = [snap for snap in snapshots if as_of is None or snap.as_of <= as_of]
    out.problems.extend(corrections(counted, origins))
    return out


def _in_order(name: str, problems: list[Problem]) -> list[Problem]:
    """A file's problems in the file's order (a workbook's as its reader found them, sheet
    by sheet), at most `MAX_REPORTED`, then one (PM017) that counts the others."""
    listed = [p for p in problems if p.code not in CAPPED]
    if not any(p.cell for p in listed):
        listed.sort(key=lambda p: (p.line, p.column))
    capped = FileProblems(name, "PM017")
    capped.extend(listed)
    for marker in (p for p in problems if p.code in CAPPED):
        capped.more += int(marker.params["more"])
        capped.more_errors = capped.more_errors or marker.severity is Severity.ERROR
    return capped.problems()


def corrections(
    snapshots: list[Snapshot], origins: dict[tuple[dt.date, str], tuple[str, str, FileRead]]
) -> list[Problem]:
    """A warning where a later snapshot gives a deliverable another `done` date than an
    earlier one: the latest on or before the date of a run counts (a correction), and the
    warning names both dates and both places, so that a slip is not taken unnoticed. A
    snapshot after the date of a run changes nothing in it: the caller leaves it out."""
    last: dict[str, tuple[dt.date, dt.date]] = {}  # fact → (as_of, done) reported last
    out: list[Problem] = []
    for snap in snapshots:
        for fact, value in snap.values.items():
            if not isinstance(value, Done) or value.done is None:
                continue
            before = last.get(fact)
            last[fact] = (snap.as_of, value.done)
            if before is None or before[1] == value.done:
                continue
            name, ident, found = origins[snap.as_of, fact]
            other_name, other_ident, other_found = origins[before[0], fact]
            line, column = other_found.place(before[0], other_ident)
            cell = other_found.cell(before[0], other_ident)
            other = Problem(other_name, line, column, "PM045", cell=cell).where()
            params = {
                "id": ident,
                "old": dmy(before[1]),
                "other": other,
                "new": dmy(value.done),
                "here": name,
                "as_of": dmy(snap.as_of),
            }
            line, column = found.place(snap.as_of, ident)
            cell = found.cell(snap.as_of, ident)
            out.append(Problem(name, line, column, "PM045", params, Severity.WARNING, cell))
    return out


def merge(
    read: list[tuple[str, FileRead]], checks: PlanChecks
) -> tuple[list[Snapshot], list[Problem], dict[tuple[dt.date, str], tuple[str, str, FileRead]]]:
    """One snapshot a day from the files `read` (each unit may send its own file). A check
    (a fact: `PlanChecks.fact`) given two different values on one day, in one file or two,
    is a problem (PM028) at the later place, naming the first; equal values are one value
    (notes aside: the first note is kept). A recurring duty's submissions and an event
    check's events from several files add up (`accumulate`). Values are kept under their
    fact's id. Also where each fact's value of a day was first read: (file, id, read)."""
    days: dict[dt.date, dict[str, Value]] = {}
    names: dict[dt.date, list[str]] = {}
    sources: dict[dt.date, str | None] = {}
    first: dict[tuple[dt.date, str], tuple[str, str, Value, FileRead]] = {}
    problems: list[Problem] = []
    for name, found in read:
        conflicts = FileProblems(name, "PM017")
        for snap in found.snapshots:
            values = days.setdefault(snap.as_of, {})
            if name not in names.setdefault(snap.as_of, []):
                names[snap.as_of].append(name)
            if sources.get(snap.as_of) is None:
                sources[snap.as_of] = snap.source
            for ident, value in snap.values.items():
                fact = checks.fact(ident)  # kept under it: a shared check's figures are one
                key = (snap.as_of, fact)
                if key not in first:
                    first[key] = (name, ident, value, found)
                    values[fact] = value
                    continue
                other_name, other_ident, other, other_found = first[key]
                if _figure(other) == _figure(value):
                    values[fact] = _with_notes(values.get(fact), value)
                    continue
                both = accumulate(values[fact], value, same_day=True)
                if both is not None:  # each unit's submissions and events: all of them
                    values[fact] = both
                    continue
                conflicts.add(
                    Later(
                        Severity.ERROR,
                        partial(
                            _conflict,
                            name,
                            found,
                            snap.as_of,
                            ident,
                            value,
                            (other_name, other_found, other_ident, other),
                        ),
                    )
                )
        problems.extend(conflicts.problems())
    snapshots = [
        Snapshot(", ".join(names[day]), day, values, sources.get(day))
        for day, values in sorted(days.items())
    ]
    origins = {key: (name, ident, found) for key, (name, ident, _, found) in first.items()}
    return snapshots, problems, origins


def _with_notes(kept: Value | None, value: Value) -> Value:
    """`kept` with the notes of both (in the order of their text: the order of the files
    changes nothing)."""
    if kept is None:
        return value
    return replace(kept, note=joined_notes(kept.note, value.note))


def _figure(value: Value) -> Value:
    """What a value reports, its note aside."""
    return replace(value, note=None)


def _conflict(
    name: str,
    found: FileRead,
    day: dt.date,
    ident: str,
    value: Value,
    other: tuple[str, FileRead, str, Value],
) -> Problem:
    other_name, other_found, other_ident, other_value = other
    line, column = found.place(day, ident)
    other_line, other_column = other_found.place(day, other_ident)
    other_cell = other_found.cell(day, other_ident)
    where = Problem(other_name, other_line, other_column, "PM028", cell=other_cell).where()
    shown_other = shown_value(other_value)
    if other_ident != ident:
        shown_other += f" ({other_ident})"
    params = {
        "id": ident,
        "day": dmy(day),
        "value": shown_value(value),
        "other_value": shown_other,
        "other": where,
        "hint": TWO_EVENTS if isinstance(value, Events) and isinstance(other_value, Events) else "",
    }
    return Problem(name, line, column, "PM028", params, cell=found.cell(day, ident))


# Two files' events of one start are one event (known by start and reference): told
# differently on one day, they conflict, unless each has its own document number.
TWO_EVENTS = Words(
    "; nếu là hai sự kiện khác nhau, ghi số văn bản (cột Văn bản / ref) để phân biệt",
    "; if they are two different events, write each its document number (column Văn bản / "
    "ref) to tell them apart",
)
