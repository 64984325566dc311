"""Verdicts, their labels and colours, and the results of evaluating checks and tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    OVERDUE = "overdue"
    AT_RISK = "at_risk"
    DUE_SOON = "due_soon"
    NO_DATA = "no_data"
    PENDING = "pending"


# Worst first: a task's status is the first of these that any of its checks has.
ORDER = [
    Status.NOT_MET,
    Status.OVERDUE,
    Status.AT_RISK,
    Status.DUE_SOON,
    Status.NO_DATA,
    Status.PENDING,
    Status.MET,
]
RED = {Status.NOT_MET, Status.OVERDUE}
YELLOW = {Status.AT_RISK, Status.DUE_SOON, Status.NO_DATA}

# code → (vi, en, colour, symbol): the one table of labels and colours.
LABELS: dict[Status, tuple[str, str, str, str]] = {
    Status.MET: ("Đạt", "Met", "green", "✔"),
    Status.NOT_MET: ("Không đạt", "Not met", "red", "✘"),
    Status.OVERDUE: ("Quá hạn", "Overdue", "red", "⏰"),
    Status.AT_RISK: ("Có nguy cơ", "At risk", "yellow", "▲"),
    Status.DUE_SOON: ("Sắp đến hạn", "Due soon", "yellow", "◷"),
    Status.NO_DATA: ("Chưa có số liệu", "No data", "magenta", "?"),
    Status.PENDING: ("Chưa đến hạn", "Pending", "dim", "·"),
}


def label(status: Status, lang: str) -> str:
    vi, en, _, _ = LABELS[status]
    return vi if lang == "vi" else en


def colour(status: Status) -> str:
    return LABELS[status][2]


def symbol(status: Status) -> str:
    return LABELS[status][3]


def badge(status: Status, lang: str) -> str:
    """A verdict as symbol and word ('▲ Có nguy cơ'): its meaning survives without colour."""
    return f"{symbol(status)} {label(status, lang)}"


def worst(statuses: list[Status]) -> Status:
    return min(statuses, key=ORDER.index) if statuses else Status.NO_DATA


@dataclass(frozen=True)
class CheckResult:
    id: str
    kind: str
    title: str
    lead: str
    status: Status
    target: dict[str, Any] | None = None
    actual: Any = None
    gap: float | None = None
    due: dt.date | None = None
    days_left: int | None = None
    rrule: str | None = None
    points: float | None = None
    detail: str | None = None  # a threshold's note or a deliverable's evidence, as written
    late: int | None = None  # an event check's events handled late or open past their limit
    overdue_since: dt.date | None = None  # a recurring duty's missed (or late) occurrence
    history: tuple[tuple[dt.date, float], ...] = ()
    starts: dt.date | None = None  # the duty begins after the status date, on this day
    scored: bool = False  # the plan gives the check points (reported or not)
    same_as: str | None = None  # the check of another task whose figures these are
    # a threshold's figure dated after its passed deadline: shown, not judged
    later: tuple[dt.date, float] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status.value,
            "title": self.title,
            "lead": self.lead,
            "target": self.target,
            "actual": self.actual,
            "gap": self.gap,
            "due": self.due.isoformat() if self.due else None,
            "days_left": self.days_left,
            "rrule": self.rrule,
            "points": self.points,
            "detail": self.detail,
            "overdue_since": self.overdue_since.isoformat() if self.overdue_since else None,
            "starts": self.starts.isoformat() if self.starts else None,
            "same_as": self.same_as,
            "later": (
                {"value": self.later[1], "as_of": self.later[0].isoformat()} if self.later else None
            ),
        }


@dataclass(frozen=True)
class TaskResult:
    id: str
    section: str
    title: str
    lead: str
    support: tuple[str, ...]
    checks: tuple[CheckResult, ...]
    criterion: bool = False  # a task of a section of bonus or deduction criteria
    status: Status = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", worst([c.status for c in self.checks]))

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "section": self.section,
            "title": self.title,
            "lead": self.lead,
            "support": list(self.support),
            "status": self.status.value,
            "checks": [c.as_dict() for c in self.checks],
        }


@dataclass(frozen=True)
class Score:
    """Projected points, and how much of the bonus and deduction criteria they cover: the
    plan gives points to `criteria_with_points` of its `criteria_total` criteria (the tasks
    of its `scoring` sections); the others count nothing here."""

    bonus: float = 0.0
    deduction: float = 0.0
    criteria_total: int = 0
    criteria_with_points: int = 0

    @property
    def net(self) -> float:
        return round(self.bonus + self.deduction, 4)

    @classmethod
    def of(cls, tasks: Sequence[TaskResult]) -> Score:
        """The points of the tasks' checks that carry points, each already capped."""
        points = [c.points for t in tasks for c in t.checks if c.points is not None]
        criteria = [t for t in tasks if t.criterion]
        return cls(
            round(sum((p for p in points if p >= 0), 0.0), 4),
            round(sum((p for p in points if p < 0), 0.0), 4),
            len(criteria),
            sum(any(c.scored for c in t.checks) for t in criteria),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "bonus": self.bonus,
            "deduction": self.deduction,
            "net": self.net,
            "criteria_total": self.criteria_total,
            "criteria_with_points": self.criteria_with_points,
        }


def count_statuses(tasks: Sequence[TaskResult]) -> dict[str, int]:
    """How many tasks have each verdict, worst first."""
    counts = {status.value: 0 for status in ORDER}
    for task in tasks:
        counts[task.status.value] += 1
    return counts


def count_checks(tasks: Sequence[TaskResult]) -> dict[str, int]:
    """How many checks have each verdict, worst first; a check two tasks share counts once."""
    counts = {status.value: 0 for status in ORDER}
    seen: set[str] = set()
    for task in tasks:
        for check in task.checks:
            fact = check.same_as or check.id  # X.4 is III.4.b's fact: counted once
            if fact not in seen:
                seen.add(fact)
                counts[check.status.value] += 1
    return counts


@dataclass(frozen=True)
class Evaluation:
    plan_id: str
    as_of: dt.date
    tasks: tuple[TaskResult, ...]
    score: Score
    snapshots: tuple[dt.date, ...] = ()

    def summary(self) -> dict[str, int]:
        return count_statuses(self.tasks)
