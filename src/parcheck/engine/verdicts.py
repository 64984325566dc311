"""The rule engine: a verdict for every check of a plan on a date, from the snapshots
reported on or before that date. One function per check kind; nothing here reads the clock."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from parcheck.engine.calendar import WorkCalendar
from parcheck.engine.deadlines import LimitError, limit_end
from parcheck.engine.results import CheckResult, Evaluation, Score, Status, TaskResult, worst
from parcheck.engine.schedule import begins, due_day, due_days, with_due
from parcheck.figures import Done, Events, Number, Snapshot, Submissions, Value
from parcheck.figures.model import accumulate
from parcheck.plan.units import UnitIndex

if TYPE_CHECKING:  # the engine uses plain dataclasses: no model building
    from parcheck.plan.model import (
        AnyCheck,
        DeliverableCheck,
        EventCheck,
        Plan,
        RecurringCheck,
        Section,
        Target,
        Task,
        ThresholdCheck,
    )

OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}


def satisfied(target: Target, value: float) -> bool:
    return OPS[target.op](round(value, 9), target.value)


def _days(due: dt.date, as_of: dt.date) -> int:
    return (due - as_of).days


def _upcoming(due: dt.date, as_of: dt.date, warn_days: int) -> Status:
    return Status.DUE_SOON if _days(due, as_of) <= warn_days else Status.PENDING


def _result(
    check: AnyCheck,
    lead: str,
    status: Status,
    **fields: Any,
) -> CheckResult:
    """A result with the fields every check kind shares filled in from the check."""
    return CheckResult(
        id=check.id,
        kind=check.kind,
        title=check.title,
        lead=lead,
        status=status,
        same_as=check.same_as,
        scored=check.points is not None,
        **fields,
    )


def capped(check: AnyCheck, counted: float) -> float | None:
    """The points of `counted` units (a threshold's figure, an event check's late events),
    within the check's cap; None if the check carries no points."""
    if check.points is None:
        return None
    raw = counted * check.points.per_unit
    cap = check.points.cap
    return round(min(raw, cap) if cap >= 0 else max(raw, cap), 4)


class Context:
    """What every evaluation needs: the date, the warning window, units and calendar."""

    def __init__(self, plan: Plan, as_of: dt.date, warn_days: int) -> None:
        self.plan = plan
        self.as_of = as_of
        self.warn_days = warn_days
        self.units = UnitIndex(plan)
        self._calendar: WorkCalendar | None = None

    @property
    def calendar(self) -> WorkCalendar:
        if self._calendar is None:
            self._calendar = WorkCalendar(self.plan.calendar)
        return self._calendar


def _since(figures: list[tuple[dt.date, float]]) -> tuple[dt.date, float] | None:
    """The latest of `figures`, dated by the first of the figures that repeat it: 100 on
    25/09, 25/10 and 25/11 was reached on 25/09."""
    if not figures:
        return None
    first = figures[-1]
    for figure in reversed(figures):
        if figure[1] != first[1]:
            break
        first = figure
    return first


def evaluate_threshold(
    check: ThresholdCheck,
    value: Value | None,
    history: tuple[tuple[dt.date, float], ...],
    ctx: Context,
    lead: str,
) -> CheckResult:
    """Judged on the latest figure, except once a deadline has passed: then on the latest
    figure dated on or before the deadline. A figure reported after the deadline is shown
    (`later`) but counts neither way; with nothing reported by the deadline the check is
    not met, whatever came later."""
    due = None if check.due == "continuous" else check.due
    target = {"op": check.target.op, "value": check.target.value, "unit": check.target.unit}
    days_left = _days(due, ctx.as_of) if isinstance(due, dt.date) else None
    base = _result(
        check,
        lead,
        Status.NO_DATA,
        target=target,
        due=due,
        days_left=days_left,
        history=history,
    )
    if not isinstance(value, Number):
        return base
    judged: float | None = value.value
    note = value.note
    later = None
    if due is not None and due < ctx.as_of:
        by_deadline = [figure for figure in history if figure[0] <= due]
        after = [figure for figure in history if figure[0] > due]
        later = _since(after)
        judged = by_deadline[-1][1] if by_deadline else None
        note = value.note if later is None else None  # a note belongs to the latest figure
    if judged is None:
        return replace(base, status=Status.NOT_MET, later=later)
    gap = round(judged - check.target.value, 4)
    if satisfied(check.target, judged):
        status = Status.MET
    elif due is None or due < ctx.as_of:
        status = Status.NOT_MET
    else:
        status = Status.AT_RISK
    if later is not None and later[1] == judged:
        later = None  # the same figure reported again after the deadline says nothing new
    points = capped(check, judged)
    return replace(
        base,
        status=status,
        actual=judged,
        gap=gap,
        points=points,
        detail=note,
        later=later,
    )


