"""When duties begin and where they fall: the plan's `start`, a check's own `start`,
`on_day_off` for recurring duties, checks shared by two tasks, and how much of the bonus
and deduction criteria the score covers. Every case runs the command line on
tests/data/plans/valid/effective.yaml (in effect from 02/01/2024); the plans that get these
wrong (tests/data/plans/invalid/shared-*.yaml, start-outside-year.yaml) are test_validate's."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from tests.conftest import DATA, PLAN, ROOT, RunCli

EFFECT = DATA / "plans" / "valid" / "effective.yaml"
FIGURES = DATA / "metrics" / "effective"
RED = ("not_met", "overdue")


def checks(run_cli: RunCli, as_of: str, *more: str) -> dict[str, Any]:
    """Each check's JSON on `as_of`, the figures of FIGURES unless `more` names others."""
    more = more or ("--metrics", str(FIGURES))
    result = run_cli("status", "--plan", EFFECT, "--as-of", as_of, "--format", "json", *more)
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    payload = json.loads(result.stdout)
    found = {c["id"]: c for t in payload["tasks"] for c in t["checks"]}
    found["_"] = payload
    return found


def calendar(run_cli: RunCli, start: str, end: str) -> list[tuple[str, str]]:
    result = run_cli("calendar", "--plan", EFFECT, "--from", start, "--to", end)
    assert result.exit_code == 0, result.stdout + result.stderr
    return [(line.split()[0], line.split()[1]) for line in result.stdout.splitlines()[1:]]


def test_a_duty_on_a_day_off_moves_as_its_check_says(run_cli: RunCli) -> None:
    # Friday 09/02/2024 is in Tết: the meeting (`skip`) does not take place. Sunday
    # 25/02 is due Monday 26/02 (`next_working_day`), Friday 23/02 (`previous_working_day`)
    # or on the Sunday itself (`keep`).
    assert calendar(run_cli, "2024-02-01", "2024-02-29") == [
        ("02/02/2024", "ORG.2"),
        ("16/02/2024", "ORG.2"),
        ("23/02/2024", "ORG.1.b"),
        ("23/02/2024", "ORG.2"),
        ("25/02/2024", "ORG.1.c"),
        ("26/02/2024", "ORG.1.a"),
    ]
    # Saturday 25/05 (a normal Saturday: 04/05 was the worked one)
    assert calendar(run_cli, "2024-05-24", "2024-05-27") == [
        ("24/05/2024", "ORG.1.b"),
        ("24/05/2024", "ORG.2"),
        ("25/05/2024", "ORG.1.c"),
        ("27/05/2024", "ORG.1.a"),
    ]


def test_a_moved_due_day_is_the_deadline_status_counts(run_cli: RunCli) -> None:
    # Nothing is submitted: on Sunday 25/02 and Monday 26/02 the duty missed is January's;
    # February's, moved to Monday 26/02, is missed from Tuesday on.
    for day, missed in [("2024-02-25", "2024-01-25"), ("2024-02-26", "2024-01-25")]:
        got = checks(run_cli, day)["ORG.1.a"]
        assert (got["status"], got["overdue_since"], got["due"]) == (
            "overdue",
            missed,
            "2024-02-26",
        )
    got = checks(run_cli, "2024-02-27")["ORG.1.a"]
    assert (got["status"], got["overdue_since"], got["due"]) == (
        "overdue",
        "2024-02-26",
        "2024-03-25",
    )


def test_nothing_is_owed_before_the_plan_takes_effect(run_cli: RunCli) -> None:
    got = checks(run_cli, "2024-01-01")
    assert got["_"]["summary"]["pending"] == 7
    for ident in ("ORG.1.a", "ORG.2", "III.4.a", "IX.1", "X.4"):
        assert (got[ident]["status"], got[ident]["starts"]) == ("pending", "2024-01-02")
    assert got["ORG.2"]["due"] == "2024-01-05"  # the first Friday in effect
    assert got["III.4.b"]["starts"] == "2024-06-01"  # its own start


