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
    got = payload(run_cli, DAY)["score"]
    assert {k: got[k] for k in ("bonus", "deduction", "net")} == {
        "bonus": 0.5,
        "deduction": -0.5,
        "net": 0.0,
    }


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


# --- --only, --unit, --section: what is listed is what is counted ---------------------------


@pytest.mark.parametrize(
    ("filters", "listed", "summary", "score"),
    [
        # I.2's worst verdict is not_met (I.2.a), yet its overdue report is listed
        (("--only", "overdue"), {"I.2": ["I.2.b"]}, {"overdue": 1}, (0, 0)),
        (
            ("--only", "not_met"),
            {"I.2": ["I.2.a"], "III.1": ["III.1.a", "III.1.b"], "III.2": ["III.2"], "X.5": ["X.5"]},
            {"not_met": 4},
            (0, -0.5),
        ),
        (
            ("--only", "met"),
            {"I.1": ["I.1"], "III.6": ["III.6"], "IX.6": ["IX.6"]},
            {"met": 3},
            (0.5, 0),
        ),
        # a task's status is the worst of the checks listed
        (
            ("--only", "overdue,pending"),
            {"I.2": ["I.2.b"], "I.3": ["I.3.a"]},
            {"overdue": 1, "pending": 1},
            (0, 0),
        ),
        (
            ("--unit", "Thanh tra Sở"),
            {
                "I.3": ["I.3.a", "I.3.b"],
                "III.1": ["III.1.a", "III.1.b"],
                "III.6": ["III.6"],
                "IX.6": ["IX.6"],
            },
            {"not_met": 1, "due_soon": 1, "met": 2},
            (0.5, 0),
        ),
        (
            ("--section", "x"),
            {"X.5": ["X.5"]},
            {"not_met": 1},
            (0, -0.5),
        ),
        (
            ("--unit", "Văn phòng Sở", "--only", "not_met,met"),
            {"I.1": ["I.1"], "I.2": ["I.2.a"], "X.5": ["X.5"]},
            {"met": 1, "not_met": 2},
            (0, -0.5),
        ),
        (("--section", "VI", "--only", "met"), {}, {}, (0, 0)),
    ],
)
def test_filters_list_checks_and_count_what_they_list(
    run_cli: RunCli,
    filters: tuple[str, ...],
    listed: dict[str, list[str]],
    summary: dict[str, int],
    score: tuple[float, float],
) -> None:
    got = payload(run_cli, DAY, *filters)
    assert {t["id"]: [c["id"] for c in t["checks"]] for t in got["tasks"]} == listed
    zero = dict.fromkeys(
        ["not_met", "overdue", "at_risk", "due_soon", "no_data", "pending", "met"], 0
    )
    assert got["summary"] == zero | summary
    bonus, deduction = score
    score_got = {k: got["score"][k] for k in ("bonus", "deduction", "net")}
    assert score_got == {"bonus": bonus, "deduction": deduction, "net": bonus + deduction}
    for task in got["tasks"]:
        statuses = {c["status"] for c in task["checks"]}
        if "--only" in filters:
            wanted = set(filters[filters.index("--only") + 1].split(","))
            assert statuses <= wanted
        assert task["status"] in statuses


FOOTER = {
    "vi": ("nhiệm vụ", "Điểm dự kiến: thưởng {b}, trừ {d}, ròng {n}"),
    "en": ("tasks", "Projected points: bonus {b}, deduction {d}, net {n}"),
}
LABELS = {
    "vi": {
        "not_met": "Không đạt",
        "overdue": "Quá hạn",
        "at_risk": "Có nguy cơ",
        "due_soon": "Sắp đến hạn",
        "no_data": "Chưa có số liệu",
        "pending": "Chưa đến hạn",
        "met": "Đạt",
    },
    "en": {
        "not_met": "Not met",
        "overdue": "Overdue",
        "at_risk": "At risk",
        "due_soon": "Due soon",
        "no_data": "No data",
        "pending": "Pending",
        "met": "Met",
    },
}


def _number(value: float, lang: str) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".") or "0"
    return text.replace(".", ",") if lang == "vi" else text


