"""Pydantic's validator of plan files, built from the model's annotations. Imported only to
print the plan files' JSON Schema, and to make and check the prebuilt `core_schema.py` that
loading a plan uses instead (building this costs pydantic some 60 ms at every import). The
TypeAdapter below resolves the model's string annotations in this module's namespace."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter

from parcheck.plan.model import (
    DATED_DAY_OFF,
    AnyCheck,
    Calendar,
    DatedDayOff,
    DayOff,
    DeliverableCheck,
    EventCheck,
    Limit,
    Plan,
    PlanCheck,
    Points,
    RecurringCheck,
    Section,
    SharedCheck,
    Target,
    Task,
    ThresholdCheck,
    Unit,
    WorkSpan,
)
from parcheck.plan.types import (
    CheckId,
    ClockTime,
    Number,
    PlanDate,
    PlanId,
    SectionId,
    TaskId,
    Text,
    UnitId,
    Whole,
)

# The names the model's annotations use; pydantic resolves them in this module's namespace.
__all__ = [
    "DATED_DAY_OFF",
    "PLAN",
    "Annotated",
    "AnyCheck",
    "Calendar",
    "CheckId",
    "ClockTime",
    "DatedDayOff",
    "DayOff",
    "DeliverableCheck",
    "EventCheck",
    "Field",
    "Limit",
    "Literal",
    "Number",
    "PlanCheck",
    "PlanDate",
    "PlanId",
    "Points",
    "RecurringCheck",
    "Section",
    "SectionId",
    "SharedCheck",
    "Target",
    "Task",
    "TaskId",
    "Text",
    "ThresholdCheck",
    "Unit",
    "UnitId",
    "Whole",
    "WorkSpan",
    "stable_core_schema",
]

PLAN: TypeAdapter[Plan] = TypeAdapter(Plan)
"""Validates plan data (`PLAN.validate_python`) and describes it (`PLAN.json_schema()`)."""
# Pydantic looks up a string annotation in the class's module and in the caller's function
# locals; the model's names live here, so they are handed over explicitly.
PLAN.rebuild(force=True, _types_namespace=globals())

_REF_ID = re.compile(r":\d+$")


def stable_core_schema() -> dict[str, Any]:
    """`PLAN.core_schema` as the validator reads it, the same in every run: without the
    `metadata` pydantic keeps for itself (JSON Schema descriptions, which pydantic-core
    ignores), and with stable references (pydantic names a definition
    `module.Class:<id of the class>`; here it is `module.Class`). What
    `scripts/make_plan_schema.py` writes into `core_schema.py`, and what a test compares
    that file with."""

    def stable(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: stable(v, k) for k, v in value.items() if k != "metadata"}
        if isinstance(value, list):
            return [stable(v) for v in value]
        if key in {"ref", "schema_ref"} and isinstance(value, str):
            return _REF_ID.sub("", value)
        return value

    result: dict[str, Any] = stable(PLAN.core_schema)
    return result
