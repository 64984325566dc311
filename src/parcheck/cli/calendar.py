"""`parcheck calendar`: every deadline of a window, and an iCalendar file of them."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from parcheck.cli.app import (
    DEFAULT_PLAN,
    LangOpt,
    LangOption,
    PlanOption,
    app,
    as_of_option,
    load_inputs,
    metrics_paths,
    stop_with,
)
from parcheck.errors import ParcheckError, UsageError


@app.command()
def calendar(
    plan: PlanOption = DEFAULT_PLAN,
    start: Annotated[
        str | None,
        typer.Option("--from", metavar="NGÀY", help="Ngày đầu (mặc định: 01/01 của năm kế hoạch)."),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", metavar="NGÀY", help="Ngày cuối (mặc định: 31/12 của năm kế hoạch)."),
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", metavar="ĐƠN_VỊ", help="Chỉ các hạn của đơn vị này.")
    ] = None,
    lang: LangOption = LangOpt.vi,
    ics: Annotated[
        Path | None,
        typer.Option("--ics", metavar="TỆP", help="Ghi thêm tệp iCalendar cho Outlook/Google."),
    ] = None,
) -> None:
    """Mọi hạn trong một khoảng theo thứ tự ngày, kể cả việc định kỳ; --ics xuất ra lịch
    (sự kiện cả ngày cho mỗi hạn, nhắc trước ba ngày làm việc)."""
    from parcheck.engine.agenda import deadlines
    from parcheck.render.calendar import render_text
    from parcheck.render.ics import render_ics
    from parcheck.safety.files import write_output

    plan_model, _, _ = load_inputs(plan, [], lang.value)
    first = as_of_option(start, "--from", lang.value) if start else dt.date(plan_model.year, 1, 1)
    last = as_of_option(end, "--to", lang.value) if end else plan_model.end
    if last < first:
        if lang.value == "en":
            raise UsageError(f"--to {last.isoformat()} is before --from {first.isoformat()}")
        raise UsageError(f"--to {last.isoformat()} trước --from {first.isoformat()}")
    from parcheck.engine.selection import SelectionError

    try:
        found = deadlines(plan_model, first, last, unit)
    except SelectionError as exc:  # as status says it: one line, in the user's language
        raise exc.in_lang(lang.value) from None
    sys.stdout.write(render_text(found, first, last, lang.value))
    if ics is not None:
        stamp = dt.datetime.now(dt.UTC)
        sys.stdout.flush()  # before the file, which may be /dev/stdout
        try:
            protected = [plan, *metrics_paths(None)]  # calendar reads no figures: kept whole
            write_output(
                render_ics(plan_model, first, last, stamp, unit), ics, protected, lang.value
            )
        except ParcheckError as exc:
            raise stop_with(exc) from None
