"""`parcheck template`: the metrics form for a date, as YAML or as an Excel workbook."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from parcheck.cli.app import (
    DEFAULT_PLAN,
    AsOfOption,
    LangOpt,
    LangOption,
    PlanOption,
    app,
    as_of_option,
    load_inputs,
)
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
        typer.Option("--format", help="yaml, hoặc xlsx: bảng tính gửi các đơn vị (cần -o)."),
    ] = TemplateFormat.yaml,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", metavar="TỆP", help="Ghi ra tệp này (ghi trọn một lần)."),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            metavar="ĐƠN_VỊ",
            help="Chỉ các chỉ tiêu của đơn vị này (xlsx, luôn bằng tiếng Việt).",
        ),
    ] = None,
    lang: LangOption = LangOpt.vi,
) -> None:
    """In mẫu số liệu cho một ngày: mọi mã chỉ tiêu với loại, mục tiêu và hạn."""
    from parcheck.safety.files import write_output

    day = as_of_option(as_of)
    plan_model, _, _ = load_inputs(plan, [], lang.value, day)
    if fmt is TemplateFormat.yaml:
        from parcheck.render.template import render_template

        if unit is not None:
            raise UsageError(
                "--unit chỉ dùng với --format xlsx"
                if lang is LangOpt.vi
                else "--unit goes with --format xlsx only"
            )
        text = render_template(plan_model, day, lang.value)
        if output is None:
            sys.stdout.write(text)
        else:
            write_output(text, output, [plan])
        return
    if output is None:
        raise UsageError(
            "--format xlsx cần -o TỆP.xlsx: bảng tính không in ra màn hình được"
            if lang is LangOpt.vi
            else "--format xlsx needs -o FILE.xlsx: a workbook cannot be printed on screen"
        )
    from parcheck.engine.selection import unit_covers_task
    from parcheck.plan.units import UnitIndex
    from parcheck.render.workbook import render_workbook

    tasks = list(plan_model.tasks())
    name = ""
    if unit is not None:
        from parcheck.engine.selection import SelectionError, unit_with_tasks

        units = UnitIndex(plan_model)
        try:  # as status --unit: any spelling, the candidates, a unit with no task
            wanted = unit_with_tasks(plan_model, units, unit)
        except SelectionError as exc:
            raise exc.in_lang(lang.value) from None
        tasks = [t for t in tasks if unit_covers_task(units, wanted, t)]
        name = wanted.name
    write_output(render_workbook(plan_model, day, tasks, name), output, [plan])
