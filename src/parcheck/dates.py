"""Reading dates as people write them in the plan and the metrics: 2024-12-15 or 15/12/2024.

No pydantic here: the metrics reader and the engine use it on every run."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_YMD = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(value: Any) -> dt.date:
    """A date from a `date`, `YYYY-MM-DD` or `DD/MM/YYYY`; anything else raises ValueError."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if m := _YMD.match(value):
            year, month, day = (int(g) for g in m.groups())
        elif m := _DMY.match(value):
            day, month, year = (int(g) for g in m.groups())
        else:
            raise ValueError(f"not a date: {value!r} (write YYYY-MM-DD or DD/MM/YYYY)")
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"no such day: {value!r}") from None
    raise ValueError(f"not a date: {value!r} (write YYYY-MM-DD or DD/MM/YYYY)")


def plan_date(value: Any) -> dt.date:
    """`parse_date` for pydantic: a day that does not exist and a text that is no date are
    errors of their own kinds, so that messages can say which."""
    from pydantic_core import PydanticCustomError

    try:
        return parse_date(value)
    except ValueError as exc:
        kind = "plan_date_unreal" if str(exc).startswith("no such day") else "plan_date_format"
        raise PydanticCustomError(kind, "{reason}", {"reason": str(exc), "value": value}) from None


VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")  # Asia/Ho_Chi_Minh: UTC+7, no DST


def today_in_vietnam(now: dt.datetime | None = None) -> dt.date:
    """The date in Khánh Hòa at `now` (default: this moment): at 23:30 UTC it is already
    the next day there, whatever the machine's own zone."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(VIETNAM).date()


def dmy(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")
