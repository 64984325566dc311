"""What a cold run imports: the work that start-up used to pay for at every run (pydantic
building the plan validator, holidays building Vietnam's calendar, OpenSSL for a hash no one
reads) stays out of the commands that do not need it. No timings here: benchmarks/bench.py
measures them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from parcheck.cli import COMMANDS
from tests.conftest import PLAN, ROOT

SHOW_MODULES = """
import json, sys
from parcheck.cli import main
try:
    main()
except SystemExit:
    pass
sys.__stderr__.write("MODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""

NEVER = {
    "parcheck.plan.validator",  # builds pydantic's schema: the prebuilt core_schema.py is used
    "pydantic._internal._generate_schema",
    "holidays",  # the plan year is in engine/vn_days.py
    "openpyxl",  # only when a workbook is read or written
    "parcheck.library_words",  # a library's English in words: only for a broken file
    "parcheck.figures.csv",  # only when a CSV is read (the shipped figures are YAML)
    "csv",
    "rich.console",  # off a terminal the table is written as plain text
    "polars",  # only `parcheck dossiers` reads the one-stop-shop export
    "fastexcel",
}


def modules_of(tmp_path: Path, *args: str) -> set[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARCHECK_", "XDG_"))}
    env["HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", SHOW_MODULES, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("MODULES "))
    return set(json.loads(line.removeprefix("MODULES ")))


def test_validate_imports_neither_the_schema_builder_nor_the_engine(tmp_path: Path) -> None:
    loaded = modules_of(tmp_path, "validate", str(PLAN))
    assert loaded & (NEVER | {"hashlib", "parcheck.engine.verdicts", "rich.console"}) == set()
    assert "parcheck.plan.core_schema" in loaded


def test_a_command_imports_its_own_module_only(tmp_path: Path) -> None:
    loaded = modules_of(tmp_path, "validate", str(PLAN))
    others = {f"parcheck.cli.{name}" for name in COMMANDS} - {"parcheck.cli.validate"}
    assert "parcheck.cli.validate" in loaded and loaded & others == set()


def test_every_command_module_is_listed() -> None:
    modules = {p.stem for p in (ROOT / "src" / "parcheck" / "cli").glob("*.py")}
    assert modules - {"__init__", "app", "words"} == set(COMMANDS)


def test_help_lists_every_command(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "COLUMNS": "100"}
    done = subprocess.run(
        [sys.executable, "-m", "parcheck", "--help"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0
    assert all(f" {name} " in done.stdout for name in COMMANDS)


@pytest.mark.parametrize("command", ["status", "report"])
def test_the_plan_year_needs_neither_the_schema_builder_nor_holidays(
    tmp_path: Path, command: str
) -> None:
    loaded = modules_of(tmp_path, command, "--plan", str(PLAN), "--as-of", "2024-11-25")
    assert loaded & NEVER == set()
    assert "parcheck.engine.vn_days" in loaded


def test_calendar_and_its_ics_need_neither(tmp_path: Path) -> None:
    ics = tmp_path / "out.ics"
    assert modules_of(tmp_path, "calendar", "--plan", str(PLAN)) & NEVER == set()
    assert modules_of(tmp_path, "calendar", "--plan", str(PLAN), "--ics", str(ics)) & NEVER == set()
