"""When a check's duty begins, and a recurring duty's due days on the plan's calendar: its
rule's occurrences, each on a day off moved as the check's `on_day_off` says."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from parcheck.plan.recurrence import occurrences

if TYPE_CHECKING:
    from collections.abc import Iterator

    from parcheck.engine.calendar import WorkCalendar
    from parcheck.plan.model import AnyCheck, DeliverableCheck, Plan, RecurringCheck, ThresholdCheck
    from parcheck.plan.yamldoc import Document
    from parcheck.problems import Later


def begins(check: AnyCheck, plan: Plan) -> dt.date:
    """The day a check's duty begins: its own `start`, or the plan's."""
    return check.start or plan.begins


def with_due(check: ThresholdCheck | DeliverableCheck, due: dt.date) -> AnyCheck:
    """`check` with its deadline moved, still naming the check it shares (`same_as`, which
    `dataclasses.replace` would drop: it is not a field)."""
    from dataclasses import replace

    moved = replace(check, due=due)
    if check.same_as is not None:
        object.__setattr__(moved, "same_as", check.same_as)
    return moved


def due_day(check: ThresholdCheck | DeliverableCheck, calendar: WorkCalendar) -> dt.date | None:
    """A dated check's deadline: its `due` as written, unless it falls on a day off and the
    check says to move it to the next (or previous) working day; None when continuous."""
    due = check.due
    if due == "continuous":
        return None
    rule = check.on_day_off or "keep"
    if rule == "keep" or calendar.is_working_day(due):
        return due
    return calendar.step(due, 1 if rule == "next_working_day" else -1)


def day_off_problems(plan: Plan, doc: Document) -> Iterator[Later]:
    """A warning (PC075) for each deadline written on a day off whose check does not say
    what happens then: kept as written (`keep`, what a date of the source plan is) or
    moved. The plan maintainer states it; the secretary then sees no surprise."""
    from parcheck.dates import dmy
    from parcheck.engine.calendar import WorkCalendar
    from parcheck.problems import Later, Problem, Severity

    calendar = WorkCalendar(plan.calendar)
    for s, section in enumerate(plan.sections):
        for t, task in enumerate(section.tasks):
            for c, check in enumerate(task.checks):
                if check.kind not in ("threshold", "deliverable") or check.on_day_off:
                    continue
                due = check.due
                if due == "continuous" or calendar.is_working_day(due):
                    continue
                loc = ("sections", s, "tasks", t, "checks", c, "due")

                def make(loc: tuple[str | int, ...] = loc, due: dt.date = due) -> Problem:
                    line, column = doc.position(loc)
                    params = {"date": dmy(due)}
                    return Problem(doc.path, line, column, "PC075", params, Severity.WARNING)

                yield Later(Severity.WARNING, make)


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
