"""Reading one value as a person writes it in a metrics file: numbers with a decimal comma
or a percent sign, dates, and the shape each check kind takes.

A blank value (null, "", [], or a mapping whose figures are all blank: the template's
`{done: , evidence: ""}` and `{done: []}`) is "not reported": `read_value` gives None and
the check is left out of the snapshot. `{events: []}` is reported: no events so far."""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cached_property
from typing import TYPE_CHECKING, Any

from parcheck.dates import EARLIEST, LATEST, VIETNAM, dmy, in_range, parse_date
from parcheck.figures.model import Done, Event, Events, Number, Submissions, Value, same_event
from parcheck.plan.convert import decimal_text, number_form
from parcheck.plan.units import Nearest
from parcheck.problems import KIND_WORDS, shown_raw
from parcheck.safety.text import describe, forbidden, is_bidi

if TYPE_CHECKING:
    from parcheck.plan.model import Plan


FITS = {  # what fits each kind, as a metrics file writes it
    "threshold": "98.5 | 98,5 | 98.5% | {value: 98.5, note: …} | {numerator: 47, denominator: 50}",
    "deliverable": '{done: YYYY-MM-DD, evidence: "123/BC-SCT"}',
    "recurring": "{done: [YYYY-MM-DD, …]}",
    "event": "{events: [{start: YYYY-MM-DD, done: YYYY-MM-DD, ref: …}, …]}",
}
# A figure longer than this is no figure a person wrote (and `0.000…1` or `000…5` would hide
# in it what the shorter forms are refused for).
MAX_DIGITS = 40
# ASCII digits only: `\d` takes Arabic-Indic `٨٨` or fullwidth `８８` too, which float() and
# int() read as 88.
_NUMBER = re.compile(r"^[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)$")
# The codes of YAML 1.1's other ways of writing a number (`convert.number_form`), each
# said with what to write instead.
NUMBER_CODES = {
    "leading_zero": "PM012",  # `075`: YAML 1.1 reads it as 61
    "base": "PM022",  # `0x50`, `0o17`, `0b101`, `1:20`
    "separator": "PM023",  # `1_000`
    "yes_no": "PM024",  # `yes`, `no`, `on`, `off`, `true` …
    "not_finite": "PM025",  # `.nan`, `.inf`, `NaN`, `Infinity`
    "thousands": "PM032",  # `1.000`: thousands or decimals?
}
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
        if self.params:
            return self.params
        kind_vi = f"tiêu chí {KIND_WORDS.get(kind, kind)}"
        return {"id": ident, "kind": kind, "kind_vi": kind_vi, "fits": FITS[kind]}


def read_number(raw: Any) -> float:
    """A number written as a person writes it: `98.5`, `98,5`, `98.5%`. YAML 1.1's other
    forms (`075`, `0x50`, `1:20`, `1_000`, `yes`, `.nan` …) are refused saying what to write."""
    form = number_form(raw)
    if form is not None:
        kind, params = form
        raise Bad(NUMBER_CODES[kind], **params)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        number = float(raw)
    elif isinstance(raw, str):
        text = raw.strip().removesuffix("%").strip()
        if len(text) > MAX_DIGITS or not _NUMBER.match(text):
            raise Bad("PM003", value=shorten(raw))
        number = float(text.replace(",", "."))
    else:
        raise Bad("PM003", value=raw)
    if not math.isfinite(number):  # 400 digits are read as infinity: too big to be a figure
        raise Bad("PM003", value=shorten(raw))
    return number + 0.0  # -0 is 0


def shorten(raw: Any) -> str:
    """A value as a message shows it: at most 40 characters."""
    text = str(raw)
    return text if len(text) <= 40 else text[:39] + "…"


def read_day(raw: Any) -> dt.date:
    try:
        day = parse_date(raw)
    except ValueError:
        raise Bad("PM004", value=shown_raw(raw)) from None
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
            raise Bad("PM004", value=shown_raw(raw)) from None
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
    if isinstance(raw, dict | list):  # `ref: [a]`: not a text
        raise Bad("PM034", where)
    value = str(raw)
    char = forbidden(value)
    if char is not None:
        raise Bad("PM021" if is_bidi(char) else "PM020", where, char=describe(char))
    return value


def _fields(raw: dict[str, Any], allowed: set[str], where: tuple[Any, ...]) -> None:
    for key in raw:
        if key not in allowed:
            raise Bad("PM008", (*where, key), field=key)


def blank(raw: Any) -> bool:
    """Left blank: null, an empty or all-space text, an empty list or mapping."""
    if isinstance(raw, str):
        return not raw.strip()
    return raw is None or (isinstance(raw, list | dict) and not raw)


