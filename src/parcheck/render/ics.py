"""Deadlines as an iCalendar (RFC 5545) file that Outlook and Google Calendar import."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from parcheck.engine.agenda import Deadline, deadlines
from parcheck.safety.text import one_line

if TYPE_CHECKING:
    from parcheck.plan.model import Plan

REMINDER_WORKING_DAYS = 3


def _text(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and newline escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """A content line folded at 75 octets, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    parts: list[str] = []
    while len(data) > 75:
        cut = 75 if not parts else 74  # continuation lines start with a space
        while cut and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        parts.append(data[:cut].decode("utf-8"))
        data = data[cut:]
    parts.append(data.decode("utf-8"))
    return "\r\n ".join(parts)


def _day(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def _trigger(due: dt.date, calendar: object) -> str:
    """An alarm at 08:00 on the day three working days before `due` (all-day events start
    at midnight, so the offset is whole days less 16 hours)."""
    from parcheck.engine.calendar import WorkCalendar

    assert isinstance(calendar, WorkCalendar)
    remind = calendar.add_working_days(due, -REMINDER_WORKING_DAYS)
    days = (due - remind).days
    return f"-P{days - 1}DT16H"


def render_ics(
    plan: Plan, start: dt.date, end: dt.date, stamp: dt.datetime, unit: str | None = None
) -> str:
    """The deadlines of `plan` from `start` to `end` as an iCalendar file: an all-day event
    on each due date, one event with its RRULE for each recurring duty, a reminder three
    working days before (for a recurring duty, as many days before as its first occurrence
    needs), UIDs stable from one export to the next."""
    from parcheck.engine.calendar import WorkCalendar

    calendar = WorkCalendar(plan.calendar)
    stamp_text = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//parcheck//PAR Index plan deadlines//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(one_line(plan.title))}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Ho_Chi_Minh",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0700",
        "TZOFFSETTO:+0700",
        "TZNAME:ICT",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]
    firsts: dict[str, tuple[Deadline, str]] = {}  # a recurring duty's first date and rule
    for deadline in deadlines(plan, start, end, unit):
        check = deadline.check
        if check.kind == "recurring":
            firsts.setdefault(check.id, (deadline, check.rrule))
            continue
        lines += _event(plan, deadline, stamp_text, calendar, rule=None, end=end)
    for deadline, rule in firsts.values():
        lines += _event(plan, deadline, stamp_text, calendar, rule=rule, end=end)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _event(
    plan: Plan,
    deadline: Deadline,
    stamp: str,
    calendar: object,
    rule: str | None,
    end: dt.date,
) -> list[str]:
    check, task = deadline.check, deadline.task
    summary = f"{check.id} — {one_line(check.title)}"
    description = [f"{task.id}: {one_line(task.task)}", f"Chủ trì: {deadline.lead}"]
    if check.kind == "threshold":
        target = check.target
        description.append(f"Chỉ tiêu: {target.op} {target.value:g} {target.unit}")
    if task.schedule:
        description.append(f"Tiến độ: {one_line(task.schedule)}")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{plan.id}-{check.id}@parcheck",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_day(deadline.day)}",
        f"DTEND;VALUE=DATE:{_day(deadline.day + dt.timedelta(days=1))}",
        f"SUMMARY:{_text(summary)}",
        f"DESCRIPTION:{_text(chr(10).join(description))}",
        f"CATEGORIES:{check.kind}",
        "TRANSP:TRANSPARENT",
    ]
    if rule is not None:
        rrule = rule.strip().removeprefix("RRULE:")
        if "UNTIL=" not in rrule.upper() and "COUNT=" not in rrule.upper():
            rrule += f";UNTIL={_day(end)}"
        lines.append(f"RRULE:{rrule}")
    lines += [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{_text(summary)}",
        f"TRIGGER:{_trigger(deadline.day, calendar)}",
        "END:VALARM",
        "END:VEVENT",
    ]
    return lines
