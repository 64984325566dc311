"""`parcheck validate`: plan files (and metrics files against the first plan) checked,
every problem collected and rendered in the chosen format."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from parcheck.cli.app import DEFAULT_PLAN, LangOpt, LangOption, app, missing_default
from parcheck.plan.load import LoadedPlan, load_plan
from parcheck.problems import CANNOT_READ, Problem, has_errors
from parcheck.render.findings import FileFindings


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    plans: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Các tệp kế hoạch cần kiểm tra (mặc định: --plan, plans/kh2024.yaml).",
            show_default=False,
            metavar="[TỆP_KẾ_HOẠCH]...",
        ),
    ] = None,
    plan: Annotated[
        Path, typer.Option("--plan", metavar="TỆP", help="Tệp kế hoạch.")
    ] = DEFAULT_PLAN,
    metrics: Annotated[
        list[Path] | None,
        typer.Option(
            "--metrics",
            metavar="ĐƯỜNG_DẪN",
            help="Tệp hoặc thư mục số liệu cần kiểm tra theo kế hoạch.",
        ),
    ] = None,
    fmt: Annotated[
        ValidateFormat, typer.Option("--format", help="text, json hoặc github.")
    ] = ValidateFormat.text,
    lang: LangOption = LangOpt.vi,
) -> None:
    """Kiểm tra cấu trúc và nội dung tệp kế hoạch (và tệp số liệu); mã thoát 1 khi có lỗi."""
    from parcheck.render.findings import RENDERERS, FindingsFormat

    findings, loaded = validate_plans(plans or [plan])
    if metrics:
        findings.extend(validate_metrics(metrics, loaded[0]))
    sys.stdout.write(RENDERERS[FindingsFormat(fmt.value)](findings, lang.value))
    if any(p.code in CANNOT_READ for found in findings for p in found.problems):
        if not plans:
            missing_default(plan, lang.value)
        raise typer.Exit(2)
    raise typer.Exit(0 if all(found.valid for found in findings) else 1)


def validate_plans(paths: list[Path]) -> tuple[list[FileFindings], list[LoadedPlan]]:
    """Findings for each plan file, and what was loaded of each."""
    from parcheck.engine.schedule import day_off_problems

    findings = []
    loaded_plans = []
    for path in paths:
        loaded = load_plan(path, more=day_off_problems)
        findings.append(FileFindings(loaded.path, "plan", loaded.problems, loaded.summary))
        loaded_plans.append(loaded)
    return findings, loaded_plans


def validate_metrics(paths: list[Path], loaded: LoadedPlan) -> list[FileFindings]:
    """Findings for each metrics file, checked against the (first) plan."""
    from parcheck.figures import read_metrics

    if loaded.plan is None:
        return []
    read = read_metrics(paths, loaded.plan)
    by_file: dict[str, list[Problem]] = {}
    for problem in read.problems:
        by_file.setdefault(problem.path, []).append(problem)
    counts = read.counts
    names = list(dict.fromkeys([*read.files, *by_file]))

    def summary(name: str) -> dict[str, int] | None:
        # a file read with warnings only (a hidden sheet) is valid and says what it holds;
        # a folder's warning (no files in it) is no file read
        problems = by_file.get(name, [])
        if has_errors(problems) or (problems and name not in counts):
            return None
        return {"values": counts.get(name, 0)}

    return [FileFindings(name, "metrics", by_file.get(name, []), summary(name)) for name in names]
