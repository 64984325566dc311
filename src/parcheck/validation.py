"""`parcheck validate`: plan files (and later metrics files) checked, every problem collected."""

from __future__ import annotations

from pathlib import Path

from parcheck.planfile import LoadedPlan, load_plan
from parcheck.problems import Problem
from parcheck.reporters.findings import FileFindings


def validate_plans(paths: list[Path]) -> tuple[list[FileFindings], list[LoadedPlan]]:
    """Findings for each plan file, and what was loaded of each."""
    findings = []
    loaded_plans = []
    for path in paths:
        loaded = load_plan(path)
        findings.append(FileFindings(str(path), "plan", loaded.problems, loaded.summary))
        loaded_plans.append(loaded)
    return findings, loaded_plans


def validate_metrics(paths: list[Path], loaded: LoadedPlan) -> list[FileFindings]:
    """Findings for each metrics file, checked against the (first) plan."""
    from parcheck.metrics import read_metrics

    if loaded.plan is None:
        return []
    read = read_metrics(paths, loaded.plan)
    by_file: dict[str, list[Problem]] = {}
    for problem in read.problems:
        by_file.setdefault(problem.path, []).append(problem)
    counts: dict[str, int] = {}
    for snap in read.snapshots:
        counts[snap.path] = counts.get(snap.path, 0) + len(snap.values)
    names = list(dict.fromkeys([*read.files, *by_file]))
    return [
        FileFindings(
            name,
            "metrics",
            by_file.get(name, []),
            None if name in by_file else {"values": counts.get(name, 0)},
        )
        for name in names
    ]
