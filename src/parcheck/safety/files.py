"""Files in and out: inputs read as bounded regular files, outputs written atomically and
never onto an input, and file names shown so that any name can be printed."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parcheck.errors import Interrupted, UsageError, os_reason, os_reasons

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
    """An input that was not read: the problem code to report for it and its parameters
    (the callers, which know how problems are reported, turn it into one)."""

    def __init__(self, code: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params = params or {}


@dataclass(frozen=True)
class Passed:
    """A file a folder walk did not read: the problem code to report for it (a warning
    unless `error`) and its parameters."""

    path: Path
    code: str
    params: dict[str, Any]
    error: bool = False


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
        raise Unreadable("PC002", os_reasons(exc)) from None
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
        raise Unreadable("PC002", os_reasons(exc)) from None
    finally:
        os.close(fd)
    if left <= 0:
        raise Unreadable("PF002", {"limit": limit // MB})
    return b"".join(chunks)


def _skipped(name: str) -> bool:
    """Hidden files and folders, and editor lock files: LibreOffice's `.~lock.x.ods#` and
    Emacs' `.#x` are hidden, Microsoft Office's is `~$x.xlsx`."""
    return name.startswith((".", "~$"))


def files_in(folder: Path, extensions: frozenset[str]) -> tuple[list[Path], list[Passed]]:
    """The regular files below `folder` whose extension is one of `extensions`, in name
    order. Hidden and lock files are skipped; so is any other kind of file (a FIFO, a device,
    a link to one or a broken link), with a warning, and never opened. A link to a folder is
    not followed (it may lead back up, or to the whole disk), with a warning too. Returns
    the files and what was passed over."""
    seen: set[tuple[int, int]] = set()
    found: list[Path] = []
    skipped: list[Passed] = []
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
            skipped.append(Passed(current, "PC002", os_reasons(exc), error=True))
            continue
        folders = []
        for name in names:
            if _skipped(name):
                continue
            path = current / name
            known = path.suffix.lower() in extensions
            try:
                st = os.stat(path)
            except OSError as exc:  # a broken link, or a loop of links
                params = {"kind": "liên kết hỏng", "kind_en": "a broken link"}
                if exc.errno == errno.ELOOP:
                    params = {"kind": "liên kết trỏ vòng", "kind_en": "a loop of links"}
            else:
                if stat.S_ISDIR(st.st_mode) and path.is_symlink():
                    params = {
                        "kind": "liên kết tới thư mục, không theo",
                        "kind_en": "a link to a folder, not followed",
                    }
                    skipped.append(Passed(path, "PF003", params))
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
                skipped.append(Passed(path, "PF003", params))
        todo.extend(reversed(folders))
    return sorted(found), sorted(skipped, key=lambda p: p.path)


# ----------------------------------------------------------------------------- writing


def _cannot_write(path: Path, reason: str, english: bool) -> UsageError:
    if english:
        return UsageError(f"cannot write {shown(path)}: {reason}")
    return UsageError(f"không ghi được {shown(path)}: {reason}")


def reason_of(exc: OSError, english: bool) -> str:
    """Why a read or write failed, in the user's language (`errors.OS_REASONS`)."""
    return os_reason(exc, "en" if english else "vi")


def _failed(path: Path, exc: OSError, english: bool) -> UsageError:
    return _cannot_write(path, reason_of(exc, english), english)


def _refuse_inputs(path: Path, inputs: Iterable[Path], english: bool) -> None:
    """An output onto an input of the same run, by its own name, a link or a hard link: the
    input would be lost the moment the output is written. An output inside an input folder
    (a metrics folder) is refused too: the next run would read it as figures."""
    target = os.path.realpath(path)
    try:
        st = os.stat(path)
        identity: tuple[int, int] | None = (st.st_dev, st.st_ino)
    except OSError:
        identity = None
    for source in inputs:
        if os.path.isdir(source):  # a metrics folder: what is written there is read next time
            if target.startswith(os.path.join(os.path.realpath(source), "")):
                raise _onto_input(path, source, english, inside=True)
            continue
        same = os.path.realpath(source) == target
        if not same and identity is not None:
            with contextlib.suppress(OSError):
                other = os.stat(source)
                same = (other.st_dev, other.st_ino) == identity
        if same:
            raise _onto_input(path, source, english, inside=False)


def _onto_input(path: Path, source: Path, english: bool, *, inside: bool) -> UsageError:
    """The refusal to write `path`: it is the input `source`, or `inside` that folder."""
    out, inp = shown(path), shown(source)
    if english:
        what = (
            f"inside {inp}, a metrics folder this command reads"
            if inside
            else (f"{inp}, an input of this run")
        )
        return UsageError(f"will not write {out}: it is {what} (write it elsewhere)")
    what = (
        f"tệp nằm trong thư mục số liệu {inp} mà lệnh này đọc"
        if inside
        else f"đó là tệp đầu vào {inp} của lần chạy này"
    )
    return UsageError(f"không ghi {out}: {what} (hãy ghi ra chỗ khác)")


def _descriptor(path: Path) -> bool:
    """/dev/stdout, /dev/fd/N, /proc/self/fd/N: an open descriptor of this process, written
    through even when it is a regular file (replacing it would undo the shell's redirection)."""
    name = os.path.abspath(path)
    return name in {"/dev/stdout", "/dev/stderr"} or name.startswith(("/dev/fd/", "/proc/"))


