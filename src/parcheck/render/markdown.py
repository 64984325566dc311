"""Markdown that stays Markdown: cells escaped, tables with a cell for every column."""

from __future__ import annotations

from collections.abc import Sequence

from parcheck.safety.text import one_line


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell (or a heading): one line, no HTML, and the
    characters Markdown gives a meaning escaped (pipes, emphasis, code spans, links, `#`)."""
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;")
    for ch in "\\`*_[]|#":
        text = text.replace(ch, "\\" + ch)
    return text


def markdown_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """The lines of a table; every cell escaped."""
    lines = ["| " + " | ".join(md_cell(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return lines
