"""Shared fixtures: a CLI runner, and no colour in any test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from parcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
PLAN = ROOT / "plans" / "kh2024.yaml"


@pytest.fixture(autouse=True)
def _no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


RunCli = Callable[..., "Result"]


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr


@pytest.fixture
def run_cli() -> RunCli:
    runner = CliRunner()

    def run(*args: str) -> Result:
        result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return run


def markdown_tables(text: str) -> list[list[int]]:
    """For each table of a Markdown text, the number of cells of each row."""
    tables: list[list[int]] = []
    cells = 0
    for token in MarkdownIt().enable("table").parse(text):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            tables[-1].append(cells)
    return tables
