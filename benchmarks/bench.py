"""Cold wall times of parcheck's commands against the import floor of the libraries they use.

    python benchmarks/bench.py [--runs N] [--quick] [--skip-synthetic]

Every figure is cold: each run is a fresh process with a fresh, empty temporary folder as
HOME (and no XDG_* or PARCHECK_* variable), so that nothing a previous run left behind can
help it; parcheck keeps no cache of its own. Each figure is the median of N runs, and the
runs are interleaved (a round runs every command once) so that a busy machine slows the
floors and the commands alike. The floors are measured in the same run:

- floor A, `python -c "import typer, pydantic, yaml, rich"`, for `validate`;
- floor B, the same plus `rich.table` and `dateutil.rrule`, for `status` and `report`.

`yamllint` (pip install -e '.[bench]') reads the same plan file, with its default rules, for
a comparison with `validate`. The synthetic plans (5,000 and 50,000 tasks, 60 monthly
metrics files) are written to a temporary folder; for them the table gives the ratio of the
two times and each run's peak memory (max RSS of the child process).

One untimed run of each command comes first, so that every timed run finds the files in
the operating system's cache, as the floors find their modules; Python's own bytecode
(`__pycache__`, next to the sources) is there for parcheck and the floors alike. Each
figure is given as wall time and as CPU time (the child's user + system time), each with
its ratio: a busy machine moves wall time more than CPU time, so a target counts as met
only when both ratios meet it.

`--quick` is 5 runs and one run of each synthetic plan: for a look, not for the README.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "plans" / "kh2024.yaml"
METRICS = ROOT / "metrics"
AS_OF = "2024-11-25"

FLOOR_A = "import typer, pydantic, yaml, rich"
FLOOR_B = "import typer, pydantic, yaml, rich.table, dateutil.rrule"


def tool(name: str) -> str | None:
    """A command installed beside this Python (the project's venv), or on PATH."""
    return shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)


def parcheck() -> list[str]:
    found = tool("parcheck")
    return [found] if found else [sys.executable, "-m", "parcheck"]


def clean_env(home: Path) -> dict[str, str]:
    """The environment of one run: this one without anything that points at state kept
    between runs, and a HOME of its own."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PARCHECK_", "XDG_", "YAMLLINT_"))
        and k not in {"HOME", "PYTHONDONTWRITEBYTECODE"}
    }
    env.update(HOME=str(home), NO_COLOR="1", LANG="C.UTF-8", COLUMNS="120")
    return env


@dataclass
class Timed:
    """One command: its runs' wall times and peak memory."""

    label: str
    command: list[str]
    ok: tuple[int, ...] = (0,)
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)

    @property
    def peak_mb(self) -> float:
        return max(self.peak_kb) / 1024


