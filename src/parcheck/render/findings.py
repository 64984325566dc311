"""`parcheck validate` output: problems as text lines, JSON, or GitHub workflow commands."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from parcheck.problems import CAPPED, Lang, Problem, Severity
from parcheck.safety.text import github_data, github_property, json_document, log_line


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
        "more": "vấn đề khác không liệt kê",
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
        "more": "more not listed",
    },
}


def _count(n: int, noun: str, lang: Lang) -> str:
    """`1 error`, `2 errors` (Vietnamese nouns have no plural: `1 lỗi`, `2 lỗi`)."""
    return f"{n} {noun[:-1] if lang == 'en' and n == 1 and noun.endswith('s') else noun}"


def render_text(files: Sequence[FileFindings], lang: Lang) -> str:
    """A line a problem, `path:line:column: severity CODE message`, and a line a file; no
    value or file name can break a line or start a CI workflow command."""
    words = _SUMMARY[lang]
    lines: list[str] = []
    for found in files:
        lines.extend(p.render(lang) for p in found.problems)
        # past the per-file cap, one problem (PC051, PM017) stands for the others
        listed = [p for p in found.problems if p.code not in CAPPED]
        more = sum(int(p.params["more"]) for p in found.problems if p.code in CAPPED)
        errors = sum(p.severity is Severity.ERROR for p in listed)
        warnings = len(listed) - errors
        if found.valid and found.summary is not None:
            counts = ", ".join(f"{n} {words[k]}" for k, n in found.summary.items())
            tail = f" ({_count(warnings, words['warnings'], lang)})" if warnings else ""
            lines.append(log_line(f"{found.path}: {words['ok']} — {counts}{tail}"))
        elif not found.valid:
            lines.append(
                log_line(
                    f"{found.path}: {words['bad']} — {_count(errors, words['errors'], lang)}, "
                    f"{_count(warnings, words['warnings'], lang)}"
                    + (f", {more} {words['more']}" if more else "")
                )
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
    return json_document(payload, indent=2) + "\n"


def render_github(files: Sequence[FileFindings], lang: Lang) -> str:
    """A GitHub Actions workflow command a problem (`::error file=…,line=…,col=…::…`); a
    workbook's problem names its cell (`'Giá trị'!F7: …`) in the message instead."""
    lines: list[str] = []
    for found in files:
        for p in found.problems:
            where = f"file={github_property(p.path)}"
            if p.cell:  # a workbook has no lines to annotate: the cell leads the message
                message = github_data(f"{p.cell}: {p.code} {p.message(lang)}")
            else:
                if p.line:
                    where += f",line={p.line},col={p.column}"
                message = github_data(f"{p.code} {p.message(lang)}")
            lines.append(f"::{p.severity.value} {where}::{message}")
    return "\n".join(lines) + ("\n" if lines else "")


RENDERERS: dict[FindingsFormat, Callable[[Sequence[FileFindings], Lang], str]] = {
    FindingsFormat.TEXT: render_text,
    FindingsFormat.JSON: render_json,
    FindingsFormat.GITHUB: render_github,
}
