"""Checks of meaning the schema cannot express: unique ids, known units, dates in the plan
year, percent and count targets, RRULEs, the sign of caps, sections with tasks; and text that holds
no control character (`text_problems`)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from parcheck.dates import dmy
from parcheck.plan.convert import decimal_text
from parcheck.plan.model import (
    DeliverableCheck,
    Plan,
    PlanCheck,
    RecurringCheck,
    SharedCheck,
    ThresholdCheck,
)
from parcheck.plan.units import UnitIndex
from parcheck.plan.yamldoc import Document
from parcheck.problems import Later, Problem, Severity
from parcheck.safety.text import describe, forbidden, is_bidi

Loc = tuple[str | int, ...]


def meaning_problems(plan: Plan, doc: Document) -> Iterator[Later]:
    """Every problem of meaning, each made (positioned, its parameters worked out) only if
    it is reported: a parameter may be a function, called then."""

    def at(loc: Loc, code: str, severity: Severity = Severity.ERROR, **params: Any) -> Later:
        def make() -> Problem:
            line, column = doc.position(loc)
            values = {k: v() if callable(v) else v for k, v in params.items()}
            return Problem(doc.path, line, column, code, values, severity)

        return Later(severity, make)

    units = UnitIndex(plan)

    def hint(name: str) -> str:
        close = units.closest(name)
        return f" — {close}?" if close else ""

    def unit_ref(loc: Loc, name: str | None) -> Iterator[Later]:
        if name is not None and units.find(name) is None:
            yield at(loc, "PC032", unit=name, hint=partial(hint, name))

    def in_year(loc: Loc, day: dt.date | None) -> Iterator[Later]:
        if day is not None and day.year != plan.year:
            yield at(loc, "PC033", Severity.WARNING, date=day.strftime("%d/%m/%Y"), year=plan.year)

    def span_in_year(loc: Loc, day: dt.date | None) -> Iterator[Later]:
        """A recurring check's start or until: its due days are the plan year's, and a span
        of two centuries would give a rule 73,000 of them."""
        if day is not None and day.year != plan.year:
            yield at(loc, "PC049", date=dmy(day), year=plan.year)

    def line_of(loc: Loc) -> int:
        return doc.position(loc)[0]

    seen_units: dict[str, Loc] = {}  # where each id was first seen (its line, when needed)
    seen_names: dict[str, str] = {}
    for i, unit in enumerate(plan.units):
        loc: Loc = ("units", i)
        if unit.id in seen_units:
            first = partial(line_of, seen_units[unit.id])
            yield at((*loc, "id"), "PC030", id=unit.id, first=first)
        seen_units.setdefault(unit.id, (*loc, "id"))
        for name in (unit.name, *unit.aliases):
            key = " ".join(name.casefold().split())
            if key in seen_names and seen_names[key] != unit.id:
                yield at((*loc, "name"), "PC044", name=name, other=seen_names[key])
            seen_names.setdefault(key, unit.id)
        for j, member in enumerate(unit.members):
            if member not in units.units:
                yield at((*loc, "members", j), "PC043", id=unit.id, unit=member)

    if plan.start is not None and plan.start.year != plan.year:
        yield at(("start",), "PC073", date=dmy(plan.start), year=plan.year)
    cal = plan.calendar
    for key in ("extra_days_off", "extra_working_days"):
        for j, day in enumerate(getattr(cal, key)):
            yield from in_year(("calendar", key, j), day)
    for day in sorted(set(cal.extra_days_off) & set(cal.extra_working_days)):
        j = cal.extra_working_days.index(day)
        yield at(("calendar", "extra_working_days", j), "PC041", date=day.strftime("%d/%m/%Y"))

    seen: dict[str, Loc] = {}
    rules = _Rules(plan)
    owners = {check.id: task.id for task in plan.tasks() for check in task.checks}
    shared = {check.id for task in plan.tasks() for check in task.checks if check.kind == "shared"}

    def unique(loc: Loc, ident: str) -> Iterator[Later]:
        if ident in seen:
            yield at(loc, "PC030", id=ident, first=partial(line_of, seen[ident]))
        else:
            seen[ident] = loc

    for s, section in enumerate(plan.sections):
        sloc: Loc = ("sections", s)
        yield from unique((*sloc, "id"), f"section {section.id}")
        if not section.tasks:
            yield at(sloc, "PC038", id=section.id)
        for t, task in enumerate(section.tasks):
            tloc: Loc = (*sloc, "tasks", t)
            if not task.id.startswith(section.id + "."):
                yield at((*tloc, "id"), "PC042", id=task.id, section=section.id)
            yield from unique((*tloc, "id"), task.id)
            yield from unit_ref((*tloc, "lead"), task.lead)
            for k, name in enumerate(task.support):
                yield from unit_ref((*tloc, "support", k), name)
            for c, check in enumerate(task.checks):
                cloc: Loc = (*tloc, "checks", c)
                yield from _check_meaning(plan, check, cloc, task.id, len(task.checks), at)
                if check.id != task.id:
                    yield from unique((*cloc, "id"), check.id)
                yield from unit_ref((*cloc, "lead"), check.lead)
                if isinstance(check, DeliverableCheck | RecurringCheck):
                    yield from unit_ref((*cloc, "to"), check.to)
                if (
                    isinstance(check, ThresholdCheck | DeliverableCheck)
                    and check.due != "continuous"
                ):
                    yield from in_year((*cloc, "due"), check.due)
                if isinstance(check, RecurringCheck):
                    yield from span_in_year((*cloc, "start"), check.start)
                    yield from span_in_year((*cloc, "until"), check.until)
                    yield from rules.expand(check, cloc, at)
                elif isinstance(check, SharedCheck):
                    where = (*cloc, "same_as")
                    yield from _shared_meaning(check, where, task.id, owners, shared, at)
                elif check.start is not None and check.start.year != plan.year:
                    yield at((*cloc, "start"), "PC073", date=dmy(check.start), year=plan.year)
                due = getattr(check, "due", None)
                start = getattr(check, "start", None)
                if isinstance(due, dt.date) and start is not None and start > due:
                    yield at((*cloc, "start"), "PC076", start=dmy(start), due=dmy(due))


def _shared_meaning(
    check: SharedCheck,
    loc: Loc,
    task_id: str,
    owners: dict[str, str],
    shared: set[str],
    at: Callable[..., Later],
) -> Iterator[Later]:
    """A shared check names a check written in full in another task."""
    target = check.same_as
    if target not in owners:
        from parcheck.plan.units import Nearest

        def hint() -> str:
            close = Nearest(owners).closest(target, cutoff=0.6)
            return f" — {close}?" if close else ""

        yield at(loc, "PC070", id=target, hint=hint)
    elif target in shared:
        yield at(loc, "PC071", id=target)
    elif owners[target] == task_id:
        yield at(loc, "PC072", id=target, task=task_id)


def _check_meaning(
    plan: Plan,
    check: PlanCheck,
    cloc: Loc,
    task_id: str,
    siblings: int,
    at: Callable[..., Later],
) -> Iterator[Later]:
    if check.id != task_id and not check.id.startswith(task_id + "."):
        yield at((*cloc, "id"), "PC039", id=check.id, task=task_id)
    elif siblings > 1 and check.id == task_id:
        yield at((*cloc, "id"), "PC040", task=task_id)
    if isinstance(check, ThresholdCheck) and check.due == "continuous" and check.on_day_off:
        yield at((*cloc, "on_day_off"), "PC074")
    target = check.target if isinstance(check, ThresholdCheck) else None
    if target is not None and target.unit == "%" and not 0 <= target.value <= 100:
        yield at((*cloc, "target", "value"), "PC034", value=decimal_text(target.value))
    if target is not None and target.unit != "%" and not _count(target.value):
        yield at(
            (*cloc, "target", "value"), "PC067", unit=target.unit, value=decimal_text(target.value)
        )
    if check.points is not None and check.points.cap * check.points.per_unit < 0:
        yield at(
            (*cloc, "points", "cap"), "PC037", cap=check.points.cap, per_unit=check.points.per_unit
        )


def _count(value: float) -> bool:
    """A count of things (any unit but `%`): a whole number, 0 or more."""
    return value >= 0 and value == int(value)


class _Rules:
    """The recurring checks' rules, expanded under one budget for the whole plan: past
    `MAX_OCCURRENCES` due days in all (PC050, at the rule that goes past it), the rules
    that follow are only read, so that no command expands more."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.total = 0
        self.over = False

    def expand(self, check: RecurringCheck, cloc: Loc, at: Callable[..., Later]) -> Iterator[Later]:
        from parcheck.plan import recurrence

        try:
            if self.over:
                recurrence.read_rule(check, self.plan)
                return
            dates = recurrence.occurrences(check, self.plan)
        except recurrence.RuleError as exc:
            if exc.code != "PC049":  # a span outside the plan year: said at start or until
                yield at((*cloc, "rrule"), exc.code, **exc.params)
            return
        if not dates:
            start = dmy(check.start or self.plan.begins)
            until = dmy(check.until or self.plan.end)
            yield at((*cloc, "rrule"), "PC036", start=start, until=until)
        self.total += len(dates)
        if self.total > recurrence.MAX_OCCURRENCES:
            self.over = True
            yield at((*cloc, "rrule"), "PC050", limit=recurrence.MAX_OCCURRENCES)


