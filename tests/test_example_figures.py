"""The example figures in metrics/ tell the story of docs/example-story.md and nothing the
plan contradicts: reports on the plan's own report days, submissions on working days after
the plan took effect, paired checks that agree, shared facts written once, and on each day
the verdicts the story names (read through `parcheck status`, as a user reads them)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from parcheck.engine.calendar import WorkCalendar
from parcheck.engine.schedule import due_days
from parcheck.figures import Done, Events, Number, Snapshot, Submissions, read_metrics
from parcheck.plan import yamldoc
from parcheck.plan.load import load_plan
from parcheck.plan.model import Plan, RecurringCheck
from tests.conftest import PLAN, ROOT, RunCli

METRICS = ROOT / "metrics"
STORY = ROOT / "docs" / "example-story.md"
D = dt.date.fromisoformat
BEFORE_THE_PLAN = {"I.4.c"}  # the 2023 evaluation results, issued 19/01/2024 (the story, §1)
CHASE_LIST = {"III.4.f", "III.4.g"}  # never reported (the story, §4)
MISSED_MEETING = {"I.2.b": D("2024-11-22")}  # the story, §3.5


@cache
def plan() -> Plan:
    loaded = load_plan(PLAN).plan
    assert loaded is not None
    return loaded


@cache
def calendar() -> WorkCalendar:
    return WorkCalendar(plan().calendar)


@cache
def snapshots() -> tuple[Snapshot, ...]:
    read = read_metrics([METRICS], plan())
    assert not read.problems, read.problems
    return tuple(sorted(read.snapshots, key=lambda s: s.as_of))


def checks() -> dict[str, Any]:
    return {c.id: c for t in plan().tasks() for c in t.checks}


def due(check_id: str) -> tuple[dt.date, ...]:
    check = checks()[check_id]
    assert isinstance(check, RecurringCheck)
    return due_days(check, plan(), calendar())


def status(run_cli: RunCli, day: str) -> dict[str, dict[str, Any]]:
    """Every check's entry in `parcheck status --format json --as-of day`, by check id."""
    result = run_cli(
        "status", "--plan", PLAN, "--metrics", METRICS, "--as-of", day, "--format", "json"
    )
    assert result.exit_code in (0, 1), result.stderr
    payload = json.loads(result.stdout)
    return {c["id"]: c for t in payload["tasks"] for c in t["checks"]}


def test_one_file_a_monthly_report_on_the_plans_report_days() -> None:
    files = sorted(p.name for p in METRICS.iterdir())
    # ORG.1's due days from the plan's start to 25/11: the 25th, or the next working day
    days = [d for d in due("ORG.1") if d <= D("2024-11-25")]
    assert [d.isoformat() for d in days][:2] == ["2024-04-25", "2024-05-27"]  # 25/05: Saturday
    assert D("2024-08-26") in days  # 25/08 is a Sunday
    assert files == [f"{d.isoformat()}.yaml" for d in days]
    assert [s.as_of for s in snapshots()] == days
    for day in days:
        assert calendar().is_working_day(day) and day > plan().begins, day


def dates_of(snap: Snapshot) -> list[tuple[str, str, dt.date]]:
    """Every date a snapshot holds: (check, what, day)."""
    out: list[tuple[str, str, dt.date]] = []
    for ident, value in snap.values.items():
        if isinstance(value, Done) and value.done is not None:
            out.append((ident, "done", value.done))
        elif isinstance(value, Submissions):
            out += [(ident, "submitted", d) for d in value.done]
        elif isinstance(value, Events):
            for event in value.events:
                out.append((ident, "start", event.start.date()))
                if event.done is not None:
                    out.append((ident, "done", event.done.date()))
    return out


@pytest.mark.parametrize("snap", snapshots(), ids=lambda s: s.as_of.isoformat())
def test_every_date_is_a_working_day_of_the_plan_before_its_report(snap: Snapshot) -> None:
    for ident, what, day in dates_of(snap):
        assert calendar().is_working_day(day), (ident, what, day)
        assert day <= snap.as_of, (ident, what, day)
        if ident not in BEFORE_THE_PLAN:
            assert day >= plan().begins, (ident, what, day)
    old = {ident for ident, _, day in dates_of(snap) if day < plan().begins}
    assert old <= BEFORE_THE_PLAN


@pytest.mark.parametrize("snap", snapshots(), ids=lambda s: s.as_of.isoformat())
def test_recurring_submissions_are_the_plans_due_days(snap: Snapshot) -> None:
    for ident in ("I.2.b", "ORG.2", "I.4.a", "I.4.e", "ORG.1"):
        value = snap.values[ident]
        assert isinstance(value, Submissions)
        missed = MISSED_MEETING.get(ident)
        expected = [d for d in due(ident) if d <= snap.as_of and d != missed]
        assert list(value.done) == expected, ident
    assert calendar().is_working_day(D("2024-11-22"))  # a Friday meeting, not a day off


