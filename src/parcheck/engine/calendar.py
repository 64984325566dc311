"""The working calendar: Vietnam's days off and make-up working days from the `holidays`
package (through the table `vn_days.py` made from it, for 2000-2100), the plan's own
overrides, working hours, and limits counted from an event.
"""

from __future__ import annotations

import bisect
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
        self._working: dict[int, list[dt.date]] = {}

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

    def working_days_of(self, year: int) -> list[dt.date]:
        """Every working day of `year`, in order (made once a year, then kept)."""
        days = self._working.get(year)
        if days is None:
            first = dt.date(year, 1, 1)
            length = (dt.date(year, 12, 31) - first).days + 1
            span = (first + dt.timedelta(days=n) for n in range(length))
            days = self._working[year] = [day for day in span if self.is_working_day(day)]
        return days

    def step(self, day: dt.date, direction: int = 1) -> dt.date:
        """The next working day after `day` (before it, with direction -1)."""
        for _ in range(MAX_STEPS):
            day += dt.timedelta(days=direction)
            if self.is_working_day(day):
                return day
        raise ValueError("no working day within ten years")

    def add_working_days(self, event: dt.date, days: int) -> dt.date:
        """The last day of a limit of `days` working days; the event's day is not counted.
        A negative `days` counts back: the working day that many working days before.

        The count jumps through each year's list of working days (`working_days_of`)
        instead of stepping a day at a time: some fifteen steps for 3,660 working days.
        As with stepping, ten years without a working day (MAX_STEPS days) is a
        ValueError."""
        if days >= 0:
            return self._forward(event, days)
        return self._back(event, -days)

    def _forward(self, event: dt.date, days: int) -> dt.date:
        if days == 0:
            return event
        year = event.year
        listing = self.working_days_of(year)
        index = bisect.bisect_right(listing, event) + days - 1
        last = event  # the last working day counted (the event, before any)
        while index >= len(listing):
            index -= len(listing)
            if listing and listing[-1] > last:
                last = listing[-1]
            year += 1
            listing = self.working_days_of(year)
            if listing and (listing[0] - last).days > MAX_STEPS:
                raise ValueError("no working day within ten years")
            if not listing and (dt.date(year, 12, 31) - last).days >= MAX_STEPS:
                raise ValueError("no working day within ten years")
        return listing[index]

    def _back(self, event: dt.date, days: int) -> dt.date:
        year = event.year
        listing = self.working_days_of(year)
        index = bisect.bisect_left(listing, event) - days
        last = event
        while index < 0:
            if listing and listing[0] < last:
                last = listing[0]
            year -= 1
            listing = self.working_days_of(year)
            index += len(listing)
            if listing and (last - listing[-1]).days > MAX_STEPS:
                raise ValueError("no working day within ten years")
            if not listing and (last - dt.date(year, 1, 1)).days >= MAX_STEPS:
                raise ValueError("no working day within ten years")
        return listing[index]

    def add_calendar_days(self, event: dt.date, days: int) -> dt.date:
        """The last day of a limit of `days` calendar days (the event's day not counted),
        moved on to the next working day when it falls on a day off (Civil Code, art. 148)."""
        end = event + dt.timedelta(days=days)
        return end if self.is_working_day(end) else self.step(end)

    def add_working_hours(self, start: dt.datetime, hours: float) -> dt.datetime:
        """The moment `hours` working hours after `start`, counted only inside working hours.

        Only the first and the last day walk through the working hours: the whole working
        days between are skipped at once (each holds the sum of the plan's spans), through
        `add_working_days`. The answer must lie within MAX_STEPS days of `start`'s day
        (else ValueError), as when every day was walked."""
        left = dt.timedelta(hours=hours)
        day = start.date()
        if self.is_working_day(day):
            found, left = self._within(day, start.replace(tzinfo=None), left)
            if found is not None:
                return found.replace(tzinfo=start.tzinfo)
        per_day = sum(
            (
                dt.datetime.combine(day, span.end) - dt.datetime.combine(day, span.start)
                for span in self.calendar.working_hours
            ),
            dt.timedelta(0),
        )
        if per_day <= dt.timedelta(0):
            raise ValueError("no working hours within ten years")
        whole = -(-left // per_day)  # the working day after `day` on which `left` runs out
        if whole >= MAX_STEPS:
            raise ValueError("no working hours within ten years")
        last = self.add_working_days(day, whole)
        if (last - day).days >= MAX_STEPS:
            raise ValueError("no working hours within ten years")
        left -= (whole - 1) * per_day
        midnight = dt.datetime.combine(last, dt.time(0))
        found, _ = self._within(last, midnight, left)
        if found is None:  # pragma: no cover - a day holds `per_day` and `left` is at most that
            raise ValueError("no working hours within ten years")
        return found.replace(tzinfo=start.tzinfo)

    def _within(
        self, day: dt.date, moment: dt.datetime, left: dt.timedelta
    ) -> tuple[dt.datetime | None, dt.timedelta]:
        """The moment `left` working hours after `moment` if it falls on `day`; else None
        and what is left after the day's working hours from `moment` on."""
        for span in self.calendar.working_hours:
            begin = max(moment, dt.datetime.combine(day, span.start))
            end = dt.datetime.combine(day, span.end)
            if begin >= end:
                continue
            if begin + left <= end:
                return begin + left, left
            left -= end - begin
        return None, left
