"""Files in and out: inputs read as bounded regular files, outputs written atomically,
and file names shown so that any name can be printed."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from parcheck.errors import UsageError
from parcheck.problems import Problem, Severity

MB = 1024 * 1024
# The shipped plan is 50 kB and a 50,000-task plan about 14 MB; a snapshot of every check of
# such a plan is about 1 MB. Anything far beyond is not a plan or a snapshot (/dev/zero behind
# a link, a log file misnamed), and reading it whole would only exhaust memory.
PLAN_LIMIT = 32 * MB
METRICS_LIMIT = 10 * MB


def shown(path: str | os.PathLike[str]) -> str:
    """`path` as text that can always be printed, in the same form in every output: bytes of
    a name that are not UTF-8 (which Python keeps as lone surrogates) and control characters
    are written as backslash escapes (`s\\xff.yaml`)."""
    text = os.fspath(path)
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no file name decodes to
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


# ----------------------------------------------------------------------------- reading

_KINDS = (
    (stat.S_ISDIR, "thư mục", "a folder"),
    (stat.S_ISFIFO, "ống (FIFO)", "a pipe (FIFO)"),
    (stat.S_ISCHR, "thiết bị ký tự", "a character device"),
    (stat.S_ISBLK, "thiết bị khối", "a block device"),
    (stat.S_ISSOCK, "socket", "a socket"),
)


def kind_of(mode: int) -> dict[str, str]:
    """What a non-regular file is, in both languages (parameters of PF001 and PF003)."""
    for test, vi, en in _KINDS:
        if test(mode):
            return {"kind": vi, "kind_en": en}
    return {"kind": "tệp đặc biệt", "kind_en": "a special file"}


class Unreadable(Exception):
    """An input that was not read, as the problem to report for it."""

    def __init__(self, code: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params = params or {}

    def problem(self, name: str) -> Problem:
        return Problem(name, 0, 0, self.code, self.params)


def read_input(path: Path, limit: int) -> bytes:
    """The bytes of the input file `path`, or `Unreadable`: a regular file only (a FIFO, a
    device or a socket is refused without being opened, and checked again on the open
    descriptor, which is opened non-blocking), of at most `limit` bytes, never reading more
    than `limit` + 1 bytes even from a file that grows."""
    try:
        if not stat.S_ISREG((st := os.stat(path)).st_mode):
            raise Unreadable("PF001", kind_of(st.st_mode))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise Unreadable("PC001") from None
    except OSError as exc:
        raise Unreadable("PC002", {"reason": exc.strerror or str(exc)}) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # replaced between the stat and the open
            raise Unreadable("PF001", kind_of(st.st_mode))
        if st.st_size > limit:
            raise Unreadable("PF002", {"limit": limit // MB})
        chunks = []
        left = limit + 1
        while left > 0 and (chunk := os.read(fd, min(left, MB))):
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise Unreadable("PC002", {"reason": exc.strerror or str(exc)}) from None
    finally:
        os.close(fd)
    if left <= 0:
        raise Unreadable("PF002", {"limit": limit // MB})
    return b"".join(chunks)


def read_or_problem(path: Path, name: str, limit: int) -> bytes | Problem:
    """`read_input`, with a file that cannot be read given as its problem at `name`."""
    try:
        return read_input(path, limit)
    except Unreadable as exc:
        return exc.problem(name)


def _skipped(name: str) -> bool:
    """Hidden files and folders, and editor lock files: LibreOffice's `.~lock.x.ods#` and
    Emacs' `.#x` are hidden, Microsoft Office's is `~$x.xlsx`."""
    return name.startswith((".", "~$"))


def files_in(folder: Path, extensions: frozenset[str], problems: list[Problem]) -> list[Path]:
    """The regular files below `folder` whose extension is one of `extensions`, in name
    order. Hidden and lock files are skipped; so is any other kind of file (a FIFO, a device,
    a link to one or a broken link), with a warning, and never opened. A link to a folder is
    not followed (it may lead back up, or to the whole disk), with a warning too."""
    seen: set[tuple[int, int]] = set()
    found: list[Path] = []
    skipped: list[Problem] = []
    todo = [folder]
    with contextlib.suppress(OSError):
        st = os.stat(folder)
        seen.add((st.st_dev, st.st_ino))
    while todo:
        current = todo.pop()
        try:
            with os.scandir(current) as listing:
                names = sorted(entry.name for entry in listing)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            problems.append(Problem(shown(current), 0, 0, "PC002", {"reason": reason}))
            continue
        folders = []
        for name in names:
            if _skipped(name):
                continue
            path = current / name
            known = path.suffix.lower() in extensions
            try:
                st = os.stat(path)
            except OSError:  # a broken link, or a loop of links
                params = {"kind": "liên kết hỏng", "kind_en": "a broken link"}
            else:
                if stat.S_ISDIR(st.st_mode) and path.is_symlink():
                    params = {
                        "kind": "liên kết tới thư mục, không theo",
                        "kind_en": "a link to a folder, not followed",
                    }
                    skipped.append(Problem(shown(path), 0, 0, "PF003", params, Severity.WARNING))
                    continue
                if stat.S_ISDIR(st.st_mode):
                    if (st.st_dev, st.st_ino) not in seen:  # a bind mount looping back
                        seen.add((st.st_dev, st.st_ino))
                        folders.append(path)
                    continue
                if stat.S_ISREG(st.st_mode):
                    if known:
                        found.append(path)
                    continue
                params = kind_of(st.st_mode)
            if known:
                skipped.append(Problem(shown(path), 0, 0, "PF003", params, Severity.WARNING))
        todo.extend(reversed(folders))
    problems.extend(sorted(skipped, key=lambda p: p.path))
    return sorted(found)


# ----------------------------------------------------------------------------- writing


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
