"""`parcheck dossiers` as text: JSON (every field of contract §7 and more), a table and
Markdown. Renderers return text and never print."""

from __future__ import annotations

from typing import Any

from parcheck.dossiers.result import Dossier, DossierResult, Rejected
from parcheck.problems import Lang, Problem
from parcheck.safety.text import json_document


def reason(rejected: Rejected, lang: Lang, index: int = 0) -> str:
    fault = rejected.faults[index]
    return Problem(rejected.file, rejected.row, 0, fault.code, fault.params).message(lang)


def _dossier(d: Dossier) -> dict[str, Any]:
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
                "code": r.faults[0].code,
                "reason": reason(r, lang),
                "value": r.faults[0].value,
                "faults": [
                    {
                        "column": f.column,
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
            "over_once": [{**_dossier(d), "count": d.count} for d in result.supplements],
        },
        "absent_columns": list(result.absent),
    }


def render_json(result: DossierResult, lang: Lang) -> str:
    return json_document(as_data(result, lang), indent=2) + "\n"