def test_a_check_with_its_own_start_is_pending_until_then(run_cli: RunCli) -> None:
    before = checks(run_cli, "2024-05-31")["III.4.b"]
    assert (before["status"], before["starts"], before["due"]) == (
        "pending",
        "2024-06-01",
        "2024-09-30",
    )
    after = checks(run_cli, "2024-10-01")["III.4.b"]
    assert (after["status"], after["starts"]) == ("overdue", None)


@pytest.mark.parametrize("under", ["X.4", "III.4.a"])
def test_a_shared_check_is_one_fact_reported_under_either_id(
    run_cli: RunCli, tmp_path: Any, under: str
) -> None:
    text = (FIGURES / "2024-05-27.yaml").read_text(encoding="utf-8")
    (tmp_path / "2024-05-27.yaml").write_text(text.replace("X.4:", f"{under}:"), "utf-8")
    got = checks(run_cli, "2024-05-27", "--metrics", tmp_path)
    original, shared = got["III.4.a"], got["X.4"]
    assert original["status"] == shared["status"] == "not_met"
    assert original["detail"] == shared["detail"] == "1/2 trễ"
    assert (original["same_as"], shared["same_as"]) == (None, "III.4.a")
    assert shared["kind"] == "event"
    # the deduction is X.4's: one late dossier at −0.25, counted once
    assert (original["points"], shared["points"]) == (None, -0.25)
    assert got["_"]["score"]["deduction"] == -0.25


def test_an_event_before_the_duty_began_is_not_counted(run_cli: RunCli, tmp_path: Any) -> None:
    (tmp_path / "2024-01-10.yaml").write_text(
        "plan: eff\nas_of: 2024-01-10\nvalues:\n  III.4.a:\n    events:\n"
        "      - {start: 2024-01-01 08:00}\n",  # still open, but before 02/01
        "utf-8",
    )
    got = checks(run_cli, "2024-01-10", "--metrics", tmp_path)["III.4.a"]
    assert (got["status"], got["actual"]) == ("met", 0)


def test_the_score_says_how_many_criteria_it_covers(run_cli: RunCli) -> None:
    got = checks(run_cli, "2024-05-27")["_"]["score"]
    assert got == {
        "bonus": 0.0,
        "deduction": -0.25,
        "net": -0.25,
        "criteria_total": 3,  # IX.1, IX.2 and X.4: the tasks of the `scoring` sections
        "criteria_with_points": 2,  # IX.2 has no points in the plan
    }
    footer = {
        "vi": "(tính cho 2/3 tiêu chí thưởng, trừ điểm; 1 tiêu chí còn lại chưa được tính)",
        "en": "(covers 2 of 3 bonus and deduction criteria; the other 1 are not counted)",
    }
    for lang, words in footer.items():
        args = ("--plan", EFFECT, "--as-of", "2024-05-27", "--metrics", FIGURES, "--lang", lang)
        shown = run_cli("status", *args, "--format", "markdown").stdout
        assert words in " ".join(shown.split())
        report = run_cli("report", *args).stdout
        assert words in " ".join(report.split())


def test_a_deadline_on_a_day_off_stays_or_moves_as_the_check_says(run_cli: RunCli) -> None:
    # Sunday 30/06/2024, written in the plan: kept, moved to Monday 01/07, or to Friday 28/06
    assert calendar(run_cli, "2024-06-28", "2024-07-01") == [
        ("28/06/2024", "III.5.c"),
        ("28/06/2024", "ORG.2"),
        ("30/06/2024", "III.5.a"),
        ("01/07/2024", "III.5.b"),
    ]
    monday = checks(run_cli, "2024-07-01")
    assert (monday["III.5.a"]["status"], monday["III.5.a"]["due"]) == ("overdue", "2024-06-30")
    assert (monday["III.5.b"]["status"], monday["III.5.b"]["due"]) == ("due_soon", "2024-07-01")
    assert (monday["III.5.c"]["status"], monday["III.5.c"]["due"]) == ("no_data", "2024-06-28")
    assert checks(run_cli, "2024-07-02")["III.5.b"]["status"] == "overdue"


