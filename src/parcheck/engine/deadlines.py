"""The limits of event checks: the last moment an event may be handled."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from parcheck.dates import dmy
from parcheck.errors import ParcheckError

if TYPE_CHECKING:
    from parcheck.engine.calendar import WorkCalendar
    from parcheck.plan.model import Limit

_UNITS = {  # unit → (vi, en)
    "calendar_days": ("ngày", "calendar days"),
    "working_days": ("ngày làm việc", "working days"),
    "working_hours": ("giờ làm việc", "working hours"),
}


class LimitError(ParcheckError):
    """A limit that cannot be counted under the plan's calendar: it finds no working day
    (or not enough working hours) within ten years of the event. `message` is Vietnamese,
    `message_en` English."""

    def __init__(self, check_id: str, start: dt.datetime, limit: Limit) -> None:
        vi_unit, en_unit = _UNITS[limit.unit]
        when = f"{dmy(start)} {start:%H:%M}"
        super().__init__(
            f"tiêu chí {check_id}: không tính được hạn {limit.amount} {vi_unit} kể từ {when} — "
            "lịch làm việc của kế hoạch không có đủ ngày, giờ làm việc trong mười năm"
        )
        self.message_en = (
            f"check {check_id}: cannot count {limit.amount} {en_unit} from {when} — the "
            "plan's calendar has too few working days or hours within ten years"
        )

    def in_lang(self, lang: str) -> ParcheckError:
        """The same error with its message in `lang`."""
        return ParcheckError(self.message_en if lang == "en" else self.message)


def limit_end(calendar: WorkCalendar, start: dt.datetime, limit: Limit) -> dt.datetime:
    """The last moment an event that happened at `start` may be handled. ValueError or
    OverflowError when the calendar runs out first (see `LimitError`)."""
    if limit.unit == "working_hours":
        return calendar.add_working_hours(start, limit.amount)
    if limit.unit == "working_days":
        day = calendar.add_working_days(start.date(), limit.amount)
    else:
        day = calendar.add_calendar_days(start.date(), limit.amount)
    return dt.datetime.combine(day, dt.time.max)
