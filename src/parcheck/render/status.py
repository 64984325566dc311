"""`parcheck status` output: a rich table grouped by section or unit, JSON, or Markdown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from parcheck.engine.results import (
    CheckResult,
    Evaluation,
    Score,
    Status,
    TaskResult,
    badge,
    colour,
    count_statuses,
    label,
)
from parcheck.render.markdown import markdown_table, md_cell
from parcheck.safety.text import json_document, one_line, starts_command

if TYPE_CHECKING:
    from rich.console import RenderableType

HEAD = {
    "vi": ["Mã", "Nội dung", "Chủ trì", "Chỉ tiêu", "Thực tế", "Chênh", "Hạn", "Trạng thái"],
    "en": ["Id", "Check", "Lead", "Target", "Actual", "Gap", "Due", "Status"],
}
WORDS = {
    "vi": {
        "left": "còn {n} ngày",
        "over": "quá {n} ngày",
        "today": "hôm nay",
        "continuous": "thường xuyên",
        "score": "Điểm dự kiến: thưởng {b}, trừ {d}, ròng {n}",
        "as_of": "Ngày đánh giá",
        "times": "{n} lần",
        "later": "sau hạn: đạt {value} ngày {day}",
        "late_of": "{late}/{total} trễ",
        "missing_for": "chưa nộp kỳ {day}",
        "late_for": "nộp trễ kỳ {day}",
        "tasks": "nhiệm vụ",
        "section": "Mục",
        "unit": "Đơn vị",
    },
    "en": {
        "left": "{n} days left",
        "over": "{n} days overdue",
        "today": "today",
        "continuous": "continuous",
        "score": "Projected points: bonus {b}, deduction {d}, net {n}",
        "as_of": "As of",
        "times": "{n} sent",
        "later": "after the deadline: reached {value} on {day}",
        "late_of": "{late}/{total} late",
        "missing_for": "missing for {day}",
        "late_for": "late for {day}",
        "tasks": "tasks",
        "section": "Section",
        "unit": "Unit",
    },
}


OP_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}


def number(value: float | None, lang: str) -> str:
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "vi" else text


def day(value: Any, lang: str) -> str:
    when: dt.date = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return when.strftime("%d/%m/%Y" if lang == "vi" else "%Y-%m-%d")


_DAYS = {
    "MO": ("thứ Hai", "Monday"),
    "TU": ("thứ Ba", "Tuesday"),
    "WE": ("thứ Tư", "Wednesday"),
    "TH": ("thứ Năm", "Thursday"),
    "FR": ("thứ Sáu", "Friday"),
    "SA": ("thứ Bảy", "Saturday"),
    "SU": ("Chủ nhật", "Sunday"),
}


def describe_rule(rule: str, lang: str) -> str:
    """A recurring duty's rule as people say it; the RRULE itself when it is not a plain
    monthly-on-a-day or weekly-on-a-weekday rule."""
    parts = dict(
        p.split("=", 1) for p in rule.upper().removeprefix("RRULE:").split(";") if "=" in p
    )
    freq, extra = parts.pop("FREQ", ""), set(parts) - {"BYMONTHDAY", "BYDAY"}
    vi = lang == "vi"
    if freq in ("MONTHLY", "YEARLY") and parts == {"BYMONTH": "3,6,9,12", "BYMONTHDAY": "-1"}:
        return "cuối mỗi quý" if vi else "quarter end"
    if freq == "MONTHLY" and set(parts) == {"BYMONTHDAY"} and not extra:
        day_ = parts["BYMONTHDAY"]
        if day_ == "-1":
            return "cuối mỗi tháng" if vi else "month end"
        if day_.isdigit():
            return f"ngày {day_} hằng tháng" if vi else f"monthly, day {day_}"
    if freq == "WEEKLY" and set(parts) == {"BYDAY"} and parts["BYDAY"] in _DAYS:
        name_vi, name_en = _DAYS[parts["BYDAY"]]
        return f"{name_vi} hằng tuần" if vi else f"weekly, {name_en}"
    return rule


def later_text(check: CheckResult, lang: str) -> str:
    """A threshold's figure reported after its deadline, which is shown but not judged:
    'sau hạn: đạt 100 ngày 25/11/2024'."""
    if check.later is None:
        return ""
    when, value = check.later
    return WORDS[lang]["later"].format(value=number(value, lang) or "0", day=day(when, lang))


def detail_text(check: CheckResult, lang: str) -> str | None:
    """A check's `detail` in JSON, in `lang`: how many of an event check's events were late
    ('1/3 trễ'), the occurrence a recurring duty missed ('chưa nộp kỳ 22/11/2024'), or
    the note or evidence the figures carry, as written."""
    words = WORDS[lang]
    if check.late is not None:
        return words["late_of"].format(late=check.late, total=check.actual)
    if check.kind == "recurring" and check.overdue_since is not None:
        missed = "late_for" if check.status is Status.NOT_MET else "missing_for"
        return words[missed].format(day=day(check.overdue_since, lang))
    return check.detail


def cells(check: CheckResult, lang: str, as_of: dt.date) -> list[str]:
    """A check's row: id, title, lead, target, actual (with a figure reported after the
    deadline, if any), gap, due, verdict."""
    row = _cells(check, lang, as_of)
    if check.later is not None:
        row[4] = " · ".join(x for x in (row[4], later_text(check, lang)) if x)
    return row


def _cells(check: CheckResult, lang: str, as_of: dt.date) -> list[str]:
    words = WORDS[lang]
    target = ""
    if check.target:
        unit = check.target["unit"]
        unit = unit if unit == "%" else f" {unit}"
        op = OP_SIGNS[check.target["op"]]
        target = f"{op} {number(check.target['value'], lang)}{unit}"
    elif check.rrule:
        target = describe_rule(check.rrule, lang)
    if isinstance(check.actual, float):
        actual = number(check.actual, lang)
    elif isinstance(check.actual, str):
        actual = day(check.actual, lang)
    elif check.kind == "recurring":
        actual = words["times"].format(n=check.actual)
    elif check.late is not None:
        actual = words["late_of"].format(late=check.late, total=check.actual)
    else:
        actual = "" if check.actual is None else str(check.actual)
    gap = ""
    if check.gap is not None and check.kind == "threshold":
        gap = ("+" if check.gap > 0 else "") + number(check.gap, lang)
    due = words["continuous"] if check.kind == "threshold" and check.due is None else ""
    # a missed occurrence of a duty is what the secretary must chase, not the next one
    shown_due = check.overdue_since or check.due
    if shown_due is not None:
        due = day(shown_due, lang)
        if check.status is not Status.MET:
            n = (shown_due - as_of).days if check.overdue_since else check.days_left
            n = 0 if n is None else n
            when = (
                words["today"]
                if n == 0
                else (words["left"] if n > 0 else words["over"]).format(n=abs(n))
            )
            due += f" ({when})"
    verdict = badge(check.status, lang)
    # every cell one line of plain text: a unit's name, a rule or a title from the plan
    # cannot break a row or reach the terminal as a control
    row = [check.id, check.title, check.lead, target, actual, gap, due, verdict]
    return [one_line(cell) for cell in row]


def coverage(score: Score, lang: str) -> str:
    """What the projected points leave out, in words: " (tính cho 2/11 tiêu chí …)"."""
    total, scored = score.criteria_total, score.criteria_with_points
    if not total:
        return ""
    if lang == "vi":
        rest = f"; {total - scored} tiêu chí còn lại chưa được tính" if scored < total else ""
        return f" (tính cho {scored}/{total} tiêu chí thưởng, trừ điểm{rest})"
    rest = f"; the other {total - scored} are not counted" if scored < total else ""
    return f" (covers {scored} of {total} bonus and deduction criteria{rest})"


def summary_line(tasks: Sequence[TaskResult], lang: str) -> str:
    """The tasks listed by verdict, and their points: what is shown is what is counted."""
    counts = count_statuses(tasks)
    parts = [f"{label(Status(k), lang)}: {n}" for k, n in counts.items() if n]
    score = Score.of(tasks)
    listed = f"{sum(counts.values())} {WORDS[lang]['tasks']}"
    return (
        (f"{listed} — " + " · ".join(parts) if parts else listed)  # none listed: no dash
        + "\n"
        + WORDS[lang]["score"].format(
            b=number(score.bonus, lang) or "0",
            d=number(abs(score.deduction), lang) or "0",  # "trừ 0,5", not "trừ -0,5"
            n=number(score.net, lang) or "0",
        )
        + coverage(score, lang)
    )


def groups(tasks: Sequence[TaskResult], by: str) -> dict[str, list[TaskResult]]:
    out: dict[str, list[TaskResult]] = {}
    for task in tasks:
        out.setdefault(task.section if by == "section" else task.lead, []).append(task)
    return out


WIDE = 130  # from this many columns the table has a column for every field
GAP = "  "


def render_table(
    evaluation: Evaluation,
    tasks: Sequence[TaskResult],
    lang: str,
    by: str = "section",
    group_titles: dict[str, str] | None = None,
    short_names: dict[str, str] | None = None,
    width: int = 80,
) -> list[RenderableType]:
    """The status table as lines of rich Text: a bold line heading each group (section or
    lead unit) and a row for each check. From `WIDE` columns every field has its column;
    below, a row is two lines, the check's title over its target, actual, gap and lead, so
    that nothing wraps mid-word and a section fits on a screen at 80 columns. Cells are cut
    with an ellipsis to their column; the layout is fixed, so rich's table engine (a third
    of the run time) is not needed."""
    from rich.cells import cell_len
    from rich.text import Text

    short = short_names or {}
    head = HEAD[lang]
    rows: list[tuple[str, CheckResult | None, list[str]]] = []
    for key, members in groups(tasks, by).items():
        title = f"{key}. {group_titles[key]}" if group_titles and key in group_titles else key
        rows.append((one_line(title), None, []))
        for task in members:
            for check in task.checks:
                row = _cells(check, lang, evaluation.as_of)  # a later figure: a line of its own
                row[2] = one_line(short.get(check.lead, check.lead))
                rows.append(("", check, row))
    checks = [row for _, result, row in rows if result is not None]

    def fit(column: int, header: str, cap: int, *, whole: bool = False) -> int:
        """The width a column needs (a due date's second part goes on its own line unless
        `whole`), at most `cap`."""
        parts = []
        for row in checks:
            first, _, rest = row[column].partition(" (")
            parts += [row[column]] if whole else [first, f"({rest}" if rest else ""]
        return min(cap, max([cell_len(header), *map(cell_len, parts)]))

    if width >= WIDE:
        widths = [
            fit(0, head[0], 9),
            0,
            fit(2, head[2], 18),
            fit(3, head[3], 18),
            fit(4, head[4], 12),
            fit(5, head[5], 8),
            fit(6, head[6], 30, whole=True),
            fit(7, head[7], 18),
        ]
        shown = [0, 1, 2, 3, 4, 5, 6, 7]
    else:
        widths = [fit(0, head[0], 9), 0, 0, 0, 0, 0, fit(6, head[6], 16), fit(7, head[7], 18)]
        shown = [0, 1, 6, 7]
    widths[1] = max(
        12, width - sum(widths[i] for i in shown if i != 1) - len(GAP) * (len(shown) - 1)
    )

    def line(parts: list[Text]) -> Text:
        out = Text()
        for i, (column, part) in enumerate(zip(shown, parts, strict=True)):
            part.truncate(widths[column], overflow="ellipsis", pad=i < len(shown) - 1)
            out.append_text(part)
            if i < len(shown) - 1:
                out.append(GAP)
        out.rstrip()
        if starts_command(out.plain):  # a unit's name first on a line: not a CI command
            out = Text("\u200b") + out
        return out

    lines = [line([Text(head[i], style="bold") for i in shown]), Text("─" * width)]
    for title, result, row in rows:
        if result is None:
            if len(lines) > 2:
                lines.append(Text())
            lines.append(
                line([Text(""), Text(title, style="bold"), *[Text("") for _ in shown[2:]]])
            )
            continue
        verdict = Text(row[7], style=colour(result.status))
        if width >= WIDE:
            lines.append(line([*(Text(row[i]) for i in shown[:-1]), verdict]))
        else:
            # the figures first: when the line is cut, it is the unit's name that goes
            facts = " · ".join(x for x in (row[3], _actual(row[4], row[5]), row[2]) if x)
            due, _, left = row[6].partition(" (")
            lines.append(line([Text(row[0]), Text(row[1]), Text(due), verdict]))
            lines.append(
                line([Text(""), Text("  " + facts), Text(f"({left}" if left else ""), Text("")])
            )
        if result.later is not None:  # under the title, free to run to the line's end
            later = Text(" " * (widths[0] + len(GAP)) + "  " + one_line(later_text(result, lang)))
            later.truncate(width, overflow="ellipsis")
            lines.append(later)
    words = WORDS[lang]
    heading = Text(f"{evaluation.plan_id} — {words['as_of']}: {day(evaluation.as_of, lang)}")
    heading.stylize("bold")
    body = Text("\n").join(lines)
    return [heading, body, Text(summary_line(tasks, lang))]


def plain_text(parts: Sequence[RenderableType], width: int) -> str:
    """What `rich.console.Console.print` writes of `render_table`'s parts off a terminal,
    without the console: no style, lines longer than `width` wrapped as rich wraps them. A
    test holds the two equal; the console's import and rendering are a tenth of a run."""
    from rich._wrap import divide_line
    from rich.text import Text

    out: list[str] = []
    for part in parts:
        assert isinstance(part, Text)
        for line in part.split(allow_blank=True):
            for piece in line.divide(divide_line(line.plain, width, fold=True)):
                piece.rstrip_end(width)
                piece.truncate(width, overflow="fold")
                out.append(piece.plain)
    return "".join(f"{line}\n" for line in out)


