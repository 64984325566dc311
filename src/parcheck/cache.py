"""A small on-disk cache of work keyed by the bytes it was done on.

Loading the plan (YAML, pydantic validation, meaning checks) costs more than the rest of a
`status` run; the plan changes a few times a year and is read many times a day. Entries are
keyed by a hash of the input's bytes, its path and the versions of parcheck, pydantic and
Python, so any change to either makes a new entry. `PARCHECK_NO_CACHE=1` turns it off;
`PARCHECK_CACHE_DIR` moves it. A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
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


def key(kind: str, *parts: bytes | str) -> str:
    digest = hashlib.sha256(f"{kind}\0{__version__}\0{sys.version}\0".encode())
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
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as tmp:
            pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, folder / f"{name}.pickle")
    except Exception:
        pass
