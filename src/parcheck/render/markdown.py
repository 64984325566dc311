"""Markdown that stays Markdown: cells escaped, tables with a cell for every column."""

from __future__ import annotations

from collections.abc import Sequence

from parcheck.safety.text import markdown as md_cell

__all__ = ["markdown_table", "md_cell"]


def markdown_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """The lines of a table; every cell escaped (`safety.text.markdown`)."""
    lines = ["| " + " | ".join(md_cell(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return lines
