"""`parcheck dossiers` as text: JSON (every field of contract §7 and more), a table and
Markdown. Renderers return text and never print."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from parcheck.dates import dmy
from parcheck.dossiers.result import STATUSES, DossierResult, Listed, Rejected
from parcheck.problems import Lang, Problem
from parcheck.render.markdown import markdown_table, md_cell
from parcheck.safety.text import json_document, no_commands, one_line, yaml_scalar


def reason(rejected: Rejected, lang: Lang, index: int = 0) -> str:
    fault = rejected.faults[index]
    return Problem(rejected.file, rejected.row, 0, fault.code, fault.params).message(lang)


def _dossier(d: Listed) -> dict[str, Any]:
    return {"file": d.file, "row": d.row, "code": d.code}


def as_data(result: DossierResult, lang: Lang) -> dict[str, Any]:
    """The result as JSON data: contract §7's fields, then the dossiers behind each figure."""
    t = result.timeliness
    intake = result.intake
    return {
        "as_of": result.as_of.isoformat(),
        "timeliness_rule": t.rule,
        "sources": [
            {
                "path": s.path,
                "format": s.format,
                "sheet": s.sheet,
                "sha256": s.sha256,
                "rows": s.rows,
                "counted": s.counted,
                "rejected": s.rejected,
            }
            for s in result.sources
        ],
        "rows": result.rows,
        "counted": result.counted,
        "rejected": [
            {
                "file": r.file,
                "row": r.row,
                "column": r.faults[0].column,
                "header": r.faults[0].header,
                "code": r.faults[0].code,
                "reason": reason(r, lang),
                "value": r.faults[0].value,
                "faults": [
                    {
                        "column": f.column,
                        "header": f.header,
                        "code": f.code,
                        "reason": reason(r, lang, i),
                        "value": f.value,
                    }
                    for i, f in enumerate(r.faults)
                ],
            }
            for r in result.rejected
        ],
        "timeliness": {
            "early": t.early,
            "on_time": t.on_time,
            "late": t.late,
            "open_late": t.open_late,
            "open": t.open,
            "rate": t.rate,
            "rule": t.rule,
            "numerator": t.numerator,
            "denominator": t.denominator,
            "late_dossiers": [{**_dossier(d), "status": d.status} for d in t.late_dossiers],
        },
        "online_intake": {
            "checked": intake.checked,
            "late": intake.late,
            "late_codes": [d.code for d in intake.late_dossiers],
            "ok": intake.ok,
            "pending": intake.pending,
            "limit_hours": intake.limit_hours,
            "late_dossiers": [
                {**_dossier(d), "hours": round(d.hours, 4), "accepted": d.accepted}
                for d in intake.late_dossiers
            ],
        },
        "officials": [
            {
                "name": o.name,
                "handled": o.handled,
                "late": o.late,
                "share": o.share,
                "flagged": o.flagged,
            }
            for o in result.officials
        ],
        "digitised": {
            "count": result.digitised.count,
            "total": result.digitised.total,
            "rate": result.digitised.rate,
        },
        "pauses": {
            "count": result.pauses.count,
            "violations": [
                {**_dossier(d), "missing": list(d.missing)} for d in result.pauses.violations
            ],
        },
        "apologies": {
            "late": result.apologies.late,
            "missing": [_dossier(d) for d in result.apologies.missing],
        },
        "supplements": {
            "over_once": [{**_dossier(d), "count": d.times} for d in result.supplements],
        },
        "absent_columns": list(result.absent),
    }


BIG = 10_000  # dossier rows past which the JSON is written without indenting (C encoder)


def render_json(result: DossierResult, lang: Lang) -> str:
    """Indented for a person; on one line past BIG rows, where indenting (Python's own
    encoder) would cost more than reading the export."""
    indent = 2 if result.rows <= BIG else None
    return json_document(as_data(result, lang), indent=indent) + "\n"


