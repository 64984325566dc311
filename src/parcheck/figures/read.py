"""Reading metrics files and folders: each file by the reader of its format, checked
against the plan. Every problem is collected with its position; nothing is applied from a
file that has one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from parcheck.figures.csv import read_csv
from parcheck.figures.model import MetricsRead, Snapshot
from parcheck.figures.values import PlanChecks
from parcheck.figures.yaml import read_yaml
from parcheck.problems import Problem, Severity
from parcheck.safety.files import METRICS_LIMIT, Unreadable, files_in, read_input, shown

if TYPE_CHECKING:
    from parcheck.plan.model import Plan

# The formats read today; a file of another extension in a folder is not a metrics file.
EXTENSIONS = frozenset({".yaml", ".yml", ".csv"})


def _files(paths: Iterable[Path], problems: list[Problem]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            found, passed = files_in(path, EXTENSIONS)
            for skip in passed:
                severity = Severity.ERROR if skip.error else Severity.WARNING
                problems.append(Problem(shown(skip.path), 0, 0, skip.code, skip.params, severity))
            if not found:  # no figures yet: the contract makes this a warning
                name = shown(path)
                problems.append(Problem(name, 0, 0, "PM011", {"path": name}, Severity.WARNING))
            yield from found
        elif not path.exists():
            problems.append(Problem(shown(path), 0, 0, "PC001"))
        else:
            yield path  # given by name: read whatever its extension, if it is a regular file


def _facts(snap: Snapshot, checks: PlanChecks) -> Snapshot:
    """`snap` with each value kept under its fact's id (see `PlanChecks.fact`)."""
    if not checks.facts:
        return snap
    return replace(snap, values={checks.fact(k): v for k, v in snap.values.items()})


def read_metrics(paths: Iterable[Path], plan: Plan) -> MetricsRead:
    """Every snapshot in the files and folders `paths`, checked against `plan`."""
    checks = PlanChecks(plan)
    out = MetricsRead()
    for path in _files(paths, out.problems):
        name = shown(path)
        out.files.append(name)
        out.paths.append(path)
        try:
            raw = read_input(path, METRICS_LIMIT)
        except Unreadable as exc:
            out.problems.append(Problem(name, 0, 0, exc.code, exc.params))
            continue
        reader = read_csv if path.suffix.lower() == ".csv" else read_yaml
        snaps, problems = reader(name, raw, checks)
        out.problems.extend(problems)
        if not problems:
            out.snapshots.extend(_facts(snap, checks) for snap in snaps)
    return out
