"""The merged state this device shows (issue 19), kept between runs: core's merge of every
change read from the sync folder and published by this device, and this device's clock.

Qt-free (the command line working alone may use it too). The service feeds it what the
folder read (``take``) and the sessions the controller saved (``publish``): ``publish``
diffs each against the merged state (core.sync_diff), so a session the merge itself wrote
into the store is no news, and only what this device did becomes changes. Kept in the data
folder as ``sync-merged.json`` (core.sync_snapshot's document plus the clock; with years of
history a few hundred milliseconds, so now and then, on the worker, before the read marks
are acknowledged: a crash between the two reads a change again, which the merge takes as
often as it comes, rule S1), and between two keepings every change merged is appended to
its tail (``sync-merged.json.tail``, fsynced) before the store is written: the book read at
the next start holds everything the store holds, however the app ended, so a change read
again can never overwrite one of this device's that the store already has.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path

from focusmate.core.errors import FocusmateError
from focusmate.core.json_text import parse_json
from focusmate.core.model import CoachingSession
from focusmate.core.sync_changes import DeviceNamed, Payload, change_to_record
from focusmate.core.sync_clock import Hlc, hlc_text, millis, parse_hlc, receive, start_clock
from focusmate.core.sync_diff import diff, stamp
from focusmate.core.sync_merge import (
    MergedState,
    RunningSession,
    apply,
    changed_sessions,
    latest_hlc,
    may_start,
    running_sessions,
)
from focusmate.core.sync_setting_items import SyncedKey
from focusmate.core.sync_snapshot import kept_changes, load_snapshot, snapshot
from focusmate.files.atomic import atomic_write_bytes, dumps_strict, remove_durably

Record = Mapping[str, object]


#: The changes merged since the book was last kept, appended (and fsynced) before the store
#: is written: the book read at the next start is whole however the app ended.
TAIL_SUFFIX = ".tail"
#: The tail of a book being kept on the worker, deleted once it is.
KEPT_TAIL_SUFFIX = ".tail-old"


class SyncBook:
    """The merged state and the clock of device ``device``, kept at ``path``."""

    def __init__(
        self, device: str, path: Path, state: MergedState | None = None, clock: Hlc | None = None
    ) -> None:
        self.device = device
        self.path = path
        self.state = state or MergedState()
        self.clock = clock or start_clock(device)
        #: Whether it was read whole (False: none, damaged or another device's).
        self.whole = state is not None
        #: When this device last wrote a snapshot to the sync folder.
        self.snapshot_at: datetime | None = None

    @classmethod
    def load(cls, path: Path, device: str) -> SyncBook:
        """The book kept at ``path`` for ``device`` with its tails; an empty one if there
        is none, it is damaged or another device's (``whole`` False: read everything
        again, only time is lost)."""
        book = cls._kept(path, device)
        for tail in (book.tail_path(KEPT_TAIL_SUFFIX), book.tail_path(TAIL_SUFFIX)):
            records = _records(tail)
            if records:
                book.state = apply(book.state, records)
                latest = latest_hlc(book.state)
                if latest is not None and latest.device == device and latest > book.clock:
                    book.clock = latest
        return book

    @classmethod
    def _kept(cls, path: Path, device: str) -> SyncBook:
        try:
            raw = parse_json(path.read_bytes())
        except (FileNotFoundError, ValueError, UnicodeDecodeError):
            return cls(device, path)
        if not isinstance(raw, dict) or raw.get("device") != device:
            return cls(device, path)
        state = load_snapshot(raw.get("state"))
        try:
            clock = parse_hlc(raw.get("clock"))
        except FocusmateError:
            return cls(device, path)
        if not isinstance(state, MergedState) or clock.device != device:
            return cls(device, path)
        book = cls(device, path, state, clock)
        written = raw.get("snapshot_at")
        with contextlib.suppress(TypeError, ValueError):  # none yet, or damaged: one is due
            book.snapshot_at = datetime.fromisoformat(written) if written else None
        return book

    def tail_path(self, suffix: str) -> Path:
        return self.path.with_name(self.path.name + suffix)

    def journal(self, records: Sequence[Record]) -> None:
        """Append ``records`` (just merged) to the tail, durably (OSError if the data folder
        cannot be written): call it before the store is written."""
        if records:
            append_lines(self.tail_path(TAIL_SUFFIX), records)

    def keeping(self) -> Callable[[], None]:
        """Keep the book: what to run on another thread (the state is immutable, and with
        years of history this takes a few hundred milliseconds). The tail so far is set
        aside now and deleted once the book holding it is kept."""
        tail, kept_tail = self.tail_path(TAIL_SUFFIX), self.tail_path(KEPT_TAIL_SUFFIX)
        if tail.exists():
            if kept_tail.exists():  # the last keeping has not run yet: one tail
                append_lines(kept_tail, _records(tail))
                remove_durably(tail)
            else:
                tail.replace(kept_tail)
        device, clock, state, path = self.device, self.clock, self.state, self.path
        snapshot_at = None if self.snapshot_at is None else self.snapshot_at.isoformat()

        def keep() -> None:
            document = {
                "device": device,
                "clock": hlc_text(clock),
                "snapshot_at": snapshot_at,
                "state": snapshot(state),
            }
            atomic_write_bytes(path, dumps_strict(document))
            remove_durably(kept_tail)

        return keep

    def take(
        self,
        changes: Sequence[Record],
        now: datetime,
        snapshot_state: object | None = None,
    ) -> list[CoachingSession]:
        """Merge what other devices wrote (a joining device: the snapshot's state first);
        the sessions whose merged version changed."""
        before = state = self.state
        if snapshot_state is not None:
            loaded = load_snapshot(snapshot_state)
            if isinstance(loaded, MergedState):  # a damaged snapshot: its changes come anyway
                state = apply(loaded, kept_changes(state))
        records = list(changes)
        self.journal(records)
        state = apply(state, records)
        latest = latest_hlc(state)
        if latest is not None:
            self.clock = receive(self.clock, latest, millis(now))
        self.state = state
        return changed_sessions(before, state)

    def publish(
        self, sessions: Iterable[CoachingSession], now: datetime, name: str | None = None
    ) -> list[Record]:
        """This device's changes that turn the merged state into ``sessions`` (the ones the
        store now holds), and its ``name`` if the state does not show it yet, stamped and
        merged here; the records to publish (``journal`` them once the outbox has them)."""
        payloads: list[Payload] = []
        if name is not None and self.state.device_names.get(self.device) != name:
            payloads.append(DeviceNamed(name))
        for session in sessions:
            payloads.extend(diff(self.state.sessions.get(session.id), session, self.state))
        return self.stamped(payloads, now)

    def stamped(self, payloads: Sequence[Payload], now: datetime) -> list[Record]:
        """``payloads`` as this device's changes, merged here: the records to publish."""
        if not payloads:
            return []
        changes, self.clock = stamp(payloads, self.clock, millis(now), os.urandom)
        self.state = apply(self.state, changes)
        return [change_to_record(change) for change in changes]

    def settings_known(self) -> frozenset[tuple[SyncedKey, str]]:
        """The (list, item) pairs of the synced settings some device published."""
        return frozenset(self.state.setting_changes)

    def differs(self, session: CoachingSession) -> bool:
        """Whether the store's ``session`` holds something the merged state does not show
        (a change of this device not published yet: kept by a crash before the outbox)."""
        return self.state.sessions.get(session.id) != session

    def running_elsewhere(self) -> tuple[RunningSession, ...]:
        return tuple(r for r in running_sessions(self.state) if r.device != self.device)

    def may_start(self, person: str) -> RunningSession | None:
        return may_start(self.state, person, self.device)

    def latest(self) -> str | None:
        found = latest_hlc(self.state)
        return None if found is None else hlc_text(found)


def append_lines(path: Path, records: Iterable[Record]) -> None:
    """Append one JSON line per record, then fsync (a line cut by a crash is skipped)."""
    data = b"".join(dumps_strict(record) + b"\n" for record in records)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, b"\n" + data)  # a line cut by a crash before stays apart
        os.fsync(fd)
    finally:
        os.close(fd)


def _records(path: Path) -> list[Record]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    found: list[Record] = []
    for line in raw.split(b"\n"):
        try:
            record = parse_json(line)
        except (ValueError, UnicodeDecodeError):
            continue  # empty, or cut by a crash
        if isinstance(record, dict):
            found.append(record)
    return found
