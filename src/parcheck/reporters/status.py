"""`parcheck status` output: a rich table grouped by section or unit, JSON, or Markdown."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from parcheck.results import (
    CheckResult,
    Evaluation,
    Status,
    TaskResult,
    colour,
    label,
    symbol,
)
from parcheck.textsafe import one_line

if TYPE_CHECKING:
    from rich.console import RenderableType

HEAD = {
    "vi": ["Mã", "Nội dung", "Chủ trì", "Chỉ tiêu", "Thực tế", "Chênh lệch", "Hạn", "Trạng thái"],
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
        "tasks": "tasks",
        "section": "Section",
        "unit": "Unit",
    },
}


def number(value: float | None, lang: str) -> str:
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "vi" else text


def day(value: Any, lang: str) -> str:
    when: dt.date = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return when.strftime("%d/%m/%Y" if lang == "vi" else "%Y-%m-%d")


def cells(check: CheckResult, lang: str) -> list[str]:
    words = WORDS[lang]
    target = ""
    if check.target:
        unit = check.target["unit"]
        unit = unit if unit == "%" else f" {unit}"
        target = f"{check.target['op']} {number(check.target['value'], lang)}{unit}"
    elif check.rrule:
        target = check.rrule
    if isinstance(check.actual, float):
        actual = number(check.actual, lang)
    elif isinstance(check.actual, str):
        actual = day(check.actual, lang)
    else:
        actual = "" if check.actual is None else str(check.actual)
    gap = ""
    if check.gap is not None and check.kind == "threshold":
        gap = ("+" if check.gap > 0 else "") + number(check.gap, lang)
    due = words["continuous"] if check.kind == "threshold" and check.due is None else ""
    if check.due is not None:
        due = day(check.due, lang)
        if check.days_left is not None and check.status is not Status.MET:
            n = check.days_left
            when = (
                words["today"]
                if n == 0
                else (words["left"] if n > 0 else words["over"]).format(n=abs(n))
            )
            due += f" ({when})"
    verdict = f"{symbol(check.status)} {label(check.status, lang)}"
    return [
        check.id,
        one_line(check.title),
        one_line(check.lead),
        target,
        actual,
        gap,
        due,
        verdict,
    ]


def summary_line(evaluation: Evaluation, lang: str) -> str:
    counts = evaluation.summary()
    parts = [f"{label(Status(k), lang)}: {n}" for k, n in counts.items() if n]
    score = evaluation.score
    return (
        f"{sum(counts.values())} {WORDS[lang]['tasks']} — "
        + " · ".join(parts)
        + "\n"
        + WORDS[lang]["score"].format(
            b=number(score.bonus, lang) or "0",
            d=number(score.deduction, lang) or "0",
            n=number(score.net, lang) or "0",
        )
    )


def groups(tasks: Sequence[TaskResult], by: str) -> dict[str, list[TaskResult]]:
    out: dict[str, list[TaskResult]] = {}
    for task in tasks:
        out.setdefault(task.section if by == "section" else task.lead, []).append(task)
    return out


def render_table(
    evaluation: Evaluation,
    tasks: Sequence[TaskResult],
    lang: str,
    by: str = "section",
    section_titles: dict[str, str] | None = None,
) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    out: list[RenderableType] = []
    words = WORDS[lang]
    out.append(
        Text(
            f"{evaluation.plan_id} — {words['as_of']}: {day(evaluation.as_of, lang)}", style="bold"
        )
    )
    for key, members in groups(tasks, by).items():
        title = key
        if by == "section" and section_titles and key in section_titles:
            title = f"{words['section']} {key}. {one_line(section_titles[key])}"
        elif by != "section":
            title = f"{words['unit']}: {one_line(key)}"
        table = Table(
            title=title, title_justify="left", show_lines=False, expand=False, title_style="bold"
        )
        for i, head in enumerate(HEAD[lang]):
            table.add_column(
                head,
                overflow="fold",
                ratio=3 if i == 1 else None,
                no_wrap=i in (0, len(HEAD[lang]) - 1),
                min_width=6 if i == 1 else None,
            )
        for task in members:
            for check in task.checks:
                row = cells(check, lang)
                style = colour(check.status)
                table.add_row(*[Text(c) for c in row[:-1]], Text(row[-1], style=style))
        out.append(table)
    out.append(Text(summary_line(evaluation, lang)))
    return out


def render_json(evaluation: Evaluation, tasks: Sequence[TaskResult], lang: str) -> str:
    payload = {
        "plan": evaluation.plan_id,
        "as_of": evaluation.as_of.isoformat(),
        "summary": evaluation.summary(),
        "score": {
            "bonus": evaluation.score.bonus,
            "deduction": evaluation.score.deduction,
            "net": evaluation.score.net,
        },
        "snapshots": [d.isoformat() for d in evaluation.snapshots],
        "tasks": [task.as_dict() for task in tasks],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes, newlines, HTML or code spans."""
    import html

    text = html.escape(one_line(text), quote=False)
    for ch in "\\`*_[]|#":
        text = text.replace(ch, "\\" + ch)
    return text


def render_markdown(evaluation: Evaluation, tasks: Sequence[TaskResult], lang: str) -> str:
    words = WORDS[lang]
    lines = [
        f"# {md_cell(evaluation.plan_id)} — {words['as_of']}: {day(evaluation.as_of, lang)}",
        "",
    ]
    head = HEAD[lang]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    for task in tasks:
        for check in task.checks:
            lines.append("| " + " | ".join(md_cell(c) for c in cells(check, lang)) + " |")
    lines.append("")
    lines.extend(line + "  " for line in summary_line(evaluation, lang).splitlines())
    return "\n".join(lines) + "\n"
