"""The merge of every device's changes into one state (issue 19): deterministic, idempotent,
order-independent, incremental.

The state is a join of what every change says, slot by slot, so the same set of changes
gives the same state whatever the order and however often a change comes (rule numbers
are ARCHITECTURE.md "Sync: merge rules"):

- S1 order: a change is later than another by (hlc, id); an exact tie with other content
  (two records claiming one id) goes to the greater canonical JSON, so it is still one
  answer.
- S2 sessions: a session exists once its session_started is known; its fields take the
  latest session_started; changes for a session not started yet wait in the state.
- S3 marks: the union of mark_added by mark id, minus every mark_removed (an undo wins
  whatever the order), listed by time.
- S4 end, pulse, check-in: the latest session_ended, pulse_saved, and check-in (a
  checkin_saved, or a session_started that carries one).
- S5 reflection: the versions no other version replaces are the heads; the latest head is
  the reflection; every other head whose free texts differ keeps them visibly, appended
  to the same field as "— also written on <device>: ..." (the reflection window's text
  boxes show them, no new widget); complete if any head is.
- S6 running: a session without an end runs on the device that started it
  (``running_sessions``, ``may_start``).
- S7 settings: per list and item, the latest settings_changed; device names likewise.
- S8 newer focusmate: unknown changes are kept (snapshots pass them on) and ignored.
- S9 refusals: a malformed record is refused with its reason, and the merge goes on.

``apply(state, changes)`` is ``fold(everything)`` computed from a folded state: it copies
only the sessions the new changes touch, so one new session costs milliseconds, not a
replay of years.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TypeVar

from focusmate.core.checkin import same_person
from focusmate.core.model import CoachingSession, Mark, Reflection
from focusmate.core.sync_changes import (
    Change,
    CheckinSaved,
    DeviceNamed,
    MarkAdded,
    MarkRemoved,
    PulseSaved,
    ReflectionSaved,
    Refusal,
    SessionEnded,
    SessionStarted,
    SettingChanged,
    UnknownChange,
    change_to_record,
)
from focusmate.core.sync_clock import Hlc
from focusmate.core.sync_records import change_from_record
from focusmate.core.sync_setting_items import SyncedKey
from focusmate.core.sync_settings import SyncedSettings, synced_settings

#: How a kept text of a concurrent reflection is introduced (rule S5). English on purpose:
#: the merge must give every device the same text, whatever language each one shows.
ALSO_WRITTEN = "— also written on {device}: {text}"
_FREE_TEXTS = ("their_perspective", "next_time", "worry_note")

C = TypeVar("C", Change, UnknownChange)


def _canonical(change: Change | UnknownChange) -> str:
    if isinstance(change, UnknownChange):
        return change.canonical
    return json.dumps(change_to_record(change), sort_keys=True, ensure_ascii=False)


def later(kept: C | None, other: C) -> C:
    """The later of two changes by rule S1 (``kept`` None: ``other``)."""
    if kept is None:
        return other
    if kept.hlc != other.hlc or kept.id != other.id:
        return other if (other.hlc, other.id) > (kept.hlc, kept.id) else kept
    if kept == other:
        return kept
    return other if _canonical(other) > _canonical(kept) else kept


@dataclass(slots=True)
class SessionLog:
    """What the changes say of one session, slot by slot (mutable only while being built)."""

    start: Change | None = None
    checkin: Change | None = None
    added: dict[str, Change] = field(default_factory=dict)
    removed: dict[str, Change] = field(default_factory=dict)
    end: Change | None = None
    versions: dict[str, Change] = field(default_factory=dict)
    superseded: set[str] = field(default_factory=set)
    pulse: Change | None = None

    def copy(self) -> SessionLog:
        return SessionLog(
            self.start,
            self.checkin,
            dict(self.added),
            dict(self.removed),
            self.end,
            dict(self.versions),
            set(self.superseded),
            self.pulse,
        )

    def take(self, change: Change) -> None:
        payload = change.payload
        match payload:
            case SessionStarted():
                self.start = later(self.start, change)
                if payload.checkin is not None:  # a start may carry its check-in (S4)
                    self.checkin = later(self.checkin, change)
            case CheckinSaved():
                self.checkin = later(self.checkin, change)
            case MarkAdded():
                self.added[payload.mark] = later(self.added.get(payload.mark), change)
            case MarkRemoved():
                self.removed[payload.mark] = later(self.removed.get(payload.mark), change)
            case SessionEnded():
                self.end = later(self.end, change)
            case ReflectionSaved():
                self.versions[change.id] = later(self.versions.get(change.id), change)
                self.superseded.update(payload.replaces)
            case PulseSaved():
                self.pulse = later(self.pulse, change)

    def heads(self) -> list[Change]:
        """The reflection versions no other replaces, earliest first (rule S5)."""
        found = (v for key, v in self.versions.items() if key not in self.superseded)
        heads = sorted(found, key=lambda v: (v.hlc, v.id))
        if not heads and self.versions:
            # Versions that replace each other in a circle (no device can write that, a
            # damaged file can): the latest still shows, rather than no reflection at all.
            heads = [max(self.versions.values(), key=lambda v: (v.hlc, v.id))]
        return heads


@dataclass(frozen=True, slots=True)
class MergedState:
    """Everything merged: the sessions as the store keeps them, and what sync needs besides.

    Build it with ``fold`` or ``apply``; never change its mappings.
    """

    #: The sessions whose start is known, by id.
    sessions: Mapping[str, CoachingSession] = field(default_factory=dict)
    #: The synced lists of the settings (rule S7).
    settings: SyncedSettings = field(default_factory=SyncedSettings)
    #: What each device is called (device_named), by device id.
    device_names: Mapping[str, str] = field(default_factory=dict)
    #: Sessions whose reflection was edited on several devices at once (rule S5): the
    #: devices of the heads, earliest first.
    conflicts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: The latest stamp seen from each device (sync status; the clock's ``receive``).
    last_seen: Mapping[str, Hlc] = field(default_factory=dict)
    #: Records refused (rule S9), in a stable order.
    refused: tuple[Refusal, ...] = ()
    #: Changes from a newer focusmate, kept whole (rule S8), by id.
    unknown: Mapping[str, UnknownChange] = field(default_factory=dict)
    logs: Mapping[str, SessionLog] = field(default_factory=dict)
    setting_changes: Mapping[tuple[SyncedKey, str], Change] = field(default_factory=dict)
    name_changes: Mapping[str, Change] = field(default_factory=dict)


Incoming = Change | UnknownChange | Refusal | Mapping[str, object]


def fold(changes: Iterable[Incoming]) -> MergedState:
    """The state that ``changes`` (records, or values already parsed) give."""
    return apply(MergedState(), changes)


def apply(state: MergedState, changes: Iterable[Incoming]) -> MergedState:
    """``state`` with ``changes`` merged in: equal to folding all of them together.

    ``state`` is left as it was; only the sessions the changes touch are copied and rebuilt.
    """
    logs = dict(state.logs)
    copied: set[str] = set()
    settings = dict(state.setting_changes)
    names = dict(state.name_changes)
    last_seen = dict(state.last_seen)
    unknown = dict(state.unknown)
    refused = set(state.refused)
    names_changed = False
    for incoming in changes:
        item = incoming if isinstance(incoming, Change | UnknownChange | Refusal) else None
        change = change_from_record(incoming) if item is None else item
        if isinstance(change, Refusal):
            refused.add(change)
            continue
        seen = last_seen.get(change.hlc.device)
        if seen is None or change.hlc > seen:
            last_seen[change.hlc.device] = change.hlc
        if isinstance(change, UnknownChange):
            unknown[change.id] = later(unknown.get(change.id), change)
            continue
        payload = change.payload
        if isinstance(payload, SettingChanged):
            slot = (payload.key, payload.item)
            settings[slot] = later(settings.get(slot), change)
        elif isinstance(payload, DeviceNamed):
            names[change.device] = later(names.get(change.device), change)
            names_changed = True
        else:
            if payload.session not in copied:
                existing = logs.get(payload.session)
                logs[payload.session] = SessionLog() if existing is None else existing.copy()
                copied.add(payload.session)
            logs[payload.session].take(change)
    device_names = _device_names(names) if names_changed else state.device_names
    # A new device name changes the texts kept from concurrent reflections (rule S5).
    touched = copied | set(state.conflicts) if names_changed else copied
    sessions = dict(state.sessions)
    conflicts = dict(state.conflicts)
    for session_id in touched:
        _rebuild(session_id, logs[session_id], device_names, sessions, conflicts)
    return MergedState(
        sessions=sessions,
        settings=state.settings if settings == state.setting_changes else _synced(settings),
        device_names=device_names,
        conflicts=conflicts,
        last_seen=last_seen,
        refused=tuple(sorted(refused, key=lambda r: (r.change_id or "", r.reason))),
        unknown=unknown,
        logs=logs,
        setting_changes=settings,
        name_changes=names,
    )


def _synced(changes: Mapping[tuple[SyncedKey, str], Change]) -> SyncedSettings:
    values = {}
    for slot, change in changes.items():
        assert isinstance(change.payload, SettingChanged)
        values[slot] = change.payload.value
    return synced_settings(values)


def _device_names(names: Mapping[str, Change]) -> dict[str, str]:
    found = {}
    for device, change in names.items():
        assert isinstance(change.payload, DeviceNamed)
        found[device] = change.payload.name
    return found


def _rebuild(
    session_id: str,
    log: SessionLog,
    device_names: Mapping[str, str],
    sessions: dict[str, CoachingSession],
    conflicts: dict[str, tuple[str, ...]],
) -> None:
    built = _session(session_id, log, device_names)
    if built is None:
        sessions.pop(session_id, None)
    else:
        sessions[session_id] = built
    heads = log.heads()
    if any(_reflection_of(h) != _reflection_of(heads[0]) for h in heads):
        conflicts[session_id] = tuple(h.device for h in heads)
    else:
        conflicts.pop(session_id, None)


def _reflection_of(change: Change) -> Reflection:
    payload = change.payload
    assert isinstance(payload, ReflectionSaved)
    return payload.reflection


def _session(
    session_id: str, log: SessionLog, device_names: Mapping[str, str]
) -> CoachingSession | None:
    if log.start is None:
        return None
    start = log.start.payload
    assert isinstance(start, SessionStarted)
    live = sorted(
        (c.payload for key, c in log.added.items() if key not in log.removed),
        key=_mark_order,
    )
    marks = tuple(Mark(m.kind, m.at) for m in live if isinstance(m, MarkAdded))
    ended_at: datetime | None = None
    slept_s = 0
    if log.end is not None:
        end = log.end.payload
        assert isinstance(end, SessionEnded)
        ended_at, slept_s = max(end.ended_at, start.started_at), end.slept_s
    checkin = None
    if log.checkin is not None:
        assert isinstance(log.checkin.payload, CheckinSaved | SessionStarted)
        checkin = log.checkin.payload.checkin
    pulse = None
    if log.pulse is not None:
        assert isinstance(log.pulse.payload, PulseSaved)
        pulse = log.pulse.payload.pulse
    return CoachingSession(
        id=session_id,
        with_name=start.with_name,
        started_at=start.started_at,
        planned_minutes=start.planned_minutes,
        focus=start.focus,
        ended_at=ended_at,
        marks=marks,
        reflection=merged_reflection(log.heads(), device_names),
        checkin=checkin,
        slept_s=slept_s,
        kind=start.kind,
        rep_pulse=pulse,
    )


def _mark_order(payload: object) -> tuple[datetime, str, str]:
    assert isinstance(payload, MarkAdded)
    return (payload.at, payload.kind, payload.mark)


def merged_reflection(heads: list[Change], device_names: Mapping[str, str]) -> Reflection | None:
    """Rule S5: the latest head, with the other heads' differing free texts appended."""
    if not heads:
        return None
    *others, latest = heads
    reflection = _reflection_of(latest)
    texts: dict[str, str] = {}
    for name in _FREE_TEXTS:
        text: str = getattr(reflection, name)
        kept = {text.strip()}
        for other in others:
            extra = str(getattr(_reflection_of(other), name)).strip()
            if extra and extra not in kept:
                kept.add(extra)
                device = device_names.get(other.device, other.device)
                line = ALSO_WRITTEN.format(device=device, text=extra)
                text = f"{text.rstrip()}\n\n{line}" if text.strip() else line
        texts[name] = text
    complete = any(_reflection_of(h).complete for h in heads)
    return Reflection(
        answers=reflection.answers,
        their_perspective=texts["their_perspective"],
        next_time=texts["next_time"],
        complete=complete,
        empathy=reflection.empathy,
        worry=reflection.worry,
        worry_note=texts["worry_note"],
        previous_session_id=reflection.previous_session_id,
        same_challenge=reflection.same_challenge,
        commitment_outcome=reflection.commitment_outcome,
    )


