"""The command line: one module per command, each registering itself on the typer app.
Options are parsed into a request, the work is done below `cli/`, and an exit code comes
back; only this package prints, exits or reads the clock."""

from __future__ import annotations

from parcheck.cli import calendar, report, schema, status, template, validate
from parcheck.cli.app import app

__all__ = ["app", "calendar", "main", "report", "schema", "status", "template", "validate"]


def main() -> None:
    """Entry point: runs the app. Errors become messages in `GuardedGroup` (app.py). The
    cycle collector is held off for the run (`gc_pause.py`): a run is short and makes
    nothing cyclic worth collecting, and on a large plan the collector's passes made the
    run grow faster than the plan."""
    from parcheck.gc_pause import paused_gc

    with paused_gc():
        app()
