"""The typer app and what every command shares: options, loading the inputs, and turning
errors into messages and exit codes."""

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
    from parcheck.figures import MetricsRead
    from parcheck.plan.model import Plan
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


LangOption = Annotated[
    LangOpt, typer.Option("--lang", help="Ngôn ngữ / language: vi or en.", case_sensitive=False)
]


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


def stop_with(exc: ParcheckError) -> typer.Exit:
    """An error that ends the command: its message on stderr, its exit code."""
    sys.stderr.write(f"parcheck: {exc.message}\n")
    return typer.Exit(exc.exit_code)


def stop(problems: Sequence[Problem], lang: str) -> typer.Exit:
    """Problems in an input file: each on stderr at its position, exit 2."""
    for problem in problems:
        sys.stderr.write(problem.render("en" if lang == "en" else "vi") + "\n")
    return typer.Exit(2)


def load_inputs(plan: Path, metrics: list[Path] | None, lang: str) -> tuple[Plan, MetricsRead, str]:
    """The plan, the metrics snapshots and the plan file's short hash, or exit 2 with every
    problem."""
    from parcheck.figures import read_metrics
    from parcheck.plan.load import load_plan

    loaded = load_plan(plan)
    if not loaded.ok or loaded.plan is None:
        raise stop([p for p in loaded.problems if p.severity == "error"], lang)
    paths = metrics
    if paths is None:
        paths = [Path("metrics")] if Path("metrics").is_dir() else []
    read = read_metrics(paths, loaded.plan)
    if read.problems:
        raise stop(read.problems, lang)
    return loaded.plan, read, loaded.digest


def as_of_option(value: str | None, option: str = "--as-of") -> dt.date:
    from parcheck.dates import parse_date

    if value is None:
        return today_in_vietnam()
    try:
        return parse_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")  # Asia/Ho_Chi_Minh: UTC+7, no DST


def today_in_vietnam(now: dt.datetime | None = None) -> dt.date:
    """The date in Khánh Hòa at `now` (default: this moment): at 23:30 UTC it is already
    the next day there, whatever the machine's own zone."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(VIETNAM).date()
