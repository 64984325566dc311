"""Metrics files (the figures the secretary collects): YAML or CSV snapshots, read and
checked against the plan. Every problem is collected with its position; nothing is applied
from a file that has one."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parcheck import cache
from parcheck.dates import parse_date
from parcheck.problems import Problem
from parcheck.textsafe import plain

if TYPE_CHECKING:
    from parcheck.model import Plan


@dataclass(frozen=True)
class Number:
    """A threshold check's figure (a ratio is kept as its percentage)."""

    value: float
    note: str | None = None


@dataclass(frozen=True)
class Done:
    """A deliverable: the day it was done (None: not yet) and its evidence."""

    done: dt.date | None
    evidence: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Submissions:
    """A recurring check: the day of each submission."""

    done: tuple[dt.date, ...]
    note: str | None = None


@dataclass(frozen=True)
class Event:
    start: dt.datetime
    done: dt.datetime | None = None
    ref: str | None = None


@dataclass(frozen=True)
class Events:
    """An event check: each event with when it was handled (None: still open)."""

    events: tuple[Event, ...]
    note: str | None = None


Value = Number | Done | Submissions | Events


@dataclass(frozen=True)
class Snapshot:
    """The figures of one file for one day."""

    path: str
    as_of: dt.date
    values: dict[str, Value]
    source: str | None = None


@dataclass
class MetricsRead:
    snapshots: list[Snapshot] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


FITS = {  # what fits each kind, as a metrics file writes it
    "threshold": "98.5 | 98,5 | 98.5% | {value: 98.5, note: …} | {numerator: 47, denominator: 50}",
    "deliverable": '{done: YYYY-MM-DD, evidence: "123/BC-SCT"}',
    "recurring": "{done: [YYYY-MM-DD, …]}",
    "event": "{events: [{start: YYYY-MM-DD, done: YYYY-MM-DD, ref: …}, …]}",
}
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


class _Bad(Exception):
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
        raise _Bad("PM003", value=raw)
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, str):
        text = raw.strip().removesuffix("%").strip()
        if _NUMBER.match(text):
            return float(text.replace(",", "."))
    raise _Bad("PM003", value=raw)


def read_day(raw: Any) -> dt.date:
    try:
        return parse_date(raw)
    except ValueError:
        raise _Bad("PM004", value=raw) from None


def read_moment(raw: Any, *, end_of_day: bool) -> dt.datetime:
    """A date and time; a bare date is the start (or end) of that day."""
    if isinstance(raw, dt.datetime):
        return raw.replace(tzinfo=None)
    if isinstance(raw, str) and re.search(r"\d[ T]\d{1,2}:\d{2}", raw.strip()):
        day_text, _, time_text = raw.strip().replace("T", " ").partition(" ")
        try:
            return dt.datetime.combine(read_day(day_text), dt.time.fromisoformat(time_text))
        except ValueError:
            raise _Bad("PM004", value=raw) from None
    day = read_day(raw)
    return dt.datetime.combine(day, dt.time.max if end_of_day else dt.time.min)


def _text(raw: Any) -> str | None:
    return None if raw is None else plain(str(raw))


def _fields(raw: dict[str, Any], allowed: set[str], where: tuple[Any, ...]) -> None:
    for key in raw:
        if key not in allowed:
            raise _Bad("PM008", (*where, key), field=key)


def read_value(kind: str, unit: str, raw: Any, where: tuple[Any, ...]) -> Value:
    """A value for a check of `kind`, or `_Bad` naming what fits."""
    if kind == "threshold":
        if isinstance(raw, dict):
            if "numerator" in raw or "denominator" in raw:
                _fields(raw, {"numerator", "denominator", "note"}, where)
                for key in ("numerator", "denominator"):
                    if key not in raw:
                        raise _Bad("PM007", where, field=key)
                num = read_number(raw["numerator"])
                den = read_number(raw["denominator"])
                if den <= 0:
                    raise _Bad("PM010", (*where, "denominator"))
                value = 100.0 * num / den
            else:
                _fields(raw, {"value", "note"}, where)
                if "value" not in raw:
                    raise _Bad("PM007", where, field="value")
                value = _located(read_number, raw["value"], (*where, "value"))
            note = _text(raw.get("note"))
        else:
            value, note = read_number(raw), None
        if unit == "%" and not 0 <= value <= 100:
            raise _Bad("PM005", where, value=value)
        return Number(value, note)
    if not isinstance(raw, dict):
        raise _Bad("PM002")
    if kind == "deliverable":
        _fields(raw, {"done", "evidence", "note"}, where)
        done = raw.get("done")
        day = None if done is None else _located(read_day, done, (*where, "done"))
        return Done(day, _text(raw.get("evidence")), _text(raw.get("note")))
    if kind == "recurring":
        _fields(raw, {"done", "note"}, where)
        done = raw.get("done", [])
        if not isinstance(done, list):
            done = [done]
        days = tuple(_located(read_day, d, (*where, "done", i)) for i, d in enumerate(done))
        return Submissions(tuple(sorted(days)), _text(raw.get("note")))
    _fields(raw, {"events", "note"}, where)
    events = raw.get("events", [])
    if not isinstance(events, list):
        raise _Bad("PM002")
    out = []
    for i, item in enumerate(events):
        at = (*where, "events", i)
        if not isinstance(item, dict):
            raise _Bad("PM002", at)
        _fields(item, {"start", "done", "ref"}, at)
        if "start" not in item:
            raise _Bad("PM007", at, field="start")
        start = _located(read_moment, item["start"], (*at, "start"), end_of_day=False)
        done_raw = item.get("done")
        done_at = (
            None
            if done_raw is None
            else _located(read_moment, done_raw, (*at, "done"), end_of_day=True)
        )
        out.append(Event(start, done_at, _text(item.get("ref"))))
    return Events(tuple(out), _text(raw.get("note")))


