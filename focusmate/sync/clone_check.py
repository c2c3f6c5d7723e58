"""Two installs writing as one device (a cloned disk, a restored backup running beside the
original): found from this device's own folder, which only this run should change.

Signs: device.json carries another run's nonce, a sync engine's copy of device.json or of a
segment appeared (two writers of one file), the segment being written has bytes this run did
not write, or a newer segment exists that this run did not start.
"""

from __future__ import annotations

from focusmate.sync.codec import Codec, DamagedRecord, RefusedRecord
from focusmate.sync.device_file import read_device_file
from focusmate.sync.log_writer import LogWriter
from focusmate.sync.names import device_folder, is_device_file_copy, parse_segment
from focusmate.sync.transport import Entry, Transport


def another_writer(
    transport: Transport,
    codec: Codec,
    device: str,
    *,
    nonce: str,
    writer: LogWriter,
) -> str | None:
    """Why another install seems to write as ``device``, or None. ``nonce`` is what this
    run put in device.json, ``writer`` what it wrote. OSError if the folder cannot be read."""
    try:
        info = read_device_file(transport, codec, device)
    except (DamagedRecord, RefusedRecord):
        return "its device.json was written with another key or is damaged"
    if info is not None and info.nonce != nonce:
        return "its device.json was rewritten by another install"
    try:
        entries = transport.list(device_folder(device))
    except FileNotFoundError:
        return None
    return _foreign_file(entries, writer)


def _foreign_file(entries: list[Entry], writer: LogWriter) -> str | None:
    numbers = [s.number for s in map(parse_segment, writer.written) if s is not None]
    newest_written = max(numbers, default=None)
    for entry in entries:
        segment = parse_segment(entry.name)
        if is_device_file_copy(entry.name) or (segment is not None and segment.copy):
            return f"the sync service made a copy of one of its files ({entry.name})"
        if segment is None:
            continue
        mark = writer.written.get(entry.name)
        if entry.name == writer.segment and mark is not None and entry.size != mark.offset:
            return f"{entry.name} has lines this install did not write"
        if newest_written is not None and segment.number > newest_written:
            return f"{entry.name} was started by another install"
    return None
