"""Why the data folder cannot be moved somewhere: one error with a reason the windows can word.

The mover (storage.data_move), the app and the CLI raise :class:`MoveRefused` with an English
message (the CLI prints it as is); the settings window reads :attr:`MoveRefused.refusal` and
says the same thing in the user's language. Nothing has been written when it is raised.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from focusmate.core.errors import ExitCode, FocusmateError


class Refusal(Enum):
    #: The folder was given with --data-dir or $FOCUSMATE_DATA_DIR: that choice wins at every
    #: start, so moving the files would only hide them.
    FIXED = "fixed"
    #: A coaching session is running (its files and the do-not-disturb guard are in use).
    SESSION_RUNNING = "session-running"
    SAME_FOLDER = "same-folder"
    INSIDE_CURRENT = "inside-current"
    NOT_A_FOLDER = "not-a-folder"
    #: The target holds files that are not the leftovers of an earlier, interrupted move.
    NOT_EMPTY = "not-empty"


class MoveRefused(FocusmateError):  # noqa: N818 - reads as a sentence at the raise site
    """The data folder was not moved, and nothing was written, for ``refusal``."""

    def __init__(
        self, refusal: Refusal, message: str, *, folder: str = "", names: Sequence[str] = ()
    ) -> None:
        super().__init__(message)
        self.refusal = refusal
        #: The folder the refusal is about (the target, or the current folder for FIXED).
        self.folder = folder
        #: For NOT_EMPTY: some of the names found there.
        self.names = tuple(names)
        self.exit_code = ExitCode.NOT_NOW if refusal is Refusal.SESSION_RUNNING else ExitCode.USAGE