def _located(reader: Any, raw: Any, where: tuple[Any, ...], **kw: Any) -> Any:
    try:
        return reader(raw, **kw)
    except _Bad as bad:
        raise _Bad(bad.code, bad.where or where, **bad.params) from None


class _Checks:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.kinds: dict[str, tuple[str, str]] = {}
        for task in plan.tasks():
            for check in task.checks:
                unit = check.target.unit if check.kind == "threshold" else ""
                self.kinds[check.id] = (check.kind, unit)
        self.signature = f"{plan.id}:{sorted(self.kinds.items())}"

    def unknown(self, ident: str) -> dict[str, str]:
        close = difflib.get_close_matches(ident, list(self.kinds), n=1, cutoff=0.6)
        return {"id": ident, "hint": f" — {close[0]}?" if close else ""}


def _files(paths: Iterable[Path], problems: list[Problem]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in {".yaml", ".yml", ".csv"}
            )
            if not found:
                problems.append(Problem(str(path), 0, 0, "PM011", {"path": str(path)}))
            yield from found
        elif not path.exists():
            problems.append(Problem(str(path), 0, 0, "PC001"))
        else:
            yield path


def read_metrics(paths: Iterable[Path], plan: Plan) -> MetricsRead:
    """Every snapshot in the files and folders `paths`, checked against `plan`.

    What a file gives depends only on its bytes, its name and the plan's check ids and
    kinds, so it is cached by those: a month of unchanged snapshots is not parsed again.
    """
    checks = _Checks(plan)
    out = MetricsRead()
    for path in _files(paths, out.problems):
        name = str(path)
        out.files.append(name)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            out.problems.append(Problem(name, 0, 0, "PC002", {"reason": exc.strerror}))
            continue
        entry = cache.key("metrics", name, checks.signature, raw)
        read = cache.get(entry)
        if not (isinstance(read, tuple) and len(read) == 2):
            reader = _read_csv if path.suffix.lower() == ".csv" else _read_yaml
            read = reader(name, raw, checks)
            cache.put(entry, read)
        snaps, problems = read
        out.problems.extend(problems)
        if not problems:
            out.snapshots.extend(snaps)
    return out


def _read_yaml(name: str, raw: bytes, checks: _Checks) -> tuple[list[Snapshot], list[Problem]]:
    from parcheck import yamlsource

    try:
        doc = yamlsource.parse(yamlsource.decode(raw, name), name)
    except yamlsource.YamlProblems as exc:
        return [], exc.problems
    data = doc.data
    if not isinstance(data, dict):
        line, column = doc.position(())
        return [], [Problem(name, line, column, "PC016", {"found": type(data).__name__})]
    problems: list[Problem] = []

    def problem(where: tuple[Any, ...], code: str, *, key: bool = False, **params: Any) -> None:
        line, column = doc.position(where, key=key)
        problems.append(Problem(name, line, column, code, params))

    for key in data:
        if key not in {"plan", "as_of", "source", "values"}:
            problem((key,), "PM008", key=True, field=key)
    if data.get("plan") is not None and str(data["plan"]) != checks.plan.id:
        problem(("plan",), "PM006", found=str(data["plan"]), plan=checks.plan.id)
    as_of: dt.date | None = None
    if "as_of" not in data:
        problem((), "PM007", field="as_of")
    else:
        try:
            as_of = read_day(data["as_of"])
        except _Bad as bad:
            problem(("as_of",), bad.code, **bad.params)
    values_raw = data.get("values")
    values: dict[str, Value] = {}
    if values_raw is None:
        problem((), "PM007", field="values")
    elif not isinstance(values_raw, dict):
        problem(("values",), "PM002", id="values", kind="mapping", fits="check id: value")
    else:
        for ident, raw in values_raw.items():
            where = ("values", ident)
            if raw is None and ident in checks.kinds:
                continue  # left blank on the form: not reported
            if ident not in checks.kinds:
                problem(where, "PM001", key=True, **checks.unknown(ident))
                continue
            kind, unit = checks.kinds[ident]
            try:
                values[ident] = read_value(kind, unit, raw, where)
            except _Bad as bad:
                params = bad.params_for(ident, kind)
                problem(bad.where or where, bad.code, key=bad.code == "PM008", **params)
    if problems or as_of is None:
        return [], problems
    source = _text(data.get("source"))
    return [Snapshot(name, as_of, values, source)], []


