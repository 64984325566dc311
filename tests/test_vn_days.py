"""Vietnam's days off and make-up working days: the table generated from `holidays`
(engine/vn_days.py) is what `holidays` says for every year it covers, and the years outside
it are asked of `holidays` itself."""

from __future__ import annotations

import datetime as dt

import pytest

from parcheck.engine import vn_days
from parcheck.engine.calendar import WorkCalendar, holidays_year
from parcheck.plan.model import Calendar


@pytest.mark.parametrize("year", range(vn_days.FIRST, vn_days.LAST + 1))
def test_the_table_is_what_holidays_says(year: int) -> None:
    again = "run `python scripts/make_vn_days.py`"
    assert vn_days.year(year) == holidays_year("VN", year), again


def test_the_table_covers_every_plan_year_and_has_make_up_days() -> None:
    assert (vn_days.FIRST, vn_days.LAST) == (2000, 2100)
    table = vn_days.year(2024)
    assert table is not None
    off, worked = table
    assert dt.date(2024, 2, 10) in off and dt.date(2024, 9, 3) in off  # Tết, National Day
    assert worked == {dt.date(2024, 5, 4)}  # the Saturday worked for Monday 29 April
    assert vn_days.year(vn_days.FIRST - 1) is None and vn_days.year(vn_days.LAST + 1) is None


@pytest.mark.parametrize("year", [1990, 1999, 2101])
def test_years_outside_the_table_come_from_holidays(year: int) -> None:
    calendar = WorkCalendar(Calendar())
    off, worked = holidays_year("VN", year)
    assert off or year > 2100, f"holidays knows no day off in {year}"  # its lunar table ends
    day = dt.date(year, 1, 1)
    while day.year == year:
        expected = day in worked or (day.weekday() < 5 and day not in off)
        assert calendar.is_working_day(day) is expected, day
        day += dt.timedelta(days=1)