# ----------------------------------------------------------------------------- words

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Hồ sơ TTHC tính đến hết ngày {day}", "Dossiers as of the end of {day}"),
    "rule.766": ("tỷ lệ đúng hạn theo QĐ 766", "on-time rate by Decision 766"),
    "rule.finished": (
        "tỷ lệ đúng hạn trên hồ sơ đã có kết quả",
        "on-time rate over finished dossiers",
    ),
    "source": (
        "{path}: {rows} hồ sơ, {counted} được tính, {rejected} không tính được",
        "{path}: {rows} dossiers, {counted} counted, {rejected} not counted",
    ),
    "figure": ("Chỉ số", "Figure"),
    "value": ("Kết quả", "Value"),
    "timeliness": ("Tỷ lệ giải quyết đúng hạn, sớm hạn (III.6)", "Handled on time (III.6)"),
    "statuses": (
        "sớm hạn {early} · đúng hạn {on_time} · trễ hạn {late} · quá hạn chưa có kết quả "
        "{open_late} · còn hạn {open}",
        "early {early} · on time {on_time} · late {late} · open past due {open_late} · open {open}",
    ),
    "intake": (
        "Hồ sơ trực tuyến tiếp nhận quá {hours} giờ làm việc (III.4.b)",
        "Online dossiers accepted after {hours} working hours (III.4.b)",
    ),
    "pending": ("đang chờ {pending}", "{pending} pending"),
    "digitised": ("Hồ sơ được số hóa (III.5)", "Dossiers digitised (III.5)"),
    "pauses": (
        "Tạm dừng thiếu lý do, văn bản hoặc thông báo (III.4.e)",
        "Pauses lacking a reason, document or notice (III.4.e)",
    ),
    "apologies": (
        "Hồ sơ trễ hạn không có phiếu xin lỗi (III.4.d)",
        "Late dossiers without an apology slip (III.4.d)",
    ),
    "supplements": (
        "Hồ sơ bị yêu cầu bổ sung quá 01 lần (III.4.c)",
        "Dossiers asked for supplements more than once (III.4.c)",
    ),
    "officials": (
        "Công chức có từ 10 % hồ sơ trễ hạn trở lên (I.4.b)",
        "Officials with 10 % or more late dossiers (I.4.b)",
    ),
    "no_column": ("không có cột", "no column"),
    "official": ("Công chức", "Official"),
    "handled": ("Đã xử lý", "Handled"),
    "late": ("Trễ hạn", "Late"),
    "share": ("Tỷ lệ", "Share"),
    "others": (
        "… và {more} công chức khác dưới 10 %",
        "… and {more} other officials under 10 %",
    ),
    "list.late": ("Hồ sơ trễ hạn", "Late dossiers"),
    "list.intake": ("Tiếp nhận trực tuyến quá hạn", "Online intake past the limit"),
    "list.pauses": ("Tạm dừng thiếu", "Pauses lacking"),
    "list.apologies": ("Trễ hạn không có phiếu xin lỗi", "Late without an apology slip"),
    "list.supplements": ("Yêu cầu bổ sung quá 01 lần", "Supplements asked more than once"),
    "list.rejected": ("Dòng không tính được", "Rows not counted"),
    "more": (
        "… và {more} dòng nữa (--format json liệt kê đủ)",
        "… and {more} more (--format json lists them all)",
    ),
    "row": ("dòng {row}", "row {row}"),
    "late.late": ("trễ hạn", "late"),
    "late.open_late": ("quá hạn, chưa có kết quả", "open past its due date"),
    "hours": ("{hours} giờ", "{hours} h"),
    "not_accepted": ("{hours} giờ, chưa tiếp nhận", "{hours} h, not yet accepted"),
    "times": ("{count} lần", "{count} times"),
    "missing.reason": ("lý do", "reason"),
    "missing.document": ("văn bản", "document"),
    "missing.notice": ("thông báo", "notice"),
    "absent": (
        "Tệp không có cột {columns}: các chỉ số dựa vào đó không tính.",
        "The export has no column {columns}: the figures that need them are not computed.",
    ),
    "code": ("Mã hồ sơ", "Dossier"),
    "note": ("Ghi chú", "Note"),
    "where": ("Dòng", "Row"),
    "annex": (
        "Phụ lục: hồ sơ TTHC tính đến hết ngày {day}",
        "Annex: dossiers as of the end of {day}",
    ),
}


def word(key: str, lang: Lang, **params: object) -> str:
    vi, en = WORDS[key]
    return (en if lang == "en" else vi).format(**params)


def number(value: float, lang: Lang) -> str:
    """A figure with at most two decimals, cut (never rounded up: 99.996 is not 100)."""
    cut = math.floor(value * 100 + 1e-9) / 100
    text = f"{cut:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "vi" else text


def rate(part: int, whole: int, value: float | None, lang: Lang) -> str:
    if value is None:
        return "–"
    return f"{number(value, lang)} % ({part}/{whole})"


