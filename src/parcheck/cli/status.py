"""`parcheck status`: a verdict for every check on a date, filtered, rendered, and the exit
code from --fail-on."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from parcheck.cli.app import (
    DEFAULT_PLAN,
    AsOfOption,
    LangOpt,
    LangOption,
    MetricsOption,
    PlanOption,
    app,
    as_of_option,
    load_inputs,
    stop_with,
)

if TYPE_CHECKING:
    from parcheck.figures import Snapshot
    from parcheck.plan.model import Plan


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class FailOn(StrEnum):
    red = "red"
    yellow = "yellow"
    never = "never"


class GroupBy(StrEnum):
    section = "section"
    unit = "unit"


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


def _colour_terminal() -> bool:
    """Whether rich would write to stdout as to a terminal, by rich's own rules
    (TTY_COMPATIBLE, FORCE_COLOR, then isatty)."""
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return sys.stdout.isatty()
    except ValueError:
        return False


def _width() -> int:
    """The width rich's console would take: a terminal's on stdin, stdout or stderr,
    COLUMNS over it, 80 when neither says."""
    width = 0
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    return width or 80


def run_status(plan: Plan, snapshots: Sequence[Snapshot], request: StatusRequest) -> int:
    from parcheck.engine.results import RED, YELLOW
    from parcheck.engine.selection import select
    from parcheck.engine.verdicts import evaluate
    from parcheck.render import status as reporter

    evaluation = evaluate(plan, snapshots, request.as_of, request.warn_days)
    tasks = select(plan, evaluation.tasks, request.unit, request.section, request.only)
    if request.fmt == "json":
        sys.stdout.write(reporter.render_json(evaluation, tasks, request.lang))
    elif request.fmt == "markdown":
        sys.stdout.write(reporter.render_markdown(evaluation, tasks, request.lang))
    else:
        titles = {s.id: s.title for s in plan.sections}
        shorts = {u.name: u.short for u in plan.units if u.short}
        plain = not _colour_terminal()
        if plain:
            width = _width()
        else:
            from rich.console import Console

            class _Console(Console):
                def on_broken_pipe(self) -> None:
                    # rich exits 1 here, the code of "red found"; a failed write is exit 2
                    raise BrokenPipeError(32, "Broken pipe")

            console = _Console(highlight=False, soft_wrap=False)
            width = console.width
        parts = reporter.render_table(
            evaluation, tasks, request.lang, request.by, titles, shorts, width
        )
        if plain:
            sys.stdout.write(reporter.plain_text(parts, width))
        else:
            for part in parts:
                console.print(part)
    failing = {"red": RED, "yellow": RED | YELLOW, "never": set()}[request.fail_on]
    return 1 if any(t.status in failing for t in tasks) else 0


@app.command()
def status(
    plan: PlanOption = DEFAULT_PLAN,
    metrics: MetricsOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = LangOpt.vi,
    fmt: Annotated[
        StatusFormat, typer.Option("--format", help="table, json hoặc markdown.")
    ] = StatusFormat.table,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", metavar="ĐƠN_VỊ", help="Chỉ các nhiệm vụ đơn vị này chủ trì hoặc phối hợp."
        ),
    ] = None,
    section: Annotated[
        str | None, typer.Option("--section", metavar="MỤC", help="Chỉ mục này (VI).")
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only",
            metavar="KẾT_QUẢ",
            help=(
                "Chỉ các chỉ tiêu có kết quả này: mã (not_met,overdue,…) hoặc nhãn (Quá hạn,…);"
                " lặp lại được."
            ),
        ),
    ] = None,
    warn_days: Annotated[
        int,
        typer.Option(
            "--warn-days", min=0, metavar="SỐ_NGÀY", help="Coi là sắp đến hạn trong ngần này ngày."
        ),
    ] = 14,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on", help="Mã thoát 1 khi có đỏ, khi có vàng hoặc đỏ, hoặc không bao giờ."
        ),
    ] = FailOn.red,
    by: Annotated[GroupBy, typer.Option("--by", help="Nhóm bảng theo mục hoặc theo đơn vị.")] = (
        GroupBy.section
    ),
) -> None:
    """Kết quả của mọi chỉ tiêu trong kế hoạch tại một ngày; mã thoát 1 khi chạm mức --fail-on."""
    day = as_of_option(as_of, lang=lang.value)
    plan_model, read, _ = load_inputs(plan, metrics, lang.value, day)
    wanted = None if only is None else ",".join(only)  # --only a --only b: both
    request = StatusRequest(
        day, lang.value, fmt.value, unit, section, wanted, warn_days, fail_on.value, by.value
    )
    from parcheck.engine.deadlines import LimitError
    from parcheck.engine.selection import SelectionError

    try:
        code = run_status(plan_model, read.snapshots, request)
    except (LimitError, SelectionError) as exc:
        raise stop_with(exc.in_lang(lang.value)) from None
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    raise typer.Exit(code)
