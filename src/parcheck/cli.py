"""The `parcheck` command: options in, exit code out. Work is done by the modules below."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from parcheck.errors import ParcheckError

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


LangOption = Annotated[
    LangOpt, typer.Option("--lang", help="Ngôn ngữ / language: vi or en.", case_sensitive=False)
]


def _fail(message: str, code: int = 2) -> typer.Exit:
    sys.stderr.write(f"parcheck: {message}\n")
    return typer.Exit(code)


@app.command()
def validate(
    plans: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Plan files to check (default: --plan, plans/kh2024.yaml).", show_default=False
        ),
    ] = None,
    plan: Annotated[Path, typer.Option("--plan", help="Plan file.")] = DEFAULT_PLAN,
    fmt: Annotated[
        ValidateFormat, typer.Option("--format", help="text, json or github.")
    ] = ValidateFormat.text,
    lang: LangOption = LangOpt.vi,
) -> None:
    """Check plan files against the schema and for meaning; exit 1 when problems are found."""
    from parcheck.reporters.findings import RENDERERS, FindingsFormat
    from parcheck.validation import validate_plans

    findings, _ = validate_plans(plans or [plan])
    sys.stdout.write(RENDERERS[FindingsFormat(fmt.value)](findings, lang.value))
    if any(p.code in {"PC001", "PC002"} for found in findings for p in found.problems):
        raise typer.Exit(2)
    raise typer.Exit(0 if all(found.valid for found in findings) else 1)


@app.command()
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which file format: plan.")],
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
