"""The one-stop-shop export (contract §7): its files opened (`read.py`, headers matched by
`columns.py`), the rules applied (`rules.py`), the figures as plain data (`result.py`).

`read_dossiers` is what the command line calls. polars and fastexcel are imported only when
it runs, so that no other command pays for them."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from parcheck.dossiers.result import DossierResult

if TYPE_CHECKING:
    from parcheck.dossiers.read import Export
    from parcheck.engine.calendar import WorkCalendar

__all__ = ["DossierResult", "open_exports", "read_dossiers"]


def open_exports(paths: Sequence[Path], renamed: Mapping[str, str] | None = None) -> list[Export]:
    """Each export opened and its header matched (ExportError if one cannot be); a file
    named twice (the same device and inode) is read once."""
    from parcheck.dossiers.read import open_export

    seen: set[tuple[int, int]] = set()
    out = []
    for path in paths:
        try:
            st = os.stat(path)
            key = (st.st_dev, st.st_ino)
        except OSError:
            key = None
        if key is not None and key in seen:
            continue
        out.append(open_export(path, renamed))
        if key is not None:
            seen.add(key)
    return out


def read_dossiers(
    exports: Sequence[Export],
    calendar: WorkCalendar,
    limit_hours: float,
    as_of: dt.date,
    rule: str = "766",
    progress: Callable[[int], None] | None = None,
) -> DossierResult:
    """The figures of `exports` as they stood at the end of `as_of`."""
    from parcheck.dossiers.rules import evaluate

    return evaluate(exports, calendar, limit_hours, as_of, rule, progress)
