"""A recurring check's due days: its RFC 5545 rule expanded inside its start and until.

A due day is a day: rules finer than FREQ=DAILY are refused, and so is a rule that gives
more than one occurrence a day of its span on average (`FREQ=DAILY;BYHOUR=…`). Expansion is
bounded in time too: dateutil looks for a rule's next occurrence period after period up to
year 9999, so a rule that never matches again (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31`) would
scan three million days; here the scan stops once it has left the span.
"""

from __future__ import annotations

import datetime as dt
import warnings
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from parcheck.dates import dmy

if TYPE_CHECKING:
    from parcheck.plan.model import Plan, RecurringCheck

# Due days all the rules of a plan may give (checked by `meaning.py`, PC050): a rule gives
# one a day at most, in the plan year; 100,000 are 270 daily duties, or 8,000 monthly ones.
MAX_OCCURRENCES = 100_000

_FREQS = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY")
_DAILY = 3  # dateutil's number for FREQ=DAILY; finer frequencies have larger ones


class RuleError(ValueError):
    """An RRULE that cannot be used; `code` and `params` make its problem (PC035: dateutil
    cannot read it, said in Vietnamese by `library_words.RRULE`; PC047: finer than daily;
    PC048: too many occurrences; PC049: a start or until outside the plan year)."""

    def __init__(self, reason: str, code: str = "PC035", **params: Any) -> None:
        super().__init__(reason)
        self.code = code
        if not params:
            from parcheck.library_words import rrule_reasons  # only for a bad rule

            params = rrule_reasons(reason)
        self.params = params


class _PastSpan(Exception):
    """The scan for the next occurrence has left the span: there is nothing more in it."""


@lru_cache(maxsize=1)
def _scan_class() -> type[Any]:
    """dateutil's rule with a bound on how far it scans for the next occurrence.

    dateutil's `_iterinfo.rebuild` reads the rule's `_byeaster` each time the scan enters a
    new month (a new year, for FREQ=YEARLY), and `_iter` once at its start: counting those
    reads bounds the scan without changing what it finds before the bound. Were a later
    dateutil to stop reading it, expansion would stay right, only slower (a test times it).
    """
    from dateutil.rrule import rrule

    class Scan(rrule):
        @property
        def _byeaster(self) -> Any:
            self.__dict__["months_left"] -= 1
            if self.__dict__["months_left"] < 0:
                raise _PastSpan
            return self.__dict__["_byeaster"]

    return Scan


def _parse(rule: str, start: dt.date) -> Any:
    from dateutil.rrule import rrule, rrulestr

    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if "DTSTART" in text.upper():
        raise RuleError("DTSTART belongs in the check's `start`, not in the rule")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # dateutil warns of COUNT with UNTIL: refuse it
            parsed = rrulestr(text, dtstart=dt.datetime.combine(start, dt.time()))
    except (ValueError, TypeError, OverflowError, Warning) as exc:
        raise RuleError(str(exc)) from None
    if not isinstance(parsed, rrule):
        raise RuleError("one RRULE only (no RDATE, EXDATE or EXRULE)")
    found: Any = parsed  # dateutil keeps what it parsed in private attributes
    if found._freq > _DAILY:
        raise RuleError(f"FREQ={_FREQS[found._freq]}", "PC047", freq=_FREQS[found._freq])
    if found._byeaster:
        raise RuleError("BYEASTER is not RFC 5545")
    return found


@lru_cache(maxsize=1024)
def _expand(rule: str, start: dt.date, until: dt.date) -> tuple[dt.date, ...]:
    parsed = _parse(rule, start)
    if until < start:
        return ()
    limit = (until - start).days + 1  # one a day at most, on average
    end = dt.datetime.combine(until, dt.time())
    parsed.months_left = (until.year - start.year) * 12 + until.month - start.month + 4
    parsed.__class__ = _scan_class()
    out: list[dt.date] = []
    try:
        for moment in parsed:
            if moment > end or len(out) > limit:
                break
            out.append(moment.date())
    except _PastSpan:
        pass
    except (ValueError, OverflowError) as exc:  # dateutil reaching past year 9999
        raise RuleError(str(exc)) from None
    if len(out) > limit:
        first, last = dmy(start), dmy(until)
        raise RuleError(f"more than {limit}", "PC048", limit=limit, start=first, until=last)
    return tuple(dict.fromkeys(out))


def occurrences(check: RecurringCheck, plan: Plan) -> tuple[dt.date, ...]:
    """Every due day of a recurring check inside its start..until (default: the plan year).
    A start or until outside the plan year is a RuleError (PC049): nothing is expanded."""
    start, until = check.start or plan.begins, check.until or plan.end
    for day in (start, until):
        if day.year != plan.year:
            raise RuleError(f"{dmy(day)} is outside {plan.year}", "PC049", date=dmy(day))
    return _expand(check.rrule, start, until)


def read_rule(check: RecurringCheck, plan: Plan) -> None:
    """Read a check's rule without expanding it: a RuleError if it cannot be used."""
    _parse(check.rrule, plan.begins)
