"""Choosing what a command shows: tasks by unit and section, checks by verdict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from parcheck.engine.results import ORDER, Status, TaskResult
from parcheck.errors import UsageError
from parcheck.plan.units import UnitIndex

if TYPE_CHECKING:
    from parcheck.plan.model import Plan, Task, Unit


class SelectionError(UsageError):
    """An unknown unit, section or verdict asked for (exit 2). `message` is Vietnamese,
    `message_en` English."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(vi)
        self.message_en = en

    def in_lang(self, lang: str) -> UsageError:
        """The same error with its message in `lang`."""
        return UsageError(self.message_en if lang == "en" else self.message)


def unit_covers_task(units: UnitIndex, wanted: Unit, task: Task) -> bool:
    """Whether `wanted` (or a group it belongs to) leads or supports `task` or one of its
    checks."""
    names = (task.lead, *task.support, *(c.lead for c in task.checks if c.lead))
    return any(units.covers(name, wanted) for name in names)


def verdicts(only: str) -> set[Status]:
    """The verdict codes of `--only` (comma-separated), or SelectionError."""
    words = [word.strip() for word in only.split(",")]
    codes = ", ".join(status.value for status in ORDER)
    unknown = [word for word in words if word.lower() not in {s.value for s in Status}]
    if unknown or not any(words):
        shown = ",".join(unknown) if unknown else only
        raise SelectionError(
            f"--only {shown!r}: không phải mã trạng thái; hãy viết một hoặc vài mã, cách "
            f"nhau bằng dấu phẩy: {codes}",
            f"--only {shown!r}: not a verdict code; write one or more, separated by commas: "
            f"{codes}",
        )
    return {Status(word.lower()) for word in words}


def select(
    plan: Plan,
    tasks: Sequence[TaskResult],
    unit: str | None = None,
    section: str | None = None,
    only: str | None = None,
) -> list[TaskResult]:
    """The tasks a unit leads or supports (or a group it belongs to does), of one section;
    with `only` (comma-separated verdict codes), each task with just its checks of those
    verdicts, and only the tasks left with one: a task's status is then the worst of the
    checks listed. SelectionError names an unknown unit (with the closest), section or
    verdict."""
    wanted_statuses = None if only is None else verdicts(only)  # `--only ""` names none
    chosen = list(tasks)
    if unit:
        units = UnitIndex(plan)
        wanted = units.find(unit)
        if wanted is None:
            close = units.closest(unit)
            raise SelectionError(
                f"--unit {unit!r}: không có đơn vị này trong kế hoạch"
                + (f" — {close}?" if close else ""),
                f"--unit {unit!r}: no such unit in the plan" + (f" — {close}?" if close else ""),
            )
        by_id = {task.id: task for task in plan.tasks()}
        chosen = [t for t in chosen if unit_covers_task(units, wanted, by_id[t.id])]
    if section:
        sections = [s.id for s in plan.sections]
        if section.strip().upper() not in sections:
            names = ", ".join(sections)
            raise SelectionError(
                f"--section {section!r}: không có mục này; các mục: {names}",
                f"--section {section!r}: no such section; sections: {names}",
            )
        chosen = [t for t in chosen if t.section == section.strip().upper()]
    if wanted_statuses is not None:
        kept = []
        for task in chosen:
            checks = tuple(c for c in task.checks if c.status in wanted_statuses)
            if checks:
                kept.append(task if checks == task.checks else replace(task, checks=checks))
        chosen = kept
    return chosen
