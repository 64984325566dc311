"""Writing a command's output to a file, atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from parcheck.errors import UsageError


def _mode(path: Path) -> int:
    """The replaced file's permissions, or what a new file gets under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_output(text: str, path: Path) -> None:
    """`text` to `path` through a temporary file in the same folder and a rename, so that a
    reader never sees half a file and a failure leaves the old one."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{path}: no such folder {folder}/ (create it first)")
    if path.is_dir():
        raise UsageError(f"{path}: is a folder, not a file")
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, then renamed
            "w",
            encoding="utf-8",
            dir=folder,
            prefix=f".{path.name}.",
            suffix=".tmp",
            delete=False,
            newline="\n",
        )
    except OSError as exc:
        raise UsageError(f"{path}: cannot write ({exc.strerror})") from None
    try:
        with handle:
            handle.write(text)
        os.chmod(handle.name, _mode(path))  # a temporary file is private; the output is not
        os.replace(handle.name, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise UsageError(f"{path}: cannot write ({exc.strerror})") from None
