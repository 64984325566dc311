"""Bounds on the work an input may cause (issue 7, "unbounded work"): recurring rules over
two centuries, problems by the hundred thousand, "did you mean" hints, event limits times
events; and numbers written in digits other than ASCII."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parcheck.engine.calendar import MAX_STEPS, WorkCalendar
from parcheck.figures import values
from parcheck.plan import recurrence, yamldoc
from parcheck.plan.model import Calendar, WorkSpan
from tests.conftest import DATA, RunCli

MINI = DATA / "plans" / "valid" / "minimal.yaml"


def metrics_file(tmp_path: Path, body: str, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


# --- numbers and dates in ASCII digits only ------------------------------------------


@pytest.mark.parametrize("written", ["٨٨", "８８", "８８%", "٨٨,٥", "۸۸"])
def test_digits_other_than_ascii_are_not_a_number(
    run_cli: RunCli, tmp_path: Path, written: str
) -> None:
    path = metrics_file(tmp_path, f'plan: mini\nas_of: 2024-11-25\nvalues:\n  VI.3: "{written}"\n')
    result = run_cli("validate", MINI, "--metrics", path, "--lang", "en")
    assert result.exit_code == 1, result.stdout
    assert f"{path}:4:9: error PM003 not a number: {written!r}" in result.stdout
    csv = metrics_file(tmp_path, f'check,value,as_of,note\nVI.3,"{written}",2024-11-25,\n', "m.csv")
    result = run_cli("validate", MINI, "--metrics", csv, "--lang", "en")
    assert result.exit_code == 1, result.stdout
    assert f"{csv}:2:6: error PM003 not a number: {written!r}" in result.stdout


def test_ascii_numbers_are_still_read(run_cli: RunCli, tmp_path: Path) -> None:
    path = metrics_file(tmp_path, 'plan: mini\nas_of: 2024-11-25\nvalues:\n  VI.3: "88,5%"\n')
    result = run_cli("validate", MINI, "--metrics", path)
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize("written", ["٢٠٢٤-١١-٢٥", "２０２４-１１-２５", "25/11/２０２４"])
def test_dates_in_other_digits_are_not_a_date(
    run_cli: RunCli, tmp_path: Path, written: str
) -> None:
    path = metrics_file(tmp_path, f'plan: mini\nas_of: "{written}"\nvalues:\n  VI.3: 88\n')
    result = run_cli("validate", MINI, "--metrics", path, "--lang", "en")
    assert result.exit_code == 1, result.stdout
    assert f"{path}:2:8: error PM004 not a date: {written!r}" in result.stdout
    events = metrics_file(
        tmp_path,
        "plan: mini\nas_of: 2024-11-25\nvalues:\n"
        '  VI.4.c: {events: [{start: "2024-11-01 ٠٧:٣٠"}]}\n',
    )
    result = run_cli("validate", MINI, "--metrics", events, "--lang", "en")
    assert result.exit_code == 1, result.stdout
    assert "error PM004 not a date: '2024-11-01 ٠٧:٣٠'" in result.stdout


# --- event limits: counting jumps instead of stepping ---------------------------------


def reference_add_working_days(cal: WorkCalendar, event: dt.date, days: int) -> dt.date:
    """Counting a day at a time, as parcheck did before (the reference for the jumps)."""
    day = event
    for _ in range(abs(days)):
        for _ in range(MAX_STEPS):
            day += dt.timedelta(days=1 if days >= 0 else -1)
            if cal.is_working_day(day):
                break
        else:
            raise ValueError("no working day within ten years")
    return day


def reference_add_working_hours(cal: WorkCalendar, start: dt.datetime, hours: float) -> dt.datetime:
    left = dt.timedelta(hours=hours)
    day = start.date()
    moment = start.replace(tzinfo=None)
    for _ in range(MAX_STEPS):
        if cal.is_working_day(day):
            for span in cal.calendar.working_hours:
                begin = max(moment, dt.datetime.combine(day, span.start))
                end = dt.datetime.combine(day, span.end)
                if begin >= end:
                    continue
                if begin + left <= end:
                    return (begin + left).replace(tzinfo=start.tzinfo)
                left -= end - begin
        day += dt.timedelta(days=1)
        moment = dt.datetime.combine(day, dt.time(0))
    raise ValueError("no working hours within ten years")


def outcome(count: Callable[..., object], *args: object) -> object:
    """What counting gives: a day or a moment, or ValueError when the calendar runs out."""
    try:
        return count(*args)
    except ValueError:
        return ValueError


@st.composite
def spans(draw: st.DrawFn) -> WorkSpan:
    start = draw(st.integers(0, 24 * 60 - 2))
    end = draw(st.integers(start + 1, 24 * 60 - 1))
    return WorkSpan(start=dt.time(*divmod(start, 60)), end=dt.time(*divmod(end, 60)))


NEAR = st.dates(dt.date(2022, 12, 1), dt.date(2026, 1, 31))
DAYS = [  # Tết 2024 and 2025, the 29/04 ↔ 04/05/2024 swap, make-up Saturdays, 02-03/09/2024
    dt.date(2024, 2, 7),
    dt.date(2024, 2, 9),
    dt.date(2024, 2, 14),
    dt.date(2025, 1, 24),
    dt.date(2024, 4, 26),
    dt.date(2024, 4, 29),
    dt.date(2024, 5, 4),
    dt.date(2025, 4, 26),
    dt.date(2023, 12, 31),
    dt.date(2024, 8, 30),
    dt.date(2024, 12, 31),
]
CALENDARS = st.builds(
    Calendar,
    extra_days_off=st.lists(st.one_of(NEAR, st.sampled_from(DAYS)), max_size=30),
    extra_working_days=st.lists(st.one_of(NEAR, st.sampled_from(DAYS)), max_size=10),
    working_hours=st.one_of(
        st.just(Calendar().working_hours), st.lists(spans(), min_size=1, max_size=3)
    ),
)
STARTS = st.one_of(
    st.datetimes(dt.datetime(2023, 1, 1), dt.datetime(2025, 12, 31, 23, 59)),
    st.builds(
        dt.datetime.combine,
        st.sampled_from(DAYS),
        st.sampled_from([dt.time(0), dt.time(7), dt.time(11, 30), dt.time(16, 59), dt.time(23)]),
    ),
)


@settings(max_examples=300, deadline=None)
@given(calendar=CALENDARS, start=STARTS, amount=st.integers(1, 3660), back=st.booleans())
def test_working_days_jump_to_the_day_stepping_reaches(
    calendar: Calendar, start: dt.datetime, amount: int, back: bool
) -> None:
    days = -amount if back else amount
    new, old = WorkCalendar(calendar), WorkCalendar(calendar)
    assert outcome(new.add_working_days, start.date(), days) == outcome(
        reference_add_working_days, old, start.date(), days
    )


@settings(max_examples=300, deadline=None)
@given(calendar=CALENDARS, start=STARTS, amount=st.integers(1, 3660))
def test_working_hours_skip_to_the_moment_walking_reaches(
    calendar: Calendar, start: dt.datetime, amount: int
) -> None:
    new, old = WorkCalendar(calendar), WorkCalendar(calendar)
    assert outcome(new.add_working_hours, start, amount) == outcome(
        reference_add_working_hours, old, start, amount
    )


@pytest.mark.parametrize("off", [3650, 3659, 3660, 3661, 3700])
def test_ten_years_without_a_working_day_end_the_count_as_before(off: int) -> None:
    first = dt.date(2024, 3, 1)
    calendar = Calendar(extra_days_off=[first + dt.timedelta(days=n) for n in range(off)])
    event = first - dt.timedelta(days=1)
    end = first + dt.timedelta(days=off)
    for days, at in ((1, event), (5, event), (-1, end), (-4, end)):
        assert outcome(WorkCalendar(calendar).add_working_days, at, days) == outcome(
            reference_add_working_days, WorkCalendar(calendar), at, days
        )
    moment = dt.datetime.combine(event, dt.time(9))
    assert outcome(WorkCalendar(calendar).add_working_hours, moment, 10) == outcome(
        reference_add_working_hours, WorkCalendar(calendar), moment, 10
    )


def plan_head(ident: str) -> str:
    """The head of a one-section plan `ident`, its tasks to follow."""
    return f"""id: {ident}
