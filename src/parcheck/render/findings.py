"""`parcheck validate` output: problems as text lines, JSON, or GitHub workflow commands."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from parcheck.problems import Lang, Problem, Severity
from parcheck.safety.text import plain


@dataclass(frozen=True)
class FileFindings:
    """What validating one file found, and (when it was read) what it holds."""

    path: str
    kind: str  # "plan" or "metrics"
    problems: Sequence[Problem]
    summary: dict[str, int] | None = None

    @property
    def valid(self) -> bool:
        return not any(p.severity is Severity.ERROR for p in self.problems)


class FindingsFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


_SUMMARY = {
    "vi": {
        "ok": "hợp lệ",
        "bad": "có lỗi",
        "tasks": "nhiệm vụ",
        "checks": "tiêu chí",
        "deadlines": "thời hạn",
        "values": "giá trị",
        "errors": "lỗi",
        "warnings": "cảnh báo",
    },
    "en": {
        "ok": "valid",
        "bad": "has errors",
        "tasks": "tasks",
        "checks": "checks",
        "deadlines": "deadlines",
        "values": "values",
        "errors": "errors",
        "warnings": "warnings",
    },
}


def render_text(files: Sequence[FileFindings], lang: Lang) -> str:
    words = _SUMMARY[lang]
    lines: list[str] = []
    for found in files:
        lines.extend(plain(p.render(lang)) for p in found.problems)
        errors = sum(p.severity is Severity.ERROR for p in found.problems)
        warnings = len(found.problems) - errors
        if found.valid and found.summary is not None:
            counts = ", ".join(f"{n} {words[k]}" for k, n in found.summary.items())
            tail = f" ({warnings} {words['warnings']})" if warnings else ""
            lines.append(f"{found.path}: {words['ok']} — {counts}{tail}")
        elif not found.valid:
            lines.append(
                f"{found.path}: {words['bad']} — {errors} {words['errors']}, "
                f"{warnings} {words['warnings']}"
            )
    return "\n".join(lines) + "\n"


def render_json(files: Sequence[FileFindings], lang: Lang) -> str:
    payload = {
        "valid": all(found.valid for found in files),
        "files": [
            {
                "path": found.path,
                "kind": found.kind,
                "valid": found.valid,
                "summary": found.summary,
                "problems": [p.as_dict(lang) for p in found.problems],
            }
            for found in files
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(files: Sequence[FileFindings], lang: Lang) -> str:
    lines: list[str] = []
    for found in files:
        for p in found.problems:
            where = f"file={_gh_escape(p.path, prop=True)}"
            if p.line:
                where += f",line={p.line},col={p.column}"
            message = _gh_escape(plain(f"{p.code} {p.message(lang)}"))
            lines.append(f"::{p.severity.value} {where}::{message}")
    return "\n".join(lines) + ("\n" if lines else "")


RENDERERS: dict[FindingsFormat, Callable[[Sequence[FileFindings], Lang], str]] = {
    FindingsFormat.TEXT: render_text,
    FindingsFormat.JSON: render_json,
    FindingsFormat.GITHUB: render_github,
}