def evaluate_deliverable(
    check: DeliverableCheck, value: Value | None, ctx: Context, lead: str
) -> CheckResult:
    done = value.done if isinstance(value, Done) else None
    if done is not None and done > ctx.as_of:
        done = None  # a date after the status date did not happen yet on that date
    if done is not None:
        status = Status.MET if done <= check.due else Status.NOT_MET
    elif ctx.as_of > check.due:
        status = Status.OVERDUE
    else:
        status = _upcoming(check.due, ctx.as_of, ctx.warn_days)
    evidence = value.evidence if isinstance(value, Done) and done is not None else None
    return _result(
        check,
        lead,
        status,
        actual=done.isoformat() if done else None,
        due=check.due,
        days_left=_days(check.due, ctx.as_of),
        detail=evidence,
    )


def evaluate_recurring(
    check: RecurringCheck, value: Value | None, ctx: Context, lead: str
) -> CheckResult:
    """The occurrence whose day has passed last needs a submission after the occurrence
    before it (none: overdue; only a later one: not met). The next occurrence, today's
    included since a deadline day is inclusive, gives due soon or pending, unless it has
    already been submitted for, when the one after it does."""
    dates = due_days(check, ctx.plan, ctx.calendar)
    previous = begins(check, ctx.plan) - dt.timedelta(days=1)
    submitted = [
        d for d in (value.done if isinstance(value, Submissions) else ()) if d <= ctx.as_of
    ]
    passed = [d for d in dates if d < ctx.as_of]
    coming = [d for d in dates if d >= ctx.as_of]
    actual = len(submitted)
    if passed:
        last = passed[-1]
        before = passed[-2] if len(passed) > 1 else previous
        if not any(before < d <= last for d in submitted):
            late = any(d > last for d in submitted)
            status = Status.NOT_MET if late else Status.OVERDUE
            nxt = coming[0] if coming else None  # the contract's `due`: the next occurrence
            return _result(
                check,
                lead,
                status,
                actual=actual,
                due=nxt,
                days_left=_days(nxt, ctx.as_of) if nxt else None,
                overdue_since=last,
                rrule=check.rrule,
            )
        previous = last
    if coming and any(previous < d <= coming[0] for d in submitted):
        coming = coming[1:]  # today's (or the next) occurrence is already done
    if not coming:
        return _result(check, lead, Status.MET, actual=actual, rrule=check.rrule)
    due = coming[0]
    return _result(
        check,
        lead,
        _upcoming(due, ctx.as_of, ctx.warn_days),
        actual=actual,
        due=due,
        days_left=_days(due, ctx.as_of),
        rrule=check.rrule,
    )


def evaluate_event(check: EventCheck, value: Value | None, ctx: Context, lead: str) -> CheckResult:
    if not isinstance(value, Events):
        return _result(check, lead, Status.NO_DATA)
    now_end = dt.datetime.combine(ctx.as_of, dt.time.max)
    first = dt.datetime.combine(begins(check, ctx.plan), dt.time.min)
    statuses = []
    open_limits = []
    late = 0
    for event in value.events:
        if event.start > now_end or event.start < first:  # not yet; before the duty began
            continue
        try:
            end = limit_end(ctx.calendar, event.start, check.limit)
        except (ValueError, OverflowError):
            raise LimitError(check.id, event.start, check.limit) from None
        done = event.done if event.done is not None and event.done <= now_end else None
        if done is not None:
            ok = done <= end
            late += not ok
            statuses.append(Status.MET if ok else Status.NOT_MET)
        elif now_end > end:
            late += 1
            statuses.append(Status.NOT_MET)
        else:
            open_limits.append(end.date())
            statuses.append(_upcoming(end.date(), ctx.as_of, ctx.warn_days))
    status = worst(statuses) if statuses else Status.MET
    due = min(open_limits) if open_limits else None
    return _result(
        check,
        lead,
        status,
        points=capped(check, late) if statuses else None,
        actual=len(statuses),
        gap=float(-late) if statuses else None,
        due=due,
        days_left=_days(due, ctx.as_of) if due else None,
        late=late if statuses else None,
    )


