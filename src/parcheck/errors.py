"""Errors that end a command, each with the exit code the contract gives it, and what the
system's own errors (an OSError's errno) are called in both languages."""

from __future__ import annotations

import errno


class ParcheckError(Exception):
    """A problem that stops a command; `message` is shown to the user as it is."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(ParcheckError):
    """A bad option value or a file that cannot be read at all (exit 2)."""


class Interrupted(BaseException):
    """A signal that would end the process (SIGTERM, SIGHUP, SIGQUIT) arrived while a
    temporary file existed: raised so that the file is removed on the way out, then turned
    by the command line into exit 128 + the signal's number, as the signal would have."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


# Why a read or a write failed, in words a secretary understands: the one table every message
# made of an OSError takes its reason from (the system's own strerror is English and says
# "Is a directory"). Each reason follows "không đọc được tệp: " or "không ghi được X: ".
OS_REASONS: dict[int, tuple[str, str]] = {
    errno.EACCES: ("không có quyền truy cập", "permission denied"),
    errno.EPERM: ("không được phép", "operation not permitted"),
    errno.ENOENT: ("không có tệp hay thư mục này", "no such file or folder"),
    errno.EISDIR: ("đó là một thư mục, cần tên tệp", "it is a folder, not a file"),
    errno.ENOTDIR: (
        "một phần của đường dẫn không phải thư mục",
        "part of the path is not a folder",
    ),
    errno.ENOSPC: ("đĩa đã đầy", "no space left on the device"),
    errno.EDQUOT: ("vượt hạn mức dung lượng đĩa", "disk quota exceeded"),
    errno.EFBIG: ("tệp quá lớn", "the file is too large"),
    errno.EROFS: ("ổ đĩa chỉ cho đọc", "read-only file system"),
    errno.ELOOP: ("các liên kết trỏ vòng lẫn nhau", "a loop of links"),
    errno.ENAMETOOLONG: ("tên tệp hoặc đường dẫn quá dài", "the file name or path is too long"),
    errno.EMFILE: ("đang mở quá nhiều tệp", "too many open files"),
    errno.ENFILE: ("hệ thống đang mở quá nhiều tệp", "too many open files in the system"),
    errno.EIO: (
        "lỗi đọc/ghi thiết bị (đĩa hỏng hoặc ổ mạng mất kết nối)",
        "input/output error (a failing disk or a lost network drive)",
    ),
    errno.EPIPE: ("đầu đọc của ống đã đóng", "the reading end of the pipe is closed"),
    errno.EEXIST: ("đã có tệp hoặc thư mục cùng tên", "a file or folder of that name exists"),
    errno.EXDEV: (
        "không chuyển được tệp sang ổ đĩa khác",
        "cannot move a file to another file system",
    ),
    errno.EBUSY: ("tệp hoặc thiết bị đang bận", "the file or device is busy"),
    errno.ETXTBSY: ("tệp đang được dùng", "the file is in use"),
    errno.EAGAIN: ("tạm thời không dùng được, hãy thử lại", "temporarily unavailable, try again"),
    errno.ENOMEM: ("không đủ bộ nhớ", "out of memory"),
    errno.ENODEV: ("không có thiết bị này", "no such device"),
    errno.ENXIO: ("không có ai đọc ở đầu kia", "nothing reads at the other end"),
    errno.EBADF: ("đầu ra đã đóng", "the output is closed"),
    errno.EINVAL: ("không ghi được vào đó", "it cannot be written to"),
    errno.ETIMEDOUT: ("hết thời gian chờ", "timed out"),
    errno.ESTALE: ("tệp trên ổ mạng không còn dùng được", "stale file handle on a network drive"),
}


def os_reason(exc: OSError, lang: str) -> str:
    """Why `exc` happened, in `lang` (vi or en). An errno not in the table is named by its
    symbol in Vietnamese (`lỗi hệ thống ETIMEDOUT`), by the system's own words in English."""
    known = OS_REASONS.get(exc.errno or 0)
    if known is not None:
        return known[1] if lang == "en" else known[0]
    own = exc.strerror or str(exc) or type(exc).__name__
    if lang == "en":
        return own
    code = errno.errorcode.get(exc.errno or 0)
    return f"lỗi hệ thống {code}" if code else f"lỗi hệ thống ({own})"


def os_reasons(exc: OSError) -> dict[str, str]:
    """The parameters `reason_vi` and `reason_en` of a problem about `exc` (PC002)."""
    return {"reason_vi": os_reason(exc, "vi"), "reason_en": os_reason(exc, "en")}