# --- the shipped plan ---------------------------------------------------------------------


def test_no_duty_of_the_shipped_plan_is_overdue_before_it_took_effect(
    run_cli: RunCli, tmp_path: Any
) -> None:
    result = run_cli("status", "--as-of", "2024-02-20", "--metrics", tmp_path, "--format", "json")
    assert result.exit_code == 0, result.stdout
    payload = json.loads(result.stdout)
    red = [c["id"] for t in payload["tasks"] for c in t["checks"] if c["status"] in RED]
    assert red == []
    assert payload["summary"]["overdue"] == payload["summary"]["not_met"] == 0


def test_the_shipped_calendar_has_no_deadline_on_a_day_off_unless_the_plan_keeps_it(
    run_cli: RunCli,
) -> None:
    from parcheck.engine.calendar import WorkCalendar
    from parcheck.plan.load import load_plan

    plan = load_plan(PLAN).plan
    assert plan is not None
    workdays = WorkCalendar(plan.calendar)
    kept = {c.id for t in plan.tasks() for c in t.checks if getattr(c, "on_day_off", "") == "keep"}
    result = run_cli("calendar", "--from", "2024-01-01", "--to", "2024-12-31")
    assert result.exit_code == 0
    listed = [line.split()[:2] for line in result.stdout.splitlines()[1:]]
    assert len(listed) > 100
    on_days_off = {
        ident
        for day, ident in listed
        if not workdays.is_working_day(dt.datetime.strptime(day, "%d/%m/%Y").date())
    }
    assert on_days_off <= kept


def test_a_shared_check_given_two_values_on_one_day_is_an_error_naming_both(
    run_cli: RunCli, tmp_path: Any
) -> None:
    (tmp_path / "a.yaml").write_text(
        "plan: eff\nas_of: 2024-05-27\nvalues:\n  III.4.a:\n    events:\n"
        "      - {start: 2024-05-20 08:00, done: 2024-05-20 11:00}\n",  # told otherwise
        "utf-8",
    )
    other = tmp_path / "b.yaml"
    other.write_text((FIGURES / "2024-05-27.yaml").read_text(encoding="utf-8"), "utf-8")
    result = run_cli("status", "--plan", EFFECT, "--as-of", "2024-05-27", "--metrics", tmp_path)
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert message.startswith(f"{other}:5:5: error PM028 'X.4' ngày 27/05/2024 có hai g")
    assert f"(III.4.a) ở {tmp_path / 'a.yaml'}:5:5; nếu là hai sự kiện khác nhau" in message


def test_the_template_asks_for_a_shared_fact_once(run_cli: RunCli) -> None:
    result = run_cli("template", "--plan", EFFECT, "--as-of", "2024-05-27")
    assert result.exit_code == 0
    keys = [line.split(":")[0].strip() for line in result.stdout.splitlines() if line[:3] == "  I"]
    assert "III.4.a" in keys
    assert "  X.4:" not in result.stdout
    assert "  #   cùng số liệu với III.4.a: điền một lần, dưới III.4.a" in result.stdout
    # the due days it names are the moved ones: Saturday 25/05 → Monday 27/05
    assert "ngày 25 hằng tháng · lần tới 27/05/2024" in result.stdout


@pytest.mark.parametrize(
    ("lang", "words"),
    [("vi", "[cuối mỗi quý]"), ("en", "[quarter end]")],
)
def test_a_quarterly_duty_is_named_in_words(run_cli: RunCli, lang: str, words: str) -> None:
    # I.4.e: 30/06/2024 is a Sunday, so June's quarter-end evaluation is due Monday 01/07
    result = run_cli("calendar", "--from", "2024-07-01", "--to", "2024-07-01", "--lang", lang)
    assert result.exit_code == 0
    line = next(line for line in result.stdout.splitlines() if "I.4.e" in line)
    assert line.startswith("01/07/2024  I.4.e") or line.startswith("2024-07-01  I.4.e")
    assert words in line


