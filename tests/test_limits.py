"""Limits on the work an input may cause, and inputs at the edges of what is read: recurring
rules, alias bombs in memory, times with UTC offsets, CSV cells past csv's limit, dates near
year 1 or 9999 and limits that run past the calendar."""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest

from parcheck.engine.report import build_report, days_after, month_before
from parcheck.figures.values import Bad, read_moment, read_number
from parcheck.plan import recurrence
from parcheck.plan.load import load_plan
from tests.conftest import DATA, PLAN, ROOT, RunCli

MINI = DATA / "plans" / "valid" / "minimal.yaml"


def rrule_plan(tmp_path: Path, rule: str) -> Path:
    text = MINI.read_text(encoding="utf-8").replace(
        "rrule: FREQ=MONTHLY;BYMONTHDAY=25", f'rrule: "{rule}"'
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


SLOW_BEFORE = [
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31",  # 5 s: dateutil scanned every day up to 9999
    "FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=31",
    "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=DAILY;INTERVAL=7;BYDAY=TU",  # 1 January 2024 is a Monday: never a Tuesday
    "FREQ=DAILY;COUNT=1000000000",
    "FREQ=DAILY;INTERVAL=1000000000",
    "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO;BYMONTHDAY=31;BYMONTH=2",
    "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23",
    "FREQ=SECONDLY",  # 65 s and 1.5 GB
    "FREQ=MINUTELY;BYMONTHDAY=31;BYMONTH=2",
]


def test_every_rule_expands_in_well_under_a_second_and_stays_right() -> None:
    spans = [
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        (dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    ]
    for start, until in spans:
        for rule in SLOW_BEFORE:
            recurrence._expand.cache_clear()
            began = time.perf_counter()
            with contextlib.suppress(recurrence.RuleError):
                recurrence._expand(rule, start, until)
            assert time.perf_counter() - began < 0.25, (rule, start.year)
    # the scan stops once it has left the span, and keeps everything inside it
    expand = recurrence._expand
    start, until = spans[0]
    assert expand("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", start, until) == (dt.date(2024, 2, 29),)
    assert (
        expand("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", dt.date(2025, 1, 1), dt.date(2027, 12, 31))
        == ()
    )
    assert len(expand("FREQ=DAILY", *spans[1])) == 73414
    assert expand("FREQ=MONTHLY;BYMONTHDAY=31", start, until)[-2:] == (
        dt.date(2024, 10, 31),
        dt.date(2024, 12, 31),
    )


@pytest.mark.parametrize(
    ("rule", "code", "words"),
    [
        ("FREQ=SECONDLY", "PC047", "FREQ=SECONDLY"),
        ("FREQ=HOURLY;INTERVAL=2", "PC047", "FREQ=HOURLY"),
        ("FREQ=DAILY;BYHOUR=9,17", "PC048", "more than 366 occurrences from 01/01/2024"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20241231", "PC035", "count"),
        ("FREQ=DAILY;BYEASTER=0", "PC035", "BYEASTER"),
    ],
)
def test_rules_a_due_day_cannot_have_are_refused_at_the_rule(
    run_cli: RunCli, tmp_path: Path, rule: str, code: str, words: str
) -> None:
    plan = rrule_plan(tmp_path, rule)
    result = run_cli("validate", plan, "--lang", "en")
    assert result.exit_code == 1
    line = next(i for i, text in enumerate(plan.read_text().splitlines(), 1) if "rrule:" in text)
    assert f"{plan}:{line}:20: error {code} " in result.stdout
    assert words in result.stdout


def titles_plan(tmp_path: Path) -> Path:
    """758 kB: 5,000 tasks whose titles alias one 100 kB string (500 MB expanded)."""
    big = "x" * 100_000
    rows = [
        f"      - {{id: I.{i}, task: *big, lead: VP, checks: [{{id: I.{i}, kind: deliverable, "
        f"title: *big, due: 2024-12-31}}]}}"
        for i in range(1, 5001)
    ]
    head = [
        "id: bomb",
        f"title: &big {big}",
        "year: 2024",
        "owner: O",
        "units:",
        "  - {id: VP, name: V}",
        "sections:",
        "  - id: I",
        "    title: S",
        "    tasks:",
    ]
    path = tmp_path / "titles.yaml"
    path.write_text("\n".join(head + rows) + "\n", encoding="utf-8")
    return path


MEASURE = """
import resource, subprocess, sys, time
began = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=60)
print(result.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
      time.perf_counter() - began)
sys.stdout.write(result.stdout + result.stderr)
"""


@pytest.mark.parametrize(
    ("command", "code"), [(["validate"], 1), (["status", "--as-of", "2024-11-25", "--plan"], 2)]
)
def test_titles_aliasing_a_long_string_are_refused_fast_in_little_memory(
    tmp_path: Path, command: list[str], code: int
) -> None:
    """Before: 5.9 GB for validate, 11.8 GB and 2 GB of output for status."""
    plan = titles_plan(tmp_path)
    run = [sys.executable, "-m", "parcheck", *command, str(plan)]
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *run],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src"), "HOME": str(tmp_path), "NO_COLOR": "1"},
    ).stdout
    exit_code, peak_kb, seconds = out.split("\n", 1)[0].split()
    assert int(exit_code) == code
    assert "PC013" in out and "Traceback" not in out
    assert int(peak_kb) < 200_000, f"{int(peak_kb) // 1024} MB"
    assert float(seconds) < 10


def test_event_times_with_an_offset_are_read_in_vietnam_time() -> None:
    expected = dt.datetime(2024, 4, 12, 10, 0)
    for written in (
        "2024-04-12T10:00:00+07:00",
        "2024-04-12 10:00+0700",
        "2024-04-12T03:00:00Z",
        "2024-04-12t03:00z",
        "2024-04-12 05:00:00 +02:00",
        "2024-04-11T22:00-05",
        "12/04/2024 10:00",
    ):
        assert read_moment(written, end_of_day=False) == expected, written
    for wrong in ("2024-04-12 10:00+25:00", "2024-04-12 24:00"):
        with pytest.raises(Bad) as bad:
            read_moment(wrong, end_of_day=False)
        assert bad.value.code == "PM004"


def test_metrics_numbers_are_decimals_as_written() -> None:
    assert read_number("0,5") == 0.5 and read_number("0") == 0.0 and read_number("98,5%") == 98.5
    for written, code in (
        ("075", "PM012"),
        ("00", "PM012"),
        ("1" * 400, "PM003"),
        ("1:20", "PM022"),
    ):
        with pytest.raises(Bad) as bad:
            read_number(written)
        assert bad.value.code == code, written


def test_a_csv_cell_past_the_field_limit_stops_status_with_its_row(
    run_cli: RunCli, tmp_path: Path
) -> None:
    figures = tmp_path / "figures.csv"
    figures.write_text(
        'check,value,as_of,note\nI.1,88,2024-11-25,ok\nVI.3,"72,4,2024-11-25,'
        + "x" * 140_000
        + "\n",
        encoding="utf-8",
    )
    result = run_cli("status", "--plan", PLAN, "--metrics", figures, "--as-of", "2024-11-25")
    assert result.exit_code == 2
    assert f"{figures}:3:6: error PM013 " in result.stderr  # the quote left open
    result = run_cli("validate", PLAN, "--metrics", figures, "--lang", "en")
    assert result.exit_code == 1
    assert "line 3 has a cell longer than 131072 characters" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--as-of", "0001-01-01"],
        ["status", "--as-of", "9999-12-31"],
        ["report", "--as-of", "9999-12-31"],
        ["report", "--as-of", "1899-12-31"],
        ["report", "--month", "2101-01"],
        ["calendar", "--to", "9999-12-31"],
        ["template", "--as-of", "9999-12-31"],
    ],
)
def test_dates_outside_1900_to_2100_are_refused_as_options(
    run_cli: RunCli, args: list[str]
) -> None:
    result = run_cli(*args, "--plan", PLAN)
    assert result.exit_code == 2
    assert "nằm ngoài khoảng 01/01/1900–31/12/2100" in result.stderr


