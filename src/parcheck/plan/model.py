"""The plan file's model: units, calendar, sections, tasks and their checks.

The classes are frozen standard-library dataclasses, so that using a plan (the engine, the
renderers) costs no pydantic import. Their annotations are strings (PEP 563) that name
pydantic's `Field` and the constrained types of `types.py`; pydantic resolves them in
`validator.py`, where the validator is built, and validates and describes (JSON Schema)
plan files from them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

if TYPE_CHECKING:
    from typing import Annotated

    from pydantic import Field

    from parcheck.plan.types import (
        CheckId,
        ClockTime,
        Number,
        PlanDate,
        PlanId,
        SectionId,
        TaskId,
        Text,
        UnitId,
        Whole,
    )

Op = Literal[">=", ">", "<=", "<", "=="]
DayOff = Literal["next_working_day", "previous_working_day", "skip", "keep"]
DatedDayOff = Literal["keep", "next_working_day", "previous_working_day"]
DATED_DAY_OFF = (
    "A `due` on a day off is kept as written (`keep`, which the plan should say: a date "
    "written in the source plan is its deadline) or moves to the `next_working_day` or the "
    "`previous_working_day`. Not set: as written."
)
FORBID: dict[str, Any] = {"extra": "forbid"}  # pydantic's config for every class below


@dataclass(frozen=True, kw_only=True)
class Unit:
    """A unit of the department, a group of units, or an outside body that receives reports."""

    __pydantic_config__ = FORBID
    id: Annotated[UnitId, Field(description="Short id used in the plan, e.g. `VP`.")]
    name: Annotated[
        Text, Field(description="Full name as the source plan writes it: `Văn phòng Sở`.")
    ]
    short: Annotated[
        str | None, Field(description="Short name for narrow tables, e.g. `VP`; default `name`.")
    ] = None
    aliases: Annotated[
        list[Text], Field(description="Other names and short forms that mean this unit.")
    ] = field(default_factory=list)
    kind: Annotated[
        Literal["unit", "group", "external"],
        Field(description="`unit` of the department, `group` of units, or `external` body."),
    ] = "unit"
    members: Annotated[
        list[str], Field(description="For a group: the ids of its member units.")
    ] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class WorkSpan:
    """One span of working hours in a working day."""

    __pydantic_config__ = FORBID
    start: Annotated[ClockTime, Field(description="Start, e.g. `07:00`.")]
    end: Annotated[ClockTime, Field(description="End, e.g. `11:30`.")]

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("a working-hours span must end after it starts")


def _default_hours() -> list[WorkSpan]:
    return [
        WorkSpan(start=dt.time(7, 0), end=dt.time(11, 30)),
        WorkSpan(start=dt.time(13, 30), end=dt.time(17, 0)),
    ]


@dataclass(frozen=True, kw_only=True)
class Calendar:
    """The working calendar: Vietnam's days off from the `holidays` package, plus overrides."""

    __pydantic_config__ = FORBID
    timezone: Annotated[
        Literal["Asia/Ho_Chi_Minh"], Field(description="Time zone of every date and hour.")
    ] = "Asia/Ho_Chi_Minh"
    country: Annotated[Literal["VN"], Field(description="Country of the public holidays.")] = "VN"
    # At most 1000: then any ten years keep working days, so counting a limit always ends.
    extra_days_off: Annotated[
        list[PlanDate],
        Field(max_length=1000, description="Days off the plan adds to the country's calendar."),
    ] = field(default_factory=list)
    extra_working_days: Annotated[
        list[PlanDate],
        Field(
            description="Days worked that would otherwise be off (beyond official make-up days)."
        ),
    ] = field(default_factory=list)
    working_hours: Annotated[
        list[WorkSpan],
        Field(min_length=1, description="Working hours of a working day, morning and afternoon."),
    ] = field(default_factory=_default_hours)


@dataclass(frozen=True, kw_only=True)
class Target:
    """What a number must satisfy: `op` `value` `unit`."""

    __pydantic_config__ = FORBID
    op: Annotated[Op, Field(description="`>=` (từ … trở lên), `>` (trên), `<=`, `<`, `==`.")]
    value: Annotated[Number, Field(description="The target number.")]
    unit: Annotated[Text, Field(description="`%`, `count`, or another named unit.")]