def text_problems(doc: Document) -> Iterator[Later]:
    """A problem for every string of the file (a value or a key, anywhere: titles, the
    verbatim columns, notes, unit names, rules) that holds a control character other than
    tab and newline (CR and DEL included) or a bidi control that can disguise what the text
    says (PC060, PC061), at the string's position. The strings are first searched all at
    once; only a file that has such a character is walked again for the places."""
    strings: list[str] = []
    stack: list[Any] = [doc.data]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            strings.append(node)
        elif isinstance(node, dict):
            strings.extend(key for key in node if isinstance(key, str))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    if forbidden("\n".join(strings)) is None:
        return
    yield from _located_text_problems(doc)


def _located_text_problems(doc: Document) -> Iterator[Later]:
    verdicts: dict[int, str | None] = {}  # id of a string → its first forbidden character

    def bad(text: str) -> str | None:  # a string an alias repeats is searched once
        if id(text) not in verdicts:
            verdicts[id(text)] = forbidden(text)
        return verdicts[id(text)]

    def problem(loc: Loc, char: str, *, key: bool = False) -> Later:
        def make() -> Problem:
            line, column = doc.position(loc, key=key)
            code = "PC061" if is_bidi(char) else "PC060"
            return Problem(doc.path, line, column, code, {"char": describe(char)})

        return Later(Severity.ERROR, make)

    stack: list[tuple[Loc, Any]] = [((), doc.data)]
    while stack:
        loc, node = stack.pop()
        if isinstance(node, str):
            if (char := bad(node)) is not None:
                yield problem(loc, char)
        elif isinstance(node, dict):
            for key, value in reversed(node.items()):
                if isinstance(key, str) and (char := bad(key)) is not None:
                    yield problem((*loc, key), char, key=True)
                stack.append(((*loc, key), value))
        elif isinstance(node, list):
            stack.extend(((*loc, i), item) for i, item in reversed(list(enumerate(node))))


def plan_summary(plan: Plan) -> dict[str, int]:
    """How many tasks, checks and dated deadlines (recurring occurrences expanded) a plan has."""
    from parcheck.plan.recurrence import MAX_OCCURRENCES, RuleError, occurrences

    checks = [check for task in plan.tasks() for check in task.checks]
    deadlines = 0
    recurring = 0
    for check in checks:
        if isinstance(check, DeliverableCheck) or (
            isinstance(check, ThresholdCheck) and check.due != "continuous"
        ):
            deadlines += 1
        elif isinstance(check, RecurringCheck) and recurring <= MAX_OCCURRENCES:
            with contextlib.suppress(RuleError):  # reported by meaning_problems
                recurring += len(occurrences(check, plan))  # (past the budget: PC050)
    deadlines += recurring
    return {"tasks": len(plan.tasks()), "checks": len(checks), "deadlines": deadlines}
