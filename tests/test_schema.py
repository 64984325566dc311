"""The committed JSON Schema is the models' own and accepts the shipped plan."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema

from parcheck.plan import yamldoc
from tests.conftest import DATA, PLAN, ROOT, RunCli

COMMITTED = ROOT / "schema" / "plan.schema.json"


def as_json(value: Any) -> Any:
    """YAML data as a JSON document holds it: dates as ISO strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_committed_schema_is_current(run_cli: RunCli) -> None:
    result = run_cli("schema", "plan")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(COMMITTED.read_text(encoding="utf-8")), (
        "regenerate with: parcheck schema plan > schema/plan.schema.json"
    )


def test_schema_accepts_the_shipped_plan() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    data = as_json(yamldoc.load(PLAN).data)
    jsonschema.validate(data, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_schema_rejects_an_unknown_field() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    data = as_json(yamldoc.load(DATA / "plans" / "valid" / "minimal.yaml").data)
    data["colour"] = "red"
    validator = jsonschema.Draft202012Validator(schema)
    assert not validator.is_valid(data)


def test_committed_metrics_schema_is_current(run_cli: RunCli) -> None:
    result = run_cli("schema", "metrics")
    assert result.exit_code == 0
    committed = ROOT / "schema" / "metrics.schema.json"
    assert json.loads(result.stdout) == json.loads(committed.read_text(encoding="utf-8"))


def test_metrics_schema_accepts_the_shipped_snapshots() -> None:
    schema = json.loads((ROOT / "schema" / "metrics.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted((ROOT / "metrics").glob("*.yaml"))
    assert len(files) == 8
    for path in files:
        data = as_json(yamldoc.load(path).data)
        assert not list(validator.iter_errors(data)), path
    bad = as_json(yamldoc.load(ROOT / "metrics" / "2024-11-25.yaml").data)
    bad["values"]["VI.3"] = {"value": 78.4, "colour": "red"}
    assert not validator.is_valid(bad)


def test_plan_names_its_schema_for_editors() -> None:
    first = PLAN.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/plan.schema.json"
    assert (PLAN.parent / "../schema/plan.schema.json").resolve() == COMMITTED.resolve()
    assert Path(COMMITTED).exists()