def reflection_heads(state: MergedState, session_id: str) -> tuple[str, ...]:
    """The ids of the reflection versions this state shows for a session: what a reflection
    saved now replaces (core.sync_diff.diff asks it)."""
    log = state.logs.get(session_id)
    return () if log is None else tuple(h.id for h in log.heads())


def changed_sessions(before: MergedState, after: MergedState) -> list[CoachingSession]:
    """The sessions of ``after`` that differ from ``before``'s (new ones too), oldest start
    first: what the store writes after ``after = apply(before, ...)``."""
    changed = []
    for key, session in after.sessions.items():
        earlier = before.sessions.get(key)
        # Untouched sessions are the very same objects (apply rebuilds only what it touches).
        if earlier is not session and earlier != session:
            changed.append(session)
    return sorted(changed, key=lambda s: (s.started_at, s.id))


def latest_hlc(state: MergedState) -> Hlc | None:
    """The latest stamp seen from any device: pass it to core.sync_clock.receive."""
    return max(state.last_seen.values(), default=None)


@dataclass(frozen=True, slots=True)
class RunningSession:
    """A session running on a device (rule S6)."""

    device: str
    device_name: str
    session: CoachingSession

    @property
    def message(self) -> str:
        """E.g. "in session on Work laptop with Jordan" (English, like core's errors)."""
        return f"in session on {self.device_name} with {self.session.with_name}"


