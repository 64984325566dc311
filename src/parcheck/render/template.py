"""`parcheck template`: the metrics form the secretary sends to the units."""

from __future__ import annotations

import datetime as dt

from parcheck.plan.model import DeliverableCheck, EventCheck, Plan, RecurringCheck, ThresholdCheck
from parcheck.plan.units import UnitIndex
from parcheck.safety.text import yaml_comment, yaml_scalar

KIND_WORDS = {
    "threshold": "chỉ tiêu",
    "deliverable": "sản phẩm",
    "recurring": "định kỳ",
    "event": "sự kiện",
    "shared": "dùng chung",
}

OP_WORDS = {  # a target as people say it: "từ 100 % trở lên"
    ">=": "từ {} trở lên",
    ">": "trên {}",
    "<=": "không quá {}",
    "<": "dưới {}",
    "==": "đúng {}",
}

LIMIT_WORDS = {
    "calendar_days": "ngày",
    "working_days": "ngày làm việc",
    "working_hours": "giờ làm việc",
}


def render_template(plan: Plan, as_of: dt.date) -> str:
    """A YAML metrics file with every check of `plan` blank, and what each check asks for
    (kind, target, due date, lead unit) in comments. Read back untouched, it is a valid,
    empty snapshot: a blank is "not reported" (event checks are left bare, since
    `{events: []}` reports "no events so far"). Plan text only ever reaches a comment,
    one line each (`safety.text.yaml_comment`), so a title cannot add a line or a key."""
    from parcheck.dates import dmy
    from parcheck.engine.calendar import WorkCalendar
    from parcheck.engine.schedule import due_day, due_days
    from parcheck.render.status import describe_rule

    units = UnitIndex(plan)
    calendar = WorkCalendar(plan.calendar)

    def comment(text: str, indent: str = "  ") -> str:
        return f"{indent}# {yaml_comment(text)}"

    def detail(text: str) -> str:
        return f"  #   {yaml_comment(text)}"

    lines = [
        comment(f"Số liệu kế hoạch {plan.id} — điền giá trị rồi gửi Văn phòng Sở", ""),
        comment("Ô để trống là chưa báo cáo: không xóa số liệu đã gửi trước đó.", ""),
        comment("Sự kiện: {events: []} là đã báo cáo không có sự kiện nào.", ""),
        comment("Ngày nộp và sự kiện được cộng dồn qua các kỳ: chỉ cần ghi những lần mới.", ""),
        f"plan: {yaml_scalar(plan.id)}",
        f"as_of: {as_of.isoformat()}",
        "source: ",
        "values:",
    ]
    for section in plan.sections:
        lines.append(comment(f"--- {section.id}. {section.title}"))
        for task in section.tasks:
            for check in task.checks:
                lead = units.name_of(check.lead or task.lead)
                key = yaml_scalar(check.id)
                kind = KIND_WORDS.get(check.kind, check.kind)
                lines.append(comment(f"{check.id} [{kind}] {check.title}"))
                if check.kind != "shared" and check.same_as is not None:
                    # one fact in two rows: a key here too would invite two answers
                    same = yaml_comment(check.same_as)
                    lines.append(detail(f"cùng số liệu với {same}: điền một lần, dưới {same}"))
                elif isinstance(check, ThresholdCheck):
                    moved = due_day(check, calendar)
                    due = "thường xuyên" if moved is None else dmy(moved)
                    t = check.target
                    amount = f"{t.value:g}".replace(".", ",") + f" {t.unit}"
                    target = OP_WORDS[t.op].format(amount)
                    lines.append(detail(f"chỉ tiêu: {target} · hạn {due} · {lead}"))
                    lines.append(f"  {key}: ")
                elif isinstance(check, DeliverableCheck):
                    due_on = due_day(check, calendar) or check.due
                    lines.append(detail(f"hạn {dmy(due_on)} · {lead}"))
                    lines.append(f'  {key}: {{done: , evidence: ""}}')
                elif isinstance(check, RecurringCheck):
                    nxt = [d for d in due_days(check, plan, calendar) if d >= as_of][:1]
                    when = f"lần tới {dmy(nxt[0])}" if nxt else "đã hết lịch"
                    rule = describe_rule(check.rrule, "vi")
                    lines.append(detail(f"{rule} · {when} · {lead}"))
                    lines.append(f"  {key}: {{done: []}}")
                elif isinstance(check, EventCheck):
                    lim = check.limit
                    within = f"trong {lim.amount} {LIMIT_WORDS[lim.unit]}"
                    lines.append(detail(f"{within} kể từ: {check.event} · {lead}"))
                    lines.append(f"  {key}: ")
    return "\n".join(lines) + "\n"
