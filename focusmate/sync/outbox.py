"""This device's changes not yet in the sync folder, kept in the data folder
(``sync-outbox.jsonl``, private like every file there) until the folder takes them: a
network drive away, a share down, and nothing made meanwhile is lost.

Each batch is appended and fsynced before the caller is told it is kept; the file is emptied
only once the sync folder has the batch. A last line cut by a crash was never acknowledged
and is dropped.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from focusmate.files.atomic import (
    append_durably,
    dumps_strict,
    ensure_private_dir,
    remove_durably,
)
from focusmate.sync.codec import DamagedRecord
from focusmate.sync.log_reader import Change, parse_change

OUTBOX_FILE = "sync-outbox.jsonl"


class Outbox:
    """The pending changes in ``data_folder``."""

    def __init__(self, data_folder: Path) -> None:
        self._path = data_folder / OUTBOX_FILE

    def add(self, changes: Sequence[Mapping[str, object]]) -> None:
        """Keep ``changes`` durably (OSError if the data folder cannot be written)."""
        data = b"".join(dumps_strict(change) + b"\n" for change in changes)
        ensure_private_dir(self._path.parent)
        fd = os.open(self._path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            if os.fstat(fd).st_size and not _ends_whole(fd):
                os.write(fd, b"\n")  # a crash cut the last line: keep the new ones apart
            append_durably(fd, data)
        finally:
            os.close(fd)

    def pending(self) -> list[Change]:
        """The changes kept and not yet sent, oldest first."""
        try:
            raw = self._path.read_bytes()
        except FileNotFoundError:
            return []
        changes = []
        for line in raw.split(b"\n"):
            try:
                changes.append(parse_change(line))
            except DamagedRecord:
                continue  # empty, or cut by a crash before it was acknowledged
        return changes

    def clear(self) -> None:
        """Forget what was pending: the sync folder has it now."""
        remove_durably(self._path)


def _ends_whole(fd: int) -> bool:
    return os.pread(fd, 1, os.fstat(fd).st_size - 1) == b"\n"
