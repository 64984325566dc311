"""Every dated deadline of a plan in a window (`parcheck calendar`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from parcheck.engine.calendar import WorkCalendar
from parcheck.engine.schedule import due_day, due_days
from parcheck.plan.units import UnitIndex

if TYPE_CHECKING:
    from parcheck.plan.model import AnyCheck, Plan, Task


@dataclass(frozen=True)
class Deadline:
    day: dt.date
    task: Task
    check: AnyCheck
    lead: str


def checks_of(plan: Plan, unit: str | None) -> list[tuple[Task, AnyCheck, str]]:
    """(task, check, lead unit's name) for every check, or a unit's (as `status --unit`):
    the unit found as `selection.unit_with_tasks` finds it, or UnitError (a ValueError)."""
    from parcheck.engine.selection import unit_covers_task, unit_with_tasks

    units = UnitIndex(plan)
    wanted = None
    if unit is not None:  # a UnitError (a ValueError) names the candidates, or no task
        wanted = unit_with_tasks(plan, units, unit)
    return [
        (task, check, units.name_of(check.lead or task.lead))
        for task in plan.tasks()
        if wanted is None or unit_covers_task(units, wanted, task)
        for check in task.checks
        if check.kind != "shared"  # none left once loaded: see plan/shared.py
    ]


def deadlines(plan: Plan, start: dt.date, end: dt.date, unit: str | None = None) -> list[Deadline]:
    """Every deadline from `start` to `end` (inclusive) in date order: threshold and
    deliverable dates (as written, a day off too), and each due day of a recurring duty
    (moved off days off as the check says). Event checks have no date
    of their own: their limits run from events, which `status` and `report` show."""
    out = []
    calendar = WorkCalendar(plan.calendar)
    for task, check, lead in checks_of(plan, unit):
        if check.kind == "recurring":
            days = list(due_days(check, plan, calendar))
        elif check.kind in ("threshold", "deliverable") and check.due != "continuous":
            days = [due_day(check, calendar) or check.due]
        else:
            days = []
        out += [Deadline(day, task, check, lead) for day in days if start <= day <= end]
    return sorted(out, key=lambda d: (d.day, d.check.id))
