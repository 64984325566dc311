"""Errors that end a command, each with the exit code the contract gives it."""

from __future__ import annotations


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
