"""The working calendar: Vietnam's days off and make-up working days from the `holidays`
package (through the table `vn_days.py` made from it, for 2000-2100), the plan's own
overrides, working hours, and limits counted from an event.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parcheck.plan.model import Calendar

TZ_NAME = "Asia/Ho_Chi_Minh"
MAX_STEPS = 3660  # ten years of days: a limit that runs past this is a plan error


def _country_year(country: str, year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(days off, weekend days worked) for one year: Vietnam's from the table generated from
    `holidays` (`vn_days.py`), other years and countries from `holidays` itself."""
    if country == "VN":
        from parcheck.engine import vn_days

        days = vn_days.year(year)
        if days is not None:
            return days
    return holidays_year(country, year)


def holidays_year(country: str, year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(days off, weekend days worked) for one year, from `holidays`: building its calendar
    costs some 40-60 ms at the first year of a run."""
    import holidays

    table = holidays.country_holidays(country, years=year)
    off = frozenset(day for day in table if day.year == year)
    worked = frozenset(day for day in getattr(table, "weekend_workdays", ()) if day.year == year)
    return off, worked


class WorkCalendar:
    """Working days and hours under a plan's calendar."""

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.extra_off = frozenset(calendar.extra_days_off)
        self.extra_worked = frozenset(calendar.extra_working_days)
        self._years: dict[int, tuple[frozenset[dt.date], frozenset[dt.date]]] = {}

    def _year(self, year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
        if year not in self._years:
            self._years[year] = _country_year(self.calendar.country, year)
        return self._years[year]

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.extra_off:
            return False
        if day in self.extra_worked:
            return True
        off, worked = self._year(day.year)
        if day in worked:
            return True
        return day.weekday() < 5 and day not in off

    def _step(self, day: dt.date, direction: int = 1) -> dt.date:
        """The next working day after `day` (before it, with direction -1)."""
        for _ in range(MAX_STEPS):
            day += dt.timedelta(days=direction)
            if self.is_working_day(day):
                return day
        raise ValueError("no working day within ten years")

    def add_working_days(self, event: dt.date, days: int) -> dt.date:
        """The last day of a limit of `days` working days; the event's day is not counted.
        A negative `days` counts back: the working day that many working days before."""
        day = event
        for _ in range(abs(days)):
            day = self._step(day, 1 if days >= 0 else -1)
        return day

    def add_calendar_days(self, event: dt.date, days: int) -> dt.date:
        """The last day of a limit of `days` calendar days (the event's day not counted),
        moved on to the next working day when it falls on a day off (Civil Code, art. 148)."""
        end = event + dt.timedelta(days=days)
        return end if self.is_working_day(end) else self._step(end)

    def add_working_hours(self, start: dt.datetime, hours: float) -> dt.datetime:
        """The moment `hours` working hours after `start`, counted only inside working hours."""
        left = dt.timedelta(hours=hours)
        day = start.date()
        moment = start.replace(tzinfo=None)
        for _ in range(MAX_STEPS):
            if self.is_working_day(day):
                for span in self.calendar.working_hours:
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
