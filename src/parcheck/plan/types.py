"""The constrained types the plan model's annotations name: pydantic's side of the model,
imported only where plan files are validated or described."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, StringConstraints

from parcheck.dates import parse_date

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
CheckId = Annotated[str, StringConstraints(pattern=r"^[A-Z]+\.\d+(\.[a-z0-9]+)*$")]
TaskId = Annotated[str, StringConstraints(pattern=r"^[A-Z]+\.\d+$")]
SectionId = Annotated[str, StringConstraints(pattern=r"^[A-Z]+$")]
PlanId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
UnitId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")]


def plan_date(value: Any) -> dt.date:
    """`parse_date` for pydantic: a day that does not exist and a text that is no date are
    errors of their own kinds, so that messages can say which."""
    from pydantic_core import PydanticCustomError

    try:
        return parse_date(value)
    except ValueError as exc:
        kind = "plan_date_unreal" if str(exc).startswith("no such day") else "plan_date_format"
        raise PydanticCustomError(kind, "{reason}", {"reason": str(exc), "value": value}) from None


PlanDate = Annotated[dt.date, BeforeValidator(plan_date)]
"""A date field that also accepts DD/MM/YYYY and names a day that does not exist."""