def read_value(
    kind: str,
    unit: str,
    raw: Any,
    where: tuple[Any, ...],
    *,
    ident: str = "",
    as_of: dt.date | None = None,
) -> Value | None:
    """A value for the check `ident` of `kind` in a snapshot of `as_of`, None when it is
    left blank (not reported), or `Bad` naming what fits."""
    if blank(raw):
        return None
    if kind == "threshold":
        return _threshold(unit, raw, where, ident)
    if not isinstance(raw, dict):
        raise Bad("PM002")
    if kind == "deliverable":
        return _deliverable(raw, where, ident, as_of)
    if kind == "recurring":
        return _recurring(raw, where, as_of)
    return _events(raw, where, as_of)


def _threshold(unit: str, raw: Any, where: tuple[Any, ...], ident: str) -> Number | None:
    at = where
    if isinstance(raw, dict):
        if "numerator" in raw or "denominator" in raw:
            _fields(raw, {"numerator", "denominator", "note"}, where)
            num_raw, den_raw = raw.get("numerator"), raw.get("denominator")
            if blank(num_raw) and blank(den_raw):
                return None
            for key, part in (("numerator", num_raw), ("denominator", den_raw)):
                if blank(part):
                    raise Bad("PM007", where, field=key)
            num = _located(read_number, num_raw, (*where, "numerator"))
            den = _located(read_number, den_raw, (*where, "denominator"))
            if den <= 0:
                raise Bad("PM010", (*where, "denominator"))
            value = 100.0 * num / den
            if not math.isfinite(value):
                raise Bad("PM003", (*where, "numerator"), value=f"{num_raw}/{den_raw}")
        else:
            _fields(raw, {"value", "note"}, where)
            if blank(raw.get("value")):
                return None  # a note alone reports no figure
            at = (*where, "value")
            value = _located(read_number, raw["value"], at)
        note = text(raw.get("note"), (*where, "note"))
    else:
        value, note = read_number(raw), None
    if unit == "%" and not 0 <= value <= 100:
        raise Bad("PM005", where, value=value)
    if unit != "%" and (value < 0 or value != int(value)):  # counts things: whole and ≥ 0
        raise Bad("PM026", at, id=ident, unit=unit, value=decimal_text(value))
    return Number(value, note)


def _after(field: str, day: dt.date, as_of: dt.date | None, at: tuple[Any, ...]) -> None:
    """A day later than its snapshot's date: the figures of `as_of` cannot hold it."""
    if as_of is not None and day > as_of:
        raise Bad("PM030", at, field=field, day=dmy(day), as_of=dmy(as_of))


def _deliverable(
    raw: dict[str, Any], where: tuple[Any, ...], ident: str, as_of: dt.date | None
) -> Done | None:
    _fields(raw, {"done", "evidence", "note"}, where)
    done, evidence = raw.get("done"), raw.get("evidence")
    if blank(done):
        if blank(evidence):
            return None
        # a document without its date: no date is guessed for it
        raise Bad("PM027", (*where, "done"), id=ident, evidence=str(evidence))
    day = _located(read_day, done, (*where, "done"))
    _after("done", day, as_of, (*where, "done"))
    shown = None if blank(evidence) else text(evidence, (*where, "evidence"))
    return Done(day, shown, text(raw.get("note"), (*where, "note")))


def _recurring(raw: dict[str, Any], where: tuple[Any, ...], as_of: dt.date | None) -> Value | None:
    _fields(raw, {"done", "note"}, where)
    done = raw.get("done")
    if blank(done):
        return None
    if not isinstance(done, list):
        done = [done]
    days = []
    for i, item in enumerate(done):
        at = (*where, "done", i) if isinstance(raw["done"], list) else (*where, "done")
        day = _located(read_day, item, at)
        _after("done", day, as_of, at)
        days.append(day)
    return Submissions(tuple(sorted(set(days))), text(raw.get("note"), (*where, "note")))


