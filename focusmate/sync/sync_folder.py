"""One install's sync folder, whole: the one object the app holds (on a worker thread: every
call may wait on a network drive or a server).

- ``open`` (or ``enable`` the first time) reads format.json and derives the key: a wrong
  passphrase or mode is SyncRefused, and nothing is written.
- ``publish`` keeps this device's new changes in the outbox (data folder), then writes them
  to its log; when the folder cannot be reached they wait in the outbox for the next call.
- ``join`` (a device new to the folder) and ``poll`` hand back what other devices wrote since
  the last acknowledged call; ``acknowledge`` once the caller merged it, which saves the
  read positions in the data folder.
- ``write_snapshot`` now and then, so that a joining device reads a summary, not years.
- ``status`` says what is going on; ``take_notices`` what is new to say, each thing once.

No call raises for a folder that cannot be reached: the state becomes "unavailable since",
said once, and the next call tries again.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from focusmate.sync.clone_check import CloneWatch
from focusmate.sync.codec import Codec, DamagedRecord, RefusedRecord
from focusmate.sync.device_file import DeviceInfo, read_device_file, write_device_file
from focusmate.sync.errors import Refusal, SyncRefused
from focusmate.sync.format_file import Mode, codec_for, create_folder, read_format
from focusmate.sync.local_state import (
    load_format_copy,
    load_marks,
    save_format_copy,
    save_marks,
)
from focusmate.sync.log_reader import Change, LogReader
from focusmate.sync.log_writer import LogWriter, check_change
from focusmate.sync.marks import FileMark
from focusmate.sync.names import DEVICES, FORMAT_FILE, check_device_id, device_folder, parse_segment
from focusmate.sync.notices import Notice, NoticeKind, Notices
from focusmate.sync.outbox import Outbox
from focusmate.sync.snapshots import Snapshot, newest_snapshot, write_snapshot
from focusmate.sync.transport import Transport

T = TypeVar("T")
#: How often device.json's "last seen" is renewed while the app runs.
LAST_SEEN_EVERY = timedelta(hours=1)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Incoming:
    """What other devices wrote: a snapshot's state to merge first (``join`` only, None
    otherwise), then changes, each id once; ``marks`` is where reading stands after them."""

    changes: list[Change]
    marks: dict[str, FileMark]
    snapshot_state: object | None = None
    snapshot_device: str | None = None


@dataclass(frozen=True)
class DeviceSeen:
    device: str
    name: str | None  # None: its device.json is missing or could not be opened
    last_seen: datetime | None
    last_hlc: str | None  # the newest change read from it in this run


@dataclass(frozen=True)
class SyncStatus:
    where: str
    device: str
    encrypted: bool
    pending: int
    unavailable_since: datetime | None
    set_up_again: bool  # format.json changed under this run: paused until enabled again
    last_error: str | None
    same_device_elsewhere: str | None  # why another install seems to write as this device
    devices: tuple[DeviceSeen, ...] = field(default=())
    notices: tuple[Notice, ...] = field(default=())


@dataclass(frozen=True)
class Install:
    """This install, as the sync folder knows it: its device id (letters, digits, - and _),
    the name other devices show, its data folder (outbox and read marks), and its clock."""

    device_id: str
    device_name: str
    data_folder: Path
    now: Callable[[], datetime] = utc_now


class _SetUpAgain(Exception):  # noqa: N818 - reads as a sentence at the raise site
    """format.json is not the one this run opened (two devices enabled sync at once)."""


class SyncFolder:
    """This device's view of one sync folder. Not thread-safe: one thread calls it."""

    def __init__(self, transport: Transport, codec: Codec, install: Install) -> None:
        self._transport = transport
        self._codec = codec
        self._device = check_device_id(install.device_id)
        self._name = install.device_name
        self._data_folder = install.data_folder
        self._now = install.now
        self._nonce = secrets.token_hex(16)
        self._notices = Notices()
        self._said: list[Notice] = []
        self._outbox = Outbox(self._data_folder)
        self._writer = LogWriter(transport, codec, self._device)
        self._acked = load_marks(self._data_folder, transport.where, self._device)
        self._reader = LogReader(transport, codec, self._device, self._notices, self._acked)
        self._seen_at: datetime | None = None  # when device.json was last written
        self._unavailable_since: datetime | None = None
        self._last_error: str | None = None
        self._clone: str | None = None
        self._format: bytes | None = None  # format.json as this run first read it
        self._set_up_again = False
        self._clone_watch = CloneWatch(self._device, self._nonce, self._writer)

    @classmethod
    def open(cls, transport: Transport, install: Install, passphrase: str | None) -> SyncFolder:
        """An existing sync folder (``passphrase`` None: plain text). SyncRefused, with
        nothing written, for a wrong passphrase or mode or a folder not set up. When the
        folder cannot be reached (or shows no format.json: a drive not mounted) it opens
        from the copy of format.json this install kept, "unavailable since" until the
        folder is back; OSError only when it never opened here. The SyncFolder owns
        ``transport``: it is closed when this raises, and by ``close``."""
        where = transport.where
        kept = load_format_copy(install.data_folder, where)
        try:
            try:
                raw = read_format(transport)
            except (SyncRefused, OSError) as error:
                missing = not isinstance(error, SyncRefused) or error.reason is Refusal.NOT_SET_UP
                if kept is None or not missing:
                    raise
                raw = kept
            folder = cls(transport, codec_for(raw, passphrase, where), install)
            if raw != kept:
                save_format_copy(install.data_folder, where, raw)
        except BaseException:
            transport.close()
            raise
        folder._format = raw
        return folder

    @classmethod
    def enable(
        cls, transport: Transport, install: Install, mode: Mode, passphrase: str | None
    ) -> SyncFolder:
        """Set the folder up in ``mode`` (or join it as it is, if another device did);
        SyncRefused and OSError as for ``open``."""
        try:
            codec = create_folder(transport, mode, passphrase)
            raw = read_format(transport)
            save_format_copy(install.data_folder, transport.where, raw)
        except BaseException:
            transport.close()
            raise
        folder = cls(transport, codec, install)
        folder._format = raw
        return folder

    def close(self) -> None:
        """Let go of the transport's connections (what waits stays in the outbox)."""
        self._transport.close()

    @property
    def device_id(self) -> str:
        return self._device

    def publish(self, changes: Sequence[Mapping[str, object]]) -> bool:
        """Keep this device's ``changes`` (in the outbox, durably: OSError only if the data
        folder itself cannot be written) and write them to the sync folder; False when the
        folder could not take them now (they wait for the next call)."""
        for change in changes:
            check_change(change, self._device)
        self._outbox.add(changes)
        return self.flush()

    def flush(self) -> bool:
        """Write what waits in the outbox; True when nothing waits any more."""
        return self._attempt(self._flush) is not None

    def poll(self, full: bool = False) -> Incoming | None:
        """Send what waits, then read what other devices added since the last call; None
        when the folder cannot be reached. ``full`` looks at every file, not only those that
        can still grow (log_reader.py; every 30th poll is full anyway: call it now and then,
        say every few minutes, for a sync engine that delivers an old segment late)."""
        return self._attempt(lambda: self._poll(full))

    def join(self) -> Incoming | None:
        """For a device with nothing read yet: the newest snapshot's state and marks, then
        the changes after them (as ``poll`` once reading has started)."""

        def work() -> Incoming:
            snapshot = None
            if not self._reader.marks:
                self._check_root()
                snapshot = newest_snapshot(self._transport, self._codec, self._notices)
            if snapshot is None:
                return self._poll()
            self._reader.rewind(snapshot.marks)
            try:
                incoming = self._poll()
            except BaseException:
                self._reader.rewind(self._acked)  # the next join starts from the snapshot again
                raise
            return Incoming(incoming.changes, incoming.marks, snapshot.state, snapshot.device)

        return self._attempt(work)

    def acknowledge(self, incoming: Incoming) -> None:
        """The caller merged ``incoming``: save how far reading stands (OSError if the data
        folder cannot be written)."""
        if incoming.marks == self._acked:
            return  # nothing new was read: no write (and no fsync) for an idle poll
        save_marks(self._data_folder, self._transport.where, self._device, incoming.marks)
        self._acked = dict(incoming.marks)

    def rewind(self) -> None:
        """Forget what was read and not acknowledged (the merge failed): read it again."""
        self._reader.rewind(self._acked)

    def write_snapshot(self, hlc: str, state: object) -> bool:
        """Write ``state`` (JSON; it must hold every change acknowledged and published so
        far) as this device's snapshot at clock ``hlc``; False if the folder cannot be
        reached."""

        def work() -> str:
            self._flush()
            marks = {k: v for k, v in self._acked.items() if not k.startswith(self._own())}
            marks.update(self._own_marks())
            snapshot = Snapshot(self._device, hlc, marks, state)
            return write_snapshot(self._transport, self._codec, snapshot)

        return self._attempt(work) is not None

    def status(self) -> SyncStatus:
        devices = self._attempt(self._devices) or ()
        return SyncStatus(
            where=self._transport.where,
            device=self._device,
            encrypted=self._codec.encrypted,
            pending=len(self._outbox.pending()),
            unavailable_since=self._unavailable_since,
            set_up_again=self._set_up_again,
            last_error=self._last_error,
            same_device_elsewhere=self._clone,
            devices=tuple(devices),
            notices=tuple(self._said),
        )

    def take_notices(self) -> list[Notice]:
        """What is new to say since the last call, each thing once in this run."""
        new = self._notices.drain()
        self._said.extend(new)
        return new

    def _own(self) -> str:
        return device_folder(self._device) + "/"

    def _own_marks(self) -> dict[str, FileMark]:
        """This device's segments for a snapshot: those this run wrote as far as it wrote
        them, earlier runs' whole (they are never appended to again)."""
        marks = {}
        for entry in self._transport.list(device_folder(self._device)):
            segment = parse_segment(entry.name)
            if segment is None or segment.copy:
                continue
            written = self._writer.written.get(entry.name)
            marks[self._own() + entry.name] = written or FileMark(entry.size, -1, b"")
        return marks

    def _flush(self) -> bool:
        self._start()
        pending = self._outbox.pending()
        if pending:
            self._writer.append(pending)
            self._outbox.clear()
        return True

    def _poll(self, full: bool = False) -> Incoming:
        self._flush()
        self._check_clone()
        changes = self._reader.read_new(full)
        return Incoming(changes, dict(self._reader.marks))

    def _start(self) -> None:
        """When the folder is first reached in this run, and hourly after: device.json."""
        self._check_root()
        now = self._now()
        if self._seen_at is None or now - self._seen_at >= LAST_SEEN_EVERY:
            info = DeviceInfo(self._device, self._name, now, self._nonce)
            write_device_file(self._transport, self._codec, info)
            self._seen_at = now

    def _check_root(self) -> None:
        """FileNotFoundError when format.json is not there: a drive not mounted shows an
        empty folder, which must not be written to as if it were the sync folder.
        _SetUpAgain when it is not the one this run started with."""
        raw = self._transport.read(FORMAT_FILE)
        if self._format is None:
            self._format = raw
        elif raw != self._format:
            raise _SetUpAgain
        self._set_up_again = False

    def _check_clone(self) -> None:
        why = self._clone_watch.another_writer(self._transport, self._codec)
        if why is not None:
            self._clone = why
            self._notices.add(
                NoticeKind.SAME_DEVICE_ID,
                self._device,
                "Another computer uses this computer's sync identity (perhaps a copied "
                "disk or a restored backup). Give this computer a new sync identity so "
                "that both keep their changes apart.",
            )

    def _devices(self) -> list[DeviceSeen]:
        seen = []
        for entry in self._transport.list(DEVICES):
            if not entry.is_dir:
                continue
            try:
                info = read_device_file(self._transport, self._codec, entry.name)
            except (DamagedRecord, RefusedRecord):
                info = None
            seen.append(
                DeviceSeen(
                    entry.name,
                    info.name if info else None,
                    info.last_seen if info else None,
                    self._reader.last_hlc.get(entry.name),
                )
            )
        return seen

    def _attempt(self, work: Callable[[], T]) -> T | None:
        """``work()``, or None when the folder cannot be reached (said once per outage)."""
        try:
            result = work()
        except _SetUpAgain:
            self._set_up_again = True
            self._notices.add(
                NoticeKind.SET_UP_AGAIN,
                self._transport.where,
                "The sync folder was set up again, probably by another computer at the same "
                "moment, and no longer matches this one. Sync is paused here and your changes "
                "are kept: turn sync off and on again on this computer.",
            )
            return None
        except OSError as error:
            self._last_error = str(error) or type(error).__name__
            if self._unavailable_since is None:
                self._unavailable_since = self._now()
                self._notices.forget(NoticeKind.FOLDER_BACK, self._transport.where)
                self._notices.add(
                    NoticeKind.FOLDER_UNAVAILABLE,
                    self._transport.where,
                    f"The sync folder {self._transport.where} cannot be reached since "
                    f"{self._unavailable_since:%H:%M}. focusmate keeps your changes and "
                    "tries again.",
                )
            return None
        if self._unavailable_since is not None:
            self._unavailable_since = None
            self._last_error = None
            self._notices.forget(NoticeKind.FOLDER_UNAVAILABLE, self._transport.where)
            self._notices.add(
                NoticeKind.FOLDER_BACK,
                self._transport.where,
                f"The sync folder {self._transport.where} can be reached again; "
                "the changes kept meanwhile are in it now.",
            )
        return result