def write_all(fd: int, data: bytes | memoryview) -> None:
    """Every byte of `data` to `fd`, or an OSError: a short write is continued, and a
    descriptor left non-blocking by whoever opened it is waited for."""
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(fd, view) :]
        except BlockingIOError:
            import select

            select.select([], [fd], [])


def _write_through(path: Path, data: bytes, regular: bool) -> None:
    """Open non-blocking, so that a pipe nobody reads is ENXIO at once instead of a wait
    without end; `write_all` then waits for a slow reader."""
    flags = os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC | (os.O_APPEND if regular else os.O_NONBLOCK)
    fd = os.open(path, flags)
    try:
        write_all(fd, data)
    finally:
        os.close(fd)


_ENDING_SIGNALS = ("SIGTERM", "SIGHUP", "SIGQUIT")  # what a closed terminal or `kill` sends


def _raise_interrupted(signum: int, frame: object) -> None:
    raise Interrupted(signum)


@contextlib.contextmanager
def _signals_clean_up() -> Iterator[None]:
    """While the block runs, SIGTERM, SIGHUP and SIGQUIT raise `Interrupted` (so that
    `finally` clauses remove the temporary file) instead of ending the process on the spot.
    Only where the signal would have ended it: in the main thread, with its default
    handler."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    taken = []
    for name in _ENDING_SIGNALS:
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) is signal.SIG_DFL:
            signal.signal(signum, _raise_interrupted)
            taken.append(signum)
    try:
        yield
    finally:
        for signum in taken:
            signal.signal(signum, signal.SIG_DFL)


def _new_mode() -> int:
    """What a new file gets under the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _replace(
    target: Path, data: bytes, old: os.stat_result | None, name: Path, english: bool
) -> None:
    """`data` to `target` through a temporary file in the same folder, synced and renamed
    over it: a reader never sees half a file, a failure leaves the old one, and the old
    file's permissions are kept. The temporary file is removed on every way out."""
    import tempfile

    folder = target.parent
    if not folder.is_dir():
        if english:
            reason = f"no such folder {shown(folder)} (create it first)"
        else:
            reason = f"thư mục {shown(folder)} không tồn tại (hãy tạo trước)"
        raise _cannot_write(name, reason, english)
    if old is not None and not os.access(target, os.W_OK):  # write-protected: keep it so
        raise _failed(name, OSError(errno.EACCES, os.strerror(errno.EACCES)), english)
    mode = stat.S_IMODE(old.st_mode) if old is not None else _new_mode()
    temporary: str | None = None
    try:
        with _signals_clean_up():
            fd, temporary = tempfile.mkstemp(
                dir=folder, prefix=f".{target.name[:64]}.", suffix=".tmp"
            )
            with open(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fchmod(fd, mode)  # a temporary file is private; the output is not
                os.fsync(fd)
            os.replace(temporary, target)
            temporary = None
            with contextlib.suppress(OSError):  # the rename itself made durable
                folder_fd = os.open(folder, os.O_RDONLY)
                try:
                    os.fsync(folder_fd)
                finally:
                    os.close(folder_fd)
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def write_output(
    text: str | bytes, path: Path, inputs: Iterable[Path] = (), lang: str = "vi"
) -> None:
    """Write a command's output to `path`, or raise UsageError (exit 2) with one message.

    - never onto `inputs`, the files this run read (same resolved path, or same device and
      inode: a link or a hard link to one);
    - an existing device or pipe (`/dev/null`, a FIFO, `/dev/stdout`) is written through,
      never replaced;
    - a link to a regular file: the file it points to is replaced, the link kept;
    - otherwise atomically (see `_replace`).
    A failed write (full disk, closed pipe, no permission, no such folder) is one message;
    Ctrl-C, SIGTERM, SIGHUP or SIGQUIT during the write leaves no temporary file behind
    (the signal comes out as `Interrupted`)."""

    english = lang == "en"
    data = text if isinstance(text, bytes) else text.encode("utf-8", "backslashreplace")
    _refuse_inputs(path, inputs, english)
    try:
        try:
            old: os.stat_result | None = os.stat(path)
        except FileNotFoundError:
            old = None
        if old is not None and stat.S_ISDIR(old.st_mode):
            raise _failed(path, OSError(errno.EISDIR, os.strerror(errno.EISDIR)), english)
        if old is not None and (stat.S_ISBLK(old.st_mode) or stat.S_ISSOCK(old.st_mode)):
            kind = kind_of(old.st_mode)["kind_en" if english else "kind"]
            raise _cannot_write(path, kind, english)
        if old is not None and (not stat.S_ISREG(old.st_mode) or _descriptor(path)):
            _write_through(path, data, stat.S_ISREG(old.st_mode))
        else:
            _replace(Path(os.path.realpath(path)), data, old, path, english)
    except OSError as exc:
        raise _failed(path, exc, english) from None


class WholeWrites(io.RawIOBase):
    """A raw writer on a descriptor whose `write` writes every byte or raises (a closed
    pipe, a full disk), for a buffered stream that must not lose data silently."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        write_all(self._fd, view)
        return len(view)
