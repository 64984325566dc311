"""`parcheck calendar` and its iCalendar export, read back with the icalendar package."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar

from parcheck.engine.agenda import deadlines
from parcheck.plan.load import load_plan
from tests.conftest import DATA, PLAN, RunCli


def plan_deadlines() -> set[tuple[str, dt.date]]:
    plan = load_plan(PLAN).plan
    assert plan is not None
    return {(d.check.id, d.day) for d in deadlines(plan, plan.begins, plan.end)}


def read_ics(path: Path) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def test_text_lists_the_window_in_date_order(run_cli: RunCli) -> None:
    result = run_cli("calendar", "--plan", PLAN, "--from", "2024-11-25", "--to", "2024-12-03")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Lịch các thời hạn: 25/11/2024 – 03/12/2024 (16)"
    days = [dt.datetime.strptime(line[:10], "%d/%m/%Y").date() for line in lines[1:]]
    assert days == sorted(days) and len(days) == 16
    assert days[0] == dt.date(2024, 11, 25) and days[-1] == dt.date(2024, 12, 3)
    fridays = [line for line in lines if line.startswith("29/11/2024  I.2.b")]
    assert fridays and "[thứ Sáu hằng tuần]" in fridays[0]


def test_unit_filter_and_bad_input(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("calendar", "--plan", PLAN, "--unit", "Thanh tra Sở", "--lang", "en")
    assert result.exit_code == 0
    assert "II.1" in result.stdout and "VI.3" not in result.stdout
    assert run_cli("calendar", "--plan", PLAN, "--unit", "Phòng Ma").exit_code == 2
    reversed_window = ("--from", "2024-12-01", "--to", "2024-11-01")
    assert run_cli("calendar", "--plan", PLAN, *reversed_window).exit_code == 2
    bad_day = run_cli("calendar", "--plan", PLAN, "--from", "31/02/2024")
    assert bad_day.exit_code == 2 and "--from" in bad_day.stderr
    missing = run_cli(
        "calendar", "--plan", PLAN, "--ics", tmp_path / "no" / "k.ics", "--lang", "en"
    )
    assert missing.exit_code == 2 and "no such folder" in missing.stderr


def test_ics_holds_every_deadline_of_the_plan_year(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "kh2024.ics"
    assert run_cli("calendar", "--plan", PLAN, "--ics", target).exit_code == 0
    events = read_ics(target)
    found: set[tuple[str, dt.date]] = set()
    for event in events:
        check_id = str(event["UID"]).split("@")[0].removeprefix("kh2024-")
        start = event.decoded("DTSTART")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)  # all-day
        assert event.decoded("DTEND") == start + dt.timedelta(days=1)
        assert "RRULE" not in event  # every occurrence its own event, with its own reminder
        found.add((check_id.removesuffix(f"-{start:%Y%m%d}"), start))
        assert len(event.walk("VALARM")) == 1
    assert found == plan_deadlines()
    assert len(found) == 150  # the count `parcheck validate` reports for the plan
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))


def test_uids_are_stable_and_text_is_escaped(run_cli: RunCli, tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    run_cli("calendar", "--plan", PLAN, "--ics", first)
    run_cli("calendar", "--plan", PLAN, "--ics", second)
    assert [e["UID"] for e in read_ics(first)] == [e["UID"] for e in read_ics(second)]
    raw = first.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded at 75 octets
    event = next(e for e in read_ics(first) if str(e["UID"]) == "kh2024-VI.3@parcheck")
    assert str(event["SUMMARY"]).startswith("VI.3 — Tỷ lệ giải ngân kế hoạch đầu tư vốn")
    assert "Chỉ tiêu: >= 85 %" in str(event["DESCRIPTION"])


def test_reminders_count_working_days(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "e.ics"
    engine = DATA / "plans" / "valid" / "engine.yaml"
    assert run_cli("calendar", "--plan", engine, "--ics", target).exit_code == 0
    triggers = {str(e["UID"]): e.walk("VALARM")[0].decoded("TRIGGER") for e in read_ics(target)}
    # II.1 is due on Saturday 15/06/2024: three working days before is Wednesday 12/06
    assert triggers["eng-II.1@parcheck"] == -dt.timedelta(days=3) + dt.timedelta(hours=8)
    # I.1.le on Sunday 30/06: Wednesday 26/06, at 08:00
    assert triggers["eng-I.1.le@parcheck"] == -dt.timedelta(days=4) + dt.timedelta(hours=8)


def test_ics_and_text_list_the_same_days_in_any_window(run_cli: RunCli, tmp_path: Path) -> None:
    """A recurring duty's own `until` and a window that starts mid-year: the .ics holds
    exactly the days the text lists (an RRULE once ran on to the year's end)."""
    plan = tmp_path / "until.yaml"
    text = PLAN.read_text(encoding="utf-8")
    marker = "rrule: FREQ=WEEKLY;BYDAY=FR\n"  # I.2.b, the first weekly duty
    assert marker in text
    plan.write_text(text.replace(marker, marker + "            until: 2024-07-31\n", 1), "utf-8")
    target = tmp_path / "w.ics"
    window = ("--from", "2024-06-01", "--to", "2024-09-30", "--lang", "en")
    result = run_cli("calendar", "--plan", plan, *window, "--ics", target)
    assert result.exit_code == 0, result.stderr
    listed = {
        (line.split()[1], dt.date.fromisoformat(line.split()[0]))
        for line in result.stdout.splitlines()[1:]
    }
    in_ics = {
        (
            str(e["UID"])
            .split("@")[0]
            .removeprefix("kh2024-")
            .removesuffix(f"-{e.decoded('DTSTART'):%Y%m%d}"),
            e.decoded("DTSTART"),
        )
        for e in read_ics(target)
    }
    assert in_ics == listed
    fridays = {day for check, day in listed if check == "I.2.b"}
    assert fridays and max(fridays) <= dt.date(2024, 7, 31)
