"""Pydantic's validator of plan files, built from the model's annotations. Imported only to
validate a plan file or to print its JSON Schema; the TypeAdapter below resolves the
model's string annotations in this module's namespace, where it is created."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, TypeAdapter

from parcheck.plan.model import (
    AnyCheck,
    Calendar,
    DeliverableCheck,
    EventCheck,
    Limit,
    Plan,
    Points,
    RecurringCheck,
    Section,
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
    "PLAN",
    "Annotated",
    "AnyCheck",
    "Calendar",
    "CheckId",
    "ClockTime",
    "DeliverableCheck",
    "EventCheck",
    "Field",
    "Limit",
    "Literal",
    "Number",
    "PlanDate",
    "PlanId",
    "Points",
    "RecurringCheck",
    "Section",
    "SectionId",
    "Target",
    "Task",
    "TaskId",
    "Text",
    "ThresholdCheck",
    "Unit",
    "UnitId",
    "Whole",
    "WorkSpan",
]

PLAN: TypeAdapter[Plan] = TypeAdapter(Plan)
"""Validates plan data (`PLAN.validate_python`) and describes it (`PLAN.json_schema()`)."""
# Pydantic looks up a string annotation in the class's module and in the caller's function
# locals; the model's names live here, so they are handed over explicitly.
PLAN.rebuild(force=True, _types_namespace=globals())
