"""The limits of event checks: the last moment an event may be handled."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parcheck.engine.calendar import WorkCalendar
    from parcheck.plan.model import Limit


def limit_end(calendar: WorkCalendar, start: dt.datetime, limit: Limit) -> dt.datetime:
    """The last moment an event that happened at `start` may be handled."""
    if limit.unit == "working_hours":
        return calendar.add_working_hours(start, limit.amount)
    if limit.unit == "working_days":
        day = calendar.add_working_days(start.date(), limit.amount)
    else:
        day = calendar.add_calendar_days(start.date(), limit.amount)
    return dt.datetime.combine(day, dt.time.max)
