"""The merged state this device shows (issue 19), kept between runs: core's merge of every
change read from the sync folder and published by this device, and this device's clock.

Qt-free (the command line working alone may use it too). The service feeds it what the
folder read (``take``) and the sessions the controller saved (``publish``): ``publish``
diffs each against the merged state (core.sync_diff), so a session the merge itself wrote
into the store is no news, and only what this device did becomes changes. Kept in the data
folder as ``sync-merged.json`` (core.sync_snapshot's document plus the clock), written
before the read marks are acknowledged: a crash between the two reads a change again,
which the merge takes as often as it comes (rule S1).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
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
from focusmate.core.sync_snapshot import kept_changes, load_snapshot, snapshot
from focusmate.files.atomic import atomic_write_bytes, dumps_strict

Record = Mapping[str, object]


class SyncBook:
    """The merged state and the clock of device ``device``."""

    def __init__(self, device: str, state: MergedState | None = None, clock: Hlc | None = None):
        self.device = device
        self.state = state or MergedState()
        self.clock = clock or start_clock(device)

    @classmethod
    def load(cls, path: Path, device: str) -> SyncBook:
        """The book kept at ``path`` for ``device``; an empty one if there is none, it is
        damaged or another device's (everything is then read again: only time is lost)."""
        try:
            raw = parse_json(path.read_bytes())
        except (FileNotFoundError, ValueError, UnicodeDecodeError):
            return cls(device)
        if not isinstance(raw, dict) or raw.get("device") != device:
            return cls(device)
        state = load_snapshot(raw.get("state"))
        try:
            clock = parse_hlc(raw.get("clock"))
        except FocusmateError:
            return cls(device)
        if not isinstance(state, MergedState) or clock.device != device:
            return cls(device)
        return cls(device, state, clock)

    def document(self) -> Callable[[], bytes]:
        """What ``save`` writes, to be made on another thread: the state is immutable, and
        with years of history this takes a few hundred milliseconds."""
        device, clock, state = self.device, self.clock, self.state
        return lambda: dumps_strict(
            {"device": device, "clock": hlc_text(clock), "state": snapshot(state)}
        )

    @staticmethod
    def save(path: Path, document: bytes) -> None:
        atomic_write_bytes(path, document)

    def take(
        self,
        changes: Iterable[Record],
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
        state = apply(state, changes)
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
        merged here; the records to publish."""
        payloads: list[Payload] = []
        if name is not None and self.state.device_names.get(self.device) != name:
            payloads.append(DeviceNamed(name))
        for session in sessions:
            payloads.extend(diff(self.state.sessions.get(session.id), session, self.state))
        if not payloads:
            return []
        changes, self.clock = stamp(payloads, self.clock, millis(now), os.urandom)
        self.state = apply(self.state, changes)
        return [change_to_record(change) for change in changes]

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
