"""`parcheck template`: the metrics form the secretary sends to the units."""

from __future__ import annotations

import datetime as dt

from parcheck.plan.model import DeliverableCheck, EventCheck, Plan, RecurringCheck, ThresholdCheck
from parcheck.plan.units import UnitIndex
from parcheck.safety.text import one_line


def render_template(plan: Plan, as_of: dt.date) -> str:
    from parcheck.plan.recurrence import occurrences

    units = UnitIndex(plan)
    lines = [
        f"# Số liệu kế hoạch {plan.id} — điền giá trị rồi gửi Văn phòng Sở",
        f"plan: {plan.id}",
        f"as_of: {as_of.isoformat()}",
        "source: ",
        "values:",
    ]
    for section in plan.sections:
        lines.append(f"  # --- {section.id}. {one_line(section.title)}")
        for task in section.tasks:
            for check in task.checks:
                lead = units.name_of(check.lead or task.lead)
                lines.append(f"  # {check.id} [{check.kind}] {one_line(check.title)}")
                if isinstance(check, ThresholdCheck):
                    due = "thường xuyên" if check.due == "continuous" else check.due.isoformat()
                    t = check.target
                    lines.append(f"  #   chỉ tiêu {t.op} {t.value:g} {t.unit} · hạn {due} · {lead}")
                    lines.append(f"  {check.id}: ")
                elif isinstance(check, DeliverableCheck):
                    lines.append(f"  #   hạn {check.due.isoformat()} · {lead}")
                    lines.append(f'  {check.id}: {{done: , evidence: ""}}')
                elif isinstance(check, RecurringCheck):
                    nxt = [d for d in occurrences(check, plan) if d >= as_of][:1]
                    when = f"lần tới {nxt[0].isoformat()}" if nxt else "đã hết lịch"
                    lines.append(f"  #   {check.rrule} · {when} · {lead}")
                    lines.append(f"  {check.id}: {{done: []}}")
                elif isinstance(check, EventCheck):
                    lim = check.limit
                    lines.append(
                        f"  #   trong {lim.amount} {lim.unit} kể từ: "
                        f"{one_line(check.event)} · {lead}"
                    )
                    lines.append(f"  {check.id}: {{events: []}}")
    return "\n".join(lines) + "\n"
