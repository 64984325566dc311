"""The figures of a metrics snapshot: one value type per check kind, and a dated snapshot."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from parcheck.problems import Problem


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


def joined_notes(*notes: str | None) -> str | None:
    """The notes of one figure told in several places, each once, in the order of their
    text (the order of the files changes nothing); None when there is none."""
    return "; ".join(sorted({note for note in notes if note})) or None


def event_key(event: Event) -> tuple[dt.datetime, str]:
    """An event is known by its start and its reference (spaces around it aside)."""
    return event.start, (event.ref or "").strip()


def same_event(
    kept: Mapping[tuple[dt.datetime, str], object], event: Event
) -> tuple[dt.datetime, str]:
    """The key under which `event` is already `kept`: its own, or, when one of the two has
    no reference, the one event of the same start."""
    key = event_key(event)
    if key in kept:
        return key
    starts = [k for k in kept if k[0] == event.start]
    if len(starts) == 1 and (not key[1] or not starts[0][1]):
        return starts[0]
    return key


def accumulate(earlier: Value, later: Value, *, same_day: bool = False) -> Value | None:
    """What a recurring duty's submissions and an event check's events add up to over
    snapshots: a submission or an event once reported stays reported, so a file need only
    list what is new. Submissions are the union of their days; events are kept by their
    start and reference, a later snapshot's version of an event (now handled) replacing the
    earlier one (an event left open later keeps the `done` reported before: a blank
    erases nothing; a `done` given again differently is a correction, and counts). Within
    one day, two versions of one event that differ are a conflict: None. None too for
    other kinds (the latest figure counts; within a day, a conflict)."""
    if isinstance(earlier, Submissions) and isinstance(later, Submissions):
        notes = joined_notes(earlier.note, later.note)
        return Submissions(tuple(sorted(set(earlier.done) | set(later.done))), notes)
    if isinstance(earlier, Events) and isinstance(later, Events):
        kept = {event_key(e): e for e in earlier.events}
        for event in later.events:
            key = same_event(kept, event)
            if key in kept and kept[key] != event:
                if same_day:
                    return None
                if event.done is None:  # left blank later: the earlier `done` stays
                    continue
            kept[key] = event
        notes = joined_notes(earlier.note, later.note)
        events = tuple(sorted(kept.values(), key=lambda e: (e.start, e.ref or "")))
        return Events(events, notes)
    return None


@dataclass(frozen=True)
class Snapshot:
    """The figures of one day (of one file as read; of every file once merged)."""

    path: str
    as_of: dt.date
    values: dict[str, Value]
    source: str | None = None


def _nowhere(day: dt.date, ident: str) -> tuple[int, int]:
    return 0, 0


def _no_cell(day: dt.date, ident: str) -> str:
    return ""


@dataclass(frozen=True)
class FileRead:
    """What one metrics file holds: its snapshots (one a day) and its problems (a file with
    one is used for nothing: its snapshots, the values it read well, if any, serve only to
    report a conflict beside its other problems); and where it gives a check's value on a
    day (line, column; and in a workbook its cell, `Sheet!C7`)."""

    snapshots: list[Snapshot]
    problems: list[Problem]
    place: Callable[[dt.date, str], tuple[int, int]] = _nowhere
    cell: Callable[[dt.date, str], str] = _no_cell


@dataclass
class MetricsRead:
    """Every file's snapshots merged: one snapshot a day, whatever files gave its values."""

    snapshots: list[Snapshot] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)  # the files read: no output may replace one
    counts: dict[str, int] = field(default_factory=dict)  # values read from each file
