"""The sync folder on this computer's file system (a Syncthing, Nextcloud, Dropbox or
OneDrive folder, or a network drive): Transport for local paths.

An append is one O_APPEND write followed by fsync (and an fsync of the folder when the file
is new), so the bytes a sync engine sees only ever grow. Whole files go through
files.atomic (temp file, fsync, rename, fsync the folder).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from focusmate.files.atomic import append_durably, atomic_write_bytes
from focusmate.sync.names import DEVICES, ROOT
from focusmate.sync.transport import Entry, SegmentChanged, split

#: A segment this size or more is closed and the next one started: large enough that a
#: five-year history stays a few hundred files, small enough that a sync engine moves it
#: quickly.
SEGMENT_LIMIT_BYTES = 4 * 1024 * 1024


class LocalFolder:
    """The ``focusmate-sync`` folder inside ``folder``, a folder the user chose."""

    def __init__(self, folder: Path, segment_limit_bytes: int = SEGMENT_LIMIT_BYTES) -> None:
        self._root = folder / ROOT
        self._limit = segment_limit_bytes

    @property
    def where(self) -> str:
        return str(self._root.parent)

    @property
    def segment_limit_bytes(self) -> int:
        return self._limit

    @property
    def whole_writes(self) -> bool:
        return False  # an append is a write at the end: a crash can cut it

    def path(self, relative: str) -> Path:
        return self._root.joinpath(*split(relative))

    def list(self, folder: str, sizes: bool = True) -> list[Entry]:
        entries = []
        with os.scandir(self.path(folder)) as found:
            for item in found:
                try:
                    is_dir = item.is_dir(follow_symlinks=False)  # no call on most systems
                    size = item.stat(follow_symlinks=False).st_size if sizes else -1
                except FileNotFoundError:
                    continue  # gone between the listing and the look
                entries.append(Entry(item.name, is_dir, 0 if is_dir else size))
        return entries

    def size(self, path: str) -> int:
        return self.path(path).stat().st_size

    def read(self, path: str, offset: int = 0) -> bytes:
        with self.path(path).open("rb") as handle:
            handle.seek(offset)
            return handle.read()

    def append(self, path: str, data: bytes, expected_size: int) -> None:
        target = self.path(path)
        new = not target.exists()
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            if os.fstat(fd).st_size != expected_size:
                raise SegmentChanged(path)
            append_durably(fd, data)
        finally:
            os.close(fd)
        if new:
            _fsync_folder(target.parent)

    def replace(self, path: str, data: bytes) -> None:
        atomic_write_bytes(self.path(path), data)

    def remove(self, path: str) -> None:
        self.path(path).unlink(missing_ok=True)

    def make_folder(self, folder: str) -> None:
        if not self._root.is_dir():
            raise FileNotFoundError(f"the sync folder {self._root} is not there")
        current = self._root
        for part in split(folder):
            current = current / part
            if not current.is_dir():
                current.mkdir(mode=0o700)
                _fsync_folder(current.parent)

    def create_root(self) -> None:
        self._root.mkdir(mode=0o700, exist_ok=True)

    def close(self) -> None:
        pass  # nothing held between calls

    def folders_to_watch(self) -> Sequence[Path]:
        """What a file-system watcher (QFileSystemWatcher) should watch so that polls run
        only when something arrived: the sync folder, ``devices`` and each device's folder
        (ask again when ``devices`` changes: a new device). Those that exist now."""
        devices = self._root / DEVICES
        found = [self._root, devices] if devices.is_dir() else [self._root]
        if devices.is_dir():
            found.extend(sorted(p for p in devices.iterdir() if p.is_dir()))
        return [p for p in found if p.is_dir()]


def _fsync_folder(folder: Path) -> None:
    """Make a new name in ``folder`` survive a power cut (POSIX only)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
