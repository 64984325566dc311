"""`parcheck report`: the monthly gap report built, rendered and written."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
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
    date_in_range,
    load_inputs,
    metrics_paths,
    stop_with,
)
from parcheck.engine.deadlines import LimitError
from parcheck.engine.selection import SelectionError
from parcheck.errors import ParcheckError, UsageError
from parcheck.safety.files import shown

if TYPE_CHECKING:
    from parcheck.figures import Snapshot
    from parcheck.plan.model import Plan
    from parcheck.problems import Lang


class ReportFormat(StrEnum):
    markdown = "markdown"
    terminal = "terminal"


@dataclass(frozen=True)
class ReportRequest:
    as_of: dt.date
    lang: str
    fmt: str
    unit: str | None
    output: Path | None
    plan_path: str
    plan_digest: str
    inputs: tuple[Path, ...] = ()  # the files read: the output may not replace one
    dossiers: tuple[Path, ...] = ()  # one-stop-shop exports: their offenders in an annex


def run_report(plan: Plan, snapshots: Sequence[Snapshot], request: ReportRequest) -> None:
    from parcheck.engine.report import build_report
    from parcheck.engine.selection import unit_with_tasks
    from parcheck.plan.units import UnitIndex
    from parcheck.render.report import render_markdown, render_terminal
    from parcheck.safety.files import write_output

    # the unit's full name heads the report, however it was typed; an unknown or ambiguous
    # name, or a unit with no task, is a SelectionError as status says it
    unit = None
    if request.unit is not None:
        unit = unit_with_tasks(plan, UnitIndex(plan), request.unit).name
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
    if request.dossiers:
        text += _annex(plan, request)
    if request.output is None:
        sys.stdout.write(text)
    else:
        write_output(text, request.output, request.inputs, request.lang)


def _annex(plan: Plan, request: ReportRequest) -> str:
    """The annex naming the offending dossiers of the exports, at the report's date."""
    from parcheck.cli.dossiers import dossier_figures
    from parcheck.render.dossiers import render_annex

    lang: Lang = "en" if request.lang == "en" else "vi"
    result = dossier_figures(plan, request.dossiers, request.as_of, request.lang)
    width = shutil.get_terminal_size((100, 24)).columns if request.output is None else 100
    return render_annex(result, lang, request.fmt, width)


@app.command()
def report(
    plan: PlanOption = DEFAULT_PLAN,
    metrics: MetricsOption = None,
    as_of: AsOfOption = None,
    month: Annotated[
        str | None,
        typer.Option(
            "--month", metavar="THÁNG", help="YYYY-MM hoặc MM/YYYY: báo cáo ngày 25 của tháng đó."
        ),
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", metavar="ĐƠN_VỊ", help="Báo cáo riêng của một đơn vị.")
    ] = None,
    lang: LangOption = LangOpt.vi,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", help="markdown hoặc terminal.")
    ] = ReportFormat.markdown,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", metavar="TỆP", help="Ghi ra tệp này (ghi trọn một lần)."),
    ] = None,
    dossiers: Annotated[
        list[Path] | None,
        typer.Option(
            "--dossiers",
            metavar="TỆP_XUẤT",
            help="Tệp xuất của phần mềm một cửa: thêm phụ lục nêu các hồ sơ vi phạm (lặp lại "
            "được).",
        ),
    ] = None,
) -> None:
    """Báo cáo tháng: việc đỏ trước, việc có nguy cơ cùng tốc độ cần đạt, việc đến hạn
    trong 30 ngày, đơn vị cần nhắc gửi số liệu, và từng chỉ tiêu theo tháng."""
    if month is not None and as_of is not None:
        if lang.value == "en":
            raise UsageError("give --as-of or --month, not both")
        raise UsageError("chỉ ghi một trong hai: --as-of hoặc --month")
    day = (
        _month_day(month, lang.value) if month is not None else as_of_option(as_of, lang=lang.value)
    )
    plan_model, read, digest = load_inputs(plan, metrics, lang.value, day)
    folders = metrics_paths(metrics)
    exports = tuple(dossiers or ())
    inputs = (plan, *read.paths, *(f for f in folders if f.is_dir()), *exports)
    request = ReportRequest(
        day, lang.value, fmt.value, unit, output, shown(plan), digest, inputs, exports
    )
    try:
        run_report(plan_model, read.snapshots, request)
    except (LimitError, SelectionError) as exc:
        raise stop_with(exc.in_lang(lang.value)) from None
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    except ParcheckError as exc:
        raise stop_with(exc) from None


# A month as the secretary writes it: 2024-11 or 11/2024, ASCII digits (`\d` takes other
# scripts' digits, which int() reads), a four-digit year.
_YEAR_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_MONTH_YEAR = re.compile(r"([0-9]{1,2})/([0-9]{4})")


def _month_day(month: str, lang: str) -> dt.date:
    """The 25th of `month`, or UsageError naming the value and the forms to write."""
    text = month.strip()
    if m := _YEAR_MONTH.fullmatch(text):
        year, number = int(m[1]), int(m[2])
    elif m := _MONTH_YEAR.fullmatch(text):
        number, year = int(m[1]), int(m[2])
    else:
        year, number = 0, 0
    if not 1 <= number <= 12 or year < dt.MINYEAR:  # no year 0000 either
        if lang == "en":
            raise UsageError(
                f"--month {month!r}: not a month; write YYYY-MM (2024-11) or MM/YYYY (11/2024)"
            )
        raise UsageError(
            f"--month {month!r}: không phải một tháng; hãy viết YYYY-MM (2024-11) hoặc "
            "MM/YYYY (11/2024)"
        )
    return date_in_range(dt.date(year, number, 25), "--month", lang)