def test_the_report_counts_at_the_ends_of_the_calendar_without_overflow() -> None:
    assert month_before(dt.date(1, 1, 15)) == dt.date.min
    assert month_before(dt.date(2024, 3, 31)) == dt.date(2024, 2, 29)
    assert days_after(dt.date(9999, 12, 20), 30) == dt.date.max
    plan = load_plan(PLAN).plan
    assert plan is not None
    for day in (dt.date(9999, 12, 31), dt.date(1, 1, 5)):
        data = build_report(plan, [], day, plan_path="p", plan_digest="d")
        assert data.as_of == day


def test_a_limit_the_calendar_cannot_reach_is_one_message(run_cli: RunCli, tmp_path: Path) -> None:
    case = DATA / "bad" / "limits-limit-beyond-working-hours"
    for lang, words in (
        ("en", "check I.1.d: cannot count 3660 working hours from 20/11/2024 00:00"),
        ("vi", "tiêu chí I.1.d: không tính được hạn 3660 giờ làm việc kể từ 20/11/2024 00:00"),
    ):
        for command in ("status", "report"):
            result = run_cli(
                command,
                "--plan",
                case / "plan.yaml",
                "--metrics",
                case / "figures.yaml",
                "--as-of",
                "2024-11-25",
                "--lang",
                lang,
            )
            assert result.exit_code == 2
            assert result.stderr == f"parcheck: {words} — " + result.stderr.split(" — ", 1)[1]
            assert "Invalid value" not in result.stderr
