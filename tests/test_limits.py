"""Limits on the work an input may cause: alias bombs in memory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def titles_plan(tmp_path: Path) -> Path:
    """758 kB: 5,000 tasks whose titles alias one 100 kB string (500 MB expanded)."""
    big = "x" * 100_000
    rows = [
        f"      - {{id: I.{i}, task: *big, lead: VP, checks: [{{id: I.{i}, kind: deliverable, "
        f"title: *big, due: 2024-12-31}}]}}"
        for i in range(1, 5001)
    ]
    head = [
        "id: bomb",
        f"title: &big {big}",
        "year: 2024",
        "owner: O",
        "units:",
        "  - {id: VP, name: V}",
        "sections:",
        "  - id: I",
        "    title: S",
        "    tasks:",
    ]
    path = tmp_path / "titles.yaml"
    path.write_text("\n".join(head + rows) + "\n", encoding="utf-8")
    return path


MEASURE = """
import resource, subprocess, sys, time
began = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=60)
print(result.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
      time.perf_counter() - began)
sys.stdout.write(result.stdout + result.stderr)
"""


@pytest.mark.parametrize(
    ("command", "code"), [(["validate"], 1), (["status", "--as-of", "2024-11-25", "--plan"], 2)]
)
def test_titles_aliasing_a_long_string_are_refused_fast_in_little_memory(
    tmp_path: Path, command: list[str], code: int
) -> None:
    """Before: 5.9 GB for validate, 11.8 GB and 2 GB of output for status."""
    plan = titles_plan(tmp_path)
    run = [sys.executable, "-m", "parcheck", *command, str(plan)]
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *run],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src"), "HOME": str(tmp_path), "NO_COLOR": "1"},
    ).stdout
    exit_code, peak_kb, seconds = out.split("\n", 1)[0].split()
    assert int(exit_code) == code
    assert "PC013" in out and "Traceback" not in out
    assert int(peak_kb) < 200_000, f"{int(peak_kb) // 1024} MB"
    assert float(seconds) < 10
