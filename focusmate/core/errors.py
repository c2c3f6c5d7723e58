"""Domain errors, each carrying a message fit to show a user as is, and its exit code.

Exit codes (the CLI contract): 0 ok, 1 failure (I/O), 2 usage error, 3 no running
instance, 4 not possible now, 5 invalid data file or message.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1
    USAGE = 2
    NO_INSTANCE = 3
    NOT_NOW = 4
    INVALID_DATA = 5


class FocusmateError(Exception):
    """Base of every error that focusmate reports to a user in one clear line."""

    exit_code = ExitCode.FAILURE


class InvalidInput(FocusmateError):  # noqa: N818 - reads as a sentence at the raise site
    """A value the user typed or passed is not acceptable (a usage error)."""

    exit_code = ExitCode.USAGE


class NotPossibleNow(FocusmateError):  # noqa: N818
    """The request is valid but the current state does not allow it (e.g. no session)."""

    exit_code = ExitCode.NOT_NOW


class InvalidData(FocusmateError):  # noqa: N818
    """A file or message does not have the expected shape; nothing was changed."""

    exit_code = ExitCode.INVALID_DATA


class NoInstance(FocusmateError):  # noqa: N818
    """No focusmate app is running to take the request."""

    exit_code = ExitCode.NO_INSTANCE


class StorageFailure(FocusmateError):  # noqa: N818
    """The data directory cannot be read or written (permissions, disk full)."""

    exit_code = ExitCode.FAILURE
