"""device.json in each device's folder: its name and when it was last seen, for the other
devices' status, and this run's random nonce, by which a second install writing as the same
device (a cloned disk) is found: the file this run wrote comes back with another nonce.
Sealed as a whole file when the folder is encrypted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from focusmate.core.json_text import parse_json
from focusmate.files.atomic import dumps_strict
from focusmate.sync.codec import Codec, DamagedRecord, Place, RefusedRecord
from focusmate.sync.names import DEVICE_FILE, device_folder
from focusmate.sync.transport import Transport


@dataclass(frozen=True)
class DeviceInfo:
    device: str
    name: str
    last_seen: datetime
    nonce: str


def write_device_file(transport: Transport, codec: Codec, info: DeviceInfo) -> None:
    payload = dumps_strict(
        {
            "device": info.device,
            "name": info.name,
            "last_seen": info.last_seen.isoformat(),
            "nonce": info.nonce,
        }
    )
    folder = device_folder(info.device)
    transport.make_folder(folder)
    transport.replace(
        f"{folder}/{DEVICE_FILE}", codec.seal(payload, Place(info.device, DEVICE_FILE))
    )


def read_device_file(transport: Transport, codec: Codec, device: str) -> DeviceInfo | None:
    """The device's file, or None when it has none; DamagedRecord or RefusedRecord when it
    cannot be read (OSError when the folder cannot be reached)."""
    try:
        stored = transport.read(f"{device_folder(device)}/{DEVICE_FILE}")
    except FileNotFoundError:
        return None
    try:
        data = parse_json(codec.open(stored, Place(device, DEVICE_FILE)))
    except (ValueError, UnicodeDecodeError) as error:
        if isinstance(error, RefusedRecord | DamagedRecord):
            raise
        raise DamagedRecord("not JSON") from None
    if not isinstance(data, dict) or data.get("device") != device:
        raise DamagedRecord("not this device's file")
    try:
        return DeviceInfo(
            device,
            str(data["name"]),
            datetime.fromisoformat(str(data["last_seen"])),
            str(data["nonce"]),
        )
    except (KeyError, ValueError):
        raise DamagedRecord("fields missing") from None
