"""Median wall times of parcheck commands and their ratio to importing the libraries they use.

Run: python benchmarks/bench.py [--runs N] [--skip-synthetic]. Each figure is the median of
N runs of a fresh process. "cold" runs turn the cache off (PARCHECK_NO_CACHE=1), as the first
run after an edit of the plan; "warm" runs use it, as every later run does. The synthetic
case is a province-size plan (5,000 tasks) with 60 monthly snapshots, written to a
temporary folder by this script.
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
METRICS = ROOT / "metrics"
AS_OF = "2024-11-25"


def parcheck() -> list[str]:
    found = shutil.which("parcheck", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "parcheck"]


def median_time(command: list[str], runs: int, env: dict[str, str]) -> float:
    warm_up = subprocess.run(command, env=env, cwd=ROOT, check=False, capture_output=True)
    if warm_up.returncode not in (0, 1):  # 1 is a verdict (red found); 2 is a failure
        sys.exit(f"{' '.join(command)} failed ({warm_up.returncode}):\n{warm_up.stderr.decode()}")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, cwd=ROOT, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def edited_plan_time(runs: int, env: dict[str, str], folder: Path) -> float:
    """`validate` on a plan changed before every run (a comment added): what a pre-commit
    hook pays after an edit, with parcheck's own work (the validator's schema) cached."""
    plan = folder / "edited.yaml"
    plan.write_bytes(PLAN.read_bytes())
    command = [*parcheck(), "validate", str(plan)]
    median_time(command, 1, env)  # fills the cache with what does not depend on the plan
    times = []
    for n in range(runs):
        with plan.open("a", encoding="utf-8") as handle:
            handle.write(f"# edit {n}\n")
        start = time.perf_counter()
        subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def synthetic(folder: Path, tasks: int = 5000, snapshots: int = 60) -> tuple[Path, Path]:
    """A plan of `tasks` tasks (a threshold, a deliverable and, every tenth, a monthly duty)
    and `snapshots` monthly metrics files for it."""
    lines = [
        "id: province",
        'title: "Synthetic province-size plan"',
        "year: 2024",
        'owner: "Province"',
        'units: [{id: VP, name: "Văn phòng"}]',
        "sections:",
    ]
    per_section = tasks // 10
    for s in range(10):
        section = "ABCDEFGHIJ"[s]
        lines += [f"  - id: {section}", f'    title: "Section {section}"', "    tasks:"]
        for t in range(1, per_section + 1):
            tid = f"{section}.{t}"
            lines += [
                f"      - id: {tid}",
                f'        task: "Task {tid}"',
                "        lead: VP",
                "        checks:",
                f'          - {{id: {tid}.a, kind: threshold, title: "t", '
                f'target: {{op: ">=", value: 80, unit: "%"}}, due: 2024-12-15}}',
                f'          - {{id: {tid}.b, kind: deliverable, title: "d", '
                f"due: 2024-{1 + t % 12:02d}-15}}",
            ]
            if t % 10 == 0:
                lines.append(
                    f'          - {{id: {tid}.c, kind: recurring, title: "r", '
                    f'rrule: "FREQ=MONTHLY;BYMONTHDAY=25"}}'
                )
    plan = folder / "plan.yaml"
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    metrics = folder / "metrics"
    metrics.mkdir()
    for n in range(snapshots):
        year, month = 2020 + n // 12, 1 + n % 12
        body = [f"plan: province\nas_of: {year}-{month:02d}-25\nvalues:"]
        for s in range(10):
            for t in range(1, per_section + 1, 7):
                body.append(f"  {'ABCDEFGHIJ'[s]}.{t}.a: {(n + t) % 101}")
        (metrics / f"{year}-{month:02d}.yaml").write_text("\n".join(body) + "\n", "utf-8")
    return plan, metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--skip-synthetic", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="parcheck-bench-"))
    env = {**os.environ, "PARCHECK_CACHE_DIR": str(work / "cache"), "NO_COLOR": "1"}
    cold = {**env, "PARCHECK_NO_CACHE": "1"}
    cli = parcheck()
    status = [
        *cli,
        "status",
        "--plan",
        str(PLAN),
        "--metrics",
        str(METRICS),
        "--as-of",
        AS_OF,
        "--fail-on",
        "never",
    ]
    report = [*cli, "report", "--plan", str(PLAN), "--metrics", str(METRICS), "--as-of", AS_OF]
    groups = [
        (
            "import typer, pydantic, yaml, rich",
            [
                ("parcheck validate plans/kh2024.yaml (warm)", [*cli, "validate", str(PLAN)], env),
                ("parcheck validate plans/kh2024.yaml (cold)", [*cli, "validate", str(PLAN)], cold),
            ],
        ),
        (
            "import typer, pydantic, yaml, rich.table, dateutil.rrule",
            [
                ("parcheck status (table, warm)", status, env),
                ("parcheck status --format json (warm)", [*status, "--format", "json"], env),
                ("parcheck status (table, cold)", status, cold),
                ("parcheck report (markdown, warm)", report, env),
            ],
        ),
    ]
    print(f"{'command':<58} {'median':>9} {'ratio':>7}   ({args.runs} runs each)")
    for baseline, rows in groups:
        modules = baseline.removeprefix("import ")
        base = median_time([sys.executable, "-c", baseline], args.runs, env)
        print(f"{baseline:<58} {base * 1000:7.1f}ms {1:7.2f}")
        for name, command, run_env in rows:
            seconds = median_time(command, args.runs, run_env)
            print(f"  {name:<56} {seconds * 1000:7.1f}ms {seconds / base:7.2f}   (vs {modules})")
        if "validate" in rows[0][0]:
            seconds = edited_plan_time(args.runs, env, work)
            name = "parcheck validate, the plan edited before each run"
            print(f"  {name:<56} {seconds * 1000:7.1f}ms {seconds / base:7.2f}   (vs {modules})")
    if not args.skip_synthetic:
        plan, metrics = synthetic(work)
        command = [
            *cli,
            "status",
            "--plan",
            str(plan),
            "--metrics",
            str(metrics),
            "--as-of",
            "2024-11-25",
            "--format",
            "json",
            "--fail-on",
            "never",
        ]
        runs = max(3, args.runs // 4)
        for name, run_env in (("cold", cold), ("warm", env)):
            seconds = median_time(command, runs, run_env)
            print(
                f"synthetic 5,000 tasks, 60 snapshots, status --format json ({name}): "
                f"{seconds:.2f}s ({runs} runs)"
            )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
