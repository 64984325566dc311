"""Choosing the tasks a command shows: by unit, section and verdict."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from parcheck.engine.results import Status, TaskResult
from parcheck.plan.units import UnitIndex

if TYPE_CHECKING:
    from parcheck.plan.model import Plan, Task, Unit


def unit_covers_task(units: UnitIndex, wanted: Unit, task: Task) -> bool:
    """Whether `wanted` (or a group it belongs to) leads or supports `task` or one of its
    checks."""
    names = (task.lead, *task.support, *(c.lead for c in task.checks if c.lead))
    return any(units.covers(name, wanted) for name in names)


def select(
    plan: Plan,
    tasks: Sequence[TaskResult],
    unit: str | None = None,
    section: str | None = None,
    only: str | None = None,
) -> list[TaskResult]:
    """The tasks a unit leads or supports (or a group it belongs to does), of one section,
    with one of the verdicts `only` lists (comma-separated codes). ValueError names an
    unknown unit (with the closest), section or verdict."""
    chosen = list(tasks)
    if unit:
        units = UnitIndex(plan)
        wanted = units.find(unit)
        if wanted is None:
            close = units.closest(unit)
            raise ValueError(f"unknown unit {unit!r}" + (f" — {close}?" if close else ""))
        by_id = {task.id: task for task in plan.tasks()}
        chosen = [t for t in chosen if unit_covers_task(units, wanted, by_id[t.id])]
    if section:
        sections = {s.id for s in plan.sections}
        if section.upper() not in sections:
            raise ValueError(f"unknown section {section!r}: {', '.join(sorted(sections))}")
        chosen = [t for t in chosen if t.section == section.upper()]
    if only:
        try:
            wanted_statuses = {Status(s.strip()) for s in only.split(",") if s.strip()}
        except ValueError:
            names = ", ".join(s.value for s in Status)
            raise ValueError(f"--only takes verdict codes: {names}") from None
        chosen = [t for t in chosen if t.status in wanted_statuses]
    return chosen
