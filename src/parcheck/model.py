"""Pydantic models of a plan file: units, calendar, sections, tasks and their checks."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from parcheck.dates import PlanDate

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
CheckId = Annotated[str, StringConstraints(pattern=r"^[A-Z]+\.\d+(\.[a-z0-9]+)*$")]
Op = Literal[">=", ">", "<=", "<", "=="]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Unit(Model):
    """A unit of the department, a group of units, or an outside body that receives reports."""

    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")] = Field(
        description="Short id used in the plan, e.g. `VP`."
    )
    name: Text = Field(description="Full name as the seed writes it, e.g. `Văn phòng Sở`.")
    aliases: list[Text] = Field(
        default_factory=list, description="Other names and short forms that mean this unit."
    )
    kind: Literal["unit", "group", "external"] = Field(
        default="unit",
        description="`unit` of the department, `group` of units, or `external` body.",
    )
    members: list[str] = Field(
        default_factory=list, description="For a group: the ids of its member units."
    )


class WorkSpan(Model):
    """One span of working hours in a working day."""

    start: dt.time = Field(description="Start, e.g. `07:00`.")
    end: dt.time = Field(description="End, e.g. `11:30`.")

    @model_validator(mode="after")
    def _ordered(self) -> WorkSpan:
        if self.end <= self.start:
            raise ValueError("a working-hours span must end after it starts")
        return self


def _default_hours() -> list[WorkSpan]:
    return [
        WorkSpan(start=dt.time(7, 0), end=dt.time(11, 30)),
        WorkSpan(start=dt.time(13, 30), end=dt.time(17, 0)),
    ]


class Calendar(Model):
    """The working calendar: Vietnam's days off from the `holidays` package, plus overrides."""

    timezone: Literal["Asia/Ho_Chi_Minh"] = Field(
        default="Asia/Ho_Chi_Minh", description="Time zone of every date and hour."
    )
    country: Literal["VN"] = Field(default="VN", description="Country of the public holidays.")
    extra_days_off: list[PlanDate] = Field(
        default_factory=list, description="Days off the plan adds to the country's calendar."
    )
    extra_working_days: list[PlanDate] = Field(
        default_factory=list,
        description="Days worked that would otherwise be off (beyond the official make-up days).",
    )
    working_hours: list[WorkSpan] = Field(
        default_factory=_default_hours,
        min_length=1,
        description="Working hours of a working day, morning and afternoon.",
    )


class Target(Model):
    """What a number must satisfy: `op` `value` `unit`."""

    op: Op = Field(description="`>=` (từ … trở lên), `>` (trên), `<=`, `<`, `==`.")
    value: float = Field(description="The target number.")
    unit: Text = Field(description="`%`, `count`, or another named unit.")


class Points(Model):
    """Bonus (section IX) or deduction (section X) points for each counted unit."""

    per_unit: float = Field(description="Points for each counted unit: +0.5, −0.5 …")
    cap: float = Field(description="Limit of the total, with the sign of `per_unit`.")
    counted: Text = Field(description="What is counted, e.g. `tiêu chí tăng hạng`.")

    @model_validator(mode="after")
    def _nonzero(self) -> Points:
        if self.per_unit == 0:
            raise ValueError("per_unit must not be 0")
        return self


class Limit(Model):
    """A time limit counted from an event."""

    amount: Annotated[int, Field(gt=0)] = Field(description="How many units of time.")
    unit: Literal["calendar_days", "working_days", "working_hours"] = Field(
        description="`calendar_days` (ngày), `working_days` (ngày làm việc), "
        "`working_hours` (giờ làm việc)."
    )


class _Check(Model):
    id: CheckId = Field(description="Unique id: the task id, or the task id plus a suffix.")
    title: Text = Field(description="What is checked, in a short line.")
    lead: str | None = Field(
        default=None, description="Unit responsible, when not the task's lead unit."
    )
    points: Points | None = Field(default=None, description="Bonus or deduction points.")
    note: str | None = Field(default=None, description="A remark on how the check reads the seed.")


class ThresholdCheck(_Check):
    """A number against a target, by a date or continuously."""

    kind: Literal["threshold"]
    target: Target
    due: PlanDate | Literal["continuous"] = Field(
        description="Deadline (inclusive), or `continuous` for a standing requirement."
    )


class DeliverableCheck(_Check):
    """One document or report due by one date."""

    kind: Literal["deliverable"]
    due: PlanDate = Field(description="Deadline, inclusive.")
    to: str | None = Field(default=None, description="Unit or body that receives it.")


class RecurringCheck(_Check):
    """A deliverable that repeats on an RFC 5545 RRULE."""

    kind: Literal["recurring"]
    rrule: Text = Field(description="RFC 5545 rule, e.g. `FREQ=MONTHLY;BYMONTHDAY=25`.")
    start: PlanDate | None = Field(default=None, description="First day; default 1 January.")
    until: PlanDate | None = Field(default=None, description="Last day; default 31 December.")
    to: str | None = Field(default=None, description="Unit or body that receives it.")


class EventCheck(_Check):
    """Something owed within a limit after each event."""

    kind: Literal["event"]
    event: Text = Field(description="What starts the clock.")
    limit: Limit


Check = Annotated[
    ThresholdCheck | DeliverableCheck | RecurringCheck | EventCheck,
    Field(discriminator="kind"),
]


class Task(Model):
    """One row of the plan's appendix (or a duty of the plan body) with its checks."""

    id: Annotated[str, StringConstraints(pattern=r"^[A-Z]+\.\d+$")] = Field(
        description="The seed's number: Roman section, dot, row (`VI.3`); `ORG.n` for duties "
        "of the plan body."
    )
    task: Text = Field(description="Column 'Nhiệm vụ', verbatim.")
    result: str = Field(default="", description="Column 'Kết quả/sản phẩm', verbatim.")
    schedule: str = Field(default="", description="Column 'Tiến độ', verbatim.")
    assignment: str = Field(default="", description="Column 'Phân công', verbatim.")
    remark: str = Field(default="", description="Column 'Ghi chú', verbatim.")
    notes: list[Text] = Field(
        default_factory=list, description="Remarks, e.g. the seed's own defects, kept visible."
    )
    lead: Text = Field(description="Lead unit (id, name or alias from `units`).")
    support: list[Text] = Field(default_factory=list, description="Supporting units.")
    checks: list[Check] = Field(min_length=1, description="What is checked for this task.")


class Section(Model):
    """A Roman-numbered section of the appendix, or the plan body's duties."""

    id: Annotated[str, StringConstraints(pattern=r"^[A-Z]+$")] = Field(description="`I` … `X`.")
    title: Text
    tasks: list[Task] = Field(default_factory=list)


class Plan(Model):
    """A plan file."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$")] = Field(
        description="The plan's id, named by metrics files (`plan: kh2024`)."
    )
    title: Text
    year: Annotated[int, Field(ge=2000, le=2100)] = Field(description="The plan year.")
    owner: Text = Field(description="The department that adopted the plan.")
    source: str = Field(default="", description="Where the plan comes from.")
    notes: list[Text] = Field(default_factory=list, description="Remarks on the whole plan.")
    calendar: Calendar = Field(default_factory=Calendar)
    units: list[Unit] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)

    def tasks(self) -> list[Task]:
        return [task for section in self.sections for task in section.tasks]

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 12, 31)