def run_once(timed: Timed, scratch: Path) -> None:
    """Run `timed.command` once, cold: a fresh empty HOME, output to /dev/null."""
    home = Path(tempfile.mkdtemp(prefix="home-", dir=scratch))
    err = scratch / "stderr.txt"
    with err.open("wb") as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(
            timed.command,
            cwd=ROOT,
            env=clean_env(home),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    shutil.rmtree(home)
    if proc.returncode not in timed.ok:
        message = err.read_text(encoding="utf-8", errors="replace")
        sys.exit(f"{' '.join(timed.command)} exited {proc.returncode}:\n{message}")
    timed.seconds.append(elapsed)
    timed.cpu.append(usage.ru_utime + usage.ru_stime)
    timed.peak_kb.append(usage.ru_maxrss)  # KiB on Linux


def measure(rows: list[Timed], runs: int, scratch: Path) -> None:
    """`runs` rounds, each running every command once."""
    for row in rows:
        run_once(row, scratch)  # reads the files into the OS cache; not counted
        row.seconds.clear()
        row.cpu.clear()
        row.peak_kb.clear()
    for n in range(runs):
        for row in rows[n % len(rows) :] + rows[: n % len(rows)]:  # each round starts elsewhere
            run_once(row, scratch)
        if sys.stderr.isatty():
            print(f"\r  round {n + 1}/{runs}", end="", file=sys.stderr, flush=True)
    if sys.stderr.isatty():
        print("\r" + " " * 30 + "\r", end="", file=sys.stderr, flush=True)


def synthetic(folder: Path, tasks: int, snapshots: int = 60) -> tuple[Path, Path]:
    """A plan of `tasks` tasks in 10 sections (each task a threshold, a deliverable and,
    every tenth, a monthly duty) and `snapshots` monthly metrics files, each with a value
    for every seventh task's threshold."""
    folder.mkdir(parents=True, exist_ok=True)
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


def verdict(good: bool) -> str:
    return "ok" if good else "**missed**"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def table(head: list[str], rows: list[list[str]]) -> None:
    """A Markdown table, columns padded for the terminal."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |")
    print("| " + " | ".join("-" * w for w in widths) + " |")
    for row in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (21)")
    parser.add_argument("--quick", action="store_true", help="5 runs; synthetic plans once")
    parser.add_argument("--skip-synthetic", action="store_true", help="no 5,000/50,000 tasks")
    args = parser.parse_args()
    runs = 5 if args.quick else args.runs
    # Bytecode as an install leaves it (pip compiles it): in an editable checkout with
    # PYTHONDONTWRITEBYTECODE set, every run would otherwise compile the edited modules.
    import compileall

    compileall.compile_dir(str(ROOT / "src" / "parcheck"), quiet=1)
    scratch = Path(tempfile.mkdtemp(prefix="parcheck-bench-"))
    try:
        report(runs, args.quick, args.skip_synthetic, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def report(runs: int, quick: bool, skip_synthetic: bool, scratch: Path) -> None:
    cli = parcheck()
    py = sys.executable
    inputs = ["--plan", str(PLAN), "--metrics", str(METRICS), "--as-of", AS_OF]
    floor_a = Timed(f'python -c "{FLOOR_A}"', [py, "-c", FLOOR_A])
    floor_b = Timed(f'python -c "{FLOOR_B}"', [py, "-c", FLOOR_B])
    validate = Timed("parcheck validate plans/kh2024.yaml", [*cli, "validate", str(PLAN)])
    status = Timed(
        "parcheck status (table)", [*cli, "status", *inputs, "--fail-on", "never"], ok=(0,)
    )
    status_json = Timed(
        "parcheck status --format json",
        [*cli, "status", *inputs, "--fail-on", "never", "--format", "json"],
    )
    report_md = Timed("parcheck report (markdown)", [*cli, "report", *inputs])
    rows = [floor_a, floor_b, validate, status, status_json, report_md]
    yamllint_path = tool("yamllint")
    yamllint = None
    if yamllint_path:
        # 1: yamllint found something (its default rules want lines of 80 characters)
        yamllint = Timed("yamllint plans/kh2024.yaml", [yamllint_path, str(PLAN)], ok=(0, 1))
        rows.append(yamllint)
    print(
        f"parcheck benchmark: medians of {runs} cold runs each (a fresh process and an empty "
        f"HOME every run); {os.cpu_count()} cores, Python {platform.python_version()}",
        flush=True,
    )
    measure(rows, runs, scratch)

    def compared(row: Timed, base: Timed, name: str, target: str, limit: float) -> list[str]:
        """A row with both ratios; the target is met only if both are within it, so that a
        floor slowed by a busy machine cannot make a command look fast."""
        wall, cpu = row.median / base.median, row.median_cpu / base.median_cpu
        good = max(wall, cpu) < limit if limit == 1 else max(wall, cpu) <= limit
        return [
            f"`{row.label}`",
            ms(row.median),
            f"{wall:.2f} x {name}",
            ms(row.median_cpu),
            f"{cpu:.2f} x {name}",
            target,
            verdict(good),
        ]

    def floor(row: Timed, name: str) -> list[str]:
        return [f"floor {name}: `{row.label}`", ms(row.median), "", ms(row.median_cpu), "", "", ""]

    rows_out = [floor(floor_a, "A"), compared(validate, floor_a, "A", "<= 1.5 (aim 1.2)", 1.5)]
    rows_out.append(floor(floor_b, "B"))
    rows_out += [
        compared(row, floor_b, "B", "<= 1.5", 1.5) for row in (status, status_json, report_md)
    ]
    if yamllint is not None:
        row = compared(validate, yamllint, "yamllint", "< 1 (faster than yamllint)", 1)
        rows_out.append(
            [f"`{yamllint.label}`", ms(yamllint.median), "", ms(yamllint.median_cpu), "", "", ""]
        )
        rows_out.append(["  validate against yamllint", "", row[2], "", *row[4:]])
    print()
    table(["command (cold)", "wall", "ratio", "CPU", "ratio", "target", ""], rows_out)
    if yamllint is None:
        print("\nyamllint is not installed (pip install -e '.[bench]'): no comparison")

    if skip_synthetic:
        return
    timed = {}
    for tasks, n in ((5_000, 1 if quick else max(3, runs // 4)), (50_000, 1 if quick else 3)):
        plan, metrics = synthetic(scratch / f"s{tasks}", tasks)
        command = [*cli, "status", "--plan", str(plan), "--metrics", str(metrics)]
        command += ["--as-of", AS_OF, "--format", "json", "--fail-on", "never"]
        row = Timed(f"{tasks:,} tasks ({n} run{'s' if n > 1 else ''})", command)
        measure([row], n, scratch)
        timed[tasks] = row
    small, big = timed[5_000], timed[50_000]
    growth = big.median / small.median
    print()
    table(
        [
            "synthetic plan, 60 metrics files: `status --format json`",
            "median",
            "peak RSS",
            "ratio",
            "target",
            "",
        ],
        [
            [small.label, f"{small.median:.2f} s", f"{small.peak_mb:.0f} MB", "", "", ""],
            [
                big.label,
                f"{big.median:.2f} s",
                f"{big.peak_mb:.0f} MB",
                f"{growth:.2f} x 5,000",
                "<= 11 x",
                verdict(growth <= 11),
            ],
            ["", "", "", "", "peak < 800 MB", verdict(big.peak_mb < 800)],
        ],
    )


if __name__ == "__main__":
    main()
