"""`parcheck validate`: plan files (and later metrics files) checked, every problem collected."""

from __future__ import annotations

from pathlib import Path

from parcheck.planfile import LoadedPlan, load_plan
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
