"""Verdicts at their boundaries, on the Vietnamese calendar, through `parcheck status`."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parcheck.cli.app import today_in_vietnam
from parcheck.engine.calendar import WorkCalendar
from parcheck.engine.verdicts import evaluate
from parcheck.figures import Number, Snapshot
from parcheck.plan.load import load_plan
from parcheck.plan.model import Calendar, Plan
from tests.conftest import DATA, RunCli

ENGINE = DATA / "plans" / "valid" / "engine.yaml"


def status_of(run_cli: RunCli, tmp_path: Path, as_of: str, values: str) -> dict[str, Any]:
    metrics = tmp_path / "m.yaml"
    metrics.write_text(f"plan: eng\nas_of: {as_of}\nvalues:\n{values}", encoding="utf-8")
    result = run_cli(
        "status",
        "--plan",
        ENGINE,
        "--metrics",
        metrics,
        "--as-of",
        as_of,
        "--format",
        "json",
        "--fail-on",
        "never",
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    payload = json.loads(result.stdout)
    return {c["id"]: c for t in payload["tasks"] for c in t["checks"]} | {"_": payload}


@pytest.mark.parametrize(
    ("check", "value", "as_of", "verdict"),
    [
        ("I.1.gt", "87", "2024-11-25", "at_risk"),  # "trên 87%": 87 itself is not above
        ("I.1.gt", "87.01", "2024-11-25", "met"),
        ("I.1.gt", "87", "2025-01-01", "not_met"),
        ("I.1.gt", "87", "2024-12-31", "at_risk"),  # the deadline day is still inside
        ("I.1.ge", "80", "2024-11-25", "met"),  # "từ 80% trở lên": 80 is enough
        ("I.1.ge", "79.99", "2024-11-25", "at_risk"),
        ("I.1.ge", '"80,0%"', "2024-11-25", "met"),
        ("I.1.eq", "0", "2024-11-25", "met"),
        ("I.1.eq", "1", "2024-02-29", "not_met"),  # continuous: any breach is not met
        ("I.1.le", "5", "2024-06-30", "met"),
        ("I.1.lt", "5", "2024-06-30", "at_risk"),
        ("I.1.lt", "5", "2024-07-01", "not_met"),
    ],
)
def test_threshold_boundaries(
    run_cli: RunCli, tmp_path: Path, check: str, value: str, as_of: str, verdict: str
) -> None:
    assert status_of(run_cli, tmp_path, as_of, f"  {check}: {value}\n")[check]["status"] == verdict


def test_no_value_is_no_data(run_cli: RunCli, tmp_path: Path) -> None:
    got = status_of(run_cli, tmp_path, "2024-11-25", "  I.1.ge: 90\n")
    assert got["I.1.gt"]["status"] == "no_data"
    assert got["I.1.ge"]["gap"] == 10


@pytest.mark.parametrize(
    ("value", "as_of", "verdict"),
    [
        ("{done: 2024-06-15}", "2024-06-20", "met"),  # done on the day is on time
        ("{done: 2024-06-16}", "2024-06-20", "not_met"),  # done late
        ("{done: null}", "2024-06-16", "overdue"),
        ("{done: null}", "2024-06-15", "due_soon"),
        ("{done: null}", "2024-06-01", "due_soon"),  # 14 days left
        ("{done: null}", "2024-05-31", "pending"),  # 15 days left
        ("{done: 2024-06-30}", "2024-06-20", "overdue"),  # a later date did not happen yet
    ],
)
def test_deliverable(run_cli: RunCli, tmp_path: Path, value: str, as_of: str, verdict: str) -> None:
    assert status_of(run_cli, tmp_path, as_of, f"  II.1: {value}\n")["II.1"]["status"] == verdict


# `due` is the next occurrence (contract §6); `overdue_since` the one missed or done late.
@pytest.mark.parametrize(
    ("done", "as_of", "verdict", "due", "since"),
    [
        ("[2024-10-25]", "2024-10-26", "pending", "2024-11-25", None),  # 30 days to the next
        ("[2024-10-25]", "2024-11-12", "due_soon", "2024-11-25", None),
        ("[2024-10-20]", "2024-11-12", "due_soon", "2024-11-25", None),  # after 25/09: on time
        ("[2024-09-25]", "2024-10-26", "overdue", "2024-11-25", "2024-10-25"),  # no October
        ("[2024-09-25, 2024-10-26]", "2024-10-28", "not_met", "2024-11-25", "2024-10-25"),
        ("[]", "2024-01-24", "due_soon", "2024-01-25", None),
        # the deadline day is inclusive: due today is not yet overdue
        ("[2024-09-25, 2024-10-24]", "2024-11-25", "due_soon", "2024-11-25", None),
        # submitted on the day: the next occurrence is a month away
        ("[2024-10-24, 2024-11-25]", "2024-11-25", "pending", "2024-12-25", None),
        ("[2024-10-24, 2024-11-25]", "2024-12-11", "due_soon", "2024-12-25", None),
        # the last occurrence of the year done: nothing is owed any more
        ("[2024-11-25, 2024-12-25]", "2024-12-31", "met", None, None),
        # the last one missed: overdue with nothing coming
        ("[2024-11-25]", "2024-12-31", "overdue", None, "2024-12-25"),
    ],
)
def test_monthly_duty(
    run_cli: RunCli,
    tmp_path: Path,
    done: str,
    as_of: str,
    verdict: str,
    due: str | None,
    since: str | None,
) -> None:
    got = status_of(run_cli, tmp_path, as_of, f"  II.2.a: {{done: {done}}}\n")["II.2.a"]
    assert (got["status"], got["due"], got["overdue_since"], got["rrule"]) == (
        verdict,
        due,
        since,
        "FREQ=MONTHLY;BYMONTHDAY=25",
    )


def events(*pairs: tuple[str, str | None]) -> str:
    items = "".join(
        f'      - {{start: "{s}"' + (f', done: "{d}"' if d else "") + "}\n" for s, d in pairs
    )
    return "    events:\n" + items


@pytest.mark.parametrize(
    ("check", "start", "done", "verdict"),
    [
        # Tết 2024: event on Wed 07/02; 08–14/02 off → 15, 16, 19, 20, 21/02
        ("II.3.wd", "2024-02-07", "2024-02-21", "met"),
        ("II.3.wd", "2024-02-07", "2024-02-22", "not_met"),
        # Fri 26/04: 29/04–01/05 off, Saturday 04/05 worked → 02, 03, 04, 06, 07/05
        ("II.3.wd", "2024-04-26", "2024-05-07", "met"),
        ("II.3.wd", "2024-04-26", "2024-05-08", "not_met"),
        # Giỗ Tổ Thu 18/04: 17/04 + 5 working days = 19, 22, 23, 24, 25/04
        ("II.3.wd", "2024-04-17", "2024-04-25", "met"),
        ("II.3.wd", "2024-04-17", "2024-04-26", "not_met"),
        # National Day: 30/08 + 5 working days = 04, 05, 06, 09, 10/09
        ("II.3.wd", "2024-08-30", "2024-09-10", "met"),
        # 5 calendar days from 27/02/2024 end Sun 03/03 → next working day Mon 04/03
        ("II.3.cd", "2024-02-27", "2024-03-04", "met"),
        ("II.3.cd", "2024-02-27", "2024-03-05", "not_met"),
        # 29/02 (leap day) + 5 calendar days = Tue 05/03
        ("II.3.cd", "2024-02-29", "2024-03-05", "met"),
        ("II.3.cd", "2024-02-29", "2024-03-06", "not_met"),
        # 8 working hours from Fri 03/05 16:10: 50 min, then the make-up Saturday 04/05:
        # 4 h 30 in the morning and 2 h 40 from 13:30 → 16:10
        ("II.3.wh", "2024-05-03 16:10", "2024-05-04 16:10", "met"),
        ("II.3.wh", "2024-05-03 16:10", "2024-05-04 16:11", "not_met"),
        # from Tue 09:30 (07:00–11:30, 13:30–17:00): 2 h, 3.5 h, then 2.5 h Wednesday → 09:30
        ("II.3.wh", "2024-05-07 09:30", "2024-05-08 09:30", "met"),
        ("II.3.wh", "2024-05-07 09:30", "2024-05-08 09:31", "not_met"),
    ],
)
def test_event_limits_on_the_2024_calendar(
    run_cli: RunCli, tmp_path: Path, check: str, start: str, done: str, verdict: str
) -> None:
    got = status_of(run_cli, tmp_path, "2024-12-31", f"  {check}:\n" + events((start, done)))
    assert got[check]["status"] == verdict


def test_open_event_past_its_limit_is_not_met(run_cli: RunCli, tmp_path: Path) -> None:
    values = "  II.3.wd:\n" + events(("2024-11-20", None))
    # Wed 20/11 + 5 working days = 21, 22, 25, 26, 27/11; the last day is still in time
    assert status_of(run_cli, tmp_path, "2024-11-28", values)["II.3.wd"]["status"] == "not_met"
    got = status_of(run_cli, tmp_path, "2024-11-27", values)["II.3.wd"]
    assert (got["status"], got["due"]) == ("due_soon", "2024-11-27")


def test_score_caps(run_cli: RunCli, tmp_path: Path) -> None:
    got = status_of(run_cli, tmp_path, "2024-11-25", "  I.2.a: 3\n  I.2.b: 5\n")
    no_criteria = {"criteria_total": 0, "criteria_with_points": 0}  # the plan has no `scoring`
    assert got["_"]["score"] == {"bonus": 1.0, "deduction": -2.0, "net": -1.0, **no_criteria}
    assert (got["I.2.a"]["points"], got["I.2.b"]["points"]) == (1.0, -2.0)
    got = status_of(run_cli, tmp_path, "2024-11-25", "  I.2.a: 1\n  I.2.b: 1\n")
    assert got["_"]["score"] == {"bonus": 0.5, "deduction": -0.5, "net": 0.0, **no_criteria}


@pytest.mark.parametrize(
    ("utc", "day"),
    [
        ("2024-11-24T16:59:59+00:00", "2024-11-24"),
        ("2024-11-24T17:00:00+00:00", "2024-11-25"),  # midnight in Khánh Hòa
        ("2024-11-24T23:30:00+00:00", "2024-11-25"),  # a CI job at 23:30 UTC
        ("2024-12-31T20:00:00-05:00", "2025-01-01"),  # any machine zone
    ],
)
def test_default_date_is_today_in_vietnam(utc: str, day: str) -> None:
    assert today_in_vietnam(dt.datetime.fromisoformat(utc)).isoformat() == day


def test_working_days_come_from_holidays() -> None:
    cal = WorkCalendar(Calendar())
    assert not cal.is_working_day(dt.date(2024, 2, 12))  # Tết
    assert not cal.is_working_day(dt.date(2024, 4, 18))  # Giỗ Tổ
    assert not cal.is_working_day(dt.date(2024, 4, 29))  # swapped with 04/05
    assert cal.is_working_day(dt.date(2024, 5, 4))  # make-up Saturday
    assert not cal.is_working_day(dt.date(2024, 9, 3))
    assert cal.is_working_day(dt.date(2024, 2, 29))


def test_plan_overrides_days() -> None:
    cal = WorkCalendar(
        Calendar(extra_days_off=[dt.date(2024, 3, 8)], extra_working_days=[dt.date(2024, 3, 9)])
    )
    assert not cal.is_working_day(dt.date(2024, 3, 8))
    assert cal.is_working_day(dt.date(2024, 3, 9))


@functools.cache
def engine_plan() -> Plan:
    plan = load_plan(ENGINE).plan
    assert plan is not None
    return plan


ORDER = ["met", "pending", "due_soon", "no_data", "at_risk", "overdue", "not_met"]


@settings(max_examples=60, deadline=None)
@given(
    low=st.floats(0, 100, allow_nan=False),
    rise=st.floats(0, 100, allow_nan=False),
    day=st.dates(dt.date(2024, 1, 1), dt.date(2025, 3, 1)),
)
def test_rising_value_never_worsens_a_ge_verdict(low: float, rise: float, day: dt.date) -> None:
    high = min(100.0, low + rise)

    def verdict(value: float) -> str:
        snap = Snapshot("m", dt.date(2024, 1, 1), {"I.1.ge": Number(value)})
        result = evaluate(engine_plan(), [snap], day)
        return next(c.status.value for t in result.tasks for c in t.checks if c.id == "I.1.ge")

    assert ORDER.index(verdict(high)) <= ORDER.index(verdict(low))


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    later=st.integers(1, 300),
    value=st.floats(0, 100, allow_nan=False),
)
def test_later_snapshots_change_nothing(day: dt.date, later: int, value: float) -> None:
    early = Snapshot("a", day, {"I.1.ge": Number(50.0)})
    late = Snapshot("b", day + dt.timedelta(days=later), {"I.1.ge": Number(value)})
    plan = engine_plan()
    assert evaluate(plan, [early], day) == evaluate(plan, [early, late], day)
