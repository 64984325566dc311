"""`parcheck dossiers`: the plan's dossier figures computed from the one-stop-shop export."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator, Sequence
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
    PlanOption,
    app,
    as_of_option,
    missing_default,
    stop,
)
from parcheck.errors import UsageError

if TYPE_CHECKING:
    from parcheck.dossiers.result import DossierResult
    from parcheck.plan.model import Plan
    from parcheck.problems import Lang

INTAKE_CHECK = "III.4.b"  # the plan's check that holds the online intake limit
PROGRESS_FROM = 32 * 1024 * 1024  # bytes: a shorter read shows no progress


class DossierFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class Rule(StrEnum):
    qd766 = "766"
    finished = "finished"


@dataclass(frozen=True)
class DossierRequest:
    files: tuple[Path, ...]
    as_of: dt.date
    lang: str
    fmt: str
    rule: str
    columns: Path | None = None
    show: int = 10
    write_metrics: Path | None = None
    plan_path: Path | None = None


def intake_limit(plan: Plan, lang: str) -> float:
    """The online intake limit in working hours: the plan's III.4.b `limit`."""
    for section in plan.sections:
        for task in section.tasks:
            for check in task.checks:
                if check.id != INTAKE_CHECK:
                    continue
                limit = getattr(check, "limit", None)
                if limit is not None and limit.unit == "working_hours":
                    return float(limit.amount)
    if lang == "en":
        raise UsageError(
            f"the plan has no check {INTAKE_CHECK} with a limit in working hours: the online "
            "intake limit is read from it"
        )
    raise UsageError(
        f"kế hoạch không có tiêu chí {INTAKE_CHECK} với thời hạn tính bằng giờ làm việc: "
        "thời hạn tiếp nhận hồ sơ trực tuyến lấy từ tiêu chí đó"
    )


def _load_plan(path: Path, lang: str) -> Plan:
    from parcheck.plan.load import load_plan

    loaded = load_plan(path)
    if not loaded.ok or loaded.plan is None:
        stopped = stop([p for p in loaded.problems if p.severity == "error"], lang)
        missing_default(path, lang)
        raise stopped
    return loaded.plan


@contextlib.contextmanager
def _progress(total: int, lang: str) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for a long read on a terminal; nothing in pipes or CI."""
    if total < PROGRESS_FROM or os.environ.get("CI") or not _terminal():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    label = "reading" if lang == "en" else "đang đọc"
    with Progress(
        f"[progress.description]{label}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done: bar.advance(task, done)


def _terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (ValueError, AttributeError):
        return False


# polars' allocator (jemalloc) keeps freed pages for 10 s by default: over a million rows
# the blocks already reduced stayed resident, some 100 MB of the peak. Returned after
# 100 ms instead, at no measurable cost; 0 ms costs a third more CPU. Set before polars
# loads (jemalloc reads it once); a value the user set is kept.
ALLOCATOR = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:100,muzzy_decay_ms:0")


def dossier_figures(
    plan: Plan,
    files: Sequence[Path],
    as_of: dt.date,
    lang: str,
    rule: str = "766",
    columns: Path | None = None,
) -> DossierResult:
    """The figures of the exports `files` at the end of `as_of`, or exit 2 with the one
    problem of a file that cannot be read (`dossiers`, and `report --dossiers`)."""
    os.environ.setdefault(*ALLOCATOR)
    from parcheck.dossiers import open_exports, read_dossiers
    from parcheck.dossiers.read import ExportError
    from parcheck.engine.calendar import WorkCalendar

    limit = intake_limit(plan, lang)
    renamed = _column_map(columns, lang)
    try:
        exports = open_exports(files, renamed)
        with _progress(sum(e.size for e in exports), lang) as progress:
            return read_dossiers(exports, WorkCalendar(plan.calendar), limit, as_of, rule, progress)
    except ExportError as exc:
        raise stop([exc.problem], lang) from None


def run_dossiers(plan: Plan, request: DossierRequest) -> int:
    from parcheck.render import dossiers as reporter

    result = dossier_figures(
        plan, request.files, request.as_of, request.lang, request.rule, request.columns
    )
    lang: Lang = "en" if request.lang == "en" else "vi"
    if request.write_metrics is not None:
        from parcheck.safety.files import write_output

        kinds: dict[str, str] = {
            check.id: str(check.kind)
            for section in plan.sections
            for task in section.tasks
            for check in task.checks
        }
        inputs = [*request.files, *(p for p in (request.plan_path, request.columns) if p)]
        text = reporter.render_metrics(result, plan.id, kinds)
        write_output(text, request.write_metrics, inputs, request.lang)
    if request.fmt == "json":
        sys.stdout.write(reporter.render_json(result, lang))
    elif request.fmt == "markdown":
        sys.stdout.write(reporter.render_markdown(result, lang, request.show))
    else:
        from parcheck.cli.status import _width

        sys.stdout.write(reporter.render_table(result, lang, request.show, _width()))
    return 0


def _column_map(path: Path | None, lang: str) -> dict[str, str] | None:
    """`--columns map.yaml` read, or exit 2 with every problem in it."""
    if path is None:
        return None
    from parcheck.dossiers.columns import read_column_map

    found = read_column_map(str(path))
    if isinstance(found, list):
        raise stop(found, lang)
    return found


@app.command()
def dossiers(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="TỆP_XUẤT...", help="Tệp xuất từ phần mềm một cửa: CSV (UTF-8) hoặc .xlsx."
        ),
    ],
    plan: PlanOption = DEFAULT_PLAN,
    as_of: AsOfOption = None,
    lang: LangOption = LangOpt.vi,
    fmt: Annotated[
        DossierFormat, typer.Option("--format", help="table, json hoặc markdown.")
    ] = DossierFormat.table,
    timeliness: Annotated[
        Rule,
        typer.Option(
            "--timeliness",
            help="Cách tính tỷ lệ đúng hạn: 766 (theo Quyết định 766/QĐ-TTg) hoặc finished (chỉ "
            "hồ sơ đã có kết quả và hồ sơ quá hạn chưa có kết quả).",
        ),
    ] = Rule.qd766,
    columns: Annotated[
        Path | None,
        typer.Option(
            "--columns",
            metavar="TỆP",
            help="Tệp YAML đặt tên cột khác: Mã hồ sơ: Số hồ sơ (mỗi dòng một cột).",
        ),
    ] = None,
    show: Annotated[
        int,
        typer.Option(
            "--show",
            min=0,
            metavar="SỐ_HỒ_SƠ",
            help="Bảng và markdown: liệt kê tối đa ngần này hồ sơ mỗi mục.",
        ),
    ] = 10,
    write_metrics: Annotated[
        Path | None,
        typer.Option(
            "--write-metrics",
            metavar="TỆP",
            help="Ghi thêm tệp số liệu (YAML) cho status và report: III.6, III.5, III.4.b, "
            "III.4.c–e, I.4.b, kèm SHA-256 và số dòng của tệp xuất.",
        ),
    ] = None,
) -> None:
    """Các chỉ số hồ sơ TTHC của kế hoạch tính từ tệp xuất của phần mềm một cửa."""
    day = as_of_option(as_of, lang=lang.value)
    plan_model = _load_plan(plan, lang.value)
    request = DossierRequest(
        tuple(files),
        day,
        lang.value,
        fmt.value,
        timeliness.value,
        columns,
        show,
        write_metrics,
        plan,
    )
    raise typer.Exit(run_dossiers(plan_model, request))
