"""The port between the sync folder's logic and where its files live (Transport), so that
the log writer, the reader and the snapshots are written once for a local folder
(local_folder.py) and a WebDAV share (webdav_folder.py).

Paths are relative to the ``focusmate-sync`` folder, with ``/`` between parts ("" is that
folder itself). Every failure is an OSError: FileNotFoundError for a file or folder that is
not there, any other OSError for a folder that cannot be reached now (the caller keeps its
changes and tries again later).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Entry:
    """One name in a folder listing."""

    name: str
    is_dir: bool
    size: int  # -1: not looked up (a listing without sizes)


class Transport(Protocol):
    """Where the sync folder's files are read and written."""

    @property
    def where(self) -> str:
        """The folder or address, for messages."""
        ...

    @property
    def segment_limit_bytes(self) -> int:
        """How large a log segment grows before the writer starts the next one."""
        ...

    @property
    def whole_writes(self) -> bool:
        """Whether every append replaces the file whole and atomically (no half line can
        be left by a crash, so a new run may go on with the newest segment)."""
        ...

    def list(self, folder: str, sizes: bool = True) -> list[Entry]:
        """The files and folders in ``folder``; FileNotFoundError if it is not there. With
        ``sizes`` False, a transport for which a size costs a call per file may leave
        them out (-1)."""
        ...

    def size(self, path: str) -> int:
        """The size of the file ``path`` (FileNotFoundError if it is not there)."""
        ...

    def read(self, path: str, offset: int = 0) -> bytes:
        """The bytes of ``path`` from ``offset`` to its end."""
        ...

    def append(self, path: str, data: bytes, expected_size: int) -> None:
        """Add ``data`` at the end of ``path`` (created if missing), durably: returns only
        once it is stored. The earlier bytes stay exactly as they were. SegmentChanged,
        with nothing written, if the file is not ``expected_size`` bytes long."""
        ...

    def replace(self, path: str, data: bytes) -> None:
        """Replace ``path`` whole and atomically: a reader sees the old or the new file."""
        ...

    def remove(self, path: str) -> None:
        """Delete ``path``; nothing happens if it is already gone."""
        ...

    def make_folder(self, folder: str) -> None:
        """Create ``folder`` and its parents below the sync folder; the sync folder itself
        must exist (FileNotFoundError otherwise: an unmounted drive is never written to)."""
        ...

    def create_root(self) -> None:
        """Create the ``focusmate-sync`` folder itself (only when sync is enabled)."""
        ...

    def close(self) -> None:
        """Let go of connections; the transport is not used again."""
        ...


class SegmentChanged(Exception):  # noqa: N818 - reads as a sentence at the raise site
    """The segment is not as its writer left it (a sync engine put an older version back):
    appending there would put lines where they were not sealed to be."""


def split(path: str) -> list[str]:
    """The parts of a relative ``path``; ValueError for one that would leave the folder."""
    parts = [part for part in path.split("/") if part]
    if any(part in {".", ".."} or "\\" in part for part in parts):
        raise ValueError(f"not a path inside the sync folder: {path!r}")
    return parts
