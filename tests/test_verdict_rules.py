"""The verdict rules of docs/verdicts.md, as a user sees them: a threshold judged at its
deadline, `--only` keeping checks, summaries and scores counting what is listed, a report
whose summary counts what its items list, and strict date options. Every case names its
date (`--as-of`); the plan and figures are tests/data/verdicts/."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.conftest import DATA, RunCli

PLAN = DATA / "verdicts" / "plan.yaml"
METRICS = DATA / "verdicts" / "metrics"
BASE = ("--plan", PLAN, "--metrics", METRICS)
DAY = "2024-11-28"  # a Thursday: I.2.b's report of Monday 25/11 is three days overdue
ITEM_ROW = re.compile(r"^\| (?:[\d/]+ \| )?([IVX]+\.\d+(?:\.[a-z0-9]+)?) \|")  # a check's row


def status(run_cli: RunCli, as_of: str, *extra: str, fmt: str = "json") -> str:
    result = run_cli(
        "status", *BASE, "--as-of", as_of, "--format", fmt, "--fail-on", "never", *extra
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def payload(run_cli: RunCli, as_of: str, *extra: str) -> dict[str, Any]:
    got: dict[str, Any] = json.loads(status(run_cli, as_of, *extra))
    return got


def checks(run_cli: RunCli, as_of: str, *extra: str) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for t in payload(run_cli, as_of, *extra)["tasks"] for c in t["checks"]}


# --- a threshold at its deadline ------------------------------------------------------------


# III.1.a: >= 100 % by 25/07/2024; figures 60 (25/06), 82 (25/07), 90 (25/08), 100 (25/11).
# III.2: >= 80 % by 30/06/2024; nothing until 85 on 25/08.
# III.6: <= 5 by 30/06/2024; 4 on 25/06, 7 on 25/08.
# IX.6: >= 1 criterion by 30/06/2024, +0.5 each (at most +1); 1 on 25/06, 3 on 25/08.
# I.1: >= 90 %, continuous; 85 on 25/07, 95 on 25/11.
@pytest.mark.parametrize(
    ("check", "as_of", "verdict", "actual", "gap", "later", "points"),
    [
        ("III.1.a", "2024-07-20", "at_risk", 60, -40, None, None),
        ("III.1.a", "2024-07-25", "at_risk", 82, -18, None, None),  # the deadline day
        ("III.1.a", "2024-07-26", "not_met", 82, -18, None, None),
        ("III.1.a", "2024-08-25", "not_met", 82, -18, (90, "2024-08-25"), None),
        # 100 reported four months late: shown, not counted
        ("III.1.a", "2024-11-25", "not_met", 82, -18, (100, "2024-11-25"), None),
        ("III.1.a", "2024-12-31", "not_met", 82, -18, (100, "2024-11-25"), None),
        ("III.2", "2024-06-30", "no_data", None, None, None, None),
        ("III.2", "2024-07-01", "no_data", None, None, None, None),
        # nothing by the deadline: not met, whatever came later
        ("III.2", "2024-08-25", "not_met", None, None, (85, "2024-08-25"), None),
        ("III.6", "2024-06-25", "met", 4, -1, None, None),
        # met at the deadline stays met: a later breach is shown, not counted
        ("III.6", "2024-08-25", "met", 4, -1, (7, "2024-08-25"), None),
        # points come from the figure judged, not from a later one
        ("IX.6", "2024-06-30", "met", 1, 0, None, 0.5),
        ("IX.6", "2024-11-28", "met", 1, 0, (3, "2024-08-25"), 0.5),
        # continuous: the latest figure counts, as of today
        ("I.1", "2024-08-25", "not_met", 85, -5, None, None),
        ("I.1", "2024-11-25", "met", 95, 5, None, None),
    ],
)
def test_a_threshold_is_judged_on_its_figure_at_the_deadline(
    run_cli: RunCli,
    check: str,
    as_of: str,
    verdict: str,
    actual: float | None,
    gap: float | None,
    later: tuple[float, str] | None,
    points: float | None,
) -> None:
    got = checks(run_cli, as_of)[check]
    shown_later = {"value": later[0], "as_of": later[1]} if later else None
    assert (got["status"], got["actual"], got["gap"], got["later"], got["points"]) == (
        verdict,
        actual,
        gap,
        shown_later,
        points,
    )


def test_the_score_counts_the_figure_judged(run_cli: RunCli) -> None:
    # IX.6 judged on 1 (+0.5), not on the 3 reported after its deadline (+1); X.5 -0.5
    assert payload(run_cli, DAY)["score"] == {"bonus": 0.5, "deduction": -0.5, "net": 0.0}


def test_a_note_stays_with_its_figure(run_cli: RunCli) -> None:
    assert checks(run_cli, "2024-07-31")["III.1.a"]["detail"] == "số liệu của Thanh tra Sở"
    assert checks(run_cli, "2024-08-25")["III.1.a"]["detail"] is None  # the note was of 82


@pytest.mark.parametrize(
    ("lang", "columns", "line"),
    [
        ("vi", 80, "           sau hạn: đạt 100 ngày 25/11/2024"),
        ("vi", 140, "           sau hạn: đạt 100 ngày 25/11/2024"),
        ("en", 80, "           after the deadline: reached 100 on 2024-11-25"),
    ],
)
def test_the_table_shows_a_later_figure_under_its_check(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, lang: str, columns: int, line: str
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    text = status(run_cli, "2024-11-25", "--lang", lang, "--section", "III", fmt="table")
    lines = text.splitlines()
    row = next(i for i, x in enumerate(lines) if x.startswith("III.1.a "))
    assert ("✘ Không đạt" if lang == "vi" else "✘ Not met") in lines[row]
    assert line in lines[row + 1 : row + 3]


def test_markdown_and_report_show_a_later_figure_beside_the_one_judged(
    run_cli: RunCli,
) -> None:
    markdown = status(run_cli, "2024-11-25", fmt="markdown")
    row = next(x for x in markdown.splitlines() if x.startswith("| III.1.a |"))
    assert "| 82 · sau hạn: đạt 100 ngày 25/11/2024 | -18 |" in row
    assert row.endswith("| ✘ Không đạt |")
    report = run_cli("report", *BASE, "--as-of", "2024-11-25", "--lang", "en").stdout
    row = next(x for x in report.splitlines() if x.startswith("| III.1.a |"))
    assert "| 82 · after the deadline: reached 100 on 2024-11-25 | -18 |" in row
    assert row.endswith("| ✘ Not met |")
