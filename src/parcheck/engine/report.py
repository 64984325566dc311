"""The monthly gap report's content: what is red, at risk, due next, without figures, and
how every threshold moved month by month. Renderers (`render/report.py`) only lay it out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from parcheck.engine.results import (
    RED,
    CheckResult,
    Evaluation,
    Score,
    Status,
    TaskResult,
    count_checks,
)
from parcheck.engine.selection import select
from parcheck.engine.verdicts import evaluate

if TYPE_CHECKING:
    from parcheck.figures import Snapshot
    from parcheck.plan.model import Plan

WINDOW_DAYS = 30  # "what falls due next"


@dataclass(frozen=True)
class Item:
    """A check as the report lists it, with its task's lead unit."""

    task: TaskResult
    check: CheckResult

    @property
    def unit(self) -> str:
        return self.check.lead


@dataclass(frozen=True)
class Due:
    """Something that falls due in the window."""

    day: dt.date
    item: Item
    what: str  # "deliverable", "threshold", "recurring", "event"


@dataclass(frozen=True)
class Trend:
    """A threshold check's latest value in each month of the year up to the report's month."""

    item: Item
    months: tuple[float | None, ...]


@dataclass
class ReportData:
    plan_title: str
    owner: str
    plan_path: str
    plan_digest: str
    as_of: dt.date
    previous_as_of: dt.date
    unit: str | None
    snapshots: tuple[dt.date, ...]
    counts: dict[str, int]  # checks by verdict
    previous_counts: dict[str, int]
    score: Score
    previous_score: Score
    red: dict[str, list[Item]] = field(default_factory=dict)
    at_risk: list[Item] = field(default_factory=list)
    upcoming: list[Due] = field(default_factory=list)
    no_data: dict[str, list[Item]] = field(default_factory=dict)
    trends: list[Trend] = field(default_factory=list)
    month_labels: tuple[dt.date, ...] = ()


def month_before(day: dt.date) -> dt.date:
    """The same day a month earlier (the last day of that month when it has fewer days);
    the first day Python knows, in January of year 1."""
    from dateutil.relativedelta import relativedelta

    if (day.year, day.month) == (dt.MINYEAR, 1):
        return dt.date.min
    result: dt.date = day - relativedelta(months=1)
    return result


def days_after(day: dt.date, days: int) -> dt.date:
    """`days` days after `day`, or the last day Python knows when that lies beyond it."""
    if day > dt.date.max - dt.timedelta(days=days):
        return dt.date.max
    return day + dt.timedelta(days=days)


def _items(tasks: Sequence[TaskResult]) -> list[Item]:
    """Every check of `tasks` once (a check two tasks share under its first task): what
    the summary's counts (`count_checks`) count."""
    seen: set[str] = set()
    items = []
    for task in tasks:
        for check in task.checks:
            fact = check.same_as or check.id  # X.4 is III.4.b's fact: one item
            if fact not in seen:
                seen.add(fact)
                items.append(Item(task, check))
    return items


def _by_unit(items: list[Item]) -> dict[str, list[Item]]:
    out: dict[str, list[Item]] = {}
    for item in items:
        out.setdefault(item.unit, []).append(item)
    return out


def _upcoming(items: list[Item], as_of: dt.date) -> list[Due]:
    end = days_after(as_of, WINDOW_DAYS)
    out = []
    for item in items:
        check = item.check
        if check.due is None or not as_of <= check.due <= end or check.status is Status.MET:
            continue
        out.append(Due(check.due, item, check.kind))
    return sorted(out, key=lambda due: (due.day, due.item.check.id))


def _monthly(check: CheckResult, months: Sequence[dt.date]) -> tuple[float | None, ...]:
    latest: dict[tuple[int, int], float] = {}
    for day, value in check.history:
        latest[(day.year, day.month)] = value  # history is in date order: the last one wins
    return tuple(latest.get((m.year, m.month)) for m in months)


def build_report(
    plan: Plan,
    snapshots: Sequence[Snapshot],
    as_of: dt.date,
    *,
    plan_path: str,
    plan_digest: str,
    unit: str | None = None,
    warn_days: int = 14,
) -> ReportData:
    """The report of `plan` on `as_of`, compared with the same evaluation a month earlier;
    with `unit`, only the tasks that unit leads or supports."""
    now: Evaluation = evaluate(plan, snapshots, as_of, warn_days)
    previous_day = month_before(as_of)
    before = evaluate(plan, snapshots, previous_day, warn_days)
    tasks = select(plan, now.tasks, unit)
    previous_tasks = select(plan, before.tasks, unit)
    items = _items(tasks)
    months = tuple(dt.date(as_of.year, m, 1) for m in range(1, as_of.month + 1))
    return ReportData(
        plan_title=plan.title,
        owner=plan.owner,
        plan_path=plan_path,
        plan_digest=plan_digest,
        as_of=as_of,
        previous_as_of=previous_day,
        unit=unit,
        snapshots=now.snapshots,
        counts=count_checks(tasks),  # checks, as the sections below list checks
        previous_counts=count_checks(previous_tasks),
        score=Score.of(tasks),
        previous_score=Score.of(previous_tasks),
        red=_by_unit([i for i in items if i.check.status in RED]),
        at_risk=[i for i in items if i.check.status is Status.AT_RISK],
        upcoming=_upcoming(items, as_of),
        no_data=_by_unit([i for i in items if i.check.status is Status.NO_DATA]),
        trends=[
            Trend(i, _monthly(i.check, months))
            for i in items
            if i.check.kind == "threshold" and i.check.history
        ],
        month_labels=months,
    )
