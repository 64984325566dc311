"""Choosing what a command shows: tasks by unit and section, checks by verdict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from parcheck.engine.results import ORDER, Status, TaskResult
from parcheck.errors import UsageError
from parcheck.plan.units import UnitIndex, fold

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


class UnitError(SelectionError, ValueError):
    """An unknown, ambiguous or external unit asked for (exit 2); a ValueError too, as
    `calendar` takes it."""


def find_unit(units: UnitIndex, name: str) -> Unit:
    """The unit `name` means (`--unit`), by id, name, short name or alias, ignoring case,
    spacing and diacritics; else the one unit with a name that holds `name` as a part
    (`khuyen cong`). UnitError names the candidates of an ambiguous name or part
    (`phòng`, `TT`), or the closest name to an unknown one."""
    found = units.matches(name) or _holding(units, name)
    if len(found) == 1:
        return found[0]
    if found:
        listed = "; ".join(f"{u.id} ({u.name})" for u in found)
        raise UnitError(
            f"--unit {name!r}: có thể là nhiều đơn vị: {listed}; hãy ghi mã đơn vị",
            f"--unit {name!r}: could be several units: {listed}; write the unit's id",
        )
    close = units.closest(name)
    hint = f" — {close}?" if close else ""
    raise UnitError(
        f"--unit {name!r}: không có đơn vị này trong kế hoạch{hint}",
        f"--unit {name!r}: no such unit in the plan{hint}",
    )


def _holding(units: UnitIndex, name: str) -> list[Unit]:
    """The units, in the plan's order, one of whose names holds `name` as a part, both
    folded (case, diacritics and spacing aside); none for a part shorter than two letters."""
    part = fold(name)
    if len(part) < 2:
        return []
    ids = {
        unit_id for folded, owners in units.by_fold.items() if part in folded for unit_id in owners
    }
    return [unit for unit in units.units.values() if unit.id in ids]


def no_task_of_external(units: UnitIndex, name: str, wanted: Unit) -> UnitError:
    """The error for an outside body (`kind: external`, e.g. Sở Nội vụ) that leads and
    supports no task: it receives reports, so an empty list would look like "nothing due"."""
    own = ", ".join(u.id for u in units.units.values() if u.kind != "external")
    return UnitError(
        f"--unit {name!r}: {wanted.name} là cơ quan ngoài Sở (nơi nhận báo cáo), không chủ trì"
        f" hay phối hợp nhiệm vụ nào của kế hoạch; các đơn vị của Sở: {own}",
        f"--unit {name!r}: {wanted.name} is an outside body (it receives reports) and leads"
        f" or supports no task of the plan; the department's units: {own}",
    )


def find_section(plan: Plan, name: str) -> str:
    """The id of the section `name` means (`--section`): its id (`VI`, `vi`) or its title,
    ignoring case, spacing and diacritics; else the one section whose id or title holds
    `name` as a part (`tai chinh`). SelectionError lists the candidates of an ambiguous
    part (`cai cach`), or every section for an unknown name."""
    wanted = fold(name)
    for section in plan.sections:
        if wanted in (fold(section.id), fold(section.title)):
            return section.id
    holding = [
        s for s in plan.sections if len(wanted) >= 2 and wanted in fold(s.id) + " " + fold(s.title)
    ]
    if len(holding) == 1:
        return holding[0].id
    if holding:
        listed = "; ".join(f"{s.id} ({s.title})" for s in holding)
        raise SelectionError(
            f"--section {name!r}: có thể là nhiều mục: {listed}; hãy ghi mã mục",
            f"--section {name!r}: could be several sections: {listed}; write the section's id",
        )
    names = ", ".join(s.id for s in plan.sections)
    raise SelectionError(
        f"--section {name!r}: không có mục này; các mục: {names}",
        f"--section {name!r}: no such section; sections: {names}",
    )


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
    checks listed. SelectionError names an unknown unit (with the closest), the candidates
    of an ambiguous one, an outside body that leads no task, an unknown section or
    verdict."""
    wanted_statuses = None if only is None else verdicts(only)  # `--only ""` names none
    chosen = list(tasks)
    if unit:
        units = UnitIndex(plan)
        wanted = find_unit(units, unit)
        by_id = {task.id: task for task in plan.tasks()}
        if wanted.kind == "external" and not any(
            unit_covers_task(units, wanted, task) for task in by_id.values()
        ):
            raise no_task_of_external(units, unit, wanted)
        chosen = [t for t in chosen if unit_covers_task(units, wanted, by_id[t.id])]
    if section:
        section_id = find_section(plan, section)
        chosen = [t for t in chosen if t.section == section_id]
    if wanted_statuses is not None:
        kept = []
        for task in chosen:
            checks = tuple(c for c in task.checks if c.status in wanted_statuses)
            if checks:
                kept.append(task if checks == task.checks else replace(task, checks=checks))
        chosen = kept
    return chosen
