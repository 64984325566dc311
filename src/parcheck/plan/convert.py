"""Conversions pydantic's validator of plan files calls while it validates: plain functions
that import pydantic only when they raise, so that loading a plan does not import pydantic's
Python side (the validator itself is built from `core_schema.py`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from parcheck.dates import parse_date


def plan_date(value: Any) -> dt.date:
    """`parse_date` for pydantic: a day that does not exist and a text that is no date are
    errors of their own kinds, so that messages can say which."""
    from pydantic_core import PydanticCustomError

    try:
        return parse_date(value)
    except ValueError as exc:
        kind = "plan_date_unreal" if str(exc).startswith("no such day") else "plan_date_format"
        raise PydanticCustomError(kind, "{reason}", {"reason": str(exc), "value": value}) from None
