"""`parcheck template`: the metrics form for a date, as YAML or as an Excel workbook."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from parcheck.cli.app import DEFAULT_PLAN, AsOfOption, PlanOption, app, as_of_option, load_inputs
from parcheck.errors import UsageError


class TemplateFormat(StrEnum):
    yaml = "yaml"
    xlsx = "xlsx"


@app.command()
def template(
    plan: PlanOption = DEFAULT_PLAN,
    as_of: AsOfOption = None,
    fmt: Annotated[
        TemplateFormat,
        typer.Option("--format", help="yaml, or xlsx: the workbook sent to the units (-o)."),
    ] = TemplateFormat.yaml,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file (atomically).")
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Only the checks of this unit (xlsx).")
    ] = None,
) -> None:
    """Print a metrics skeleton for a date: every check id with its kind, target and due date."""
    from parcheck.safety.files import write_output

    day = as_of_option(as_of)
    plan_model, _, _ = load_inputs(plan, [], "vi")
    if fmt is TemplateFormat.yaml:
        from parcheck.render.template import render_template

        if unit:
            raise UsageError("--unit chỉ dùng với --format xlsx")
        text = render_template(plan_model, day)
        if output is None:
            sys.stdout.write(text)
        else:
            write_output(text, output, [plan])
        return
    if output is None:
        raise UsageError("--format xlsx cần -o TỆP.xlsx: bảng tính không in ra màn hình được")
    from parcheck.engine.selection import unit_covers_task
    from parcheck.plan.units import UnitIndex
    from parcheck.render.workbook import render_workbook

    tasks = list(plan_model.tasks())
    name = ""
    if unit:
        units = UnitIndex(plan_model)
        wanted = units.find(unit)
        if wanted is None:
            close = units.closest(unit)
            hint = f" — {close}?" if close else ""
            raise UsageError(f"--unit {unit!r}: không có đơn vị này trong kế hoạch{hint}")
        tasks = [t for t in tasks if unit_covers_task(units, wanted, t)]
        name = wanted.name
    write_output(render_workbook(plan_model, day, tasks, name), output, [plan])
