"""`parcheck template`: the metrics form the secretary sends to the units."""

from __future__ import annotations

import datetime as dt

from parcheck import problems
from parcheck.plan.model import DeliverableCheck, EventCheck, Plan, RecurringCheck, ThresholdCheck
from parcheck.plan.units import UnitIndex
from parcheck.safety.text import yaml_comment, yaml_scalar

KIND_WORDS = {
    "vi": problems.KIND_WORDS,  # as the messages name a kind
    "en": {
        "threshold": "target",
        "deliverable": "document",
        "recurring": "recurring",
        "event": "event",
        "shared": "shared",
    },
}

OP_WORDS = {  # a target as people say it: "từ 100 % trở lên"
    "vi": {
        ">=": "từ {} trở lên",
        ">": "trên {}",
        "<=": "không quá {}",
        "<": "dưới {}",
        "==": "đúng {}",
    },
    "en": {
        ">=": "at least {}",
        ">": "more than {}",
        "<=": "at most {}",
        "<": "less than {}",
        "==": "exactly {}",
    },
}

LIMIT_WORDS = {
    "vi": {
        "calendar_days": "ngày",
        "working_days": "ngày làm việc",
        "working_hours": "giờ làm việc",
    },
    "en": {
        "calendar_days": "days",
        "working_days": "working days",
        "working_hours": "working hours",
    },
}

WORDS = {
    "vi": {
        "head": "Số liệu kế hoạch {} — điền giá trị rồi gửi Văn phòng Sở",
        "blank": "Ô để trống là chưa báo cáo: không xóa số liệu đã gửi trước đó.",
        "events": "Sự kiện: {events: []} là đã báo cáo không có sự kiện nào.",
        "add_up": "Ngày nộp và sự kiện được cộng dồn qua các kỳ: chỉ cần ghi những lần mới.",
        "same": "cùng số liệu với {0}: điền một lần, dưới {0}",
        "continuous": "hạn thường xuyên",
        "due_on": "hạn {}",
        "target": "chỉ tiêu: {} · {} · {}",
        "due": "hạn {} · {}",
        "next": "lần tới {}",
        "over": "đã hết lịch",
        "within": "trong {} {} kể từ: {} · {}",
    },
    "en": {
        "head": "Figures for plan {} — fill in the values and send them to Văn phòng Sở",
        "blank": "A blank is not reported: it erases nothing sent before.",
        "events": "Events: {events: []} reports that there were none.",
        "add_up": "Submissions and events add up over the periods: list only the new ones.",
        "same": "one figure with {0}: give it once, under {0}",
        "continuous": "continuous",
        "due_on": "due {}",
        "target": "target: {} · {} · {}",
        "due": "due {} · {}",
        "next": "next {}",
        "over": "no more occurrences",
        "within": "within {} {} of: {} · {}",
    },
}


def render_template(plan: Plan, as_of: dt.date, lang: str = "vi") -> str:
    """A YAML metrics file with every check of `plan` blank, and what each check asks for
    (kind, target, due date, lead unit) in comments. Read back untouched, it is a valid,
    empty snapshot: a blank is "not reported" (event checks are left bare, since
    `{events: []}` reports "no events so far"). Plan text only ever reaches a comment,
    one line each (`safety.text.yaml_comment`), so a title cannot add a line or a key."""
    from parcheck.engine.calendar import WorkCalendar
    from parcheck.engine.schedule import due_day, due_days
    from parcheck.render.status import day, describe_rule

    words = WORDS[lang]
    kinds, ops, limits = KIND_WORDS[lang], OP_WORDS[lang], LIMIT_WORDS[lang]

    units = UnitIndex(plan)
    calendar = WorkCalendar(plan.calendar)

    def comment(text: str, indent: str = "  ") -> str:
        return f"{indent}# {yaml_comment(text)}"

    def detail(text: str) -> str:
        return f"  #   {yaml_comment(text)}"

    lines = [
        comment(words["head"].format(plan.id), ""),
        comment(words["blank"], ""),
        comment(words["events"], ""),
        comment(words["add_up"], ""),
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
                kind = kinds.get(check.kind, check.kind)
                lines.append(comment(f"{check.id} [{kind}] {check.title}"))
                if check.kind != "shared" and check.same_as is not None:
                    # one fact in two rows: a key here too would invite two answers
                    same = yaml_comment(check.same_as)
                    lines.append(detail(words["same"].format(same)))
                elif isinstance(check, ThresholdCheck):
                    moved = due_day(check, calendar)
                    due = (
                        words["continuous"]
                        if moved is None
                        else words["due_on"].format(day(moved, lang))
                    )
                    t = check.target
                    figure = f"{t.value:g}"
                    amount = (figure.replace(".", ",") if lang == "vi" else figure) + f" {t.unit}"
                    target = ops[t.op].format(amount)
                    lines.append(detail(words["target"].format(target, due, lead)))
                    lines.append(f"  {key}: ")
                elif isinstance(check, DeliverableCheck):
                    due_on = due_day(check, calendar) or check.due
                    lines.append(detail(words["due"].format(day(due_on, lang), lead)))
                    lines.append(f'  {key}: {{done: , evidence: ""}}')
                elif isinstance(check, RecurringCheck):
                    nxt = [d for d in due_days(check, plan, calendar) if d >= as_of][:1]
                    when = words["next"].format(day(nxt[0], lang)) if nxt else words["over"]
                    rule = describe_rule(check.rrule, lang)
                    lines.append(detail(f"{rule} · {when} · {lead}"))
                    lines.append(f"  {key}: {{done: []}}")
                elif isinstance(check, EventCheck):
                    lim = check.limit
                    text = words["within"].format(lim.amount, limits[lim.unit], check.event, lead)
                    lines.append(detail(text))
                    lines.append(f"  {key}: ")
    return "\n".join(lines) + "\n"