@dataclass(frozen=True, kw_only=True)
class Points:
    """Bonus (section IX) or deduction (section X) points for each counted unit."""

    __pydantic_config__ = FORBID
    per_unit: Annotated[Number, Field(description="Points for each counted unit: +0.5, −0.5 …")]
    cap: Annotated[Number, Field(description="Limit of the total, with the sign of `per_unit`.")]
    counted: Annotated[Text, Field(description="What is counted, e.g. `tiêu chí tăng hạng`.")]

    def __post_init__(self) -> None:
        if self.per_unit == 0:
            raise ValueError("per_unit must not be 0")


@dataclass(frozen=True, kw_only=True)
class Limit:
    """A time limit counted from an event."""

    __pydantic_config__ = FORBID
    # At most 3660 of its unit: ten years of days (a legal limit is days or weeks), which
    # keeps counting a limit short and inside the calendar's reach.
    amount: Annotated[
        Whole, Field(gt=0, le=3660, description="How many units of time (1 to 3660).")
    ]
    unit: Annotated[
        Literal["calendar_days", "working_days", "working_hours"],
        Field(
            description="`calendar_days` (ngày), `working_days` (ngày làm việc), "
            "`working_hours` (giờ làm việc)."
        ),
    ]


@dataclass(frozen=True, kw_only=True)
class _Row:
    """What every check of a task says, a shared one included."""

    __pydantic_config__ = FORBID
    id: Annotated[
        CheckId, Field(description="Unique id: the task id, or the task id plus a suffix.")
    ]
    title: Annotated[Text, Field(description="What is checked, in a short line.")]
    lead: Annotated[
        str | None, Field(description="Unit responsible, when not the task's lead unit.")
    ] = None
    points: Annotated[Points | None, Field(description="Bonus or deduction points.")] = None
    note: Annotated[
        str | None, Field(description="A remark on how the check reads the source plan.")
    ] = None


@dataclass(frozen=True, kw_only=True)
class _Check(_Row):
    start: Annotated[
        PlanDate | None,
        Field(
            description="The day the duty begins; default the plan's `start`. Before it the "
            "check is pending; an event before it is not counted."
        ),
    ] = None
    # The check of another task whose figures this one shares (`kind: shared` in the file,
    # resolved on loading into a copy of that check): not a field of the file.
    same_as: ClassVar[str | None] = None


@dataclass(frozen=True, kw_only=True)
class ThresholdCheck(_Check):
    """A number against a target, by a date or continuously."""

    kind: Literal["threshold"]
    target: Target
    due: Annotated[
        PlanDate | Literal["continuous"],
        Field(description="Deadline (inclusive), or `continuous` for a standing requirement."),
    ]
    on_day_off: Annotated[DatedDayOff | None, Field(description=DATED_DAY_OFF)] = None


@dataclass(frozen=True, kw_only=True)
class DeliverableCheck(_Check):
    """One document or report due by one date."""

    kind: Literal["deliverable"]
    due: Annotated[PlanDate, Field(description="Deadline, inclusive.")]
    on_day_off: Annotated[DatedDayOff | None, Field(description=DATED_DAY_OFF)] = None
    to: Annotated[str | None, Field(description="Unit or body that receives it.")] = None


@dataclass(frozen=True, kw_only=True)
class RecurringCheck(_Check):
    """A deliverable that repeats on an RFC 5545 RRULE."""

    kind: Literal["recurring"]
    rrule: Annotated[Text, Field(description="RFC 5545 rule, e.g. `FREQ=MONTHLY;BYMONTHDAY=25`.")]
    until: Annotated[PlanDate | None, Field(description="Last day; default 31 December.")] = None
    on_day_off: Annotated[
        DayOff,
        Field(
            description="An occurrence on a day off moves to the `next_working_day` (default) "
            "or the `previous_working_day`, is dropped (`skip`: a meeting that does not take "
            "place) or stays (`keep`)."
        ),
    ] = "next_working_day"
    to: Annotated[str | None, Field(description="Unit or body that receives it.")] = None


