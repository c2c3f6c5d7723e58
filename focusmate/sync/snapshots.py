"""Snapshots: now and then a device writes the whole merged state it holds, with the marks
saying how far into every segment (its own and the others') that state reaches, as one
sealed file ``devices/<device>/snapshot-<hlc>.json``. A joining device takes the newest
snapshot and reads only the segments' lines after its marks, instead of years of changes.

The new snapshot is written atomically (temp file, rename); only then are the device's older
snapshots removed, so there is always a complete one.
"""

from __future__ import annotations

from dataclasses import dataclass

from focusmate.core.json_text import parse_json
from focusmate.files.atomic import dumps_strict
from focusmate.sync.codec import Codec, DamagedRecord, Place, RefusedRecord
from focusmate.sync.marks import FileMark, marks_from_json, marks_to_json
from focusmate.sync.names import DEVICES, device_folder, parse_snapshot, snapshot_name
from focusmate.sync.notices import NoticeKind, Notices
from focusmate.sync.transport import Transport


@dataclass(frozen=True)
class Snapshot:
    device: str
    hlc: str
    marks: dict[str, FileMark]
    state: object


def write_snapshot(transport: Transport, codec: Codec, snapshot: Snapshot) -> str:
    """Write ``snapshot`` into its device's folder, then remove that device's older ones;
    the new file's name."""
    name = snapshot_name(snapshot.hlc)
    folder = device_folder(snapshot.device)
    document = {
        "device": snapshot.device,
        "hlc": snapshot.hlc,
        "marks": marks_to_json(snapshot.marks),
        "state": snapshot.state,
    }
    payload = dumps_strict(document)
    transport.make_folder(folder)
    transport.replace(f"{folder}/{name}", codec.seal(payload, Place(snapshot.device, name)))
    for entry in transport.list(folder):
        if entry.name != name and parse_snapshot(entry.name) is not None:
            transport.remove(f"{folder}/{entry.name}")
    return name


def newest_snapshot(transport: Transport, codec: Codec, notices: Notices) -> Snapshot | None:
    """The newest snapshot any device wrote that opens (by the clock in its name), or None.
    One that does not open is said once and the next newest is tried."""
    candidates: list[tuple[str, str]] = []
    try:
        devices = [e.name for e in transport.list(DEVICES) if e.is_dir]
    except FileNotFoundError:
        return None
    for device in devices:
        try:
            entries = transport.list(device_folder(device))
        except FileNotFoundError:
            continue  # gone since the listing
        for entry in entries:
            parsed = parse_snapshot(entry.name)
            if parsed is not None and not parsed[1]:
                candidates.append((entry.name, device))
    for name, device in sorted(candidates, reverse=True):
        path = f"{device_folder(device)}/{name}"
        try:
            stored = transport.read(path)
        except FileNotFoundError:
            continue  # replaced by a newer one meanwhile
        try:
            return _parse(codec.open(stored, Place(device, name)), device)
        except (DamagedRecord, RefusedRecord, ValueError, UnicodeDecodeError):
            notices.add(
                NoticeKind.DAMAGED_FILE,
                path,
                f"A summary file from another computer ({name}) could not be opened; "
                "focusmate reads that computer's changes one by one instead.",
            )
    return None


def _parse(payload: bytes, device: str) -> Snapshot:
    data = parse_json(payload)
    if not isinstance(data, dict) or data.get("device") != device:
        raise ValueError("not this device's snapshot")
    return Snapshot(device, str(data["hlc"]), marks_from_json(data.get("marks")), data["state"])
