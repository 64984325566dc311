"""The JSON Schema of plan files, from the pydantic model."""

from __future__ import annotations

from typing import Any


def plan_schema() -> dict[str, Any]:
    from parcheck.plan.validator import PLAN

    schema = PLAN.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://parcheck.invalid/schema/plan.schema.json"
    return schema
