"""The figures of a metrics snapshot: one value type per check kind, and a dated snapshot."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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


@dataclass(frozen=True)
class Snapshot:
    """The figures of one day (of one file as read; of every file once merged)."""

    path: str
    as_of: dt.date
    values: dict[str, Value]
    source: str | None = None


def _nowhere(day: dt.date, ident: str) -> tuple[int, int]:
    return 0, 0


@dataclass(frozen=True)
class FileRead:
    """What one metrics file holds: its snapshots (one a day), or its problems; and where
    it gives a check's value on a day (line, column; column 0 for a CSV row)."""

    snapshots: list[Snapshot]
    problems: list[Problem]
    place: Callable[[dt.date, str], tuple[int, int]] = _nowhere


@dataclass
class MetricsRead:
    """Every file's snapshots merged: one snapshot a day, whatever files gave its values."""

    snapshots: list[Snapshot] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)  # the files read: no output may replace one
    counts: dict[str, int] = field(default_factory=dict)  # values read from each file
