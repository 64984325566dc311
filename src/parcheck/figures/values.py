"""Reading one value as a person writes it in a metrics file: numbers with a decimal comma
or a percent sign, dates, and the shape each check kind takes.

A blank value (null, "", [], or a mapping whose figures are all blank: the template's
`{done: , evidence: ""}` and `{done: []}`) is "not reported": `read_value` gives None and
the check is left out of the snapshot. `{events: []}` is reported: no events so far."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any

from parcheck.dates import EARLIEST, LATEST, VIETNAM, dmy, in_range, parse_date
from parcheck.figures.model import Done, Event, Events, Number, Submissions, Value, same_event
from parcheck.plan.convert import number_form
from parcheck.plan.units import Nearest, fold
from parcheck.problems import KIND_WORDS, Words, clip, count_words, number_words, shown_raw
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
        self.others: list[Bad] = []  # the problems found after this one (each bad event)

    def every(self) -> list[Bad]:
        """This problem and those found after it, in the order found."""
        return [self, *self.others]

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
            raise Bad("PM003", value=shown_raw(raw))
        number = float(text.replace(",", "."))
    else:
        raise Bad("PM003", value=shown_raw(raw))
    if not math.isfinite(number):  # 400 digits are read as infinity: too big to be a figure
        raise Bad("PM003", value=shown_raw(raw))
    return number + 0.0  # -0 is 0


shorten = clip  # a value as a message echoes it: at most 40 characters


class Percent(float):
    """A number written as a percentage (a percent-formatted cell's 0.724 is 72.4): it is
    never taken for a fraction (PM071)."""


def read_day(raw: Any) -> dt.date:
    """A day: `YYYY-MM-DD` or `DD/MM/YYYY`, or a date and time (`25/11/2024 00:00`, as Excel
    saves a date-time cell; an ISO date-time; a workbook's date-time cell) read as its day:
    what a day field (a deliverable's or a submission's done, as_of) holds is a day, and
    every rule that reads one compares days."""
    if isinstance(raw, str) and _MOMENT.match(raw.strip()):
        return read_moment(raw, end_of_day=False).date()
    return _day(raw)


def _day(raw: Any) -> dt.date:
    try:
        day = parse_date(raw)
    except ValueError:
        raise Bad("PM004", value=shown_raw(raw), fits=_day_fits(raw)) from None
    if not in_range(day):
        raise Bad("PM014", value=dmy(day), first=dmy(EARLIEST), last=dmy(LATEST))
    return day


def read_moment(raw: Any, *, end_of_day: bool) -> dt.datetime:
    """A date and time in Vietnam's local time (a time with a UTC offset, `…+07:00`, `…Z`,
    is converted to it); a bare date is the start (or end) of that day."""
    if isinstance(raw, str) and (m := _MOMENT.match(raw.strip())):
        try:
            day = _day(m["day"])
        except Bad as bad:  # the whole of what was written, not its day alone
            params = bad.params
            if bad.code == "PM004":
                params = {**params, "value": shown_raw(raw)}
            raise Bad(bad.code, **params) from None
        try:
            moment = dt.datetime.combine(day, dt.time(int(m["h"]), int(m["m"]), int(m["s"] or 0)))
            if m["zone"]:
                moment = moment.replace(tzinfo=_zone(m["zone"]))
                moment = moment.astimezone(VIETNAM).replace(tzinfo=None)
        except (ValueError, OverflowError):
            raise Bad("PM004", value=shown_raw(raw), fits=DAY_FITS) from None
        if not in_range(moment.date()):
            raise Bad("PM014", value=shown_raw(moment), first=dmy(EARLIEST), last=dmy(LATEST))
        return moment
    day = _day(raw)
    return dt.datetime.combine(day, dt.time.max if end_of_day else dt.time.min)


# What a date field takes, said after a date not read (PM004); an event's start and done
# take a time too; `11/25/2024` is a month written first.
DAY_FITS = Words(
    " (viết một ngày, YYYY-MM-DD hoặc DD/MM/YYYY)", " (write one date, YYYY-MM-DD or DD/MM/YYYY)"
)
MOMENT_FITS = Words(
    " (viết ngày, hoặc ngày và giờ: dd/mm/yyyy hoặc dd/mm/yyyy hh:mm, giờ từ 00:00 đến 23:59)",
    " (write a date, or a date and time: dd/mm/yyyy or dd/mm/yyyy hh:mm, hours 00:00 to 23:59)",
)
SWAPPED_FITS = Words(
    " (đảo ngày và tháng? viết ngày trước: DD/MM/YYYY)",
    " (day and month swapped? write the day first: DD/MM/YYYY)",
)
_MONTH_FIRST = re.compile(r"^\s*([0-9]{1,2})[/.-]([0-9]{1,2})[/.-][0-9]{4}\s*$")


def _day_fits(raw: Any) -> Words:
    """What a date field takes: `11/25/2024` (the first part 12 or less, the second more)
    is a month written first."""
    m = _MONTH_FIRST.match(raw) if isinstance(raw, str) else None
    if m and 1 <= int(m[1]) <= 12 < int(m[2]) <= 31:
        return SWAPPED_FITS
    return DAY_FITS


def _event_moment(raw: Any, *, end_of_day: bool) -> dt.datetime:
    """An event's start or done: a date not read says that a time fits too."""
    try:
        return read_moment(raw, end_of_day=end_of_day)
    except Bad as bad:
        if bad.code == "PM004" and bad.params.get("fits") is DAY_FITS:
            raise Bad("PM004", value=bad.params["value"], fits=MOMENT_FITS) from None
        raise


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


def _fields(raw: dict[str, Any], allowed: tuple[str, ...], where: tuple[Any, ...]) -> None:
    for key in raw:
        if key not in allowed:
            raise Bad("PM008", (*where, key), field=clip(key), fits=fields_fit(allowed))


def fields_fit(allowed: tuple[str, ...]) -> Words:
    """` (ghi một trong: start, done, ref)`: the fields that fit where one did not."""
    names = ", ".join(allowed)
    return Words(f" (các trường dùng được: {names})", f" (the fields that fit: {names})")


def blank(raw: Any) -> bool:
    """Left blank: null, an empty or all-space text, an empty list or mapping."""
    if isinstance(raw, str):
        return not raw.strip()
    return raw is None or (isinstance(raw, list | dict) and not raw)


# The words that say "no events so far" in an event check's value cell (a workbook's or a
# CSV's), as `fold` makes them (`Không có`, `KHÔNG CÓ`, `khong co sự kiện`), and 0.
NO_EVENTS = frozenset(
    {"0", "khong", "khongco", "khongcosukien", "chuaco", "chuacosukien", "none", "noevents"}
)


def says_no_events(raw: Any) -> bool:
    """An event check's value cell saying "no events so far": `không có` (any case, with
    or without diacritics) or 0."""
    if isinstance(raw, bool):
        return False
    if isinstance(raw, int | float):
        return raw == 0
    return isinstance(raw, str) and fold("".join(raw.split())) in NO_EVENTS


def read_value(
    kind: str,
    unit: str,
    raw: Any,
    where: tuple[Any, ...],
    *,
    ident: str = "",
    as_of: dt.date | None = None,
    begins: dt.date | None = None,
    warnings: list[Bad] | None = None,
) -> Value | None:
    """A value for the check `ident` of `kind` in a snapshot of `as_of`, None when it is
    left blank (not reported), or `Bad` naming what fits. What is read but likely meant
    otherwise is added to `warnings`: a percentage written as a fraction (PM071), an event
    that starts before `begins`, the day the check begins to count (PM074)."""
    if blank(raw):
        return None
    if kind == "threshold":
        value = _threshold(unit, raw, where, ident)
        fraction = percent_fraction(unit, raw, value)
        if fraction is not None and warnings is not None:
            at = (*where, "value") if isinstance(raw, dict) else where
            warnings.append(Bad(fraction.code, at, **fraction.params))
        return value
    if not isinstance(raw, dict):
        raise Bad("PM002")
    if kind == "deliverable":
        return _deliverable(raw, where, ident, as_of)
    early = warnings if warnings is not None and begins is not None else None
    if kind == "recurring":
        submissions = _recurring(raw, where, as_of)
        if early is not None and begins is not None:
            before = early_submissions(ident, submissions, begins)
            if before is not None:  # at the first such day as written
                done = raw["done"]
                day_at: tuple[Any, ...] = (*where, "done")
                if isinstance(done, list):
                    first = next(i for i, d in enumerate(done) if read_day(d) < begins)
                    day_at = (*day_at, first)
                early.append(Bad(before.code, day_at, **before.params))
        return submissions
    return _events(raw, where, as_of, ident, begins, early)


def early_submissions(ident: str, value: Value | None, begins: dt.date) -> Bad | None:
    """A warning (PM077) for a recurring duty's submissions dated before `begins`, the day
    the plan begins to apply to it: a slip (15/01/2024 for 15/11/2024?) said, not counted
    silently."""
    if not isinstance(value, Submissions):
        return None
    before = [d for d in value.done if d < begins]
    if not before:
        return None
    days = ", ".join(dmy(d) for d in before[:5]) + (", …" if len(before) > 5 else "")
    return Bad("PM077", id=ident, days=days, begins=dmy(begins))


def percent_fraction(unit: str, raw: Any, value: Value | None) -> Bad | None:
    """A warning (PM071) for a percentage above 0 and up to 1 written as a plain number:
    `0.724` (=47/50 in a cell not formatted as a percentage) is more likely 72.4 % than
    0.724 %, and `1` more likely 100 %. Not for `0.5%`, a percent-formatted cell
    (`Percent`) or a ratio."""
    if unit != "%" or not isinstance(value, Number) or not 0 < value.value <= 1:
        return None
    if isinstance(raw, dict):
        raw = raw.get("value")  # a ratio {numerator, denominator} has none
    if raw is None or isinstance(raw, Percent | bool):
        return None
    if isinstance(raw, str) and (raw.strip().endswith("%") or "/" in raw):
        return None
    percent = float(Decimal(repr(value.value)) * 100)
    return Bad("PM071", value=number_words(value.value), percent=number_words(percent))


def _threshold(unit: str, raw: Any, where: tuple[Any, ...], ident: str) -> Number | None:
    at = where
    if isinstance(raw, dict):
        if "numerator" in raw or "denominator" in raw:
            _fields(raw, ("numerator", "denominator", "note"), where)
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
                raise Bad("PM003", (*where, "numerator"), value=shown_raw(f"{num_raw}/{den_raw}"))
        else:
            _fields(raw, ("value", "note"), where)
            if blank(raw.get("value")):
                return None  # a note alone reports no figure
            at = (*where, "value")
            value = _located(read_number, raw["value"], at)
        note = text(raw.get("note"), (*where, "note"))
    else:
        value, note = read_number(raw), None
    if unit == "%" and not 0 <= value <= 100:
        raise Bad("PM005", where, value=number_words(value))
    if unit != "%" and (value < 0 or value != int(value)):  # counts things: whole and ≥ 0
        raise Bad("PM026", at, id=ident, unit=unit, value=number_words(value))
    return Number(value, note)


def _after(field: str, day: dt.date, as_of: dt.date | None, at: tuple[Any, ...]) -> None:
    """A day later than its snapshot's date: the figures of `as_of` cannot hold it."""
    if as_of is not None and day > as_of:
        raise Bad("PM030", at, field=field, day=dmy(day), as_of=dmy(as_of))


def _deliverable(
    raw: dict[str, Any], where: tuple[Any, ...], ident: str, as_of: dt.date | None
) -> Done | None:
    _fields(raw, ("done", "evidence", "note"), where)
    done, evidence = raw.get("done"), raw.get("evidence")
    if blank(done):
        if blank(evidence):
            return None
        # a document without its date: no date is guessed for it
        raise Bad("PM027", (*where, "done"), id=ident, evidence=clip(evidence))
    day = _located(read_day, done, (*where, "done"))
    _after("done", day, as_of, (*where, "done"))
    shown = None if blank(evidence) else text(evidence, (*where, "evidence"))
    return Done(day, shown, text(raw.get("note"), (*where, "note")))


def _recurring(raw: dict[str, Any], where: tuple[Any, ...], as_of: dt.date | None) -> Value | None:
    _fields(raw, ("done", "note"), where)
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


def _events(
    raw: dict[str, Any],
    where: tuple[Any, ...],
    as_of: dt.date | None,
    ident: str = "",
    begins: dt.date | None = None,
    early: list[Bad] | None = None,
) -> Value | None:
    _fields(raw, ("events", "note"), where)
    events = raw.get("events")
    if events is None or (isinstance(events, str) and not events.strip()):
        return None  # `{events: []}` is reported: no events so far
    if not isinstance(events, list):
        raise Bad("PM002")
    if len(events) > MAX_EVENTS:
        raise Bad(
            "PM016",
            (*where, "events", MAX_EVENTS),
            found=count_words(len(events)),
            limit=count_words(MAX_EVENTS),
        )
    out: list[Event] = []
    seen: dict[tuple[dt.datetime, str], tuple[int, Event]] = {}
    errors: list[Bad] = []  # every bad event is said, in the list's order
    for i, item in enumerate(events):
        try:
            event = _event(item, (*where, "events", i), i, as_of, seen)
        except Bad as bad:
            errors.append(bad)
            continue
        if event is None:  # written twice alike: once
            continue
        out.append(event)
        if early is not None and begins is not None and event.start.date() < begins:
            # counted by no verdict (the duty had not begun): said, so a slip (11/01/2024
            # for 01/11/2024) does not vanish unnoticed
            ref = f" («{clip(event.ref)}»)" if event.ref else ""
            start = _moment(event.start)
            params = {"id": ident, "start": start, "ref": ref, "begins": dmy(begins)}
            early.append(Bad("PM074", (*where, "events", i, "start"), **params))
    note = None
    try:
        note = text(raw.get("note"), (*where, "note"))
    except Bad as bad:
        errors.append(bad)
    if errors:
        errors[0].others = errors[1:]
        raise errors[0]
    return Events(tuple(out), note)


def _event(
    item: Any,
    at: tuple[Any, ...],
    index: int,
    as_of: dt.date | None,
    seen: dict[tuple[dt.datetime, str], tuple[int, Event]],
) -> Event | None:
    """One event of a list (None when it is one already `seen`, written alike), or `Bad`."""
    if not isinstance(item, dict):
        raise Bad("PM002", at)
    _fields(item, ("start", "done", "ref"), at)
    if blank(item.get("start")):
        raise Bad("PM007", at, field="start")
    start = _located(_event_moment, item["start"], (*at, "start"), end_of_day=False)
    _after("start", start.date(), as_of, (*at, "start"))
    done_raw = item.get("done")
    done_at = None
    if not blank(done_raw):
        done_at = _located(_event_moment, done_raw, (*at, "done"), end_of_day=True)
        _after("done", done_at.date(), as_of, (*at, "done"))
        if done_at < start:
            raise Bad("PM031", (*at, "done"), done=_moment(done_at), start=_moment(start))
    event = Event(start, done_at, text(item.get("ref"), (*at, "ref")))
    key = same_event(seen, event)
    if key in seen:  # one event written twice: once if alike, an error if not
        if seen[key][1] != event:
            first = seen[key][0] + 1
            raise Bad("PM033", (*at, "start"), start=_moment(start), first=first)
        return None
    seen[key] = (index, event)
    return event


def shown_value(value: Value, limit: int = 80) -> Words:
    """A value in a message, in words in each language, whatever format it was read from:
    `96,5`; `hoàn thành 10/04/2024, văn bản «123/BC-SCT»`; `nộp 01/11/2024, 08/11/2024`;
    `sự kiện bắt đầu 12/04/2024 (xong 22/04/2024)` (each cut at `limit` characters)."""
    if isinstance(value, Number):
        return number_words(value.value)
    if isinstance(value, Done):
        done = dmy(value.done) if value.done else "—"
        evidence = f"«{clip(value.evidence)}»" if value.evidence else ""
        vi = f"hoàn thành {done}" + (f", văn bản {evidence}" if evidence else "")
        en = f"done {done}" + (f", evidence {evidence}" if evidence else "")
    elif isinstance(value, Submissions):
        days = ", ".join(dmy(d) for d in value.done)
        vi, en = f"nộp {days}", f"submitted {days}"
    elif not value.events:
        vi, en = "không có sự kiện", "no events"
    else:
        shown = value.events[:5]
        vi = "sự kiện bắt đầu " + ", ".join(
            _moment(e.start) + (f" (xong {_moment(e.done)})" if e.done else " (chưa xong)")
            for e in shown
        )
        en = "events starting " + ", ".join(
            _moment(e.start) + (f" (done {_moment(e.done)})" if e.done else " (open)")
            for e in shown
        )
    return Words(clip(vi, limit), clip(en, limit))


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
        self.begins: dict[str, dt.date] = {}  # the day each check begins to count
        for task in plan.tasks():
            for check in task.checks:
                if check.kind == "shared":  # none left once loaded: see plan/shared.py
                    continue
                unit = check.target.unit if check.kind == "threshold" else ""
                self.kinds[check.id] = (check.kind, unit)
                self.begins[check.id] = check.start or plan.begins  # engine.schedule.begins
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
        """The parameters of PM001 for `ident`: the id as echoed (cut), and the hint."""
        return {"id": clip(ident), "hint": self.hint(ident)}

    def hint(self, ident: str) -> Words:
        """` — VI.3?`: the closest check id to an unknown `ident`, if one is close enough
        (one that differs only in case and spacing is `canonical`'s, and no error); before
        it, the first letter of `ident` that only looks Latin (`І.2.c`: a Cyrillic І),
        which no reader could see in the echo."""
        if len(ident) > 1000:  # no id: a cell of text, its hint not worth the time
            return Words("", "")
        close = self._ids.closest(ident, cutoff=0.6)
        if close is None:  # `vi.3x`: compared as written in capitals too
            close = self._ids.closest(ident.upper(), cutoff=0.6)
        vi = en = f" — {close}?" if close else ""
        foreign = next(((i, c) for i, c in enumerate(ident, 1) if _foreign(c)), None)
        if foreign is not None:
            position, char = foreign
            vi = f" — mã có ký tự không phải chữ Latin ở vị trí {position}: {describe(char)}"
            en = f" — the id has a character that is not a Latin letter at position {position}: "
            en += describe(char)
            if close:
                vi, en = f"{vi}; có phải {close}?", f"{en}; did you mean {close}?"
        return Words(vi, en)

    @cached_property
    def _ids(self) -> Nearest:
        return Nearest(self.kinds)


def row_threshold(
    unit: str, raw: Any, note: str, ident: str, warnings: list[Bad] | None = None
) -> Number | None:
    """A threshold's figure from a table row (CSV or sheet): a number, or a ratio written
    `47/50`; None when blank. The row's note goes with it."""
    if isinstance(raw, str) and "/" in raw and not raw.endswith("%"):
        num, _, den = raw.partition("/")
        parsed = read_value(
            "threshold", unit, {"numerator": num, "denominator": den}, (), ident=ident
        )
    else:
        parsed = read_value("threshold", unit, raw, (), ident=ident, warnings=warnings)
    if parsed is None:
        return None
    assert isinstance(parsed, Number)
    return Number(parsed.value, note or None)


def row_submissions(raw: Any, note: str, as_of: dt.date) -> Value | None:
    """A recurring duty's submissions from a table row (CSV or sheet): days separated by
    `;` (or spaces), a date and time read as its day; None when blank. A part that is no
    date is PM072, which echoes the whole cell and says how the days are written."""
    if blank(raw):
        return None
    parts: list[Any] = [raw]
    if isinstance(raw, str):
        parts = []
        for part in raw.split(";"):
            part = part.strip()
            parts.extend([part] if _MOMENT.match(part) else part.split())
    try:
        return read_value("recurring", "", {"done": parts, "note": note or None}, (), as_of=as_of)
    except Bad as bad:
        if bad.code == "PM004":
            raise Bad("PM072", value=shown_raw(raw)) from None
        raise


def _foreign(char: str) -> bool:
    """A letter that is not Latin (Cyrillic `І`, Greek `Ι`: alike to the eye), or another
    character outside ASCII an id has no use for (a fullwidth `．`)."""
    if char.isascii():
        return False
    return not (char.isalpha() and unicodedata.name(char, "").startswith("LATIN"))


def _fold_id(ident: str) -> str:
    return "".join(str(ident).split()).casefold()
