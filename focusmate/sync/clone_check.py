"""Two installs writing as one device (a cloned disk, a restored backup running beside the
original): found from this device's own folder, which only this run should change.

Signs: device.json carries another run's nonce; a sync engine's copy of device.json or of a
segment appeared (two writers of one file); the segment being written has bytes this run did
not write; the newest segments of earlier runs grow (each run starts its own, so they never
grow again); a segment this run did not start appears.
"""

from __future__ import annotations

from focusmate.sync.codec import Codec, DamagedRecord, RefusedRecord
from focusmate.sync.device_file import read_device_file
from focusmate.sync.log_writer import LogWriter
from focusmate.sync.names import device_folder, is_device_file_copy, parse_segment
from focusmate.sync.transport import Transport

#: How many of the earlier runs' newest segments are watched for growth.
RECENT = 2


class CloneWatch:
    """Watches ``device``'s folder for a writer other than this run (``nonce`` in
    device.json, ``writer`` for the segments)."""

    def __init__(self, device: str, nonce: str, writer: LogWriter) -> None:
        self._device = device
        self._nonce = nonce
        self._writer = writer
        #: The names in the folder when first looked at, and the sizes of the newest
        #: segments earlier runs wrote (another install still running would grow those).
        self._names: frozenset[str] | None = None
        self._earlier: dict[str, int] = {}

    def another_writer(self, transport: Transport, codec: Codec) -> str | None:
        """Why another install seems to write as this device, or None. OSError if the
        folder cannot be read."""
        try:
            info = read_device_file(transport, codec, self._device)
        except (DamagedRecord, RefusedRecord):
            return "its device.json was written with another key or is damaged"
        if info is not None and info.nonce != self._nonce:
            return "its device.json was rewritten by another install"
        folder = device_folder(self._device)
        try:
            listed = {e.name: e.size for e in transport.list(folder, sizes=False)}
        except FileNotFoundError:
            return None
        names = frozenset(listed)
        if self._names is None:
            self._names = names
            earlier = sorted(n for n in names if n not in self._writer.written and _canonical(n))
            self._earlier = {n: transport.size(f"{folder}/{n}") for n in earlier[-RECENT:]}
        return self._foreign_file(transport, folder, listed)

    def _foreign_file(
        self, transport: Transport, folder: str, listed: dict[str, int]
    ) -> str | None:
        written = self._writer.written
        for name in listed:
            segment = parse_segment(name)
            if is_device_file_copy(name) or (segment is not None and segment.copy):
                return f"the sync service made a copy of one of its files ({name})"
            if segment is not None and name not in written and name not in (self._names or ()):
                return f"{name} was started by another install"
        # Earlier runs' segments never change again; this run's only grow by its appends
        # (one may shrink when a sync engine puts an older version back: no second writer).
        sizes = {name: (size, False) for name, size in self._earlier.items()}
        sizes.update({name: (mark.offset, True) for name, mark in written.items()})
        for name, (size, may_shrink) in sizes.items():
            try:
                # A transport that lists sizes anyway (WebDAV) spares a call per file.
                now = listed.get(name, -1)
                now = now if now >= 0 else transport.size(f"{folder}/{name}")
            except FileNotFoundError:
                continue
            if now > size or (now < size and not may_shrink):
                return f"{name} has bytes this install did not write"
        return None


def _canonical(name: str) -> bool:
    segment = parse_segment(name)
    return segment is not None and not segment.copy