title: "Kế hoạch thử"
year: 2024
owner: "Sở"
units:
  - {{id: VP, name: "Văn phòng Sở"}}
sections:
  - id: I
    title: "Thử"
    tasks:
"""


EVENT_PLAN = (
    plan_head("ev")
    + """      - id: I.1
        task: "Tiếp nhận"
        lead: VP
        checks:
          - {id: I.1, kind: event, title: "e", event: "x", limit: {amount: 3660, unit: UNIT}}
"""
)


def event_metrics(tmp_path: Path, events: int) -> Path:
    rows = "".join(
        f"      - {{start: 2024-{1 + i % 10:02d}-{1 + i % 28:02d}, done: 2024-11-20, ref: e{i}}}\n"
        for i in range(events)
    )
    return metrics_file(
        tmp_path, f"plan: ev\nas_of: 2024-11-25\nvalues:\n  I.1:\n    events:\n{rows}"
    )


@pytest.mark.parametrize("unit", ["working_days", "working_hours"])
def test_limits_of_many_events_are_counted_in_a_few_calendar_lookups(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unit: str
) -> None:
    """200 events under a limit of 3,660 working days: stepping a day at a time asked
    whether a day is worked a million times; the jumps ask once for each day of the
    years they cross."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(EVENT_PLAN.replace("UNIT", unit), encoding="utf-8")
    asked = 0
    is_working_day = WorkCalendar.is_working_day

    def counted(self: WorkCalendar, day: dt.date) -> bool:
        nonlocal asked
        asked += 1
        return is_working_day(self, day)

    monkeypatch.setattr(WorkCalendar, "is_working_day", counted)
    metrics = event_metrics(tmp_path, 200)
    result = run_cli(
        "status", "--plan", plan, "--metrics", metrics, "--as-of", "2024-11-25", "--format", "json"
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    assert '"detail": "0/200 trễ"' in result.stdout
    assert asked < 20 * 366


def test_events_past_the_limit_are_refused_at_the_first_one_too_many(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(values, "MAX_EVENTS", 5)
    plan = tmp_path / "plan.yaml"
    plan.write_text(EVENT_PLAN.replace("UNIT", "working_days"), encoding="utf-8")
    five = event_metrics(tmp_path, 5)
    result = run_cli("validate", plan, "--metrics", five)
    assert result.exit_code == 0, result.stdout
    six = event_metrics(tmp_path, 6)
    result = run_cli("validate", plan, "--metrics", six, "--lang", "en")
    assert result.exit_code == 1, result.stdout
    assert (
        f"{six}:11:9: error PM016 6 events for one check, more than the limit of 5 in one file"
        in result.stdout
    )
    result = run_cli("status", "--plan", plan, "--metrics", six, "--as-of", "2024-11-25")
    assert result.exit_code == 2
    assert f"{six}:11:9: error PM016 6 sự kiện cho một tiêu chí" in result.stderr


# --- recurring rules: the plan year, and a budget for the whole plan --------------------

RULES_PLAN = plan_head("rules")


def rules_plan(tmp_path: Path, checks: list[str]) -> Path:
    rows = "".join(
        f'      - id: I.{n}\n        task: "t"\n        lead: VP\n        checks:\n'
        f'          - {{id: I.{n}, kind: recurring, title: "r", {fields}}}\n'
        for n, fields in enumerate(checks, 1)
    )
    path = tmp_path / "plan.yaml"
    path.write_text(RULES_PLAN + rows, encoding="utf-8")
    return path


def test_a_recurring_span_outside_the_plan_year_is_an_error_at_its_date(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """A 55 kB plan of 300 such checks took 30 s and 898 MB to validate (73,000 due days a
    rule), and `calendar` over 1900-2100 153 s, 11.7 GB and 1.2 GB of output."""
    plan = rules_plan(
        tmp_path,
        [
            "rrule: FREQ=DAILY, start: 1900-01-01, until: 2100-12-31",
            "rrule: FREQ=MONTHLY, start: 2024-02-01, until: 2025-01-31",
            "rrule: FREQ=MONTHLY, until: 2024-06-30",
        ],
    )
    result = run_cli("validate", plan, "--lang", "en")
    assert result.exit_code == 1, result.stdout
    assert result.stdout.splitlines()[:3] == [
        f"{plan}:15:78: error PC049 the date 01/01/1900 lies outside the plan year (2024): "
        "a recurring check's due days are the plan year's",
        f"{plan}:15:97: error PC049 the date 31/12/2100 lies outside the plan year (2024): "
        "a recurring check's due days are the plan year's",
        f"{plan}:20:99: error PC049 the date 31/01/2025 lies outside the plan year (2024): "
        "a recurring check's due days are the plan year's",
    ]
    assert "PC033" not in result.stdout
    result = run_cli("calendar", "--plan", plan, "--from", "1900-01-01", "--to", "2100-12-31")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{plan}:15:78: error PC049 ngày 01/01/1900" in result.stderr


def test_the_rules_of_a_plan_share_one_budget_of_due_days(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recurrence, "MAX_OCCURRENCES", 30)
    expanded: list[str] = []
    expand = recurrence._expand

    def counted(rule: str, start: dt.date, until: dt.date) -> tuple[dt.date, ...]:
        expanded.append(rule)
        return expand(rule, start, until)

    monkeypatch.setattr(recurrence, "_expand", counted)
    rules = [f"FREQ=MONTHLY;BYMONTHDAY={day}" for day in (1, 2, 3, 4, 5)]
    plan = rules_plan(tmp_path, [f'rrule: "{rule}"' for rule in rules[:2]])
    assert run_cli("validate", plan).exit_code == 0  # 24 due days
    plan = rules_plan(tmp_path, [f'rrule: "{rule}"' for rule in rules])
    expanded.clear()
    result = run_cli("validate", plan, "--lang", "en")
    assert result.exit_code == 1, result.stdout
    assert result.stdout.splitlines()[0] == (
        f"{plan}:25:59: error PC050 the plan's RRULEs give more than 30 due days in all "
        "(counting up to this rule); use fewer or sparser recurring checks"
    )
    assert set(expanded) == set(rules[:3])  # the rules past the budget are read, not expanded
    for command in (["calendar"], ["status", "--as-of", "2024-11-25"]):
        result = run_cli(*command, "--plan", plan)
        assert result.exit_code == 2
        assert f"{plan}:25:59: error PC050 " in result.stderr


def test_a_rule_past_the_budget_is_still_read(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recurrence, "MAX_OCCURRENCES", 10)
    plan = rules_plan(tmp_path, ['rrule: "FREQ=MONTHLY"', 'rrule: "FREQ=SECONDLY"'])
    result = run_cli("validate", plan, "--lang", "en")
    assert result.exit_code == 1
    assert "error PC050 " in result.stdout
    assert "error PC047 RRULE FREQ=SECONDLY" in result.stdout


# --- problems by the hundred thousand: positions indexed, a hundred reported a file ------


def problem_lines(output: str, code: str) -> list[str]:
    return [line for line in output.splitlines() if f" {code} " in line]


def test_positions_look_each_key_of_a_mapping_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Locating a problem scanned every key of each mapping on its path: 20,000 unknown
    keys of a metrics file took 10 s, 80,000 took 221 s."""
    read = 0
    key_text = yamldoc._key_text

    def counted(node: Any) -> str | None:
        nonlocal read
        read += 1
        return key_text(node)

    monkeypatch.setattr(yamldoc, "_key_text", counted)
    doc = yamldoc.parse("".join(f"k{i}: {{a: 1, b: [x, y]}}\n" for i in range(2000)), "k.yaml")
    for i in reversed(range(2000)):
        assert doc.position((f"k{i}", "b", 1)) == (i + 1, 18 + len(str(i)))
        assert doc.position((f"k{i}", "a"), key=True) == (i + 1, 5 + len(str(i)))
    assert read <= 2000 + 2 * 2000  # each key once: the top mapping's and each inner one's


def test_a_metrics_file_reports_its_first_hundred_problems_then_a_count(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lookups = 0
    position = yamldoc.Document.position

    def counted(self: yamldoc.Document, loc: tuple[Any, ...], *, key: bool = False) -> Any:
        nonlocal lookups
        lookups += 1
        return position(self, loc, key=key)

    monkeypatch.setattr(yamldoc.Document, "position", counted)
    keys = "".join(f"x{i}: 1\n" for i in range(1000))
    path = metrics_file(tmp_path, f"plan: mini\nas_of: 2024-11-25\n{keys}values: {{VI.3: 90}}\n")
    result = run_cli("validate", MINI, "--metrics", path, "--lang", "en")
    assert result.exit_code == 1
    assert len(problem_lines(result.stdout, "PM008")) == 100
    assert (
        problem_lines(result.stdout, "PM008")[-1]
        == f"{path}:102:1: error PM008 unknown field: 'x99' (the fields that fit: plan, as_of, "
        "source, export, values)"
    )
    assert problem_lines(result.stdout, "PM017") == [
        f"{path}: error PM017 900 more problems in the file, not listed "
        "(only the first 100 are reported)"
    ]
    assert lookups == 100
    result = run_cli("status", "--plan", MINI, "--metrics", path, "--as-of", "2024-11-25")
    assert result.exit_code == 2
    assert f"{path}: error PM017 còn 900 vấn đề khác trong tệp" in result.stderr
    assert len(result.stderr.splitlines()) == 101


def test_a_csv_file_reports_its_first_hundred_problems_then_a_count(
    run_cli: RunCli, tmp_path: Path
) -> None:
    rows = "".join(f"VI.{i},1,2024-11-25,\n" for i in range(10, 160))
    path = metrics_file(tmp_path, f"check,value,as_of,note\n{rows}", "m.csv")
    result = run_cli("validate", MINI, "--metrics", path, "--lang", "en")
    assert result.exit_code == 1
    found = problem_lines(result.stdout, "PM001")
    assert len(found) == 100
    assert found[0] == f"{path}:2:1: error PM001 no check 'VI.10' in the plan — VI.3?"
    assert problem_lines(result.stdout, "PM017") == [
        f"{path}: error PM017 50 more problems in the file, not listed "
        "(only the first 100 are reported)"
    ]


def test_a_plan_reports_its_first_hundred_problems_then_a_count(
    run_cli: RunCli, tmp_path: Path
) -> None:
    text = MINI.read_text(encoding="utf-8")
    schema = tmp_path / "schema.yaml"
    schema.write_text(text + "".join(f"extra{i}: 1\n" for i in range(250)), encoding="utf-8")
    result = run_cli("validate", schema, "--lang", "en")
    assert result.exit_code == 1
    assert len(problem_lines(result.stdout, "PC020")) == 100
    assert f"{schema}:47:1: error PC020 extra0: Extra inputs are not permitted" in result.stdout
    assert f"{schema}: error PC051 150 more problems in the file" in result.stdout
    duplicates = tmp_path / "duplicates.yaml"
    duplicates.write_text(text + "owner: x\n" * 120, encoding="utf-8")
    result = run_cli("validate", duplicates, "--lang", "en")
    assert result.exit_code == 1
    assert len(problem_lines(result.stdout, "PC011")) == 100
    assert f"{duplicates}: error PC051 20 more problems in the file" in result.stdout
    units = tmp_path / "units.yaml"
    units.write_text(text.replace("lead: VP", "lead: VPP") + _leads(130), encoding="utf-8")
    result = run_cli("validate", units, "--lang", "en")
    assert result.exit_code == 1
    found = problem_lines(result.stdout, "PC032")
    assert len(found) == 100
    assert (
        found[0] == f"{units}:15:15: error PC032 unit not declared in units: 'VPP' — Văn phòng Sở?"
    )
    assert f"{units}: error PC051 31 more problems in the file" in result.stdout


def _leads(tasks: int) -> str:
    """A section of `tasks` tasks led by units the plan does not declare."""
    rows = "".join(
        f'      - {{id: XI.{n}, task: "t", lead: "Phòng {n}", checks: '
        f'[{{id: XI.{n}, kind: deliverable, title: "d", due: 2024-12-31}}]}}\n'
        for n in range(1, tasks + 1)
    )
    return f'  - id: XI\n    title: "S"\n    tasks:\n{rows}'


def test_hidden_warnings_keep_a_plan_valid(run_cli: RunCli, tmp_path: Path) -> None:
    rows = "".join(
        f'      - {{id: XI.{n}, task: "t", lead: VP, checks: '
        f'[{{id: XI.{n}, kind: deliverable, title: "d", due: 2025-03-31}}]}}\n'
        for n in range(1, 121)
    )
    plan = tmp_path / "plan.yaml"
    text = MINI.read_text(encoding="utf-8") + f'  - id: XI\n    title: "S"\n    tasks:\n{rows}'
    plan.write_text(text, encoding="utf-8")
    result = run_cli("validate", plan, "--lang", "en")
    assert result.exit_code == 0, result.stdout
    assert len(problem_lines(result.stdout, "PC033")) == 100
    assert f"{plan}: warning PC051 20 more problems in the file" in result.stdout


# --- "did you mean …?" among thousands of ids --------------------------------------------


def big_plan(tmp_path: Path) -> Path:
    """2,000 check ids in five sections."""
    lines = ["id: big", 'title: "t"', "year: 2024", 'owner: "o"']
    lines += ['units: [{id: VP, name: "Văn phòng"}]', "sections:"]
    for section in "ABCDE":
        lines += [f"  - id: {section}", '    title: "s"', "    tasks:"]
        for t in range(1, 201):
            tid = f"{section}.{t}"
            lines.append(
                f'      - {{id: {tid}, task: "t", lead: VP, checks: ['
                f'{{id: {tid}.a, kind: deliverable, title: "d", due: 2024-12-31}}, '
                f'{{id: {tid}.b, kind: deliverable, title: "d", due: 2024-11-30}}]}}'
            )
    path = tmp_path / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_hint_compares_an_unknown_id_with_a_few_hundred_ids_at_most(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With 10,500 check ids and 5,000 unknown ones, validate --metrics took 106 s."""
    compared = 0
    set_seq1 = difflib.SequenceMatcher.set_seq1

    def counted(self: difflib.SequenceMatcher[str], a: str) -> None:
        nonlocal compared
        compared += 1
        set_seq1(self, a)

    monkeypatch.setattr(difflib.SequenceMatcher, "set_seq1", counted)
    plan = big_plan(tmp_path)
    typos = {"A.157.bb": "A.157.b", "XA.157.b": "A.157.b", "E.19.a": "E.19.a", "QQQQQQ": ""}
    unknown = [*typos, *(f"Z.{n}.q" for n in range(16))]
    values = "".join(f"  {ident}: {{done: 2024-11-01}}\n" for ident in unknown)
    path = metrics_file(tmp_path, f"plan: big\nas_of: 2024-11-25\nvalues:\n{values}")
    result = run_cli("validate", plan, "--metrics", path, "--lang", "en")
    assert result.exit_code == 1
    assert compared <= len(unknown) * 400
    for typo, hint in typos.items():
        if typo == hint:  # a known id: no problem
            assert f"'{typo}'" not in result.stdout
        elif hint:
            assert f"error PM001 no check '{typo}' in the plan — {hint}?" in result.stdout
        else:
            assert f"error PM001 no check '{typo}' in the plan\n" in result.stdout
