"""Checks shared by two tasks: one rule written in two rows of the source plan (III.4's and
X.4's 8-working-hour intake) is one fact. The plan file writes it in full once and, in the
other task, as `kind: shared` naming it; loading turns the second into a copy of the first
under its own id, title, lead, points and note, which remembers the id it shares
(`same_as`). The figures of either id are the figures of both."""

from __future__ import annotations

from dataclasses import replace

from parcheck.plan.model import AnyCheck, Plan, PlanCheck, SharedCheck


def resolve_shared(plan: Plan) -> Plan:
    """`plan` with every shared check made a copy of the check it names. A shared check
    that names no check written in full is left out: meaning.py reports it (PC070–PC072)."""
    full: dict[str, AnyCheck] = {
        check.id: check
        for task in plan.tasks()
        for check in task.checks
        if not isinstance(check, SharedCheck)
    }
    if len(full) == sum(len(task.checks) for task in plan.tasks()):
        return plan

    def copy(check: SharedCheck, task_id: str) -> AnyCheck | None:
        target = full.get(check.same_as)
        if target is None or target.id == task_id or target.id.startswith(task_id + "."):
            return None
        made = replace(
            target,
            id=check.id,
            title=check.title,
            lead=check.lead,
            points=check.points,
            note=check.note,
        )
        object.__setattr__(made, "same_as", target.id)  # not a field of the file: see model
        return made

    def checks(task_id: str, written: list[PlanCheck]) -> list[PlanCheck]:
        out: list[PlanCheck] = []
        for check in written:
            made = copy(check, task_id) if isinstance(check, SharedCheck) else check
            if made is not None:
                out.append(made)
        return out

    sections = [
        replace(
            section,
            tasks=[replace(task, checks=checks(task.id, task.checks)) for task in section.tasks],
        )
        for section in plan.sections
    ]
    return replace(plan, sections=sections)
