"""Deadlines as an iCalendar (RFC 5545) file that Outlook and Google Calendar import."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from parcheck.engine.agenda import Deadline, deadlines
from parcheck.safety.text import ics_text, one_line, starts_command

if TYPE_CHECKING:
    from parcheck.plan.model import Plan

REMINDER_WORKING_DAYS = 3


def _fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545 §3.1)."""
    data = line.encode("utf-8")
    parts: list[str] = []
    limit = 75
    while len(data) > limit:
        cut = _cut(data, limit)
        parts.append(data[:cut].decode("utf-8"))
        data = data[cut:]
        limit = 74  # continuation lines start with a space
    parts.append(data.decode("utf-8"))
    return "\r\n ".join(parts)


def _cut(data: bytes, limit: int) -> int:
    """Where to fold `data` at `limit` octets or before: never inside a UTF-8 character,
    nor between a backslash and the character it escapes (some readers unescape before they
    unfold), nor where the continuation line would read as a CI workflow command (`::` or
    `##[` after its leading space). A run of colons longer than a line, the one case where
    no such place exists, keeps only the first rule."""
    for cut in range(limit, 0, -1):
        if (data[cut] & 0xC0) == 0x80:
            continue
        backslashes = 0
        while backslashes < cut and data[cut - 1 - backslashes] == 0x5C:
            backslashes += 1
        if backslashes % 2 == 0 and not starts_command(
            " " + data[cut : cut + 80].decode("utf-8", "ignore")
        ):
            return cut
    cut = limit
    while (data[cut] & 0xC0) == 0x80:
        cut -= 1
    return cut


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
    on each due date, a recurring duty's occurrences each an event of its own (exactly the
    days `parcheck calendar` lists, whatever the rule's COUNT, UNTIL or the check's own
    until, and each with its own reminder), a reminder three working days before, UIDs
    stable from one export to the next."""
    from parcheck.engine.calendar import WorkCalendar

    calendar = WorkCalendar(plan.calendar)
    stamp_text = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//parcheck//PAR Index plan deadlines//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_text(one_line(plan.title))}",
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
    for deadline in deadlines(plan, start, end, unit):
        lines += _event(plan, deadline, stamp_text, calendar)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _uid(plan: Plan, deadline: Deadline) -> str:
    """Stable from one export to the next: the check, and for a recurring duty the day."""
    day = f"-{_day(deadline.day)}" if deadline.check.kind == "recurring" else ""
    return f"{plan.id}-{deadline.check.id}{day}@parcheck"


def _event(
    plan: Plan,
    deadline: Deadline,
    stamp: str,
    calendar: object,
) -> list[str]:
    check, task = deadline.check, deadline.task
    summary = f"{check.id} — {one_line(check.title)}"
    description = [f"{task.id}: {task.task}", f"Chủ trì: {deadline.lead}"]
    if check.kind == "threshold":
        target = check.target
        description.append(f"Chỉ tiêu: {target.op} {target.value:g} {target.unit}")
    if task.schedule:
        description.append(f"Tiến độ: {task.schedule}")
    # a line of the description each; the plan's own line breaks fold into spaces
    details = "\n".join(one_line(line) for line in description)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_uid(plan, deadline)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_day(deadline.day)}",
        f"DTEND;VALUE=DATE:{_day(deadline.day + dt.timedelta(days=1))}",
        f"SUMMARY:{ics_text(summary)}",
        f"DESCRIPTION:{ics_text(details)}",
        f"CATEGORIES:{check.kind}",
        "TRANSP:TRANSPARENT",
    ]
    lines += [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{ics_text(summary)}",
        f"TRIGGER:{_trigger(deadline.day, calendar)}",
        "END:VALARM",
        "END:VEVENT",
    ]
    return lines
