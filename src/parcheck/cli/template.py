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
            help=(
                "Bảng tính riêng của đơn vị này: các tiêu chí đơn vị tự báo cáo (xlsx, luôn"
                " bằng tiếng Việt)."
            ),
        ),
    ] = None,
    lang: LangOption = LangOpt.vi,
) -> None:
    """In mẫu số liệu cho một ngày: mọi mã chỉ tiêu với loại, mục tiêu và hạn."""
    from parcheck.safety.files import write_output

    if output is not None:  # before anything is read: a usage mistake is the one message
        _check_name(output, fmt, lang.value)
    day = as_of_option(as_of, lang=lang.value)
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
    from parcheck.render.workbook import render_workbook

    if unit is None:
        write_output(render_workbook(plan_model, day), output, [plan])
        return
    from parcheck.engine.selection import SelectionError, own_checks, unit_with_tasks
    from parcheck.plan.units import UnitIndex

    units = UnitIndex(plan_model)
    try:  # as status --unit: any spelling, the candidates, a unit with no task
        wanted = unit_with_tasks(plan_model, units, unit)
        own = own_checks(plan_model, units, wanted, unit)
    except SelectionError as exc:
        raise exc.in_lang(lang.value) from None
    book = render_workbook(plan_model, day, own.tasks, wanted.name, own.compiled)
    write_output(book, output, [plan])


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def _check_name(output: Path, fmt: TemplateFormat, lang: str) -> None:
    """A workbook goes to a name ending in .xlsx, the YAML form to any other: Excel and
    LibreOffice open a file by its name's ending, so a workbook named `x.txt` opens as
    garbled text, and YAML named `x.xlsx` as a damaged workbook. An existing device or
    pipe (`/dev/stdout`) has no such name and is written through."""
    if output.exists() and not output.is_file():
        return
    suffix = output.suffix.lower()
    if fmt is TemplateFormat.xlsx and suffix != ".xlsx":
        better = output.with_suffix(".xlsx") if output.suffix else Path(f"{output}.xlsx")
        raise UsageError(
            f"-o {str(output)!r}: bảng tính phải có tên đuôi .xlsx (Excel và LibreOffice mở tệp"
            f" theo đuôi tên); hãy ghi -o {str(better)!r}"
            if lang == "vi"
            else f"-o {str(output)!r}: a workbook's name must end in .xlsx (Excel and LibreOffice"
            f" open a file by its name's ending); write -o {str(better)!r}"
        )
    if fmt is TemplateFormat.yaml and suffix in WORKBOOK_SUFFIXES:
        raise UsageError(
            f"-o {str(output)!r}: mẫu YAML là văn bản, không phải bảng tính; muốn bảng tính thì"
            " thêm --format xlsx"
            if lang == "vi"
            else f"-o {str(output)!r}: the YAML form is text, not a workbook; for the workbook"
            " add --format xlsx"
        )
