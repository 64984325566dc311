"""A recurring check's due days: its RFC 5545 rule expanded inside its start and until."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parcheck.plan.model import Plan, RecurringCheck


class RuleError(ValueError):
    """An RRULE that dateutil cannot read."""


@lru_cache(maxsize=1024)
def _expand(rule: str, start: dt.date, until: dt.date) -> tuple[dt.date, ...]:
    from dateutil.rrule import rrulestr

    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if "DTSTART" in text.upper():
        raise RuleError("DTSTART belongs in the check's `start`, not in the rule")
    try:
        parsed = rrulestr(text, dtstart=dt.datetime.combine(start, dt.time()))
    except (ValueError, TypeError) as exc:
        raise RuleError(str(exc)) from None
    end = dt.datetime.combine(until, dt.time())
    out = []
    for moment in parsed:
        if moment > end:
            break
        out.append(moment.date())
    return tuple(out)


def occurrences(check: RecurringCheck, plan: Plan) -> tuple[dt.date, ...]:
    """Every due day of a recurring check inside its start..until (default: the plan year)."""
    return _expand(check.rrule, check.start or plan.start, check.until or plan.end)
