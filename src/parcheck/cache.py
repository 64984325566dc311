"""A small on-disk cache of work keyed by the bytes it was done on.

Loading the plan (YAML, pydantic validation, meaning checks) costs more than the rest of a
`status` run; the plan changes a few times a year and is read many times a day. Entries are
keyed by a hash of the input's bytes, its path, parcheck's own code and Python's version, so
any change to either makes a new entry. `PARCHECK_NO_CACHE=1` turns it off;
`PARCHECK_CACHE_DIR` moves it. A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from parcheck import __version__


def _dir() -> Path | None:
    if os.environ.get("PARCHECK_NO_CACHE"):
        return None
    if override := os.environ.get("PARCHECK_CACHE_DIR"):
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "parcheck"


@functools.cache
def _code_stamp() -> str:
    """The size and time of every module of parcheck: an entry pickled by other code (an
    edited checkout, another install) is never read back into classes it does not fit."""
    here = Path(__file__).parent
    stats = sorted((str(p.relative_to(here)), p.stat()) for p in here.rglob("*.py"))
    return ";".join(f"{name}:{st.st_size}:{st.st_mtime_ns}" for name, st in stats)


def key(kind: str, *parts: bytes | str) -> str:
    stamp = f"{kind}\0{__version__}\0{sys.version}\0{_code_stamp()}\0"
    digest = hashlib.sha256(stamp.encode())
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return f"{kind}-{digest.hexdigest()[:32]}"


def get(name: str) -> Any | None:
    folder = _dir()
    if folder is None:
        return None
    try:
        with open(folder / f"{name}.pickle", "rb") as handle:
            return pickle.load(handle)
    except Exception:
        return None


def put(name: str, value: Any) -> None:
    folder = _dir()
    if folder is None:
        return
    import tempfile  # only a miss writes: a warm run need not import it

    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as tmp:
            pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, folder / f"{name}.pickle")
    except Exception:
        pass
