"""Reading one value as a person writes it in a metrics file: numbers with a decimal comma
or a percent sign, dates, and the shape each check kind takes."""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cached_property
from typing import TYPE_CHECKING, Any

from parcheck.dates import EARLIEST, LATEST, VIETNAM, dmy, in_range, parse_date
from parcheck.figures.model import Done, Event, Events, Number, Submissions, Value
from parcheck.plan.units import Nearest
from parcheck.safety.text import describe, forbidden, is_bidi

if TYPE_CHECKING:
    from parcheck.plan.model import Plan


FITS = {  # what fits each kind, as a metrics file writes it
    "threshold": "98.5 | 98,5 | 98.5% | {value: 98.5, note: …} | {numerator: 47, denominator: 50}",
    "deliverable": '{done: YYYY-MM-DD, evidence: "123/BC-SCT"}',
    "recurring": "{done: [YYYY-MM-DD, …]}",
    "event": "{events: [{start: YYYY-MM-DD, done: YYYY-MM-DD, ref: …}, …]}",
}
# ASCII digits only: `\d` takes Arabic-Indic `٨٨` or fullwidth `８８` too, which float() and
# int() read as 88.
_NUMBER = re.compile(r"^[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)$")
_OCTAL_LOOKING = re.compile(r"^[+-]?0[0-9]")  # `075`: YAML 1.1 reads it as 61
# A date, then a time (`7:05`, `07:05:30`, `07:05:30.5`), then maybe a UTC offset
# (`Z`, `+07:00`, `+0700`, `+07`).
_MOMENT = re.compile(
    r"^(?P<day>\S+)[ T](?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})(?::(?P<s>[0-9]{2})(?:\.[0-9]+)?)?"
    r"\s*(?P<zone>Z|[+-][0-9]{2}(?::?[0-9]{2})?)?$",
    re.IGNORECASE,
)


# Events one check may list in one file: each is counted against the check's limit, which
# is cheap, but status, report and their outputs grow with every event.
MAX_EVENTS = 10_000


