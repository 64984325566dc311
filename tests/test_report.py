"""`parcheck report` as the Director's office reads it: golden text, red exactly as status
says, Markdown that stays Markdown, hostile text, files written atomically."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from parcheck.engine.report import month_before
from parcheck.plan.load import load_plan
from tests.conftest import DATA, PLAN, ROOT, RunCli, markdown_tables

GOLDEN = DATA / "golden"
SAMPLE = ROOT / "docs" / "sample-report.md"
REPORT = ("report", "--plan", "plans/kh2024.yaml", "--metrics", "metrics")


@pytest.fixture(autouse=True)
def _in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a user runs it: from the repository, naming the plan as `plans/kh2024.yaml`."""
    monkeypatch.chdir(ROOT)


REGENERATE = "python -m parcheck report --as-of 2024-11-25 -o docs/sample-report.md"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_terminal_report_matches_golden_text(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    result = run_cli(*REPORT, "--as-of", "2024-11-25", "--format", "terminal", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN / f"report-100-{lang}.txt"
    assert result.stdout == golden.read_text(encoding="utf-8"), (
        f"regenerate with: COLUMNS=100 NO_COLOR=1 parcheck report --as-of 2024-11-25 "
        f"--format terminal --lang {lang} -o {golden.relative_to(ROOT)}"
    )
    assert "\x1b" not in result.stdout  # no colour when not on a terminal


def test_sample_report_in_docs_and_readme_is_current(run_cli: RunCli) -> None:
    result = run_cli(*REPORT, "--as-of", "2024-11-25")
    assert result.stdout == SAMPLE.read_text(encoding="utf-8"), f"regenerate: {REGENERATE}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    embedded = readme.split("<!-- sample-report:start -->\n", 1)[1].split(
        "<!-- sample-report:end -->", 1
    )[0]
    assert embedded.strip() == result.stdout.strip(), "copy docs/sample-report.md into README"


def test_markdown_tables_are_whole() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    tables = markdown_tables(text)
    assert len(tables) >= 6
    for rows in tables:
        assert len(set(rows)) == 1, rows  # every row has its header's column count
    assert "## 1. Không đạt và quá hạn (6)" in text
    assert "+6,6 điểm % trong 20 ngày (0,33/ngày)" in text  # VI.3's pace, decimal comma
    assert "| VI.3 | ≥ 85% |  |  |  | 3,1 | 5,4 | 9,8 |" in text  # the trend, month by month


def status_json(run_cli: RunCli, day: str) -> dict[str, Any]:
    """What `parcheck status --format json` says of the shipped data on `day`."""
    args = ("--as-of", day, "--format", "json", "--fail-on", "never")
    result = run_cli("status", "--plan", "plans/kh2024.yaml", "--metrics", "metrics", *args)
    payload: dict[str, Any] = json.loads(result.stdout)
    return payload


def test_red_in_the_report_is_exactly_red_in_status(run_cli: RunCli) -> None:
    tasks = status_json(run_cli, "2024-11-25")["tasks"]
    red_tasks = {t["id"] for t in tasks if t["status"] in ("not_met", "overdue")}
    report = run_cli(*REPORT, "--as-of", "2024-11-25").stdout
    red_part = report.split("## 1. ", 1)[1].split("\n## 2. ", 1)[0]
    red_checks = set(re.findall(r"^\| ([A-Z]+\.\d+(?:\.[a-z0-9]+)?) \|", red_part, re.M))
    plan = load_plan(PLAN).plan
    assert plan is not None
    task_of = {c.id: t.id for t in plan.tasks() for c in t.checks}
    assert {task_of[c] for c in red_checks} == red_tasks
    # nothing else is called red: every row with a red verdict is one of those tasks'
    called_red = {
        task_of[m[1]]
        for line in report.splitlines()
        if (m := re.match(r"^\| (?:[\d/]+ \| )?([A-Z]+\.\d+(?:\.[a-z0-9]+)?) \|", line))
        and ("✘ Không đạt" in line or "⏰ Quá hạn" in line)
    }
    assert called_red <= red_tasks


def checks_by_verdict(payload: dict[str, Any]) -> dict[str, int]:
    verdicts = {c["id"]: c["status"] for t in payload["tasks"] for c in t["checks"]}
    return {v: list(verdicts.values()).count(v) for v in payload["summary"]}


def test_summary_compares_with_a_month_earlier(run_cli: RunCli) -> None:
    now = checks_by_verdict(status_json(run_cli, "2024-11-25"))
    then = checks_by_verdict(status_json(run_cli, "2024-10-25"))
    report = run_cli(*REPORT, "--as-of", "2024-11-25", "--lang", "en").stdout
    for verdict, label in (("not_met", "✘ Not met"), ("overdue", "⏰ Overdue")):
        row = next(line for line in report.splitlines() if line.startswith(f"| {label} |"))
        change = now[verdict] - then[verdict]
        shown = f"{change:+d}" if change else "0"
        assert row == f"| {label} | {now[verdict]} | {then[verdict]} | {shown} |"
    assert (now["overdue"], then["overdue"]) == (1, 0)  # I.2.b, the meeting of 22/11
    assert str(month_before(__import__("datetime").date(2024, 3, 31))) == "2024-02-29"


def test_month_is_the_25th(run_cli: RunCli) -> None:
    by_month = run_cli(*REPORT, "--month", "2024-10").stdout
    assert by_month == run_cli(*REPORT, "--as-of", "2024-10-25").stdout
    assert run_cli(*REPORT, "--month", "2024-10", "--as-of", "2024-10-25").exit_code == 2
    assert run_cli(*REPORT, "--month", "octobre").exit_code == 2


def test_one_units_report(run_cli: RunCli) -> None:
    report = run_cli(*REPORT, "--as-of", "2024-11-25", "--unit", "Thanh tra").stdout
    assert "Đơn vị: Thanh tra Sở" in report
    assert "| III.1.b |" in report and "| VI.3 |" not in report
    assert run_cli(*REPORT, "--as-of", "2024-11-25", "--unit", "Phòng Ma").exit_code == 2


def test_output_file_is_written_whole(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    result = run_cli(*REPORT, "--as-of", "2024-11-25", "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.md"]  # no temporary left


@pytest.mark.parametrize("where", ["no/such/folder/r.md", "."])
def test_unwritable_output_is_exit_2(run_cli: RunCli, tmp_path: Path, where: str) -> None:
    result = run_cli(*REPORT, "--as-of", "2024-11-25", "-o", tmp_path / where)
    assert result.exit_code == 2
    assert result.stderr.startswith("parcheck: ")
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_a_folder_refusing_files_is_exit_2(run_cli: RunCli) -> None:
    # /proc refuses new files even to root, so this fails where CI runs
    result = run_cli(*REPORT, "--as-of", "2024-11-25", "-o", "/proc/parcheck-report.md")
    assert result.exit_code == 2
    assert result.stderr.startswith("parcheck: không ghi được /proc/parcheck-report.md: ")


def hostile(tmp_path: Path) -> tuple[Path, Path]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        PLAN.read_text(encoding="utf-8").replace(
            'title: "Tỷ lệ giải ngân kế hoạch đầu tư vốn ngân sách nhà nước đến hết 15/12/2024"',
            'title: "[red]Giải ngân[/red] | ống đỏ\\n# tiêu đề `mã` <script>x</script>"',
        ),
        encoding="utf-8",
    )
    metrics = tmp_path / "m.yaml"
    metrics.write_text(
        "plan: kh2024\nas_of: 2024-11-25\nvalues:\n"
        '  VI.3: {value: 72.4, note: "| ghi chú ::error::x"}\n'
        '  V.4.b: {done: 2024-11-01, evidence: "1|2 <b>"}\n',
        encoding="utf-8",
    )
    return plan, metrics


def test_hostile_text_leaves_markdown_whole(run_cli: RunCli, tmp_path: Path) -> None:
    plan, metrics = hostile(tmp_path)
    text = run_cli("report", "--plan", plan, "--metrics", metrics, "--as-of", "2024-11-25").stdout
    for rows in markdown_tables(text):
        assert len(set(rows)) == 1, rows
    html = MarkdownIt().enable("table").render(text)
    assert "<script>" not in html and "<b>" not in html
    assert "[red]Giải ngân[/red] | ống đỏ # tiêu đề `mã`" in html.replace("&lt;", "<")
    assert "\x1b" not in text


def test_hostile_text_leaves_terminal_colours_alone(tmp_path: Path) -> None:
    from parcheck.engine.report import build_report
    from parcheck.figures import read_metrics
    from parcheck.render.report import render_terminal

    plan_path, metrics = hostile(tmp_path)
    plan = load_plan(plan_path).plan
    assert plan is not None
    data = build_report(
        plan,
        read_metrics([metrics], plan).snapshots,
        __import__("datetime").date(2024, 11, 25),
        plan_path="p",
        plan_digest="d",
    )
    coloured = render_terminal(data, "vi", width=200, color=True)
    assert "[red]Giải ngân[/red] | ống đỏ # tiêu đề `mã` <script>x</script>" in coloured
    assert "\x1b[31mđỏ" not in coloured and "\x1b[1m" not in coloured.split("VI.3", 1)[1][:80]
    assert "\x1b[" in coloured  # the verdicts are coloured


def test_the_red_table_says_how_late_a_document_was_not_how_long_ago(run_cli: RunCli) -> None:
    text = run_cli("report", "--as-of", "2024-11-25").stdout
    rows: dict[str, str] = {}  # each id's first row: its row in section 1
    for line in text.splitlines():
        if " | " in line:
            rows.setdefault(line.split(" | ")[0].lstrip("| "), line)
    # III.1.b was due 25/07 and sent 30/07: five days late, whatever today is
    assert "| nộp trễ 5 ngày | ✘ Không đạt |" in rows["III.1.b"]
    # III.1.a missed its target at its deadline: judged then, not "late"
    assert "| — | ✘ Không đạt |" in rows["III.1.a"]
    assert "sau hạn: đạt 100 ngày 25/09/2024" in rows["III.1.a"]  # first reached, not today
    # I.2.b still owes the report of the Friday 22/11 meeting: three days
    assert "| 3 ngày | ⏰ Quá hạn |" in rows["I.2.b"]