@pytest.mark.parametrize(
    "filters",
    [
        (),
        ("--only", "overdue"),
        ("--only", "not_met"),
        ("--unit", "Thanh tra Sở"),
        ("--section", "III"),
        ("--section", "IX", "--only", "met"),
    ],
)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_table_markdown_and_json_count_alike(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, filters: tuple[str, ...], lang: str
) -> None:
    monkeypatch.setenv("COLUMNS", "160")  # the footer on one line
    got = payload(run_cli, DAY, *filters, "--lang", lang)
    tasks, points = FOOTER[lang]
    counts = " · ".join(f"{LABELS[lang][k]}: {n}" for k, n in got["summary"].items() if n)
    score = got["score"]
    footer = [
        f"{len(got['tasks'])} {tasks} — {counts}",
        # the text says "trừ 0,5" where JSON has -0.5
        points.format(
            b=_number(score["bonus"], lang),
            d=_number(abs(score["deduction"]), lang),
            n=_number(score["net"], lang),
        ),
    ]
    assert sum(got["summary"].values()) == len(got["tasks"])
    table = status(run_cli, DAY, *filters, "--lang", lang, fmt="table").splitlines()
    assert table[-2:] == footer
    markdown = status(run_cli, DAY, *filters, "--lang", lang, fmt="markdown").splitlines()
    assert markdown[-2:] == [line + "  " for line in footer]
    rows = [m[1] for x in markdown if (m := ITEM_ROW.match(x))]
    assert rows == [c["id"] for t in got["tasks"] for c in t["checks"]]


def test_only_overdue_exits_on_the_overdue_check(run_cli: RunCli) -> None:
    args = ("status", *BASE, "--as-of", DAY, "--only")
    assert run_cli(*args, "overdue").exit_code == 1
    assert run_cli(*args, "met,pending").exit_code == 0


def assert_one_message(run_cli: RunCli, args: tuple[str, ...], vi: str, en: str) -> None:
    """`args` end in exit 2 with one line on stderr, in Vietnamese and with --lang en."""
    inputs = ("--plan", PLAN) if args[0] == "calendar" else BASE  # calendar reads no figures
    for lang, words in (("vi", vi), ("en", en)):
        result = run_cli(*args, *inputs, "--lang", lang)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"parcheck: {words}\n")


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (
            ("status", "--as-of", DAY, "--only", "red"),
            "--only 'red': không phải mã trạng thái; hãy viết một hoặc vài mã, cách nhau bằng "
            "dấu phẩy: not_met, overdue, at_risk, due_soon, no_data, pending, met; hoặc nhãn "
            "như bảng in (Không đạt, Quá hạn, …)",
            "--only 'red': not a verdict code; write one or more, separated by commas: "
            "not_met, overdue, at_risk, due_soon, no_data, pending, met; or the labels the "
            "table prints (Not met, Overdue, …)",
        ),
        (
            ("status", "--as-of", DAY, "--unit", "Thanh tra Sox"),
            "--unit 'Thanh tra Sox': không có đơn vị này trong kế hoạch — Thanh tra Sở?",
            "--unit 'Thanh tra Sox': no such unit in the plan — Thanh tra Sở?",
        ),
        (
            ("report", "--as-of", DAY, "--unit", "Thanh tra Sox"),
            "--unit 'Thanh tra Sox': không có đơn vị này trong kế hoạch — Thanh tra Sở?",
            "--unit 'Thanh tra Sox': no such unit in the plan — Thanh tra Sở?",
        ),
        (
            ("status", "--as-of", DAY, "--section", "IV"),
            "--section 'IV': không có mục này; các mục: I, III, VI, IX, X",
            "--section 'IV': no such section; sections: I, III, VI, IX, X",
        ),
    ],
)
def test_a_bad_filter_is_one_message_in_the_users_language(
    run_cli: RunCli, args: tuple[str, ...], vi: str, en: str
) -> None:
    assert_one_message(run_cli, args, vi, en)


# --- the report's summary counts what its items list ----------------------------------------

SUMMARY_ROW = re.compile(r"^\| (\S+) ([^|]+?) \| (\d+) \| (\d+) \| [^|]+ \|$")
BADGES = [
    "✘ Không đạt",
    "⏰ Quá hạn",
    "▲ Có nguy cơ",
    "◷ Sắp đến hạn",
    "? Chưa có số liệu",
    "· Chưa đến hạn",
    "✔ Đạt",
]


