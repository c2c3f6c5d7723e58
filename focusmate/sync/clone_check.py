"""Two installs writing as one device (a cloned disk, a restored backup running beside the
original): found from this device's own folder, which only this run should change.

Signs: device.json carries another run's nonce; a sync engine's copy of device.json or of a
segment appeared (two writers of one file); the segment being written has bytes this run did
not write; a segment this run did not write grows (each run starts its own, so earlier ones
never grow again) or appears after this run began.
"""

from __future__ import annotations

from focusmate.sync.codec import Codec, DamagedRecord, RefusedRecord
from focusmate.sync.device_file import read_device_file
from focusmate.sync.log_writer import LogWriter
from focusmate.sync.names import device_folder, is_device_file_copy, parse_segment
from focusmate.sync.transport import Entry, Transport


class CloneWatch:
    """Watches ``device``'s folder for a writer other than this run (``nonce`` in
    device.json, ``writer`` for the segments)."""

    def __init__(self, device: str, nonce: str, writer: LogWriter) -> None:
        self._device = device
        self._nonce = nonce
        self._writer = writer
        #: The sizes of the segments earlier runs wrote, as first seen in this run.
        self._earlier: dict[str, int] | None = None

    def another_writer(self, transport: Transport, codec: Codec) -> str | None:
        """Why another install seems to write as this device, or None. OSError if the
        folder cannot be read."""
        try:
            info = read_device_file(transport, codec, self._device)
        except (DamagedRecord, RefusedRecord):
            return "its device.json was written with another key or is damaged"
        if info is not None and info.nonce != self._nonce:
            return "its device.json was rewritten by another install"
        try:
            entries = transport.list(device_folder(self._device))
        except FileNotFoundError:
            return None
        return self._foreign_file(entries)

    def _foreign_file(self, entries: list[Entry]) -> str | None:
        written = self._writer.written
        sizes = {e.name: e.size for e in entries if e.name not in written}
        if self._earlier is None:
            self._earlier = {n: s for n, s in sizes.items() if parse_segment(n) is not None}
        for entry in entries:
            segment = parse_segment(entry.name)
            if is_device_file_copy(entry.name) or (segment is not None and segment.copy):
                return f"the sync service made a copy of one of its files ({entry.name})"
            if segment is None:
                continue
            mark = written.get(entry.name)
            if mark is not None:
                if entry.name == self._writer.segment and entry.size != mark.offset:
                    return f"{entry.name} has lines this install did not write"
            elif self._earlier.get(entry.name) != entry.size:
                return f"{entry.name} was written by another install"
        return None
