"""The constrained types the plan model's annotations name: pydantic's side of the model,
imported only where the validator is built (`validator.py`): to describe plan files, or to
check and regenerate the prebuilt `core_schema.py`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator, StringConstraints

from parcheck.plan.convert import plan_date

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
CheckId = Annotated[str, StringConstraints(pattern=r"^[A-Z]+\.\d+(\.[a-z0-9]+)*$")]
TaskId = Annotated[str, StringConstraints(pattern=r"^[A-Z]+\.\d+$")]
SectionId = Annotated[str, StringConstraints(pattern=r"^[A-Z]+$")]
PlanId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
UnitId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")]


PlanDate = Annotated[dt.date, BeforeValidator(plan_date)]
"""A date field that also accepts DD/MM/YYYY and names a day that does not exist."""