def _read_csv(name: str, data: bytes, checks: _Checks) -> tuple[list[Snapshot], list[Problem]]:
    from parcheck import yamlsource

    try:
        text = yamlsource.decode(data, name)
    except yamlsource.YamlProblems as exc:
        return [], exc.problems
    rows = list(csv.reader(io.StringIO(unicodedata.normalize("NFC", text))))
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    if header[:3] != ["check", "value", "as_of"]:
        return [], [Problem(name, 1, 0, "PM009", {"found": ",".join(header) or "∅"})]
    problems: list[Problem] = []
    by_day: dict[dt.date, dict[str, Value]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [*row, "", "", "", ""][:4]
        ident, raw, day_raw, note = (cell.strip() for cell in cells)
        if ident not in checks.kinds:
            problems.append(Problem(name, number, 0, "PM001", checks.unknown(ident)))
            continue
        kind, unit = checks.kinds[ident]
        try:
            day = read_day(day_raw)
            value: Value
            if kind == "threshold":
                if "/" in raw and not raw.endswith("%"):
                    num, _, den = raw.partition("/")
                    parsed = read_value(kind, unit, {"numerator": num, "denominator": den}, ())
                else:
                    parsed = read_value(kind, unit, raw, ())
                assert isinstance(parsed, Number)
                value = Number(parsed.value, note or None)
            elif kind == "deliverable":
                value = Done(read_day(raw) if raw else None, note or None)
            elif kind == "recurring":
                days = tuple(sorted(read_day(d) for d in re.split(r"[;\s]+", raw) if d))
                value = Submissions(days, note or None)
            else:
                raise _Bad("PM002", id=ident, kind=kind, fits=FITS[kind] + " (YAML)")
        except _Bad as bad:
            problems.append(Problem(name, number, 0, bad.code, bad.params_for(ident, kind)))
            continue
        by_day.setdefault(day, {})[ident] = value
    if problems:
        return [], problems
    return [Snapshot(name, day, values) for day, values in sorted(by_day.items())], []


def metrics_schema() -> dict[str, Any]:
    """JSON Schema of a YAML metrics file (the CSV form is `check,value,as_of,note`)."""
    date = {
        "type": "string",
        "pattern": r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})$",
        "description": "YYYY-MM-DD or DD/MM/YYYY",
    }
    moment = {
        "type": "string",
        "pattern": r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})([ T]\d{1,2}:\d{2}(:\d{2})?)?$",
        "description": "a date, or a date and time (2024-05-03 16:10)",
    }
    number = {
        "anyOf": [
            {"type": "number"},
            {"type": "string", "pattern": r"^\s*[+-]?(\d+([.,]\d*)?|[.,]\d+)\s*%?\s*$"},
        ],
        "description": "98.5, 98,5 or 98.5%",
    }
    text = {"type": "string"}
    value = {
        "anyOf": [
            {"type": "null", "description": "left blank: not reported"},
            number,
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["value"],
                "properties": {"value": number, "note": text},
                "description": "threshold: a number with a note",
            },
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["numerator", "denominator"],
                "properties": {"numerator": number, "denominator": number, "note": text},
                "description": "threshold: a ratio, read as a percentage",
            },
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["done"],
                "properties": {
                    "done": {"anyOf": [date, {"type": "null"}]},
                    "evidence": text,
                    "note": text,
                },
                "description": "deliverable: the day it was done and its evidence",
            },
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["done"],
                "properties": {"done": {"type": "array", "items": date}, "note": text},
                "description": "recurring: the day of each submission",
            },
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["events"],
                "properties": {
                    "events": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["start"],
                            "properties": {"start": moment, "done": moment, "ref": text},
                        },
                    },
                    "note": text,
                },
                "description": "event: each event, handled (done) or still open",
            },
        ]
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://parcheck.invalid/schema/metrics.schema.json",
        "title": "parcheck metrics file",
        "description": "A dated snapshot of the figures for a plan's checks. Which shape a "
        "value takes depends on its check's kind; `parcheck validate --metrics` checks that.",
        "type": "object",
        "additionalProperties": False,
        "required": ["as_of", "values"],
        "properties": {
            "plan": {"type": "string", "description": "the plan's id, e.g. kh2024"},
            "as_of": date | {"description": "the day the figures describe"},
            "source": {"type": ["string", "null"], "description": "who collected them"},
            "values": {
                "type": "object",
                "description": "check id → value",
                "propertyNames": {"pattern": r"^[A-Z]+\.\d+(\.[a-z0-9]+)*$"},
                "additionalProperties": value,
            },
        },
    }
