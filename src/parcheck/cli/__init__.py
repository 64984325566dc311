"""The command line: one module per command, each registering itself on the typer app.
Options are parsed into a request, the work is done below `cli/`, and an exit code comes
back; only this package prints, exits or reads the clock."""

from __future__ import annotations

import errno
import importlib
import io
import sys
from collections.abc import Iterable
from typing import Any

COMMANDS = ("calendar", "dossiers", "report", "schema", "status", "template", "validate")

__all__ = ["COMMANDS", "app", "main"]


def with_commands(names: Iterable[str] = COMMANDS) -> Any:
    """The typer app with the commands `names` registered (each module registers its own)."""
    for name in names:
        importlib.import_module(f"parcheck.cli.{name}")
    typer_app = sys.modules["parcheck.cli.app"].app
    globals()["app"] = typer_app  # the app, not the module parcheck.cli.app
    return typer_app


def __getattr__(name: str) -> Any:
    """`from parcheck.cli import app`: the app with every command."""
    if name == "app":
        return with_commands()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Entry point: runs the app. Errors become messages in `GuardedGroup` (app.py). Only
    the module of the command named on the command line is imported: typer builds the
    options of every command it has (all six: ~8 ms of every run). The cycle collector is
    held off for the run (`gc_pause.py`): a run is short and makes nothing cyclic worth
    collecting, and on a large plan the collector's passes made the run grow faster than
    the plan."""
    from parcheck.gc_pause import paused_gc

    _closed_streams()
    named = sys.argv[1:2]
    typer_app = with_commands(named if named and named[0] in COMMANDS else COMMANDS)
    with paused_gc():
        typer_app()


class _Closed(io.TextIOBase):
    """Stands for a standard stream the shell closed (`>&-`): writing to it is the
    ordinary failed write (one message, exit 2), not an AttributeError on None."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not text:
            return 0
        raise OSError(errno.EBADF, "đầu ra chuẩn đã đóng (stdout is closed)")


def _closed_streams() -> None:
    if sys.stdout is None:
        sys.stdout = _Closed()
    if sys.stderr is None:
        sys.stderr = _Closed()
