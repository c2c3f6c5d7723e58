"""What the sync folder has to tell the user, each thing once: a kind a window can word,
the file or device it is about, and an English sentence a manager understands.

Notices are collected while reading and writing and handed out once (drain); the same kind
about the same file is not said twice in one run.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class NoticeKind(Enum):
    CUT_LINE = "cut-line"  # a line cut off and followed by more: skipped
    CUT_END = "cut-end"  # a segment ends in half a line and a newer segment exists
    REFUSED_LINE = "refused-line"  # a line altered, moved, or sealed with another key
    FOREIGN_CHANGE = "foreign-change"  # a change in one device's file names another device
    CONFLICT_COPY = "conflict-copy"  # a sync engine's copy: read as well
    FILE_REPLACED = "file-replaced"  # a file shrank or changed: read again from its start
    FILE_GONE = "file-gone"  # a file went away (it is read again if it comes back)
    DAMAGED_FILE = "damaged-file"  # a snapshot or device file that cannot be opened
    FOLDER_UNAVAILABLE = "folder-unavailable"
    FOLDER_BACK = "folder-back"
    SET_UP_AGAIN = "set-up-again"  # format.json changed: paused until sync is enabled again
    SAME_DEVICE_ID = "same-device-id"  # another install writes as this device (a cloned disk)


@dataclass(frozen=True)
class Notice:
    kind: NoticeKind
    subject: str
    words: str


class Notices:
    """Notices said once per (kind, subject) in this run."""

    def __init__(self) -> None:
        self._said: set[tuple[NoticeKind, str]] = set()
        self._new: list[Notice] = []

    def add(self, kind: NoticeKind, subject: str, words: str) -> None:
        if (kind, subject) in self._said:
            return
        self._said.add((kind, subject))
        self._new.append(Notice(kind, subject, words))

    def forget(self, kind: NoticeKind, subject: str) -> None:
        """Let ``kind`` about ``subject`` be said again (the folder went away once more)."""
        self._said.discard((kind, subject))

    def drain(self) -> list[Notice]:
        """The notices added since the last drain."""
        new, self._new = self._new, []
        return new
