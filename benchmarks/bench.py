"""Median wall times of parcheck commands and their ratio to importing the libraries they use.

Run: python benchmarks/bench.py [--runs N]. Each figure is the median of N runs of a fresh
process. "cold" runs turn the plan cache off (PARCHECK_NO_CACHE=1), as a first run after an
edit of the plan; "warm" runs use it, as every later run does.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "plans" / "kh2024.yaml"


def parcheck() -> list[str]:
    found = shutil.which("parcheck", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "parcheck"]


def median_time(command: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, cwd=ROOT, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="parcheck-bench-")
    env = {**os.environ, "PARCHECK_CACHE_DIR": cache}
    cold_env = {**env, "PARCHECK_NO_CACHE": "1"}
    baseline = [sys.executable, "-c", "import typer, pydantic, yaml, rich"]
    validate = [*parcheck(), "validate", str(PLAN)]
    base = median_time(baseline, args.runs, env)
    subprocess.run(validate, env=env, cwd=ROOT, check=False, capture_output=True)  # fill cache
    rows = [
        ("import typer, pydantic, yaml, rich", base),
        ("parcheck validate plans/kh2024.yaml (warm)", median_time(validate, args.runs, env)),
        ("parcheck validate plans/kh2024.yaml (cold)", median_time(validate, args.runs, cold_env)),
    ]
    print(f"{'command':<48} {'median':>9} {'ratio':>7}   ({args.runs} runs each)")
    for name, seconds in rows:
        print(f"{name:<48} {seconds * 1000:7.1f}ms {seconds / base:7.2f}")
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
