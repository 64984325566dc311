"""Reading dates as people write them in the plan and the metrics: 2024-12-15 or 15/12/2024.

Nothing here reads the clock: the command line passes the date in."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# ASCII digits only (`\d` takes Arabic-Indic or fullwidth digits, which int() reads).
_DMY = re.compile(r"^\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s*$")
_YMD = re.compile(r"^\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\s*$")


def parse_date(value: Any) -> dt.date:
    """A date from a `date`, `YYYY-MM-DD` or `DD/MM/YYYY`; anything else raises ValueError."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if m := _YMD.match(value):
            year, month, day = (int(g) for g in m.groups())
        elif m := _DMY.match(value):
            day, month, year = (int(g) for g in m.groups())
        else:
            raise ValueError(f"not a date: {value!r} (write YYYY-MM-DD or DD/MM/YYYY)")
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"no such day: {value!r}") from None
    raise ValueError(f"not a date: {value!r} (write YYYY-MM-DD or DD/MM/YYYY)")


EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)
"""The dates parcheck reads, in plans, metrics and options: far either side of any plan, and
far from the ends of Python's calendar (years 1 and 9999), so that counting a limit forward
or a month back never runs off it."""


def in_range(day: dt.date) -> bool:
    return EARLIEST <= day <= LATEST


VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")  # Asia/Ho_Chi_Minh: UTC+7, no DST


def dmy(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"  # strftime writes year 1 as "1"