def report_counts(text: str) -> tuple[dict[str, int], dict[str, dict[str, set[str]]]]:
    """The summary's count of each verdict on the report's day, and for each numbered
    section the check ids its rows list under each verdict."""
    badges = {f"{b} {w}": w for b, w in (line.split(" ", 1) for line in BADGES)}
    summary_part = text.split("\n## 1. ", 1)[0]
    counts = {
        m[2]: int(m[3]) for line in summary_part.splitlines() if (m := SUMMARY_ROW.match(line))
    }
    sections: dict[str, dict[str, set[str]]] = {}
    for part in text.split("\n## ")[2:]:
        number = part.split(".", 1)[0]
        for line in part.splitlines():
            if m := ITEM_ROW.match(line):
                # the at-risk and no-data tables name their verdict in their title only
                verdict = {"2": "Có nguy cơ", "4": "Chưa có số liệu"}.get(number) or next(
                    (w for b, w in badges.items() if f"| {b} |" in line), None
                )
                if verdict:
                    sections.setdefault(number, {}).setdefault(verdict, set()).add(m[1])
    return counts, sections


@pytest.mark.parametrize(
    ("as_of", "unit"),
    [("2024-11-28", None), ("2024-11-25", None), ("2024-08-25", None), (DAY, "Văn phòng Sở")],
)
def test_the_report_summary_counts_every_verdict_its_items_name(
    run_cli: RunCli, as_of: str, unit: str | None
) -> None:
    extra = ("--unit", unit) if unit else ()
    report = run_cli("report", *BASE, "--as-of", as_of, *extra)
    assert report.exit_code == 0, report.stderr
    counts, sections = report_counts(report.stdout)
    assert len(counts) == 7
    named = {v for items in sections.values() for v in items}
    assert named, "the report lists no item"
    for verdict in named:  # every verdict an item shows is counted above it
        listed = set().union(*(s.get(verdict, set()) for s in sections.values()))
        assert counts[verdict] >= len(listed) >= 1, verdict
    # the red, at-risk and no-data sections list every check of their verdicts
    for number, verdicts in (("1", ("Không đạt", "Quá hạn")), ("2", ("Có nguy cơ",))):
        for verdict in verdicts:
            assert counts[verdict] == len(sections.get(number, {}).get(verdict, set()))
    assert counts["Chưa có số liệu"] == len(sections.get("4", {}).get("Chưa có số liệu", set()))
    title = re.search(r"^## 1\. Không đạt và quá hạn \((\d+)\)$", report.stdout, re.M)
    assert title and int(title[1]) == counts["Không đạt"] + counts["Quá hạn"]


def test_the_report_counts_an_overdue_check_of_a_task_not_met(run_cli: RunCli) -> None:
    report = run_cli("report", *BASE, "--as-of", DAY).stdout
    assert "| ⏰ Quá hạn | 1 | 1 | 0 |" in report
    assert "| ✘ Không đạt | 5 | 5 | 0 |" in report
    assert re.search(r"^\| I\.2\.b \|.*\| ⏰ Quá hạn \|$", report, re.M)
    assert "| Số tiêu chí theo trạng thái | 28/11/2024 | 28/10/2024 | Thay đổi |" in report


def test_a_units_report_counts_its_own_checks_and_points(run_cli: RunCli) -> None:
    report = run_cli("report", *BASE, "--as-of", DAY, "--unit", "Thanh tra Sở", "--lang", "en")
    text = report.stdout
    # I.3.a, I.3.b, III.1.a, III.1.b, III.6, IX.6: the unit's checks, nobody else's
    assert "| ✘ Not met | 2 |" in text and "| ◷ Due soon | 1 |" in text
    assert "| · Pending | 1 |" in text and "| ✔ Met | 2 |" in text
    assert "| ▲ At risk | 0 |" in text and "| ⏰ Overdue | 0 |" in text
    assert "Projected points: bonus 0.5, deduction 0, net 0.5" in text
    assert "| X.5 |" not in text and "| VI.3 |" not in text


# --- date options are strict ----------------------------------------------------------------

MONTH_VI = (
    "parcheck: --month {v!r}: không phải một tháng; hãy viết YYYY-MM (2024-11) hoặc MM/YYYY "
    "(11/2024)\n"
)
MONTH_EN = "parcheck: --month {v!r}: not a month; write YYYY-MM (2024-11) or MM/YYYY (11/2024)\n"