def shipped(run_cli: RunCli, as_of: str, folder: Any) -> dict[str, Any]:
    result = run_cli("status", "--as-of", as_of, "--metrics", folder, "--format", "json")
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    payload = json.loads(result.stdout)
    found = {c["id"]: c for t in payload["tasks"] for c in t["checks"]}
    found["_"] = payload
    return found


def test_the_shipped_plan_owes_no_duty_before_it_took_effect_nor_on_a_day_off(
    run_cli: RunCli,
) -> None:
    def days(ident: str, start: str, end: str) -> list[str]:
        result = run_cli("calendar", "--from", start, "--to", end)
        return [line.split()[0] for line in result.stdout.splitlines()[1:] if f"  {ident} " in line]

    for ident in ("ORG.1", "ORG.2", "I.2.b"):  # nothing before 31/03/2024, Tết included
        assert days(ident, "2024-01-01", "2024-03-31") == []
    # ORG.1 on the 25th: Saturday 25/05 and Sunday 25/08 are due the Monday after
    assert days("ORG.1", "2024-05-01", "2024-08-31") == [
        "27/05/2024",
        "25/06/2024",
        "25/07/2024",
        "26/08/2024",
    ]


@pytest.mark.parametrize(
    ("written", "other", "figure"),
    [
        (
            "X.4",
            "III.4.b",
            "\n    events:\n      - {start: 2024-11-20 08:00, done: 2024-11-22 10:00}\n",
        ),
        (
            "III.4.b",
            "X.4",
            "\n    events:\n      - {start: 2024-11-20 08:00, done: 2024-11-22 10:00}\n",
        ),
        ("X.3", "III.4.e", " 2\n"),
        ("III.4.e", "X.3", " 2\n"),
    ],
)
def test_one_rule_in_two_rows_of_the_shipped_plan_is_entered_once(
    run_cli: RunCli, tmp_path: Any, written: str, other: str, figure: str
) -> None:
    text = f"plan: kh2024\nas_of: 2024-11-25\nvalues:\n  {written}:{figure}"
    (tmp_path / "2024-11-25.yaml").write_text(text, "utf-8")
    got = shipped(run_cli, "2024-11-25", tmp_path)
    assert got[written]["status"] == got[other]["status"] == "not_met"
    assert got[written]["actual"] == got[other]["actual"]


def test_the_shipped_score_says_it_covers_2_of_11_criteria(run_cli: RunCli, tmp_path: Any) -> None:
    got = shipped(run_cli, "2024-11-25", tmp_path)["_"]["score"]
    assert (got["criteria_total"], got["criteria_with_points"]) == (11, 2)
    shown = run_cli("status", "--as-of", "2024-11-25", "--metrics", tmp_path).stdout
    assert "(tính cho 2/11 tiêu chí thưởng, trừ điểm; 9 tiêu chí còn lại chưa được tính)" in (
        " ".join(shown.split())
    )


def test_a_figure_repeated_after_the_deadline_is_not_shown_as_reached_late(
    run_cli: RunCli,
) -> None:
    # I.3 (>= 2 by 30/06) had 2 on 25/06; the reports after repeat 2: nothing "later"
    got = shipped(run_cli, "2024-11-25", ROOT / "metrics")["I.3"]
    assert (got["status"], got["actual"], got["later"]) == ("met", 2.0, None)


def test_the_template_says_limits_in_vietnamese(run_cli: RunCli) -> None:
    text = run_cli("template", "--as-of", "2024-11-25").stdout
    assert "trong 8 giờ làm việc kể từ:" in text
    assert "trong 5 ngày làm việc kể từ:" in text
    assert "working_" not in text


def test_the_calendar_starts_on_1_january_unless_told(run_cli: RunCli) -> None:
    # --to alone before the plan's start (31/03) is a window, not an error
    result = run_cli("calendar", "--to", "2024-03-01")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Lịch các thời hạn: 01/01/2024 – 01/03/2024 (0)")
