"""Every command has help text and is documented; the docs name every plan field."""

from __future__ import annotations

import json

import pytest
import typer.main

from parcheck.cli import app
from tests.conftest import ROOT, RunCli

COMMANDS = sorted(c.name or "" for c in typer.main.get_command(app).commands.values())  # type: ignore[attr-defined]
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))


def test_there_are_commands() -> None:
    assert {"validate", "schema"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help_and_docs(run_cli: RunCli, command: str) -> None:
    result = run_cli(command, "--help")
    assert result.exit_code == 0
    assert len(result.stdout.strip()) > 40
    assert f"`parcheck {command}" in DOCS


def _fields(schema: dict[str, object]) -> set[str]:
    names: set[str] = set()
    for node in [schema, *dict(schema.get("$defs", {})).values()]:  # type: ignore[call-overload]
        names |= set(dict(node).get("properties", {}))
    return names


def test_plan_format_names_every_field() -> None:
    schema = json.loads((ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    text = (ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8")
    missing = sorted(name for name in _fields(schema) if f"`{name}" not in text)
    assert not missing


def test_readme_first_block_has_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```", 2)[1]
    lines = [line for line in block.splitlines() if line.strip()]
    assert len(lines) == 2
    assert "pytest" in lines[1]
