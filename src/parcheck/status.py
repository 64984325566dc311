"""`parcheck status`: evaluate, filter, render, and the exit code from --fail-on."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from parcheck.results import RED, YELLOW
from parcheck.rules import evaluate
from parcheck.selection import select

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


def run_status(plan: Plan, snapshots: Sequence[Snapshot], request: StatusRequest) -> int:
    from parcheck.reporters import status as reporter

    evaluation = evaluate(plan, snapshots, request.as_of, request.warn_days)
    tasks = select(plan, evaluation.tasks, request.unit, request.section, request.only)
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
