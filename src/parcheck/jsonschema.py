"""JSON Schemas of the file formats, from the pydantic models."""

from __future__ import annotations

import json
from typing import Any


def plan_schema() -> dict[str, Any]:
    from parcheck.planvalidator import PLAN

    schema = PLAN.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://parcheck.invalid/schema/plan.schema.json"
    return schema


def schema_text(name: str) -> str:
    if name == "metrics":
        from parcheck.metrics import metrics_schema

        schema = metrics_schema()
    else:
        schema = plan_schema()
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
