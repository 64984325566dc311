"""The constrained types the plan model's annotations name: pydantic's side of the model,
imported only where the validator is built (`validator.py`): to describe plan files, or to
check and regenerate the prebuilt `core_schema.py`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AllowInfNan, BeforeValidator, Strict, StringConstraints

from parcheck.plan.convert import clock_time, plan_date

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
CheckId = Annotated[str, StringConstraints(pattern=r"^[A-Z]+\.[0-9]+(\.[a-z0-9]+)*$")]
TaskId = Annotated[str, StringConstraints(pattern=r"^[A-Z]+\.[0-9]+$")]
SectionId = Annotated[str, StringConstraints(pattern=r"^[A-Z]+$")]
PlanId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
UnitId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")]
Number = Annotated[float, Strict(), AllowInfNan(False)]
"""A number as written: text (`"80"`, or `075` and `1:20`, which the YAML reader keeps as
text), booleans, NaN and infinities are refused instead of being read as some number."""
Whole = Annotated[int, Strict()]
"""A whole number as written (see `Number`)."""


PlanDate = Annotated[dt.date, BeforeValidator(plan_date)]
"""A date field that also accepts DD/MM/YYYY and names a day that does not exist."""


ClockTime = Annotated[dt.time, BeforeValidator(clock_time)]
"""A time of day in the plan's zone, written `HH:MM`."""
