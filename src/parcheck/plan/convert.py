"""Conversions pydantic's validator of plan files calls while it validates: plain functions
that import pydantic only when they raise, so that loading a plan does not import pydantic's
Python side (the validator itself is built from `core_schema.py`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from parcheck.dates import EARLIEST, LATEST, dmy, in_range, parse_date


def plan_date(value: Any) -> dt.date:
    """`parse_date` for pydantic: a day that does not exist and a text that is no date are
    errors of their own kinds, so that messages can say which."""
    from pydantic_core import PydanticCustomError

    try:
        day = parse_date(value)
    except ValueError as exc:
        kind = "plan_date_unreal" if str(exc).startswith("no such day") else "plan_date_format"
        raise PydanticCustomError(kind, "{reason}", {"reason": str(exc), "value": value}) from None
    if not in_range(day):
        reason = f"{dmy(day)} lies outside {dmy(EARLIEST)}–{dmy(LATEST)}"
        raise PydanticCustomError(
            "plan_date_range", "{reason}", {"reason": reason, "value": dmy(day)}
        )
    return day


_CLOCK = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?")


def clock_time(value: Any) -> dt.time:
    """`7:00` or `07:00` as the time it reads as; a number (YAML 1.1 reads an unquoted `13:30`
    as 810) or a time with a zone is refused."""
    from pydantic_core import PydanticCustomError

    if isinstance(value, dt.time) and value.tzinfo is None:
        return value
    if isinstance(value, str) and (m := _CLOCK.fullmatch(value.strip())):
        return dt.time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
    raise PydanticCustomError("time_parsing", "Input should be a time written HH:MM")
