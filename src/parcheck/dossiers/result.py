"""What `parcheck dossiers` found, as plain data: the figures of contract §7 and the dossiers
behind them, each at its file and row. Nothing here knows polars; the renderers read this."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

STATUSES = ("early", "on_time", "late", "open_late", "open")
RULES = ("766", "finished")


@dataclass(frozen=True)
class Source:
    """One export file read: its path as shown, its format, the sheet read, its SHA-256, and
    its dossier rows (blank rows are not dossiers), counted and rejected."""

    path: str
    format: str
    sheet: str | None
    sha256: str
    rows: int
    counted: int
    rejected: int


@dataclass(frozen=True)
class Fault:
    """One thing wrong with a row: the column (its name in contract §7, whatever the file
    calls it), the file's own header for it, a problem code (PD020-PD029) with its
    message's parameters, and the cell's value (a date as dd/mm/yyyy [HH:MM])."""

    column: str
    header: str
    code: str
    params: dict[str, Any]
    value: str


@dataclass(frozen=True)
class Rejected:
    """A row that is not counted: where, and every fault found in it (the first is the
    reason shown)."""

    file: str
    row: int
    faults: tuple[Fault, ...]


# The dossiers behind a figure may be a hundred thousand: each is a NamedTuple (made at C
# speed from a row) rather than a frozen dataclass (ten times slower to make).


class Listed(Protocol):
    """What every dossier in a list has."""

    @property
    def file(self) -> str: ...
    @property
    def row(self) -> int: ...
    @property
    def code(self) -> str: ...


class Dossier(NamedTuple):
    """A dossier named in a list: its file, row and code."""

    file: str
    row: int
    code: str


class LateDossier(NamedTuple):
    file: str
    row: int
    code: str
    status: str  # late or open_late


@dataclass(frozen=True)
class Timeliness:
    rule: str  # 766 or finished
    early: int
    on_time: int
    late: int
    open_late: int
    open: int
    late_dossiers: tuple[LateDossier, ...]

    @property
    def counted(self) -> int:
        return self.early + self.on_time + self.late + self.open_late + self.open

    @property
    def numerator(self) -> int:
        good = self.early + self.on_time
        return good + self.open if self.rule == "766" else good

    @property
    def denominator(self) -> int:
        if self.rule == "766":
            return self.counted
        return self.early + self.on_time + self.late + self.open_late

    @property
    def rate(self) -> float | None:
        return percent(self.numerator, self.denominator)


class SlowIntake(NamedTuple):
    """An online dossier accepted after the limit, or not yet accepted past it; or (in
    `Intake.pending_dossiers`) not yet accepted within it."""

    file: str
    row: int
    code: str
    hours: float  # working hours from submission to acceptance (or to the as-of day's end)
    accepted: bool
    submitted: dt.datetime
    accepted_at: dt.datetime | None  # a day known by its date only: its end


@dataclass(frozen=True)
class Intake:
    limit_hours: float
    checked: int
    ok: int
    late: int
    pending: int
    late_dossiers: tuple[SlowIntake, ...]
    pending_dossiers: tuple[SlowIntake, ...] = ()


@dataclass(frozen=True)
class Official:
    name: str
    handled: int
    late: int

    @property
    def share(self) -> float | None:
        return percent(self.late, self.handled)

    @property
    def flagged(self) -> bool:
        return self.handled > 0 and self.late * 10 >= self.handled  # 10 % or more, exactly


@dataclass(frozen=True)
class Digitised:
    count: int
    total: int

    @property
    def rate(self) -> float | None:
        return percent(self.count, self.total)


class PauseFault(NamedTuple):
    file: str
    row: int
    code: str
    missing: tuple[str, ...]  # of reason, document, notice


@dataclass(frozen=True)
class Pauses:
    count: int
    violations: tuple[PauseFault, ...]


@dataclass(frozen=True)
class Apologies:
    late: int
    missing: tuple[Dossier, ...]


class Supplemented(NamedTuple):
    file: str
    row: int
    code: str
    times: int  # supplements requested


@dataclass(frozen=True)
class DossierResult:
    """Every figure of one run over one or more export files."""

    as_of: dt.date
    sources: tuple[Source, ...]
    rows: int
    counted: int
    rejected: tuple[Rejected, ...]
    timeliness: Timeliness
    intake: Intake
    officials: tuple[Official, ...]
    digitised: Digitised
    pauses: Pauses
    apologies: Apologies
    supplements: tuple[Supplemented, ...]
    absent: tuple[str, ...] = field(default=())  # optional fields no file has: not judged


def percent(part: int, whole: int) -> float | None:
    return None if whole == 0 else 100 * part / whole
