"""How far a log segment has been read (or written): the reader's position per file, kept
in the data folder between runs and carried in snapshots so that a joining device starts
where the snapshot ends.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

#: How many of the last bytes read are kept and compared before reading on, to see that the
#: file is still the one read (sync engines replace files by renaming, so the file's inode
#: changes on every update and cannot tell).
TAIL_BYTES = 32


@dataclass(frozen=True)
class FileMark:
    """Bytes and lines taken from a file (lines -1: unknown, the whole file was covered by
    a snapshot), and the last bytes taken."""

    offset: int
    lines: int
    tail: bytes

    def after(self, data: bytes, lines: int) -> FileMark:
        """This mark moved on past ``data``, which holds ``lines`` whole lines."""
        return FileMark(
            self.offset + len(data), self.lines + lines, (self.tail + data)[-TAIL_BYTES:]
        )

    def to_json(self) -> list[object]:
        return [self.offset, self.lines, base64.b64encode(self.tail).decode()]

    @classmethod
    def from_json(cls, data: object) -> FileMark:
        """ValueError for anything that is not a mark."""
        if isinstance(data, list) and len(data) == 3:
            offset, lines, tail = data
            if isinstance(offset, int) and isinstance(lines, int) and isinstance(tail, str):
                try:
                    return cls(offset, lines, base64.b64decode(tail, validate=True))
                except binascii.Error:
                    pass
        raise ValueError("not a file mark")


START = FileMark(0, 0, b"")


def marks_to_json(marks: dict[str, FileMark]) -> dict[str, object]:
    return {path: mark.to_json() for path, mark in marks.items()}


def marks_from_json(data: object) -> dict[str, FileMark]:
    """ValueError unless ``data`` is an object of marks."""
    if not isinstance(data, dict):
        raise ValueError("not a set of marks")
    return {str(path): FileMark.from_json(mark) for path, mark in data.items()}
