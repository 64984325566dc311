"""Text from plan and metrics files is data: terminal control characters are stripped
before it reaches a terminal, rich markup and Markdown are escaped where they apply."""

from __future__ import annotations

import re

# C0 and C1 controls (ESC among them) and DEL, but not tab or newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")


def plain(text: str) -> str:
    """`text` with ANSI sequences and other control characters removed."""
    return _CONTROL.sub("", _ANSI.sub("", text))


def one_line(text: str) -> str:
    """`plain(text)` with every run of white space (newlines too) folded to one space."""
    return " ".join(plain(text).split())