@dataclass(frozen=True, kw_only=True)
class EventCheck(_Check):
    """Something owed within a limit after each event."""

    kind: Literal["event"]
    event: Annotated[Text, Field(description="What starts the clock.")]
    limit: Limit


@dataclass(frozen=True, kw_only=True)
class SharedCheck(_Row):
    """A check of another task written again under this task's id, title, lead, points and
    note: one fact in two rows of the source plan. The secretary reports it under either
    id; both tasks show its verdict."""

    kind: Literal["shared"]
    same_as: Annotated[
        CheckId, Field(description="The id of the check it is, in another task: `III.4.b`.")
    ]


AnyCheck = ThresholdCheck | DeliverableCheck | RecurringCheck | EventCheck
PlanCheck = AnyCheck | SharedCheck  # what a plan file may write; loading resolves the shared


@dataclass(frozen=True, kw_only=True)
class Task:
    """One row of the plan's appendix (or a duty of the plan body) with its checks."""

    __pydantic_config__ = FORBID
    id: Annotated[
        TaskId,
        Field(
            description="The source plan's number: Roman section, dot, row (`VI.3`); `ORG.n` for "
            "duties of the plan body."
        ),
    ]
    task: Annotated[Text, Field(description="Column 'Nhiệm vụ', verbatim.")]
    result: Annotated[str, Field(description="Column 'Kết quả/sản phẩm', verbatim.")] = ""
    schedule: Annotated[str, Field(description="Column 'Tiến độ', verbatim.")] = ""
    assignment: Annotated[str, Field(description="Column 'Phân công', verbatim.")] = ""
    remark: Annotated[str, Field(description="Column 'Ghi chú', verbatim.")] = ""
    notes: Annotated[
        list[Text],
        Field(description="Remarks, e.g. the source plan's own defects, kept visible."),
    ] = field(default_factory=list)
    lead: Annotated[Text, Field(description="Lead unit (id, name or alias from `units`).")]
    support: Annotated[list[Text], Field(description="Supporting units.")] = field(
        default_factory=list
    )
    checks: Annotated[
        list[Annotated[PlanCheck, Field(discriminator="kind")]],
        Field(min_length=1, description="What is checked for this task."),
    ]


@dataclass(frozen=True, kw_only=True)
class Section:
    """A Roman-numbered section of the appendix, or the plan body's duties."""

    __pydantic_config__ = FORBID
    id: Annotated[SectionId, Field(description="`I` … `X`, or `ORG`.")]
    title: Text
    scoring: Annotated[
        Literal["bonus", "deduction"] | None,
        Field(
            description="Its tasks are the criteria of bonus (`bonus`) or deduction "
            "(`deduction`) points: the score says how many of them carry points."
        ),
    ] = None
    tasks: list[Task] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Plan:
    """A plan file."""

    __pydantic_config__ = FORBID
    id: Annotated[
        PlanId, Field(description="The plan's id, named by metrics files (`plan: kh2024`).")
    ]
    title: Text
    year: Annotated[Whole, Field(ge=2000, le=2100, description="The plan year.")]
    start: Annotated[
        PlanDate | None,
        Field(
            description="The day the plan takes effect (adopted); duties begin then. Default "
            "1 January of `year`."
        ),
    ] = None
    owner: Annotated[Text, Field(description="The department that adopted the plan.")]
    source: Annotated[str, Field(description="Where the plan comes from.")] = ""
    notes: Annotated[list[Text], Field(description="Remarks on the whole plan.")] = field(
        default_factory=list
    )
    calendar: Calendar = field(default_factory=Calendar)
    units: Annotated[list[Unit], Field(min_length=1)]
    sections: Annotated[list[Section], Field(min_length=1)]

    def tasks(self) -> list[Task]:
        return [task for section in self.sections for task in section.tasks]

    @property
    def begins(self) -> dt.date:
        """The day the plan takes effect: its `start`, or 1 January of its year."""
        return self.start or dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 12, 31)
