"""Choosing what a command shows: tasks by unit and section, checks by verdict."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from parcheck.engine.results import LABELS, ORDER, Status, TaskResult
from parcheck.errors import UsageError
from parcheck.plan.units import UnitIndex, fold

if TYPE_CHECKING:
    from parcheck.plan.model import Plan, PlanCheck, Task, Unit


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


def words(text: str) -> list[str]:
    """The words of `text` as names are compared: lower case, without diacritics (đ as d),
    split at anything that is not a letter or a digit (`Các phòng, đơn vị` is `cac`,
    `phong`, `don`, `vi`)."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")).casefold()
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return [word for word in re.split(r"[\W_]+", plain) if word]


def holds(name: str, part: str) -> bool:
    """Whether `part` (words run together, as `joined` gives them) begins with a word of
    `name` and runs over whole words, the last perhaps cut short: `tai chinh` and `cai c`
    are parts of `Cải cách tài chính công`; `iv` is not a part of `tiêu chí về` (it would
    run across the edge of a word), nor `ed` of `chế độ`."""
    said = words(name)
    whole, at = "".join(said), 0
    for word in said:  # each word's start in `whole`: no copy of its rest
        if whole.startswith(part, at):
            return True
        at += len(word)
    return False


def joined(name: str) -> str:
    """`name`'s words run together: what `holds` looks for (spacing and punctuation aside)."""
    return "".join(words(name))


# how close an unknown `--unit` must be to a unit's name (folded; difflib's ratio) to be
# asked about: a typo (`thanh tra sox`, 0.95; `ttkcxtm`, 0.93) is; `So Cong Thuong` is not
# `Các phòng chuyên môn` (0.55), nor `sct` `Sở Tư pháp` (0.67): those list the units
UNIT_CUTOFF = 0.75


def find_unit(units: UnitIndex, name: str, plan: Plan | None = None) -> Unit:
    """The unit `name` means (`--unit`), by id, name, short name or alias, ignoring case,
    spacing and diacritics; else the one unit with a name that holds `name` as a part, by
    whole words (`khuyen cong`, `xuc tien`; `TTKC` of the id `TTKCXTTM`). UnitError names
    the candidates of an ambiguous name or part (`phòng`, `TT`), the close name to an
    unknown one, or, none close, the units (of `plan` with tasks, when given)."""
    found = units.matches(name) or _holding(units, name)
    if len(found) == 1:
        return found[0]
    if found:
        listed = "; ".join(f"{u.id} ({u.name})" for u in found)
        raise UnitError(
            f"--unit {name!r}: có thể là nhiều đơn vị: {listed}; hãy ghi mã đơn vị",
            f"--unit {name!r}: could be several units: {listed}; write the unit's id",
        )
    close = units.closest(name, cutoff=UNIT_CUTOFF)
    if close:
        raise UnitError(
            f"--unit {name!r}: không có đơn vị này trong kế hoạch — {close}?",
            f"--unit {name!r}: no such unit in the plan — {close}?",
        )
    if plan is not None:
        own = _units_with_tasks(plan, units)
        vi, en = f"các đơn vị có nhiệm vụ: {own}", f"the units with tasks: {own}"
    else:
        own = ", ".join(u.id for u in units.units.values() if u.kind != "external")
        vi, en = f"các đơn vị của Sở: {own}", f"the department's units: {own}"
    raise UnitError(
        f"--unit {name!r}: không có đơn vị này trong kế hoạch; {vi}",
        f"--unit {name!r}: no such unit in the plan; {en}",
    )


def _holding(units: UnitIndex, name: str) -> list[Unit]:
    """The units, in the plan's order, one of whose names (an id too: ids are acronyms,
    `TTKC` is a part of `TTKCXTTM`) holds `name` as a part by whole words (`holds`); none
    for a part shorter than two letters."""
    part = joined(name)
    if len(part) < 2:
        return []
    return [
        unit
        for unit in units.units.values()
        if any(
            holds(said, part) for said in (unit.id, unit.name, unit.short, *unit.aliases) if said
        )
    ]