def _events(raw: dict[str, Any], where: tuple[Any, ...], as_of: dt.date | None) -> Value | None:
    _fields(raw, {"events", "note"}, where)
    events = raw.get("events")
    if events is None or (isinstance(events, str) and not events.strip()):
        return None  # `{events: []}` is reported: no events so far
    if not isinstance(events, list):
        raise Bad("PM002")
    if len(events) > MAX_EVENTS:
        raise Bad("PM016", (*where, "events", MAX_EVENTS), found=len(events), limit=MAX_EVENTS)
    out = []
    seen: dict[tuple[dt.datetime, str], tuple[int, Event]] = {}
    for i, item in enumerate(events):
        at = (*where, "events", i)
        if not isinstance(item, dict):
            raise Bad("PM002", at)
        _fields(item, {"start", "done", "ref"}, at)
        if blank(item.get("start")):
            raise Bad("PM007", at, field="start")
        start = _located(read_moment, item["start"], (*at, "start"), end_of_day=False)
        _after("start", start.date(), as_of, (*at, "start"))
        done_raw = item.get("done")
        done_at = None
        if not blank(done_raw):
            done_at = _located(read_moment, done_raw, (*at, "done"), end_of_day=True)
            _after("done", done_at.date(), as_of, (*at, "done"))
            if done_at < start:
                raise Bad("PM031", (*at, "done"), done=_moment(done_at), start=_moment(start))
        event = Event(start, done_at, text(item.get("ref"), (*at, "ref")))
        key = same_event(seen, event)
        if key in seen:  # one event written twice: once if alike, an error if not
            if seen[key][1] != event:
                first = seen[key][0] + 1
                raise Bad("PM033", (*at, "start"), start=_moment(start), first=first)
            continue
        seen[key] = (i, event)
        out.append(event)
    return Events(tuple(out), text(raw.get("note"), (*where, "note")))


def shown_value(value: Value, limit: int = 80) -> str:
    """A value in a message, as a metrics file writes it (cut at `limit` characters)."""
    if isinstance(value, Number):
        out = decimal_text(value.value)
    elif isinstance(value, Done):
        done = value.done.isoformat() if value.done else ""
        out = f"{{done: {done}" + (f", evidence: {value.evidence}}}" if value.evidence else "}")
    elif isinstance(value, Submissions):
        out = "{done: [" + ", ".join(d.isoformat() for d in value.done) + "]}"
    else:
        items = (
            f"{{start: {_moment(e.start)}" + (f", done: {_moment(e.done)}}}" if e.done else "}")
            for e in value.events[:5]
        )
        out = "{events: [" + ", ".join(items) + "]}"
    return out if len(out) <= limit else out[: limit - 1] + "…"


def _moment(moment: dt.datetime) -> str:
    """`03/05/2024 16:10`, or `03/05/2024` for a bare date (the start or end of its day)."""
    if moment.time() in (dt.time.min, dt.time.max):
        return dmy(moment.date())
    return f"{dmy(moment.date())} {moment:%H:%M}"


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

    def canonical(self, ident: str) -> str:
        """The plan's id that `ident` is written for: itself, or the one id it equals
        ignoring case and spacing (`i.1 ` is I.1); else `ident` unchanged (unknown)."""
        if ident in self.kinds:
            return ident
        return self._folded.get(_fold_id(ident), ident)

    @cached_property
    def _folded(self) -> dict[str, str]:
        folded: dict[str, list[str]] = {}
        for ident in self.kinds:
            folded.setdefault(_fold_id(ident), []).append(ident)
        return {key: ids[0] for key, ids in folded.items() if len(ids) == 1}

    def fact(self, ident: str) -> str:
        """The id the figures of `ident` are kept under: a check shared by two tasks is one
        fact, reported under either id and kept under the id of the check written in full."""
        return self.facts.get(ident, ident)

    def unknown(self, ident: str) -> dict[str, str]:
        """The parameters of PM001 for `ident`."""
        return {"id": ident, "hint": self.hint(ident)}

    def hint(self, ident: str) -> str:
        """` — VI.3?`: the closest check id to an unknown `ident`, if one is close enough
        (one that differs only in case and spacing is `canonical`'s, and no error)."""
        close = self._ids.closest(ident, cutoff=0.6)
        if close is None:  # `vi.3x`: compared as written in capitals too
            close = self._ids.closest(ident.upper(), cutoff=0.6)
        return f" — {close}?" if close else ""

    @cached_property
    def _ids(self) -> Nearest:
        return Nearest(self.kinds)


def row_threshold(unit: str, raw: Any, note: str, ident: str) -> Number | None:
    """A threshold's figure from a table row (CSV or sheet): a number, or a ratio written
    `47/50`; None when blank. The row's note goes with it."""
    if isinstance(raw, str) and "/" in raw and not raw.endswith("%"):
        num, _, den = raw.partition("/")
        parsed = read_value(
            "threshold", unit, {"numerator": num, "denominator": den}, (), ident=ident
        )
    else:
        parsed = read_value("threshold", unit, raw, (), ident=ident)
    if parsed is None:
        return None
    assert isinstance(parsed, Number)
    return Number(parsed.value, note or None)


def _fold_id(ident: str) -> str:
    return "".join(str(ident).split()).casefold()
