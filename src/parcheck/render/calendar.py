"""`parcheck calendar`: the deadlines of a window as lines of text."""

from __future__ import annotations

import datetime as dt

from parcheck.engine.agenda import Deadline
from parcheck.safety.text import no_commands, one_line


def render_text(items: list[Deadline], start: dt.date, end: dt.date, lang: str) -> str:
    """One line a deadline, in date order: date, check id, what, lead unit."""
    from parcheck.render.status import day, describe_rule

    head = "Lịch các thời hạn" if lang == "vi" else "Deadlines"
    lines = [f"{head}: {day(start, lang)} – {day(end, lang)} ({len(items)})"]
    width = max((len(d.check.id) for d in items), default=0)
    for deadline in items:
        check = deadline.check
        what = one_line(check.title)
        if check.kind == "recurring":
            what += f" [{one_line(describe_rule(check.rrule, lang))}]"
        lead = one_line(deadline.lead)
        lines.append(f"{day(deadline.day, lang)}  {check.id:<{width}}  {what} — {lead}")
    return no_commands("\n".join(lines) + "\n")