@pytest.mark.parametrize(
    "value",
    [
        "24-11",  # once the report of the year 24
        "2024-13",
        "2024-00",
        "2024-11-25",
        "11-2024",
        "2024/11",
        "2024.11",
        "+2024-11",
        "2024- 11",
        "٢٠٢٤-11",  # Arabic-Indic digits, which int() reads
        "２０２４-11",
        "20244-11",
        "0000-05",
        "",
        "tháng 11",
    ],
)
def test_month_is_a_four_digit_year_and_a_month(run_cli: RunCli, value: str) -> None:
    result = run_cli("report", *BASE, "--month", value)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", MONTH_VI.format(v=value))
    result = run_cli("report", *BASE, "--month", value, "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, MONTH_EN.format(v=value))


@pytest.mark.parametrize(
    ("value", "day"),
    [("2024-11", "25/11/2024"), ("11/2024", "25/11/2024"), ("2024-1", "25/01/2024"),
     ("1/2024", "25/01/2024"), (" 2024-02 ", "25/02/2024")],
)  # fmt: skip
def test_month_in_either_order(run_cli: RunCli, value: str, day: str) -> None:
    result = run_cli("report", *BASE, "--month", value)
    assert result.exit_code == 0, result.stderr
    assert f"Ngày đánh giá: {day}  \n" in result.stdout


def test_month_outside_the_calendar(run_cli: RunCli) -> None:
    result = run_cli("report", *BASE, "--month", "1899-12")
    assert (result.exit_code, result.stderr) == (
        2,
        "parcheck: --month: ngày 25/12/1899 nằm ngoài khoảng 01/01/1900–31/12/2100\n",
    )


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (
            ("status", "--as-of", "24-11-25"),
            "--as-of '24-11-25': không phải một ngày",
            "--as-of '24-11-25': not a date",
        ),
        (
            ("report", "--as-of", "25-11-2024"),
            "--as-of '25-11-2024': không phải một ngày",
            "--as-of '25-11-2024': not a date",
        ),
        (
            ("status", "--as-of", "30/02/2024"),
            "--as-of '30/02/2024': không có ngày này",
            "--as-of '30/02/2024': no such day",
        ),
        (
            ("status", "--as-of", "2024-11-25T00:00"),
            "--as-of '2024-11-25T00:00': không phải một ngày",
            "--as-of '2024-11-25T00:00': not a date",
        ),
        (
            ("template", "--as-of", "24/11/25"),
            "--as-of '24/11/25': không phải một ngày",
            None,  # template has no --lang
        ),
        (
            ("calendar", "--from", "24-01-01"),
            "--from '24-01-01': không phải một ngày",
            "--from '24-01-01': not a date",
        ),
        (
            ("calendar", "--to", "2024-02-30"),
            "--to '2024-02-30': không có ngày này",
            "--to '2024-02-30': no such day",
        ),
    ],
)
def test_dates_in_options_are_strict(
    run_cli: RunCli, args: tuple[str, ...], vi: str, en: str | None
) -> None:
    forms = {
        "vi": "; hãy viết YYYY-MM-DD (2024-11-25) hoặc DD/MM/YYYY (25/11/2024)\n",
        "en": "; write YYYY-MM-DD (2024-11-25) or DD/MM/YYYY (25/11/2024)\n",
    }
    result = run_cli(*args, "--plan", PLAN)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"parcheck: {vi}{forms['vi']}",
    )
    if en:
        result = run_cli(*args, "--plan", PLAN, "--lang", "en")
        assert (result.exit_code, result.stderr) == (2, f"parcheck: {en}{forms['en']}")


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (
            ("report", "--as-of", DAY, "--month", "2024-11"),
            "chỉ ghi một trong hai: --as-of hoặc --month",
            "give --as-of or --month, not both",
        ),
        (
            ("calendar", "--from", "2024-05-01", "--to", "2024-04-30"),
            "--to 2024-04-30 trước --from 2024-05-01",
            "--to 2024-04-30 is before --from 2024-05-01",
        ),
    ],
)
def test_conflicting_date_options_are_one_message(
    run_cli: RunCli, args: tuple[str, ...], vi: str, en: str
) -> None:
    assert_one_message(run_cli, args, vi, en)


def test_only_repeated_adds_up_and_only_empty_names_no_verdict(run_cli: RunCli) -> None:
    both = run_cli(
        "status", "--as-of", "2024-11-25", "--only", "met", "--only", "overdue", "--format", "json"
    )
    summary = json.loads(both.stdout)["summary"]
    assert summary["overdue"] >= 1 and summary["met"] >= 1
    assert {k for k, n in summary.items() if n} == {"met", "overdue"}
    empty = run_cli("status", "--as-of", "2024-11-25", "--only", "")
    assert empty.exit_code == 2
    assert "--only '': không phải mã trạng thái" in empty.stderr