@dataclass(frozen=True)
class Section:
    """A list of offending dossiers: its title, how many, and its lines (where, code, note)."""

    title: str
    total: int
    lines: list[tuple[str, str, str]]


def _where(d: Listed | Rejected, many: bool, lang: Lang) -> str:
    return f"{d.file}:{d.row}" if many else word("row", lang, row=d.row)


def figures(result: DossierResult, lang: Lang) -> list[tuple[str, str]]:
    """The headline figures: (what, value) pairs."""
    t, i = result.timeliness, result.intake
    absent = set(result.absent)
    missing = word("no_column", lang)
    flagged = [o for o in result.officials if o.flagged]
    rows = [
        (word("timeliness", lang), rate(t.numerator, t.denominator, t.rate, lang)),
        ("  " + word("statuses", lang, **{s: getattr(t, s) for s in STATUSES}), ""),
        (
            word("intake", lang, hours=number(i.limit_hours, lang)),
            f"{i.late}/{i.checked}"
            + (f" ({word('pending', lang, pending=i.pending)})" if i.pending else ""),
        ),
        (
            word("digitised", lang),
            missing
            if "digitised" in absent
            else rate(result.digitised.count, result.digitised.total, result.digitised.rate, lang),
        ),
        (
            word("pauses", lang),
            missing
            if "paused" in absent
            else f"{len(result.pauses.violations)}/{result.pauses.count}",
        ),
        (
            word("apologies", lang),
            missing
            if "apology" in absent
            else f"{len(result.apologies.missing)}/{result.apologies.late}",
        ),
        (
            word("supplements", lang),
            missing if "supplements" in absent else str(len(result.supplements)),
        ),
        (word("officials", lang), f"{len(flagged)}/{len(result.officials)}"),
    ]
    return rows


def sections(result: DossierResult, lang: Lang, show: int) -> list[Section]:
    """The offending dossiers grouped by rule, each list cut at `show` lines."""
    many = len(result.sources) > 1
    t, i = result.timeliness, result.intake
    groups: list[tuple[str, list[tuple[str, str, str]]]] = [
        (
            "list.late",
            [
                (_where(d, many, lang), d.code, word(f"late.{d.status}", lang))
                for d in t.late_dossiers[:show]
            ],
        ),
        (
            "list.intake",
            [
                (
                    _where(d, many, lang),
                    d.code,
                    word(
                        "hours" if d.accepted else "not_accepted", lang, hours=number(d.hours, lang)
                    ),
                )
                for d in i.late_dossiers[:show]
            ],
        ),
        (
            "list.pauses",
            [
                (
                    _where(d, many, lang),
                    d.code,
                    ", ".join(word(f"missing.{m}", lang) for m in d.missing),
                )
                for d in result.pauses.violations[:show]
            ],
        ),
        (
            "list.apologies",
            [(_where(d, many, lang), d.code, "") for d in result.apologies.missing[:show]],
        ),
        (
            "list.supplements",
            [
                (_where(d, many, lang), d.code, word("times", lang, count=d.times))
                for d in result.supplements[:show]
            ],
        ),
        (
            "list.rejected",
            [(_where(r, many, lang), "", reason(r, lang)) for r in result.rejected[:show]],
        ),
    ]
    totals = {
        "list.late": len(t.late_dossiers),
        "list.intake": len(i.late_dossiers),
        "list.pauses": len(result.pauses.violations),
        "list.apologies": len(result.apologies.missing),
        "list.supplements": len(result.supplements),
        "list.rejected": len(result.rejected),
    }
    return [Section(word(key, lang), totals[key], lines) for key, lines in groups if totals[key]]


def _heading(result: DossierResult, lang: Lang) -> list[str]:
    day = dmy(result.as_of)
    rule = word(f"rule.{result.timeliness.rule}", lang)
    lines = [f"{word('title', lang, day=day)} ({rule})"]
    for s in result.sources:
        lines.append(
            word("source", lang, path=s.path, rows=s.rows, counted=s.counted, rejected=s.rejected)
        )
    if result.absent:
        from parcheck.dossiers.columns import BY_KEY

        names = ", ".join(BY_KEY[k].header for k in result.absent)
        lines.append(word("absent", lang, columns=names))
    return lines


