"""`parcheck report`: the monthly gap report as Markdown or as terminal text, from one
`ReportData`. Both return text; neither prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from parcheck.engine.report import Due, Item, ReportData
from parcheck.engine.results import ORDER, CheckResult, Status, badge, colour
from parcheck.render.markdown import markdown_table, md_cell
from parcheck.render.status import HEAD, cells, coverage, day, number
from parcheck.safety.text import no_commands, one_line

SPARKS = "▁▂▃▄▅▆▇█"

WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "title": "Báo cáo tình hình thực hiện kế hoạch",
        "as_of": "Ngày đánh giá",
        "plan": "Tệp kế hoạch",
        "data": "Số liệu",
        "periods": "kỳ",
        "none_data": "chưa có",
        "unit": "Đơn vị",
        "summary": "Tóm tắt",
        "status": "Trạng thái",
        "checks_by": "Số tiêu chí theo trạng thái",
        "change": "Thay đổi",
        "points": "Điểm dự kiến: thưởng {b}, trừ {d}, ròng {n} (tháng trước: {pn})",
        "red": "Không đạt và quá hạn",
        "at_risk": "Có nguy cơ không đạt",
        "upcoming": "Đến hạn trong 30 ngày tới",
        "no_data": "Chưa có số liệu — cần đôn đốc",
        "trends": "Diễn biến các chỉ tiêu theo tháng",
        "nothing": "Không có.",
        "pace": "Cần thêm",
        "overdue_by": "Trễ",
        "days": "{n} ngày",
        "done_late": "nộp trễ {n} ngày",
        "in_days": "{amount} trong {n} ngày",
        "today": "{amount} ngay hôm nay",
        "per_day": "{rate}/ngày",
        "more_than": "hơn {amount}",
        "beyond": "vượt {target} trong {n} ngày",
        "pct_points": "điểm %",
        "when": "Ngày",
        "kind": "Loại",
        "trend": "Xu hướng",
        "month": "T{m}",
    },
    "en": {
        "title": "Plan progress report",
        "as_of": "As of",
        "plan": "Plan file",
        "data": "Figures",
        "periods": "snapshots",
        "none_data": "none yet",
        "unit": "Unit",
        "summary": "Summary",
        "status": "Status",
        "checks_by": "Checks by verdict",
        "change": "Change",
        "points": "Projected points: bonus {b}, deduction {d}, net {n} (a month ago: {pn})",
        "red": "Not met and overdue",
        "at_risk": "At risk",
        "upcoming": "Due in the next 30 days",
        "no_data": "No figures yet — to chase",
        "trends": "Thresholds month by month",
        "nothing": "None.",
        "pace": "Still needed",
        "overdue_by": "Late by",
        "days": "{n} days",
        "done_late": "done {n} days late",
        "in_days": "{amount} in {n} days",
        "today": "{amount} today",
        "per_day": "{rate}/day",
        "more_than": "more than {amount}",
        "beyond": "above {target} within {n} days",
        "pct_points": "pct points",
        "when": "Date",
        "kind": "Kind",
        "trend": "Trend",
        "month": "{m:02d}",
    },
}

KINDS = {
    "vi": {
        "threshold": "chỉ tiêu",
        "deliverable": "báo cáo, văn bản",
        "recurring": "định kỳ",
        "event": "sự kiện",
    },
    "en": {
        "threshold": "threshold",
        "deliverable": "report, document",
        "recurring": "recurring",
        "event": "event",
    },
}

Table = tuple[list[str], list[list[str]]]  # header, rows (plain text, not yet escaped)


def sparkline(values: Sequence[float | None]) -> str:
    """A bar per month between the series' lowest and highest value; a gap where none."""
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = high - low
    bars = []
    for value in values:
        if value is None:
            bars.append(" ")
        elif span == 0:
            bars.append(SPARKS[len(SPARKS) // 2])
        else:
            bars.append(SPARKS[round((value - low) / span * (len(SPARKS) - 1))])
    return "".join(bars).rstrip()


def pace(check: CheckResult, lang: str) -> str:
    """What an at-risk check still needs by its deadline: '+12,6 điểm % trong 20 ngày'."""
    words = WORDS[lang]
    if check.target is None or check.actual is None or check.days_left is None:
        return ""
    need = check.target["value"] - check.actual
    unit = words["pct_points"] if check.target["unit"] == "%" else check.target["unit"]
    amount = f"{'+' if need > 0 else '−' if need < 0 else ''}{number(abs(need), lang)} {unit}"
    n = check.days_left
    if check.target["op"] in (">", "<"):
        if need == 0:  # exactly on a strict target: it only has to move past it
            return words["beyond"].format(target=cells(check, lang, dt.date.min)[3], n=n)
        amount = words["more_than"].format(amount=amount)
    if n <= 0:
        return words["today"].format(amount=amount)
    rate = words["per_day"].format(rate=number(abs(need) / n, lang))
    return words["in_days"].format(amount=amount, n=n) + f" ({rate})"


def _heading(data: ReportData, lang: str) -> list[str]:
    words = WORDS[lang]
    used = data.snapshots
    figures = (
        f"{day(used[0], lang)} … {day(used[-1], lang)} ({len(used)} {words['periods']})"
        if used
        else words["none_data"]
    )
    lines = [
        f"{words['as_of']}: {day(data.as_of, lang)}",
        f"{words['plan']}: {data.plan_path} ({data.plan_digest})",
        f"{words['data']}: {figures}",
    ]
    if data.unit:
        lines.insert(1, f"{words['unit']}: {data.unit}")
    return lines


def _summary(data: ReportData, lang: str) -> Table:
    words = WORDS[lang]
    head = [
        words["checks_by"],
        day(data.as_of, lang),
        day(data.previous_as_of, lang),
        words["change"],
    ]
    rows = []
    for status in ORDER:
        now, then = data.counts[status.value], data.previous_counts[status.value]
        change = f"{now - then:+d}" if now != then else "0"
        rows.append([badge(status, lang), str(now), str(then), change])
    return head, rows


def _points(data: ReportData, lang: str) -> str:
    score = data.score
    # the deduction is a size after the word "trừ"/"deduction": "trừ 0,5", not "trừ -0,5"
    parts = (score.bonus, abs(score.deduction), score.net)
    b, d, n = (number(x, lang) or "0" for x in parts)
    previous = number(data.previous_score.net, lang) or "0"
    return WORDS[lang]["points"].format(b=b, d=d, n=n, pn=previous) + coverage(score, lang)


def _late(check: CheckResult, data: ReportData, lang: str) -> str:
    """How late a red check is: a document done late, by how many days it was late; what
    is still owed, days since its deadline (or its missed occurrence). A target missed at
    its deadline is not late: it was judged then."""
    words = WORDS[lang]
    if check.kind == "threshold":
        return "—"
    if check.kind == "deliverable" and isinstance(check.actual, str) and check.due:
        late = (dt.date.fromisoformat(check.actual) - check.due).days
        return words["done_late"].format(n=late) if late > 0 else "—"
    when = check.overdue_since or check.due
    late = (data.as_of - when).days if when is not None and when < data.as_of else 0
    return words["days"].format(n=late) if late else "—"


def _red(items: list[Item], data: ReportData, lang: str) -> Table:
    words = WORDS[lang]
    head = [
        "Mã" if lang == "vi" else "Id",
        _col(lang, 1),
        _col(lang, 3),
        _col(lang, 4),
        _col(lang, 5),
        words["overdue_by"],
        words["status"],
    ]
    rows = []
    for item in items:
        row = cells(item.check, lang, data.as_of)
        rows.append([row[0], row[1], row[3], row[4], row[5], _late(item.check, data, lang), row[7]])
    return head, rows


def _at_risk(data: ReportData, lang: str) -> Table:
    words = WORDS[lang]
    head = [
        _col(lang, 0),
        _col(lang, 1),
        _col(lang, 2),
        _col(lang, 3),
        _col(lang, 4),
        _col(lang, 6),
        words["pace"],
    ]
    rows = []
    for item in data.at_risk:
        row = cells(item.check, lang, data.as_of)
        rows.append([row[0], row[1], row[2], row[3], row[4], row[6], pace(item.check, lang)])
    return head, rows


def _upcoming(dues: list[Due], data: ReportData, lang: str) -> Table:
    words = WORDS[lang]
    head = [
        words["when"],
        _col(lang, 0),
        _col(lang, 1),
        _col(lang, 2),
        words["kind"],
        words["status"],
    ]
    rows = [
        [
            day(due.day, lang),
            due.item.check.id,
            due.item.check.title,
            due.item.unit,
            KINDS[lang][due.what],
            badge(due.item.check.status, lang),
        ]
        for due in dues
    ]
    return head, rows


def _no_data(items: list[Item], data: ReportData, lang: str) -> Table:
    head = [_col(lang, 0), _col(lang, 1), _col(lang, 6)]
    rows = []
    for item in items:
        row = cells(item.check, lang, data.as_of)
        rows.append([row[0], row[1], row[6]])
    return head, rows


def _trends(data: ReportData, lang: str) -> Table:
    words = WORDS[lang]
    head = [_col(lang, 0), _col(lang, 3)]
    head += [words["month"].format(m=m.month) for m in data.month_labels]
    head.append(words["trend"])
    rows = []
    for trend in data.trends:
        row = cells(trend.item.check, lang, data.as_of)
        values = [number(v, lang) if v is not None else "" for v in trend.months]
        rows.append([row[0], row[3], *values, sparkline(trend.months)])
    return head, rows


def _col(lang: str, i: int) -> str:
    return HEAD[lang][i]


def sections(data: ReportData, lang: str) -> list[tuple[str, list[tuple[str | None, Table]]]]:
    """The report's numbered sections: a title and its tables, each under an optional
    subheading (the lead unit)."""
    words = WORDS[lang]
    red_count = sum(len(v) for v in data.red.values())
    no_data_count = sum(len(v) for v in data.no_data.values())
    return [
        (
            f"1. {words['red']} ({red_count})",
            [(unit, _red(items, data, lang)) for unit, items in data.red.items()],
        ),
        (
            f"2. {words['at_risk']} ({len(data.at_risk)})",
            [(None, _at_risk(data, lang))] if data.at_risk else [],
        ),
        (
            f"3. {words['upcoming']} ({len(data.upcoming)})",
            [(None, _upcoming(data.upcoming, data, lang))] if data.upcoming else [],
        ),
        (
            f"4. {words['no_data']} ({no_data_count})",
            [(unit, _no_data(items, data, lang)) for unit, items in data.no_data.items()],
        ),
        (
            f"5. {words['trends']} ({len(data.trends)})",
            [(None, _trends(data, lang))] if data.trends else [],
        ),
    ]


# --- Markdown ---------------------------------------------------------------------------


def render_markdown(data: ReportData, lang: str) -> str:
    words = WORDS[lang]
    lines = [f"# {words['title']}: {md_cell(data.plan_title)}", "", f"**{md_cell(data.owner)}**  "]
    lines += [md_cell(line) + "  " for line in _heading(data, lang)]
    lines += [
        "",
        f"## {words['summary']}",
        "",
        *markdown_table(*_summary(data, lang)),
        "",
        md_cell(_points(data, lang)),
    ]
    for title, tables in sections(data, lang):
        lines += ["", f"## {md_cell(title)}", ""]
        if not tables:
            lines.append(words["nothing"])
        for sub, table in tables:
            if sub:
                lines += [f"### {md_cell(sub)}", ""]
            lines += [*markdown_table(*table), ""]
        if lines[-1] == "":
            lines.pop()
    return "\n".join(lines) + "\n"


# --- terminal ---------------------------------------------------------------------------


def render_terminal(data: ReportData, lang: str, width: int = 100, color: bool = True) -> str:
    """The report as terminal text at `width` columns, coloured (with `color`) by verdict;
    every verdict also has its symbol and word."""
    import io

    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    words = WORDS[lang]
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        force_terminal=color,
    )
    verdict_texts = {badge(s, lang): colour(s) for s in Status}

    # titles, unit names, due dates, paces and a figure sent after its deadline may wrap;
    # ids, figures and verdicts stay whole
    wrapping = {HEAD[lang][1]: 16, HEAD[lang][2]: 10, HEAD[lang][6]: 10, words["pace"]: 12}
    if any(item.check.later for items in data.red.values() for item in items):
        wrapping[HEAD[lang][4]] = 12

    def table(t: Table) -> RichTable:
        head, rows = t
        rich_table = RichTable(
            box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1, 0, 0), expand=False
        )
        for h in head:
            rich_table.add_column(
                Text(h),
                overflow="fold",
                no_wrap=h not in wrapping,
                ratio=1 if h == HEAD[lang][1] else None,
            )
        for row in rows:
            rich_table.add_row(*(Text(one_line(c), style=verdict_texts.get(c, "")) for c in row))
        return rich_table

    def trend_table(t: Table) -> Table:
        """The trend without the target, and only the latest months that fit the width."""
        head, rows = t
        months = len(head) - 3
        fit = max(3, min(months, (width - 22) // 6))
        keep = [0, *range(2 + months - fit, 2 + months), len(head) - 1]
        return [head[i] for i in keep], [[row[i] for i in keep] for row in rows]

    console.print(Text(f"{words['title']}: {one_line(data.plan_title)}", style="bold"))
    console.print(Text(one_line(data.owner)))
    for line in _heading(data, lang):
        console.print(Text(one_line(line)))
    console.print()
    console.print(Text(words["summary"], style="bold underline"))
    console.print(table(_summary(data, lang)))
    console.print(Text(_points(data, lang)))
    for title, tables in sections(data, lang):
        console.print()
        console.print(Text(title, style="bold underline"))
        if not tables:
            console.print(Text(words["nothing"]))
        for sub, t in tables:
            if sub:
                console.print(Text(one_line(sub), style="bold"))
            is_trend = t[0][-1] == words["trend"]
            console.print(table(trend_table(t) if is_trend else t))
    # a title cell wraps: no continuation line may read as a CI workflow command
    return no_commands(out.getvalue())