def test_the_weekly_meeting_reports_are_the_same_fridays_but_one() -> None:
    last = snapshots()[-1].values
    i2b, org2 = last["I.2.b"], last["ORG.2"]
    assert isinstance(i2b, Submissions) and isinstance(org2, Submissions)
    assert set(org2.done) - set(i2b.done) == {D("2024-11-22")}
    assert set(i2b.done) <= set(org2.done)
    assert all(d.weekday() == 4 for d in org2.done)
    assert org2.done[0] == D("2024-04-05")  # the first Friday after the plan took effect


@pytest.mark.parametrize("snap", snapshots(), ids=lambda s: s.as_of.isoformat())
def test_paired_checks_agree(snap: Snapshot) -> None:
    values = snap.values
    for one, other in (("VII.4", "IX.3"), ("VI.3", "IX.5")):  # one figure, two targets
        assert one in values and other in values, (one, other)
        a, b = values[one], values[other]
        assert isinstance(a, Number) and isinstance(b, Number)
        assert a.value == b.value, (one, other)
    # the same 10 % bar: judged at the same monthly evaluations, both reported
    assert "I.2.c" in values and "I.4.b" in values


def test_a_shared_fact_is_written_once() -> None:
    shared = {c.id: c.same_as for c in checks().values() if c.same_as is not None}
    assert shared == {"II.2.a": "II.1", "X.3": "III.4.e", "X.4": "III.4.b"}
    for path in sorted(METRICS.glob("*.yaml")):
        written = set(yamldoc.load(path).data["values"])
        assert not written & set(shared), path  # under the original id only
    latest = snapshots()[-1].values
    assert {"III.4.e", "III.4.b", "ORG.1"} <= set(latest)


def test_every_check_gets_figures_unless_the_story_says_why_not() -> None:
    reported = {ident for snap in snapshots() for ident in snap.values}
    last = D("2024-11-25")
    owed = set()
    for check in checks().values():
        if check.same_as is not None:
            continue
        # a figure, an event or a recurring duty: every report; a document: once due
        if check.kind != "deliverable" or check.due <= last:
            owed.add(check.id)
    assert owed - reported == CHASE_LIST
    assert not CHASE_LIST & reported


def test_satisfaction_moves_only_with_a_published_survey() -> None:
    previous: Number | None = None
    for snap in snapshots():
        value = snap.values["VIII.1.a"]
        assert isinstance(value, Number) and value.note
        assert "khảo sát" in value.note
        if previous is not None and value.value != previous.value:
            assert value.note != previous.note, snap.as_of
        previous = value


# (day, check, verdict, other fields the JSON must show): each miss the story names (§3),
# before and after, and the figures it names for 25/11.
MISSES = [
    ("2024-07-25", "III.1.a", "at_risk", {"actual": 92.0, "later": None}),
    ("2024-07-26", "III.1.a", "not_met", {"actual": 92.0}),
    (
        "2024-08-26",
        "III.1.a",
        "not_met",
        {"actual": 92.0, "later": {"value": 96.0, "as_of": "2024-08-26"}},
    ),
    (
        "2024-11-25",
        "III.1.a",
        "not_met",
        # 100 since 25/09: the later figure is dated when it was first reached
        {"actual": 92.0, "later": {"value": 100.0, "as_of": "2024-09-25"}},
    ),
    ("2024-07-25", "III.1.b", "due_soon", {"actual": None, "due": "2024-07-25"}),
    ("2024-07-26", "III.1.b", "overdue", {"actual": None}),
    ("2024-08-26", "III.1.b", "not_met", {"actual": "2024-07-30", "detail": "2031/BC-SCT"}),
    ("2024-07-25", "I.1", "met", {"actual": 100.0}),
    ("2024-08-26", "I.1", "not_met", {"actual": 100 * 21 / 22}),
    ("2024-11-25", "I.1", "not_met", {"actual": 100 * 30 / 31}),
    ("2024-08-26", "III.2.b", "met", {"detail": "0/1 trễ"}),
    ("2024-09-25", "III.2.b", "not_met", {"detail": "1/2 trễ"}),
    ("2024-11-25", "III.2.b", "not_met", {"detail": "1/3 trễ", "due": "2024-11-27"}),
    ("2024-09-25", "III.6", "met", {"actual": 100.0}),
    ("2024-10-25", "III.6", "not_met", {"actual": 100 * 312 / 313}),
    ("2024-10-25", "III.4.d", "met", {"actual": 0.0}),
    ("2024-10-25", "I.2.b", "due_soon", {"due": "2024-11-01"}),
    (
        "2024-11-25",
        "I.2.b",
        "overdue",
        {"overdue_since": "2024-11-22", "detail": "chưa nộp kỳ 22/11/2024"},
    ),
    ("2024-11-25", "ORG.2", "due_soon", {"due": "2024-11-29"}),
    (
        "2024-11-25",
        "VI.3",
        "at_risk",
        {"actual": 78.4, "due": "2024-12-15", "detail": "KBNN: 9.800/12.500 triệu đồng"},
    ),
    ("2024-11-25", "IX.5", "at_risk", {"actual": 78.4, "due": "2024-12-31"}),
    ("2024-11-25", "VII.4", "met", {"actual": 100 * 20 / 23}),
    ("2024-11-25", "IX.3", "at_risk", {"actual": 100 * 20 / 23}),
    ("2024-11-25", "VIII.1.a", "met", {"actual": 87.9}),
    ("2024-10-25", "VIII.1.a", "at_risk", {"actual": 86.1}),
    ("2024-06-25", "I.3", "met", {"actual": 2.0}),
    ("2024-08-26", "III.5", "not_met", {"actual": 98.5}),
    ("2024-09-25", "III.5", "met", {"actual": 100.0}),
    ("2024-07-25", "II.4", "no_data", {}),
    ("2024-08-26", "II.4", "at_risk", {"actual": 0.0}),
    ("2024-11-25", "X.5", "at_risk", {"actual": 1.0, "points": -0.5}),
    ("2024-11-25", "IX.6", "met", {"actual": 2.0, "points": 1.0}),
    ("2024-11-25", "X.4", "met", {"same_as": "III.4.b", "detail": "0/3 trễ"}),
    ("2024-11-25", "V.5", "met", {"detail": "0/3 trễ"}),
]