def unit_with_tasks(plan: Plan, units: UnitIndex, name: str) -> Unit:
    """The unit `name` means (`find_unit`), if it (or a group it belongs to) leads or
    supports a task; else UnitError: an outside body that receives reports (Sở Nội vụ), or
    a unit of the department with no task in the plan (Lãnh đạo Sở). An empty list would
    read as "nothing due", which is not what was asked. A blank name (`--unit ""`) is no
    unit, not every unit."""
    if not name.strip():
        own = _units_with_tasks(plan, units)
        raise UnitError(
            f"--unit {name!r}: chưa ghi đơn vị; hãy ghi tên hoặc mã một đơn vị: {own}",
            f"--unit {name!r}: no unit named; write a unit's name or id: {own}",
        )
    wanted = find_unit(units, name, plan)
    if any(unit_covers_task(units, wanted, task) for task in plan.tasks()):
        return wanted
    own = _units_with_tasks(plan, units)
    if wanted.kind == "external":
        raise UnitError(
            f"--unit {name!r}: {wanted.name} là cơ quan ngoài Sở (nơi nhận báo cáo), không chủ"
            f" trì hay phối hợp nhiệm vụ nào của kế hoạch; các đơn vị của Sở: {own}",
            f"--unit {name!r}: {wanted.name} is an outside body (it receives reports) and leads"
            f" or supports no task of the plan; the department's units: {own}",
        )
    raise UnitError(
        f"--unit {name!r}: {wanted.name} không chủ trì hay phối hợp nhiệm vụ nào trong kế"
        f" hoạch; các đơn vị có nhiệm vụ: {own}",
        f"--unit {name!r}: {wanted.name} leads or supports no task of the plan; the units"
        f" with tasks: {own}",
    )


def _units_with_tasks(plan: Plan, units: UnitIndex) -> str:
    """The ids of the department's units (not outside bodies) that lead or support a task,
    or whose group does, in the plan's order: one pass over the tasks' names."""
    named: set[str] = set()
    for task in plan.tasks():
        for name in (task.lead, *task.support, *(c.lead for c in task.checks if c.lead)):
            unit = units.find(name)
            if unit is not None:
                named.update((unit.id, *unit.members))
    return ", ".join(u.id for u in units.units.values() if u.kind != "external" and u.id in named)


def find_section(plan: Plan, name: str) -> str:
    """The id of the section `name` means (`--section`): its id, exactly but for case
    (`VI`, `vi`: a Roman numeral is no word, `I` is not a part of `IX`), or its title,
    ignoring case, spacing and diacritics; else the one section whose title holds `name`
    as a part by whole words (`tai chinh`; `holds`). SelectionError lists the candidates
    of an ambiguous part (`cai cach`), or every section for an unknown or blank name."""
    names = ", ".join(s.id for s in plan.sections)
    if not name.strip():
        raise SelectionError(
            f"--section {name!r}: chưa ghi mục; các mục: {names}",
            f"--section {name!r}: no section named; sections: {names}",
        )
    # as the table prints a section's heading, `I. CÔNG TÁC …`: `I.` is `I`
    wanted, part = fold(name.strip().removesuffix(".")), joined(name)
    for section in plan.sections:
        heading = fold(f"{section.id}. {section.title}")  # the whole heading copied
        if wanted in (fold(section.id), fold(section.title), heading):
            return section.id
    _not_a_task(plan, name)
    holding = [s for s in plan.sections if len(part) >= 2 and holds(s.title, part)]
    if len(holding) == 1:
        return holding[0].id
    if holding:
        listed = "; ".join(f"{s.id} ({s.title})" for s in holding)
        raise SelectionError(
            f"--section {name!r}: có thể là nhiều mục: {listed}; hãy ghi mã mục",
            f"--section {name!r}: could be several sections: {listed}; write the section's id",
        )
    raise SelectionError(
        f"--section {name!r}: không có mục này; các mục: {names}",
        f"--section {name!r}: no such section; sections: {names}",
    )


def _not_a_task(plan: Plan, name: str) -> None:
    """SelectionError when `name` is the id of a task or a check (`VI.3`, `I.2.b`, as the
    table's first column prints them), naming its section: `--section VI`."""
    wanted = fold(name.strip().removesuffix("."))
    for section in plan.sections:
        for task in section.tasks:
            if wanted == fold(task.id):
                what_vi, what_en = "một nhiệm vụ", "a task"
            elif any(wanted == fold(check.id) for check in task.checks):
                what_vi, what_en = "một tiêu chí", "a check"
            else:
                continue
            shown = name.strip()
            raise SelectionError(
                f"--section {name!r}: {shown} là {what_vi} của mục {section.id}: --section "
                f"{section.id}",
                f"--section {name!r}: {shown} is {what_en} of section {section.id}: --section "
                f"{section.id}",
            )


@dataclass(frozen=True)
class OwnChecks:
    """What one unit's workbook holds (`template --format xlsx --unit`): `tasks`, each with
    just the checks the unit reports itself, and `compiled`, the ids of the checks of its
    groups that Văn phòng Sở compiles for the department, left out."""

    tasks: list[Task]
    compiled: list[str]


