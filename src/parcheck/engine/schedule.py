"""When a check's duty begins, and a recurring duty's due days on the plan's calendar: its
rule's occurrences, each on a day off moved as the check's `on_day_off` says."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from parcheck.plan.recurrence import occurrences

if TYPE_CHECKING:
    from parcheck.engine.calendar import WorkCalendar
    from parcheck.plan.model import AnyCheck, Plan, RecurringCheck


def begins(check: AnyCheck, plan: Plan) -> dt.date:
    """The day a check's duty begins: its own `start`, or the plan's."""
    return check.start or plan.begins


def due_days(check: RecurringCheck, plan: Plan, calendar: WorkCalendar) -> tuple[dt.date, ...]:
    """The days a recurring duty falls due, in order. An occurrence on a day off moves to
    the next working day (`next_working_day`, the default) or the one before it
    (`previous_working_day`), is dropped (`skip`) or stays (`keep`). Two occurrences moved
    onto one day are one due day."""
    days = occurrences(check, plan)
    rule = check.on_day_off
    if rule == "keep":
        return days
    moved: dict[dt.date, None] = {}
    for day in days:
        if calendar.is_working_day(day):
            moved[day] = None
        elif rule != "skip":
            moved[calendar.step(day, 1 if rule == "next_working_day" else -1)] = None
    return tuple(sorted(moved))