@pytest.mark.parametrize(("day", "ident", "verdict", "fields"), MISSES)
def test_status_shows_what_the_story_tells(
    run_cli: RunCli, day: str, ident: str, verdict: str, fields: dict[str, Any]
) -> None:
    check = status(run_cli, day)[ident]
    assert check["status"] == verdict
    for key, value in fields.items():
        if isinstance(value, float) and isinstance(check[key], float):
            assert check[key] == pytest.approx(value), key
        else:
            assert check[key] == value, key


@pytest.mark.parametrize("snap", snapshots(), ids=lambda s: s.as_of.isoformat())
def test_status_on_every_report_day(run_cli: RunCli, snap: Snapshot) -> None:
    checks_now = status(run_cli, snap.as_of.isoformat())
    assert len(checks_now) == 75
    no_data = {i for i, c in checks_now.items() if c["status"] == "no_data"}
    early = {"II.4"} if snap.as_of < D("2024-08-15") else set()  # no issue found yet
    assert no_data == CHASE_LIST | early
    overdue = {i for i, c in checks_now.items() if c["status"] == "overdue"}
    assert overdue == ({"I.2.b"} if snap.as_of == D("2024-11-25") else set())


VERDICT_WORDS = {
    "Không đạt": "not_met",
    "Quá hạn": "overdue",
    "Có nguy cơ": "at_risk",
    "Sắp đến hạn": "due_soon",
    "Chưa có số liệu": "no_data",
    "Chưa đến hạn": "pending",
    "Đạt": "met",
}


def test_the_verdicts_of_25_11_are_the_storys(run_cli: RunCli) -> None:
    """§6 of the story lists every check by its verdict on 25/11/2024."""
    text = STORY.read_text(encoding="utf-8").split("## 6.", 1)[1].split("\n## 7.", 1)[0]
    told: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for word, verdict in VERDICT_WORDS.items():
        row = re.search(rf"^\| {word} \| (\d+) \| (.*) \|$", text, re.M)
        assert row, word
        counts[verdict] = int(row[1])
        told[verdict] = set(re.findall(r"[A-Z]+\.\d+(?:\.[a-z])?", row[2]))
    actual: dict[str, set[str]] = {v: set() for v in VERDICT_WORDS.values()}
    for ident, check in status(run_cli, "2024-11-25").items():
        actual[check["status"]].add(ident)
    for verdict, ids in told.items():
        if verdict != "met":  # "the other checks"
            assert actual[verdict] == ids, verdict
        assert len(actual[verdict]) == counts[verdict], verdict


def test_the_story_tables_and_files_are_what_the_script_writes(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    shutil.copy(STORY, tmp_path / "docs" / STORY.name)
    script = ROOT / "scripts" / "make_example_metrics.py"
    subprocess.run([sys.executable, script, "--root", tmp_path], check=True)
    again = "run `python scripts/make_example_metrics.py`"
    written = sorted(p.name for p in (tmp_path / "metrics").iterdir())
    assert written == sorted(p.name for p in METRICS.iterdir()), again
    for name in written:
        assert (tmp_path / "metrics" / name).read_bytes() == (METRICS / name).read_bytes(), again
    assert (tmp_path / "docs" / STORY.name).read_bytes() == STORY.read_bytes(), again