def render_table(result: DossierResult, lang: Lang, show: int = 10, width: int = 80) -> str:
    """Plain text at `width` columns: the figures, the flagged officials, then the
    offending dossiers by rule, each list cut at `show` lines with a count of the rest.
    Narrower than 40 columns (COLUMNS=1), it is laid out at 40."""
    width = max(width, 40)

    def fit(text: str) -> str:  # the parts from the file are made one line before
        text = text.rstrip()
        return text if len(text) <= width else text[: width - 1] + "…"

    out = [fit(one_line(line)) for line in _heading(result, lang)]
    out.append("")
    pairs = figures(result, lang)
    left = min(max(len(a) for a, b in pairs if b) + 2, width - 20)
    for what, value in pairs:
        if not value:
            out.append(fit(what))
        elif len(what) + 2 > left:
            out += [fit(what), fit(" " * left + value)]
        else:
            out.append(fit(what.ljust(left) + value))
    flagged = [o for o in result.officials if o.flagged]
    if flagged:
        out.append("")
        head = [word(k, lang) for k in ("official", "handled", "late", "share")]
        name_width = min(max(len(head[0]), *(len(o.name) for o in flagged[:show])), width - 34)
        out.append(fit(f"{head[0]:<{name_width}}  {head[1]:>9}  {head[2]:>8}  {head[3]:>9}"))
        for o in flagged[:show]:
            name = one_line(o.name)
            name = name if len(name) <= name_width else name[: name_width - 1] + "…"
            share = "–" if o.share is None else f"{number(o.share, lang)} %"
            out.append(fit(f"{name:<{name_width}}  {o.handled:>9}  {o.late:>8}  {share:>9}"))
        if len(flagged) > show:
            out.append(fit(word("more", lang, more=len(flagged) - show)))
    for section in sections(result, lang, show):
        out += ["", fit(f"{section.title} ({section.total})")]
        where_width = max(len(w) for w, _, _ in section.lines)
        for where, code, note in section.lines:
            parts = [where.ljust(where_width)] + [one_line(p) for p in (code, note) if p]
            out.append(fit("  " + "  ".join(parts)))
        if section.total > len(section.lines):
            out.append(fit("  " + word("more", lang, more=section.total - len(section.lines))))
    return no_commands("\n".join(out) + "\n")


def render_markdown(
    result: DossierResult, lang: Lang, show: int = 10, level: int = 1, title: str = ""
) -> str:
    """The same as Markdown: a heading, the figures as a table, then a table a list; from
    heading `level` on (2 as the annex of a report, under `title`)."""
    heading = _heading(result, lang)
    top, sub = "#" * level, "#" * (level + 1)
    out = [f"{top} {md_cell(title or heading[0])}", ""]
    out += [md_cell(line) + "  " for line in heading[(0 if title else 1) :]]
    out.append("")
    rows = [(a.strip(), b) for a, b in figures(result, lang)]
    out += markdown_table([word("figure", lang), word("value", lang)], rows)
    flagged = [o for o in result.officials if o.flagged]
    if flagged:
        out += ["", f"{sub} {md_cell(word('officials', lang))}", ""]
        head = [word(k, lang) for k in ("official", "handled", "late", "share")]
        out += markdown_table(
            head,
            [
                [o.name, str(o.handled), str(o.late), f"{number(o.share or 0, lang)} %"]
                for o in flagged[:show]
            ],
        )
        if len(flagged) > show:
            out += ["", md_cell(word("more", lang, more=len(flagged) - show))]
    for section in sections(result, lang, show):
        out += ["", f"{sub} {md_cell(section.title)} ({section.total})", ""]
        head = [word("where", lang), word("code", lang), word("note", lang)]
        out += markdown_table(head, [list(line) for line in section.lines])
        if section.total > len(section.lines):
            out += ["", md_cell(word("more", lang, more=section.total - len(section.lines)))]
    return "\n".join(out) + "\n"


def render_annex(result: DossierResult, lang: Lang, fmt: str, width: int, show: int = 50) -> str:
    """The offending dossiers as the annex of the monthly report (`report --dossiers`)."""
    title = word("annex", lang, day=dmy(result.as_of))
    if fmt == "markdown":
        return "\n" + render_markdown(result, lang, show, level=2, title=title)
    rule = "─" * min(width, 80)
    return f"\n{rule}\n{title}\n{rule}\n" + render_table(result, lang, show, width)


# ----------------------------------------------------------------------------- metrics

MAX_EVENTS = 10_000  # what a metrics file holds for one event check (figures/values.py)


def _moment(moment: dt.datetime) -> str:
    """An event's moment as a metrics file writes it: a day known by its date only (its
    end, 23:59:59.999999, for an acceptance) as the date, else the date and time."""
    if moment.time() in (dt.time.min, dt.time.max):
        return moment.date().isoformat()
    return moment.strftime("%Y-%m-%d %H:%M:%S" if moment.second else "%Y-%m-%d %H:%M")