class Bad(Exception):
    def __init__(self, code: str, where: tuple[Any, ...] = (), **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.where = where
        self.params = params

    def params_for(self, ident: str, kind: str) -> dict[str, Any]:
        """The message's parameters; a shape error names the check and what fits its kind."""
        return self.params or {"id": ident, "kind": kind, "fits": FITS[kind]}


def read_number(raw: Any) -> float:
    if isinstance(raw, bool):
        raise Bad("PM003", value=raw)
    if isinstance(raw, int | float):
        number = float(raw)
    elif isinstance(raw, str):
        text = raw.strip().removesuffix("%").strip()
        if not _NUMBER.match(text):
            raise Bad("PM003", value=raw)
        if _OCTAL_LOOKING.match(text) and not re.match(r"^[+-]?0[.,]", text):
            plain = text.lstrip("+-").lstrip("0") or "0"
            raise Bad("PM012", value=raw, plain=("-" if text.startswith("-") else "") + plain)
        number = float(text.replace(",", "."))
    else:
        raise Bad("PM003", value=raw)
    if not math.isfinite(number):  # 400 digits are read as infinity
        raise Bad("PM003", value=raw)
    return number


def read_day(raw: Any) -> dt.date:
    try:
        day = parse_date(raw)
    except ValueError:
        raise Bad("PM004", value=raw) from None
    if not in_range(day):
        raise Bad("PM014", value=dmy(day), first=dmy(EARLIEST), last=dmy(LATEST))
    return day


def read_moment(raw: Any, *, end_of_day: bool) -> dt.datetime:
    """A date and time in Vietnam's local time (a time with a UTC offset, `…+07:00`, `…Z`,
    is converted to it); a bare date is the start (or end) of that day."""
    if isinstance(raw, str) and (m := _MOMENT.match(raw.strip())):
        day = read_day(m["day"])
        try:
            moment = dt.datetime.combine(day, dt.time(int(m["h"]), int(m["m"]), int(m["s"] or 0)))
            if m["zone"]:
                moment = moment.replace(tzinfo=_zone(m["zone"]))
                moment = moment.astimezone(VIETNAM).replace(tzinfo=None)
        except (ValueError, OverflowError):
            raise Bad("PM004", value=raw) from None
        if not in_range(moment.date()):
            raise Bad("PM014", value=raw, first=dmy(EARLIEST), last=dmy(LATEST))
        return moment
    day = read_day(raw)
    return dt.datetime.combine(day, dt.time.max if end_of_day else dt.time.min)


def _zone(text: str) -> dt.timezone:
    """`Z`, `+07:00`, `+0700` or `+07` as a fixed offset from UTC (ValueError beyond ±24 h)."""
    if text.upper() == "Z":
        return dt.UTC
    digits = text[1:].replace(":", "")
    offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
    return dt.timezone(-offset if text[0] == "-" else offset)


def text(raw: Any, where: tuple[Any, ...] = ()) -> str | None:
    """A text field (note, evidence, ref, source) as written. A control character or a bidi
    control in it is refused at `where` (PM020, PM021): text reaches reports and terminals."""
    if raw is None:
        return None
    value = str(raw)
    char = forbidden(value)
    if char is not None:
        raise Bad("PM021" if is_bidi(char) else "PM020", where, char=describe(char))
    return value


def _fields(raw: dict[str, Any], allowed: set[str], where: tuple[Any, ...]) -> None:
    for key in raw:
        if key not in allowed:
            raise Bad("PM008", (*where, key), field=key)


def read_value(kind: str, unit: str, raw: Any, where: tuple[Any, ...]) -> Value:
    """A value for a check of `kind`, or `Bad` naming what fits."""
    if kind == "threshold":
        if isinstance(raw, dict):
            if "numerator" in raw or "denominator" in raw:
                _fields(raw, {"numerator", "denominator", "note"}, where)
                for key in ("numerator", "denominator"):
                    if key not in raw:
                        raise Bad("PM007", where, field=key)
                num = read_number(raw["numerator"])
                den = read_number(raw["denominator"])
                if den <= 0:
                    raise Bad("PM010", (*where, "denominator"))
                value = 100.0 * num / den
            else:
                _fields(raw, {"value", "note"}, where)
                if "value" not in raw:
                    raise Bad("PM007", where, field="value")
                value = _located(read_number, raw["value"], (*where, "value"))
            note = text(raw.get("note"), (*where, "note"))
        else:
            value, note = read_number(raw), None
        if unit == "%" and not 0 <= value <= 100:
            raise Bad("PM005", where, value=value)
        return Number(value, note)
    if not isinstance(raw, dict):
        raise Bad("PM002")
    if kind == "deliverable":
        _fields(raw, {"done", "evidence", "note"}, where)
        done = raw.get("done")
        day = None if done is None else _located(read_day, done, (*where, "done"))
        evidence = text(raw.get("evidence"), (*where, "evidence"))
        return Done(day, evidence, text(raw.get("note"), (*where, "note")))
    if kind == "recurring":
        _fields(raw, {"done", "note"}, where)
        done = raw.get("done", [])
        if not isinstance(done, list):
            done = [done]
        days = tuple(_located(read_day, d, (*where, "done", i)) for i, d in enumerate(done))
        return Submissions(tuple(sorted(days)), text(raw.get("note"), (*where, "note")))
    _fields(raw, {"events", "note"}, where)
    events = raw.get("events", [])
    if not isinstance(events, list):
        raise Bad("PM002")
    if len(events) > MAX_EVENTS:
        raise Bad("PM016", (*where, "events", MAX_EVENTS), found=len(events), limit=MAX_EVENTS)
    out = []
    for i, item in enumerate(events):
        at = (*where, "events", i)
        if not isinstance(item, dict):
            raise Bad("PM002", at)
        _fields(item, {"start", "done", "ref"}, at)
        if "start" not in item:
            raise Bad("PM007", at, field="start")
        start = _located(read_moment, item["start"], (*at, "start"), end_of_day=False)
        done_raw = item.get("done")
        done_at = (
            None
            if done_raw is None
            else _located(read_moment, done_raw, (*at, "done"), end_of_day=True)
        )
        out.append(Event(start, done_at, text(item.get("ref"), (*at, "ref"))))
    return Events(tuple(out), text(raw.get("note"), (*where, "note")))


def _located(reader: Any, raw: Any, where: tuple[Any, ...], **kw: Any) -> Any:
    try:
        return reader(raw, **kw)
    except Bad as bad:
        raise Bad(bad.code, bad.where or where, **bad.params) from None


class PlanChecks:
    """The plan's check ids with the kind (and unit) of each: what a metrics file may name."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.kinds: dict[str, tuple[str, str]] = {}
        self.facts: dict[str, str] = {}  # a shared check's id → the id of the check it is
        for task in plan.tasks():
            for check in task.checks:
                if check.kind == "shared":  # none left once loaded: see plan/shared.py
                    continue
                unit = check.target.unit if check.kind == "threshold" else ""
                self.kinds[check.id] = (check.kind, unit)
                if check.same_as is not None:
                    self.facts[check.id] = check.same_as

    def fact(self, ident: str) -> str:
        """The id the figures of `ident` are kept under: a check shared by two tasks is one
        fact, reported under either id and kept under the id of the check written in full."""
        return self.facts.get(ident, ident)

    def unknown(self, ident: str) -> dict[str, str]:
        """The parameters of PM001 for `ident`."""
        return {"id": ident, "hint": self.hint(ident)}

    def hint(self, ident: str) -> str:
        """` — VI.3?`: the closest check id to `ident`, if one is close enough."""
        close = self._ids.closest(ident, cutoff=0.6)
        return f" — {close}?" if close else ""

    @cached_property
    def _ids(self) -> Nearest:
        return Nearest(self.kinds)
