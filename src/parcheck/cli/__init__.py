"""The command line: one module per command, each registering itself on the typer app.
Options are parsed into a request, the work is done below `cli/`, and an exit code comes
back; only this package prints, exits or reads the clock."""

from __future__ import annotations

import sys

from parcheck.cli import calendar, report, schema, status, template, validate
from parcheck.cli.app import app
from parcheck.errors import ParcheckError

__all__ = ["app", "calendar", "main", "report", "schema", "status", "template", "validate"]


def main() -> None:
    """Entry point: runs the app; a ParcheckError becomes its message and exit code."""
    try:
        app()
    except ParcheckError as exc:
        sys.stderr.write(f"parcheck: {exc.message}\n")
        sys.exit(exc.exit_code)
