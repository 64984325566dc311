"""`parcheck report`: build the report, render it, write it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from parcheck.output import write_output
from parcheck.report import build_report
from parcheck.reporters.report import render_markdown, render_terminal

if TYPE_CHECKING:
    from parcheck.metrics import Snapshot
    from parcheck.model import Plan


@dataclass(frozen=True)
class ReportRequest:
    as_of: dt.date
    lang: str
    fmt: str
    unit: str | None
    output: Path | None
    plan_path: str
    plan_digest: str


def run_report(plan: Plan, snapshots: Sequence[Snapshot], request: ReportRequest) -> None:
    from parcheck.units import UnitIndex

    unit = None
    if request.unit:
        found = UnitIndex(plan).find(request.unit)
        unit = found.name if found else request.unit  # an unknown one: select() names it
    data = build_report(
        plan,
        snapshots,
        request.as_of,
        plan_path=request.plan_path,
        plan_digest=request.plan_digest,
        unit=unit,
    )
    if request.fmt == "markdown":
        text = render_markdown(data, request.lang)
    else:
        to_terminal = request.output is None and sys.stdout.isatty()
        color = to_terminal and not os.environ.get("NO_COLOR")
        width = shutil.get_terminal_size((100, 24)).columns if request.output is None else 100
        text = render_terminal(data, request.lang, width, color)
    write_output(text, request.output)
