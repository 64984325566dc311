"""The prebuilt core schema (plan/core_schema.py) that loading a plan validates with: it is
what pydantic builds from the model now, and a pydantic-core it was not built for falls back
to pydantic's own way with the same findings."""

from __future__ import annotations

from pathlib import Path

import pydantic_core
import pytest

from parcheck.plan import core_schema
from parcheck.plan.validator import stable_core_schema
from tests.conftest import DATA, PLAN, RunCli

INVALID = sorted((DATA / "plans" / "invalid").glob("*.yaml"))


def test_the_prebuilt_schema_is_what_pydantic_builds_now() -> None:
    again = "run `python scripts/make_plan_schema.py`"
    assert pydantic_core.__version__ == core_schema.PYDANTIC_CORE, again
    assert stable_core_schema() == core_schema.SCHEMA, again


@pytest.mark.parametrize("path", [PLAN, *INVALID], ids=lambda p: Path(p).name)
def test_without_the_prebuilt_schema_the_findings_are_the_same(
    run_cli: RunCli, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prebuilt = run_cli("validate", path, "--format", "json")
    monkeypatch.setattr(core_schema, "PYDANTIC_CORE", "another version")
    rebuilt = run_cli("validate", path, "--format", "json")
    assert (rebuilt.exit_code, rebuilt.stdout) == (prebuilt.exit_code, prebuilt.stdout)
