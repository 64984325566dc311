"""The `parcheck` command: options in, exit code out. Work is done by the modules below."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from parcheck.errors import ParcheckError

if TYPE_CHECKING:
    from parcheck.metrics import MetricsRead
    from parcheck.model import Plan
    from parcheck.problems import Problem

app = typer.Typer(
    name="parcheck",
    help="Kiểm tra việc thực hiện Kế hoạch nâng cao Chỉ số CCHC (PAR Index) — "
    "compliance checker for the PAR Index plan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

DEFAULT_PLAN = Path("plans/kh2024.yaml")


class LangOpt(StrEnum):
    vi = "vi"
    en = "en"


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class SchemaName(StrEnum):
    plan = "plan"
    metrics = "metrics"


LangOption = Annotated[
    LangOpt, typer.Option("--lang", help="Ngôn ngữ / language: vi or en.", case_sensitive=False)
]


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class FailOn(StrEnum):
    red = "red"
    yellow = "yellow"
    never = "never"


class ReportFormat(StrEnum):
    markdown = "markdown"
    terminal = "terminal"


class GroupBy(StrEnum):
    section = "section"
    unit = "unit"


PlanOption = Annotated[Path, typer.Option("--plan", help="Plan file.")]
MetricsOption = Annotated[
    list[Path] | None,
    typer.Option("--metrics", help="Metrics file or folder (repeatable; default metrics/)."),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Status date, YYYY-MM-DD or DD/MM/YYYY (default: today in Asia/Ho_Chi_Minh).",
    ),
]


def _stop_with(exc: ParcheckError) -> typer.Exit:
    """An error that ends the command: its message on stderr, its exit code."""
    sys.stderr.write(f"parcheck: {exc.message}\n")
    return typer.Exit(exc.exit_code)


def _stop(problems: Sequence[Problem], lang: str) -> typer.Exit:
    """Problems in an input file: each on stderr at its position, exit 2."""
    for problem in problems:
        sys.stderr.write(problem.render("en" if lang == "en" else "vi") + "\n")
    return typer.Exit(2)


def _load(plan: Path, metrics: list[Path] | None, lang: str) -> tuple[Plan, MetricsRead, str]:
    """The plan, the metrics snapshots and the plan file's short hash, or exit 2 with every
    problem."""
    from parcheck.metrics import read_metrics
    from parcheck.planfile import load_plan

    loaded = load_plan(plan)
    if not loaded.ok or loaded.plan is None:
        raise _stop([p for p in loaded.problems if p.severity == "error"], lang)
    paths = metrics
    if paths is None:
        paths = [Path("metrics")] if Path("metrics").is_dir() else []
    read = read_metrics(paths, loaded.plan)
    if read.problems:
        raise _stop(read.problems, lang)
    return loaded.plan, read, loaded.digest


def _as_of(value: str | None, option: str = "--as-of") -> dt.date:
    from parcheck.dates import parse_date, today_in_vietnam

    if value is None:
        return today_in_vietnam()
    try:
        return parse_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


@app.command()
def validate(
    plans: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Plan files to check (default: --plan, plans/kh2024.yaml).", show_default=False
        ),
    ] = None,
    plan: Annotated[Path, typer.Option("--plan", help="Plan file.")] = DEFAULT_PLAN,
    metrics: Annotated[
        list[Path] | None,
        typer.Option("--metrics", help="Metrics files or folders to check against the plan."),
    ] = None,
    fmt: Annotated[
        ValidateFormat, typer.Option("--format", help="text, json or github.")
    ] = ValidateFormat.text,
    lang: LangOption = LangOpt.vi,
) -> None:
    """Check plan files (and metrics files) for schema and meaning; exit 1 on problems."""
    from parcheck.reporters.findings import RENDERERS, FindingsFormat
    from parcheck.validation import validate_metrics, validate_plans

    findings, loaded = validate_plans(plans or [plan])
    if metrics:
        findings.extend(validate_metrics(metrics, loaded[0]))
    sys.stdout.write(RENDERERS[FindingsFormat(fmt.value)](findings, lang.value))
    if any(p.code in {"PC001", "PC002"} for found in findings for p in found.problems):
        raise typer.Exit(2)
    raise typer.Exit(0 if all(found.valid for found in findings) else 1)


@app.command()
def status(
    plan: PlanOption = DEFAULT_PLAN,
    metrics: MetricsOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = LangOpt.vi,
    fmt: Annotated[
        StatusFormat, typer.Option("--format", help="table, json or markdown.")
    ] = StatusFormat.table,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Only tasks this unit leads or supports.")
    ] = None,
    section: Annotated[
        str | None, typer.Option("--section", help="Only this section (VI).")
    ] = None,
    only: Annotated[
        str | None, typer.Option("--only", help="Only these verdicts: not_met,overdue,…")
    ] = None,
    warn_days: Annotated[
        int, typer.Option("--warn-days", min=0, help="Due soon within this many days.")
    ] = 14,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 on red, on yellow or red, or never.")
    ] = FailOn.red,
    by: Annotated[GroupBy, typer.Option("--by", help="Group the table by section or unit.")] = (
        GroupBy.section
    ),
) -> None:
    """A verdict for every check of the plan on a date; exit 1 when --fail-on is reached."""
    from parcheck.status import StatusRequest, run_status

    day = _as_of(as_of)
    plan_model, read, _ = _load(plan, metrics, lang.value)
    request = StatusRequest(
        day, lang.value, fmt.value, unit, section, only, warn_days, fail_on.value, by.value
    )
    try:
        code = run_status(plan_model, read.snapshots, request)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    raise typer.Exit(code)


@app.command()
def report(
    plan: PlanOption = DEFAULT_PLAN,
    metrics: MetricsOption = None,
    as_of: AsOfOption = None,
    month: Annotated[
        str | None,
        typer.Option("--month", help="YYYY-MM: the report of the 25th of that month."),
    ] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="One unit's own report.")] = None,
    lang: LangOption = LangOpt.vi,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", help="markdown or terminal.")
    ] = ReportFormat.markdown,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file (atomically).")
    ] = None,
) -> None:
    """The monthly gap report: red first, at risk with the pace needed, what falls due in
    30 days, whom to chase for figures, and every threshold month by month."""
    from parcheck.reportcommand import ReportRequest, run_report

    if month is not None and as_of is not None:
        raise typer.BadParameter("give --as-of or --month, not both", param_hint="--month")
    day = _month_day(month) if month is not None else _as_of(as_of)
    plan_model, read, digest = _load(plan, metrics, lang.value)
    request = ReportRequest(day, lang.value, fmt.value, unit, output, str(plan), digest)
    try:
        run_report(plan_model, read.snapshots, request)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    except ParcheckError as exc:
        raise _stop_with(exc) from None


def _month_day(month: str) -> dt.date:
    try:
        year, number = (int(part) for part in month.split("-"))
        return dt.date(year, number, 25)
    except ValueError:
        raise typer.BadParameter(f"{month!r}: write YYYY-MM", param_hint="--month") from None


@app.command()
def calendar(
    plan: PlanOption = DEFAULT_PLAN,
    start: Annotated[
        str | None, typer.Option("--from", help="First day (default: 1 January of the plan).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last day (default: 31 December of the plan).")
    ] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="Only this unit's deadlines.")] = None,
    lang: LangOption = LangOpt.vi,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="Also write an iCalendar file for Outlook/Google.")
    ] = None,
) -> None:
    """Every deadline in a window in date order, recurring duties expanded; --ics exports
    them (all-day events, RRULEs, a reminder three working days before)."""
    from parcheck.calendar_export import deadlines, render_ics, render_text
    from parcheck.output import write_output

    plan_model, _, _ = _load(plan, [], lang.value)
    first = _as_of(start, "--from") if start else plan_model.start
    last = _as_of(end, "--to") if end else plan_model.end
    if last < first:
        raise typer.BadParameter("--to is before --from", param_hint="--to")
    try:
        found = deadlines(plan_model, first, last, unit)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--unit") from None
    sys.stdout.write(render_text(found, first, last, lang.value))
    if ics is not None:
        stamp = dt.datetime.now(dt.UTC)
        try:
            write_output(render_ics(plan_model, first, last, stamp, unit), ics)
        except ParcheckError as exc:
            raise _stop_with(exc) from None


@app.command()
def template(
    plan: PlanOption = DEFAULT_PLAN,
    as_of: AsOfOption = None,
) -> None:
    """Print a metrics skeleton for a date: every check id with its kind, target and due date."""
    from parcheck.template import render_template

    day = _as_of(as_of)
    plan_model, _, _ = _load(plan, [], "vi")
    sys.stdout.write(render_template(plan_model, day))


@app.command()
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which file format: plan or metrics.")],
) -> None:
    """Print the JSON Schema of plan files or metrics files."""
    from parcheck.jsonschema import schema_text

    sys.stdout.write(schema_text(name.value))


def main() -> None:
    """Entry point: runs the app; a ParcheckError becomes its message and exit code."""
    try:
        app()
    except ParcheckError as exc:
        sys.stderr.write(f"parcheck: {exc.message}\n")
        sys.exit(exc.exit_code)
