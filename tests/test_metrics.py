"""Metrics files checked against the plan: `parcheck validate --metrics` and `status`."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from tests.conftest import DATA, PLAN, ROOT, RunCli

INVALID = sorted((DATA / "metrics" / "invalid").glob("*.yaml"))


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_broken_metrics_are_reported_at_their_position(run_cli: RunCli, path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    m = re.match(r"# expect: (\d+):(\d+) (P[CM]\d+) (.*)$", first)
    assert m
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    line = next(x for x in result.stdout.splitlines() if x.startswith(str(path)))
    assert line.startswith(f"{path}:{m[1]}:{m[2]}: error {m[3]} "), line
    assert m[4] in line
    status = run_cli("status", "--plan", PLAN, "--metrics", path, "--as-of", "2024-11-25")
    assert status.exit_code == 2
    assert f"{path}:{m[1]}:{m[2]}" in status.stderr
    assert "Traceback" not in status.stdout + status.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_csv_problem_names_the_row(run_cli: RunCli) -> None:
    path = DATA / "metrics" / "invalid" / "csv-unknown.csv"
    result = run_cli("validate", PLAN, "--metrics", path, "--lang", "en")
    assert result.exit_code == 1
    assert f"{path}:2:1: error PM001 no check 'VI.33' in the plan — VI.3?" in result.stdout


def test_csv_bom_and_decimal_comma_are_read(run_cli: RunCli) -> None:
    # one at a time: both are of 25/11 and disagree on VI.3 (72,4 and 98,5%)
    for name in ("ok.csv", "bom.yaml"):
        result = run_cli("validate", PLAN, "--metrics", DATA / "metrics" / name)
        assert result.exit_code == 0, result.stdout


def test_shipped_metrics_are_valid(run_cli: RunCli) -> None:
    result = run_cli("validate", PLAN, "--metrics", ROOT / "metrics")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.count("hợp lệ") == 9  # the plan and eight monthly reports


def test_missing_metrics_folder_is_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli(
        "status", "--plan", PLAN, "--metrics", tmp_path / "nope", "--as-of", "2024-11-25"
    )
    assert result.exit_code == 2
    assert "PC001" in result.stderr