def _actual(actual: str, gap: str) -> str:
    return f"{actual} ({gap})" if actual and gap and gap != "0" else actual


def render_json(evaluation: Evaluation, tasks: Sequence[TaskResult], lang: str) -> str:
    score = Score.of(tasks)  # summary and score count the tasks listed, as shown
    payload = {
        "plan": evaluation.plan_id,
        "as_of": evaluation.as_of.isoformat(),
        "summary": count_statuses(tasks),
        "score": score.as_dict(),
        "snapshots": [d.isoformat() for d in evaluation.snapshots],
    }
    # One line a field and a task: readable and diffable, and written by json's C encoder
    # (`indent` would switch to the pure-Python one, seconds for a province-size plan).
    fields = [f"  {json_document(k)}: {json_document(v)}" for k, v in payload.items()]
    items = ",\n".join(f"    {json_document(_task_dict(t, lang))}" for t in tasks)
    fields.append(f'  "tasks": [\n{items}\n  ]' if tasks else '  "tasks": []')
    return "{\n" + ",\n".join(fields) + "\n}\n"


def _task_dict(task: TaskResult, lang: str) -> dict[str, Any]:
    """A task in JSON: codes, ids and field names as the contract gives them, the words of
    `detail` in `lang`."""
    out = task.as_dict()
    for check, item in zip(task.checks, out["checks"], strict=True):
        if check.late is not None or check.overdue_since is not None:
            item["detail"] = detail_text(check, lang)
    return out


def render_markdown(evaluation: Evaluation, tasks: Sequence[TaskResult], lang: str) -> str:
    words = WORDS[lang]
    lines = [
        f"# {md_cell(evaluation.plan_id)} — {words['as_of']}: {day(evaluation.as_of, lang)}",
        "",
    ]
    rows = [cells(check, lang, evaluation.as_of) for task in tasks for check in task.checks]
    lines += [*markdown_table(HEAD[lang], rows), ""]
    lines.extend(line + "  " for line in summary_line(tasks, lang).splitlines())
    return "\n".join(lines) + "\n"
