"""`parcheck status`: evaluate, filter, render, and the exit code from --fail-on."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from parcheck.results import RED, YELLOW, Status, TaskResult
from parcheck.rules import evaluate
from parcheck.units import UnitIndex

if TYPE_CHECKING:
    from parcheck.metrics import Snapshot
    from parcheck.model import Plan


@dataclass(frozen=True)
class StatusRequest:
    as_of: dt.date
    lang: str
    fmt: str
    unit: str | None
    section: str | None
    only: str | None
    warn_days: int
    fail_on: str
    by: str


def select(plan: Plan, tasks: Sequence[TaskResult], request: StatusRequest) -> list[TaskResult]:
    chosen = list(tasks)
    if request.unit:
        units = UnitIndex(plan)
        wanted = units.find(request.unit)
        if wanted is None:
            close = units.closest(request.unit)
            raise ValueError(f"unknown unit {request.unit!r}" + (f" — {close}?" if close else ""))
        by_id = {task.id: task for task in plan.tasks()}
        chosen = [
            t
            for t in chosen
            if any(units.covers(n, wanted) for n in (by_id[t.id].lead, *by_id[t.id].support))
            or any(units.covers(c.lead or "", wanted) for c in by_id[t.id].checks)
        ]
    if request.section:
        sections = {s.id for s in plan.sections}
        if request.section.upper() not in sections:
            raise ValueError(f"unknown section {request.section!r}: {', '.join(sorted(sections))}")
        chosen = [t for t in chosen if t.section == request.section.upper()]
    if request.only:
        try:
            wanted_statuses = {Status(s.strip()) for s in request.only.split(",") if s.strip()}
        except ValueError:
            names = ", ".join(s.value for s in Status)
            raise ValueError(f"--only takes verdict codes: {names}") from None
        chosen = [t for t in chosen if t.status in wanted_statuses]
    return chosen


def run_status(plan: Plan, snapshots: Sequence[Snapshot], request: StatusRequest) -> int:
    from parcheck.reporters import status as reporter

    evaluation = evaluate(plan, snapshots, request.as_of, request.warn_days)
    tasks = select(plan, evaluation.tasks, request)
    if request.fmt == "json":
        sys.stdout.write(reporter.render_json(evaluation, tasks, request.lang))
    elif request.fmt == "markdown":
        sys.stdout.write(reporter.render_markdown(evaluation, tasks, request.lang))
    else:
        from rich.console import Console

        console = Console(highlight=False, soft_wrap=False)
        titles = {s.id: s.title for s in plan.sections}
        shorts = {u.name: u.short for u in plan.units if u.short}
        parts = reporter.render_table(
            evaluation, tasks, request.lang, request.by, titles, shorts, console.width
        )
        for part in parts:
            console.print(part)
    failing = {"red": RED, "yellow": RED | YELLOW, "never": set()}[request.fail_on]
    return 1 if any(t.status in failing for t in tasks) else 0
