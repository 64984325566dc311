"""The status table and Markdown as a person sees them: whole rendered text at fixed widths,
no colour; hostile text from the files shown as text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import DATA, RunCli

ENGINE = DATA / "plans" / "valid" / "engine.yaml"
METRICS = DATA / "metrics" / "engine-2024-11-25.yaml"
GOLDEN = DATA / "golden"
ARGS = (
    "status",
    "--plan",
    ENGINE,
    "--metrics",
    METRICS,
    "--as-of",
    "2024-11-25",
    "--fail-on",
    "never",
)


@pytest.mark.parametrize(("columns", "lang"), [(80, "vi"), (140, "en")])
def test_table_matches_golden_text(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, columns: int, lang: str
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run_cli(*ARGS, "--lang", lang)
    golden = GOLDEN / f"status-{columns}-{lang}.txt"
    assert result.stdout == golden.read_text(encoding="utf-8"), (
        f"regenerate with: COLUMNS={columns} NO_COLOR=1 parcheck status --plan {ENGINE} "
        f"--metrics {METRICS} --as-of 2024-11-25 --lang {lang} --fail-on never > {golden}"
    )
    assert all(len(line) <= columns for line in result.stdout.splitlines())


def test_sections_fit_a_screen_at_80_columns(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    from tests.conftest import PLAN, ROOT

    result = run_cli(
        "status",
        "--plan",
        PLAN,
        "--metrics",
        ROOT / "metrics",
        "--as-of",
        "2024-11-25",
        "--fail-on",
        "never",
    )
    blocks = result.stdout.split("\n\n")
    assert len(blocks) == 10  # the nine sections of the appendix and ORG
    assert max(len(block.splitlines()) for block in blocks) <= 30


def status_of_hostile_plan(run_cli: RunCli, tmp_path: Path, *extra: str) -> str:
    """`status` on the engine plan with rich markup, a pipe, a newline, a heading mark and
    HTML in a check's title (an escape sequence is refused: tests/test_text.py)."""
    text = ENGINE.read_text(encoding="utf-8").replace(
        'title: "trên 87%"', 'title: "[red]đỏ[/red] x | y\\n# z <script>"'
    )
    plan = tmp_path / "hostile.yaml"
    plan.write_text(text, encoding="utf-8")
    args = ("--plan", plan, "--metrics", METRICS, "--as-of", "2024-11-25", "--fail-on", "never")
    result = run_cli("status", *args, *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("columns", [80, 140])
def test_hostile_text_in_the_table(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    stdout = status_of_hostile_plan(run_cli, tmp_path)
    row = next(line for line in stdout.splitlines() if line.startswith("I.1.gt"))
    assert "[red]đỏ[/red] x | y # z" in row  # markup shown, newline folded
    assert "\x1b" not in stdout


def test_markdown_tables_stay_whole(run_cli: RunCli, tmp_path: Path) -> None:
    stdout = status_of_hostile_plan(run_cli, tmp_path, "--format", "markdown")
    tokens = MarkdownIt().enable("table").parse(stdout)
    rows = []
    cells = 0
    for token in tokens:
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            rows.append(cells)
    header_cells = rows[0]
    assert header_cells == 8
    assert len(rows) == 1 + 13  # a row for each of the 13 checks, the newline folded
    assert set(rows) == {8}
    html = MarkdownIt().enable("table").render(stdout)
    assert "<script>" not in html
    assert "[red]đỏ[/red]" in html


@pytest.mark.parametrize("by", ["section", "unit"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_off_a_terminal_the_table_is_what_rich_would_print(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, lang: str, by: str
) -> None:
    """Off a terminal the table is written without rich's console (a tenth of a run); it
    must be, to the character, what the console prints there, wrapping included, at every
    width from one column up."""
    import datetime as dt
    import io

    from rich.console import Console

    from parcheck.engine.verdicts import evaluate
    from parcheck.figures import read_metrics
    from parcheck.plan.load import load_plan
    from parcheck.render.status import plain_text, render_table
    from tests.conftest import PLAN, ROOT

    plan = load_plan(PLAN).plan
    snapshots = read_metrics([ROOT / "metrics"], plan).snapshots
    evaluation = evaluate(plan, snapshots, dt.date(2024, 11, 25), 14)
    titles = {s.id: s.title for s in plan.sections}
    shorts = {u.name: u.short for u in plan.units if u.short}
    for width in (1, 2, 7, 20, 39, 40, 61, 79, 80, 100, 129, 130, 131, 200):
        parts = render_table(evaluation, evaluation.tasks, lang, by, titles, shorts, width)
        out = io.StringIO()
        console = Console(
            file=out, width=width, force_terminal=False, highlight=False, soft_wrap=False
        )
        for part in parts:
            console.print(part)
        assert plain_text(parts, width) == out.getvalue(), width
    # and the command takes that path in a pipe, at the width COLUMNS says
    monkeypatch.setenv("COLUMNS", "33")
    result = run_cli(*ARGS, "--lang", lang)
    assert max(len(line) for line in result.stdout.splitlines()) == 33


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("vi", "Điểm dự kiến: thưởng 1, trừ 0,5, ròng 0,5"),
        ("en", "Projected points: bonus 1, deduction 0.5, net 0.5"),
    ],
)
def test_the_deduction_is_said_once_not_as_a_double_negative(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, lang: str, line: str
) -> None:
    """«trừ -0,5» reads as minus minus half a point: the word says it is taken away, the
    number says how much. JSON keeps the signed value (contract §6)."""
    monkeypatch.setenv("COLUMNS", "160")
    for fmt in ("table", "markdown"):
        text = run_cli(*ARGS, "--lang", lang, "--format", fmt).stdout
        assert line in text
    for fmt in ("terminal", "markdown"):
        args = ("report", "--plan", ENGINE, "--metrics", METRICS, "--as-of", "2024-11-25")
        report = run_cli(*args, "--lang", lang, "--format", fmt)
        assert report.exit_code == 0, report.stderr
        assert line in report.stdout
    got = json.loads(run_cli(*ARGS, "--format", "json").stdout)
    assert (got["score"]["deduction"], got["score"]["net"]) == (-0.5, 0.5)
