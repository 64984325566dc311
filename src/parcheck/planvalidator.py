"""Pydantic's side of the plan model: the constrained types that `model.py`'s annotations
name, and the validator built from them. Imported only to validate a plan file or to print
its JSON Schema; the TypeAdapter below resolves the model's string annotations in this
module's namespace, where it is created."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StringConstraints, TypeAdapter

from parcheck.dates import plan_date
from parcheck.model import (
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

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
CheckId = Annotated[str, StringConstraints(pattern=r"^[A-Z]+\.\d+(\.[a-z0-9]+)*$")]
TaskId = Annotated[str, StringConstraints(pattern=r"^[A-Z]+\.\d+$")]
SectionId = Annotated[str, StringConstraints(pattern=r"^[A-Z]+$")]
PlanId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
UnitId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")]


PlanDate = Annotated[dt.date, BeforeValidator(plan_date)]
"""A date field that also accepts DD/MM/YYYY and names a day that does not exist."""

# The names the model's annotations use; pydantic resolves them in this module's namespace.
__all__ = [
    "PLAN",
    "AnyCheck",
    "Calendar",
    "CheckId",
    "DeliverableCheck",
    "EventCheck",
    "Field",
    "Limit",
    "Literal",
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
    "WorkSpan",
]

PLAN: TypeAdapter[Plan] = TypeAdapter(Plan)
"""Validates plan data (`PLAN.validate_python`) and describes it (`PLAN.json_schema()`)."""
# Pydantic looks up a string annotation in the class's module and in the caller's function
# locals; the model's names live here, so they are handed over explicitly.
PLAN.rebuild(force=True, _types_namespace=globals())