def metrics_values(result: DossierResult, kinds: dict[str, str]) -> dict[str, str]:
    """Each check of the plan this export gives a figure for → its value as YAML text
    (flow style): III.6 and III.5 as ratios; the intake rule (III.4.b, an event check) as
    its events late or still open; the counts of III.4.c-e; I.4.b the officials at 10 % or
    more. A check the plan has not, of another kind, or whose column the export lacks is
    left out."""
    absent = set(result.absent)
    t = result.timeliness
    out: dict[str, str] = {}

    def put(check: str, kind: str, text: str) -> None:
        if not t.counted:  # no dossier counted: "0 violations" would be a guess, not a figure
            return
        if kinds.get(check) == kind:
            out[check] = text if text.startswith("\n") else " " + text

    def note(text: str) -> str:  # names from the export: no control reaches the snapshot
        return yaml_scalar(one_line(text))

    if t.denominator:
        words = word("statuses", "vi", **{s: getattr(t, s) for s in STATUSES})
        rule = word(f"rule.{t.rule}", "vi")
        put(
            "III.6",
            "threshold",
            f"{{numerator: {t.numerator}, denominator: {t.denominator}, "
            f"note: {note(f'{rule}: {words}')}}}",
        )
    if "digitised" not in absent and result.digitised.total:
        d = result.digitised
        put("III.5", "threshold", f"{{numerator: {d.count}, denominator: {d.total}}}")
    if "accepted" not in absent and result.intake.checked:
        put("III.4.b", "event", _intake_events(result))
    if "supplements" not in absent:
        put("III.4.c", "threshold", str(len(result.supplements)))
    if "apology" not in absent:
        put("III.4.d", "threshold", str(len(result.apologies.missing)))
    if "paused" not in absent:
        put("III.4.e", "threshold", str(len(result.pauses.violations)))
    flagged = [o.name for o in result.officials if o.flagged]
    text = "số công chức có từ 10% hồ sơ trễ hạn trở lên theo tệp xuất; chưa đối chiếu xếp loại" + (
        f": {', '.join(flagged[:20])}" + (" …" if len(flagged) > 20 else "") if flagged else ""
    )
    put("I.4.b", "threshold", f"{{value: {len(flagged)}, note: {note(text)}}}")
    return out


def _intake_events(result: DossierResult) -> str:
    """The online dossiers late or still waiting, as events (the verdict of the others,
    accepted in time, is met already): late first, at most MAX_EVENTS."""
    intake = result.intake
    events = [(d.submitted, d.accepted_at, d.code) for d in intake.late_dossiers]
    events += [(d.submitted, None, d.code) for d in intake.pending_dossiers]
    lines = []
    for start, done, code in events[:MAX_EVENTS]:
        item = f"start: {yaml_scalar(_moment(start))}"
        if done is not None:
            item += f", done: {yaml_scalar(_moment(done))}"
        lines.append(f"      - {{{item}, ref: {yaml_scalar(one_line(code))}}}")
    if not lines:
        return "{events: []}"
    return "\n    events:\n" + "\n".join(lines)


def render_metrics(result: DossierResult, plan_id: str, kinds: dict[str, str]) -> str:
    """A metrics snapshot (YAML) of the plan's checks this export gives figures for,
    stamped with each export file's SHA-256 and row counts."""
    lines = [
        "# parcheck dossiers --write-metrics: figures computed from the one-stop-shop export.",
        f"plan: {yaml_scalar(plan_id)}",
        f"as_of: {result.as_of.isoformat()}",
        "source: "
        + yaml_scalar(one_line("parcheck dossiers: " + ", ".join(s.path for s in result.sources))),
        "export:",
    ]
    for s in result.sources:
        lines.append(
            f"  - {{path: {yaml_scalar(one_line(s.path))}, format: {s.format}, "
            + (f"sheet: {yaml_scalar(one_line(s.sheet))}, " if s.sheet else "")
            + f'sha256: "{s.sha256}", rows: {s.rows}, counted: {s.counted}, '
            f"rejected: {s.rejected}}}"
        )
    values = metrics_values(result, kinds)
    lines.append("values:" if values else "values: {}  # no dossier counted: no figure")
    for check, value in values.items():
        lines.append(f"  {yaml_scalar(check)}:{value}")
    return "\n".join(lines) + "\n"