def not_started(check: AnyCheck, ctx: Context, lead: str) -> CheckResult:
    """A check whose duty begins after the status date (the plan not yet in effect, or the
    check's own start ahead): pending, with its first deadline when it has one."""
    due: dt.date | None = None
    if check.kind == "recurring":
        due = next(iter(due_days(check, ctx.plan, ctx.calendar)), None)
    elif check.kind in ("threshold", "deliverable") and check.due != "continuous":
        due = check.due
    return _result(
        check,
        lead,
        Status.PENDING,
        due=due,
        days_left=_days(due, ctx.as_of) if due else None,
        rrule=check.rrule if check.kind == "recurring" else None,
        starts=begins(check, ctx.plan),
    )


def latest_values(
    snapshots: Sequence[Snapshot], as_of: dt.date
) -> tuple[dict[str, Value], dict[str, list[tuple[dt.date, float]]], tuple[dt.date, ...]]:
    """The latest value of each check on or before `as_of`, the history of every number,
    and the days of the snapshots used. A recurring duty's submissions and an event
    check's events add up over the snapshots (`accumulate`): a file need only list what is
    new, and a miss once reported is not cured by a later file that leaves it out."""
    used = sorted((s for s in snapshots if s.as_of <= as_of), key=lambda s: s.as_of)
    latest: dict[str, Value] = {}
    history: dict[str, dict[dt.date, float]] = {}
    for snap in used:
        for ident, value in snap.values.items():
            earlier = latest.get(ident)
            both = None if earlier is None else accumulate(earlier, value)
            latest[ident] = value if both is None else both
            if isinstance(value, Number):
                history.setdefault(ident, {})[snap.as_of] = value.value
    series = {k: sorted(v.items()) for k, v in history.items()}
    return latest, series, tuple(sorted({s.as_of for s in used}))


def evaluate_task(
    task: Task,
    section: Section,
    values: dict[str, Value],
    history: dict[str, list[tuple[dt.date, float]]],
    ctx: Context,
) -> TaskResult:
    results = []
    for check in task.checks:
        if check.kind == "shared":  # none left once loaded: see plan/shared.py
            continue
        lead = ctx.units.name_of(check.lead or task.lead)
        fact = check.same_as or check.id  # the figures of a shared check are its original's
        value = values.get(fact)
        if check.kind in ("threshold", "deliverable") and check.on_day_off:
            moved = due_day(check, ctx.calendar)  # a deadline the plan moves off a day off
            check = with_due(check, moved) if moved else check
        if ctx.as_of < begins(check, ctx.plan):
            results.append(not_started(check, ctx, lead))
        elif check.kind == "threshold":
            series = tuple(history.get(fact, ()))
            results.append(evaluate_threshold(check, value, series, ctx, lead))
        elif check.kind == "deliverable":
            results.append(evaluate_deliverable(check, value, ctx, lead))
        elif check.kind == "recurring":
            results.append(evaluate_recurring(check, value, ctx, lead))
        else:
            results.append(evaluate_event(check, value, ctx, lead))
    return TaskResult(
        id=task.id,
        section=section.id,
        title=task.task,
        lead=ctx.units.name_of(task.lead),
        support=tuple(ctx.units.name_of(s) for s in task.support),
        checks=tuple(results),
        criterion=section.scoring is not None,
    )


def evaluate(
    plan: Plan, snapshots: Sequence[Snapshot], as_of: dt.date, warn_days: int = 14
) -> Evaluation:
    ctx = Context(plan, as_of, warn_days)
    values, history, used = latest_values(snapshots, as_of)
    tasks = tuple(
        evaluate_task(task, section, values, history, ctx)
        for section in plan.sections
        for task in section.tasks
    )
    return Evaluation(plan.id, as_of, tasks, Score.of(tasks), used)
