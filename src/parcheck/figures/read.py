"""Reading metrics files and folders: each file by the reader of its format, checked
against the plan. Every problem is collected with its position; nothing is applied from a
file that has one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from parcheck.figures.csv import read_csv
from parcheck.figures.model import MetricsRead
from parcheck.figures.values import PlanChecks
from parcheck.figures.yaml import read_yaml
from parcheck.problems import Problem

if TYPE_CHECKING:
    from parcheck.plan.model import Plan


def _files(paths: Iterable[Path], problems: list[Problem]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in {".yaml", ".yml", ".csv"}
            )
            if not found:
                problems.append(Problem(str(path), 0, 0, "PM011", {"path": str(path)}))
            yield from found
        elif not path.exists():
            problems.append(Problem(str(path), 0, 0, "PC001"))
        else:
            yield path


def read_metrics(paths: Iterable[Path], plan: Plan) -> MetricsRead:
    """Every snapshot in the files and folders `paths`, checked against `plan`."""
    checks = PlanChecks(plan)
    out = MetricsRead()
    for path in _files(paths, out.problems):
        name = str(path)
        out.files.append(name)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            out.problems.append(Problem(name, 0, 0, "PC002", {"reason": exc.strerror}))
            continue
        reader = read_csv if path.suffix.lower() == ".csv" else read_yaml
        snaps, problems = reader(name, raw, checks)
        out.problems.extend(problems)
        if not problems:
            out.snapshots.extend(snaps)
    return out
