"""The sync folder tests' rig: a share (a real folder on disk standing for what a sync
engine moves) and devices on it, each with its own data folder; plausible changes; a local
folder that counts what it reads; polling with acknowledgement."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from focusmate.sync.codec import Codec, PlainCodec, SealedCodec
from focusmate.sync.format_file import Mode, create_folder
from focusmate.sync.local_folder import LocalFolder
from focusmate.sync.names import FORMAT_FILE, ROOT, device_folder
from focusmate.sync.notices import NoticeKind
from focusmate.sync.sync_folder import Install, SyncFolder

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
PASSPHRASE = "correct horse battery staple"  # noqa: S105 - the tests' own folder


def change(device: str, n: int, **extra: object) -> dict[str, object]:
    """A plausible change: a mark in a session, with a time-ordered id and clock."""
    fields: dict[str, object] = {
        "id": f"{n:010d}-{device}",
        "hlc": f"{1764750000000 + n:015d}-0000-{device}",
        "device": device,
        "type": "mark",
        "v": 1,
        "session": f"s{n // 20}",
        "kind": "question",
    }
    fields.update(extra)
    return fields


def ids(changes: list[dict[str, object]]) -> list[object]:
    return [c["id"] for c in changes]


@dataclass(frozen=True)
class FormatFile:
    """format.json of an encrypted folder and the key its passphrase gives."""

    raw: bytes
    key: bytes


class Share:
    """A sync folder on disk and the devices using it."""

    def __init__(self, folder: Path, format_file: FormatFile | None) -> None:
        self.folder = folder
        self.root = folder / ROOT
        self.root.mkdir(parents=True)
        if format_file is None:
            create_folder(LocalFolder(folder), Mode.PLAIN, None)
            self.codec: Codec = PlainCodec()
        else:
            (self.root / FORMAT_FILE).write_bytes(format_file.raw)
            self.codec = SealedCodec(format_file.key)
        self.now = NOW

    def device(
        self, device_id: str, data: Path | None = None, transport: LocalFolder | None = None
    ) -> SyncFolder:
        """``device_id`` on this share, its data folder beside the share by default."""
        return SyncFolder(
            transport or LocalFolder(self.folder), self.codec, self.install(device_id, data)
        )

    def install(self, device_id: str, data: Path | None = None) -> Install:
        return self.install_for(self.folder.parent, device_id, data, lambda: self.now)

    @staticmethod
    def install_for(
        beside: Path,
        device_id: str,
        data: Path | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> Install:
        """``device_id``'s install, its data folder in ``beside`` unless ``data`` says."""
        data = data or beside / f"data-{device_id}"
        return Install(device_id, f"{device_id}'s computer", data, now or (lambda: NOW))

    def files(self, device_id: str) -> Path:
        return self.root / device_folder(device_id)

    def segment(self, device_id: str, number: int = 1) -> Path:
        return self.files(device_id) / f"log-{number:06d}.jsonl"


class CountingFolder(LocalFolder):
    """A local folder that counts the bytes read from log segments."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.bytes_read = 0

    def read(self, path: str, offset: int = 0) -> bytes:
        data = super().read(path, offset)
        if "/log-" in path:
            self.bytes_read += len(data)
        return data


def poll(device: SyncFolder) -> list[object]:
    """What ``device`` reads now, acknowledged, as ids."""
    incoming = device.poll()
    assert incoming is not None, device.status().last_error
    device.acknowledge(incoming)
    return ids(incoming.changes)


def kinds(device: SyncFolder) -> list[NoticeKind]:
    return [notice.kind for notice in device.take_notices()]