def running_sessions(state: MergedState) -> tuple[RunningSession, ...]:
    """Every session without an end, with the device it runs on, by device then start."""
    found = []
    for session_id, session in state.sessions.items():
        start = state.logs[session_id].start
        if session.running and start is not None:
            name = state.device_names.get(start.device, start.device)
            found.append(RunningSession(start.device, name, session))
    return tuple(sorted(found, key=lambda r: (r.device, r.session.started_at, r.session.id)))


def may_start(state: MergedState, person: str, this_device: str) -> RunningSession | None:
    """Rule S6: None if this device may start a session with ``person``; else the session
    already running with them on another device (start anyway only when the user asks)."""
    return next(
        (
            r
            for r in running_sessions(state)
            if r.device != this_device and same_person(r.session.with_name, person)
        ),
        None,
    )


def restored(
    changes: Iterable[Incoming],
    superseded: Mapping[str, Iterable[str]],
    last_seen: Mapping[str, Hlc],
) -> MergedState:
    """The state a snapshot describes (core.sync_snapshot): its changes folded, plus the
    reflection versions replaced before it was taken (their ids only) and the latest stamps
    it had seen."""
    state = fold(changes)
    logs = dict(state.logs)
    sessions = dict(state.sessions)
    conflicts = dict(state.conflicts)
    for session_id, ids in superseded.items():
        existing = logs.get(session_id)
        log = SessionLog() if existing is None else existing.copy()
        log.superseded.update(ids)
        logs[session_id] = log
        _rebuild(session_id, log, state.device_names, sessions, conflicts)
    seen = dict(state.last_seen)
    for device, stamp in last_seen.items():
        seen[device] = max(stamp, seen.get(device, stamp))
    return replace(state, logs=logs, sessions=sessions, conflicts=conflicts, last_seen=seen)