# Kinds whose figures from several units add up (figures/model.py `accumulate`: events
# are kept by their start and reference, so each unit's cases all count). A threshold or a
# deliverable is one figure for the department: two units' figures for it on one day are a
# conflict (PM028). A recurring duty's submissions are the union of their days: a month one
# unit reported would be done for the group, however many did not; the workbook a unit
# sends is itself its report, so Văn phòng Sở, which receives them, records the duty.
GROUP_KINDS = frozenset({"event"})


def own_checks(plan: Plan, units: UnitIndex, wanted: Unit, name: str) -> OwnChecks:
    """The checks `wanted` reports itself: those whose lead (the check's, else its task's)
    is that unit by name, and the event checks of a group it is (or belongs to). A group's
    other checks are one figure for the department, compiled by Văn phòng Sở: `compiled`.
    A check that shares another's figures (`same_as`) comes with the check it shares.
    UnitError (`name` as typed) when nothing is left: an empty workbook would ask for
    nothing."""
    own: dict[str, bool] = {}  # check id: whether the unit reports it itself
    compiled: list[str] = []
    for task in plan.tasks():
        for check in task.checks:
            lead = units.find(check.lead or task.lead)
            if lead is None:
                continue
            group = lead.kind == "group" and (lead.id == wanted.id or wanted.id in lead.members)
            if group and check.kind not in GROUP_KINDS:
                compiled.append(check.id)
            own[check.id] = (lead.id == wanted.id and not group) or (
                group and check.kind in GROUP_KINDS
            )

    def kept(check: PlanCheck) -> bool:
        if check.same_as is not None:
            return own.get(check.id, False) and own.get(check.same_as, False)
        return own.get(check.id, False)

    tasks = [
        replace(task, checks=[c for c in task.checks if kept(c)])
        for task in plan.tasks()
        if any(kept(c) for c in task.checks)
    ]
    if not tasks:
        listed = ", ".join(compiled)
        vi = f"; các tiêu chí của nhóm đơn vị ({listed}) do Văn phòng Sở tổng hợp" if listed else ""
        en = f"; its groups' checks ({listed}) are compiled by Văn phòng Sở" if listed else ""
        raise UnitError(
            f"--unit {name!r}: {wanted.name} không tự báo cáo tiêu chí nào{vi}: không có bảng"
            " tính riêng",
            f"--unit {name!r}: {wanted.name} reports no check itself{en}: it has no workbook"
            " of its own",
        )
    return OwnChecks(tasks, compiled)


def unit_covers_task(units: UnitIndex, wanted: Unit, task: Task) -> bool:
    """Whether `wanted` (or a group it belongs to) leads or supports `task` or one of its
    checks."""
    names = (task.lead, *task.support, *(c.lead for c in task.checks if c.lead))
    return any(units.covers(name, wanted) for name in names)


# a verdict as `--only` takes it: its code, or its label in either language as the table
# prints it (`Quá hạn`, `qua han`, `Not met`), words run together
VERDICT_WORDS: dict[str, Status] = {
    joined(word): status
    for status, (vi, en, _, _) in LABELS.items()
    for word in (status.value, vi, en)
}


def verdicts(only: str) -> set[Status]:
    """The verdicts of `--only` (comma-separated codes or labels), or SelectionError."""
    words_given = [word.strip() for word in only.split(",")]
    codes = ", ".join(status.value for status in ORDER)
    vi_labels = ", ".join(LABELS[status][0] for status in ORDER[:2])
    en_labels = ", ".join(LABELS[status][1] for status in ORDER[:2])
    unknown = [word for word in words_given if joined(word) not in VERDICT_WORDS]
    if unknown or not any(words_given):
        shown = ",".join(unknown) if unknown else only
        raise SelectionError(
            f"--only {shown!r}: không phải mã trạng thái; hãy viết một hoặc vài mã, cách "
            f"nhau bằng dấu phẩy: {codes}; hoặc nhãn như bảng in ({vi_labels}, …)",
            f"--only {shown!r}: not a verdict code; write one or more, separated by commas: "
            f"{codes}; or the labels the table prints ({en_labels}, …)",
        )
    return {VERDICT_WORDS[joined(word)] for word in words_given}


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
    of an ambiguous one, a unit with no task (`unit_with_tasks`), an unknown section or
    verdict, and a blank name."""
    wanted_statuses = None if only is None else verdicts(only)  # `--only ""` names none
    chosen = list(tasks)
    if unit is not None:  # `--unit ""` names no unit: an error, not "every unit"
        units = UnitIndex(plan)
        wanted = unit_with_tasks(plan, units, unit)
        by_id = {task.id: task for task in plan.tasks()}
        chosen = [t for t in chosen if unit_covers_task(units, wanted, by_id[t.id])]
    if section is not None:
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
