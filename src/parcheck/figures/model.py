"""The figures of a metrics snapshot: one value type per check kind, and a dated snapshot."""

from __future__ import annotations

import datetime as dt
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
    paths: list[Path] = field(default_factory=list)  # the files read: no output may replace one
