"""Why the sync folder cannot be used as asked: one error with a reason a window can word,
and an English message for the command line and the log. Raised before anything is written.
"""

from __future__ import annotations

from enum import Enum


class Refusal(Enum):
    # The values name reasons, not secrets (S105).
    WRONG_PASSPHRASE = "wrong-passphrase"  # noqa: S105
    PASSPHRASE_NEEDED = "passphrase-needed"  # noqa: S105 - encrypted, an empty one given
    FOLDER_IS_PLAIN = "folder-is-plain"  # encryption asked for, the folder is plain text
    FOLDER_IS_ENCRYPTED = "folder-is-encrypted"  # plain text asked for, the folder is sealed
    NOT_SET_UP = "not-set-up"  # no format.json: not enabled here, or the drive is not there
    NEWER_FORMAT = "newer-format"  # written by a newer focusmate
    DAMAGED_FORMAT = "damaged-format"


class SyncRefused(Exception):  # noqa: N818 - reads as a sentence at the raise site
    """The sync folder was not opened; ``str(error)`` says why in a sentence."""

    def __init__(self, reason: Refusal, message: str) -> None:
        super().__init__(message)
        self.reason = reason
