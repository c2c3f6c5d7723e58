"""The changes sync moves between devices (issue 19): typed values and their JSON records.

THE RECORD CONTRACT (what focusmate/sync/ reads and writes, one JSON object per change):

    {"v": 1, "id": "01JE...", "hlc": "0192f3c4a5b60000-laptop", "device": "laptop",
     "type": "mark_added", ...the type's own keys...}

- ``v`` (int >= 1): the record's version; this focusmate writes 1.
- ``id`` (str): the change's globally unique id (core.sync_ids: a ULID from this focusmate).
- ``hlc`` (str): its hybrid logical clock stamp (core.sync_clock.hlc_text); the device
  after the dash is the same as ``device``.
- ``device`` (str): the device that wrote it (core.sync_clock.DEVICE_ID_PATTERN).
- ``type`` (str): one of TYPES below. A type this focusmate does not know, or a ``v`` above
  VERSION, is a change from a newer focusmate: kept whole (in the state and in snapshots)
  and ignored, never refused.
- The rest depends on the type (instants are ISO 8601 with an offset, as in core.records):
  session_started  session, with, started_at, planned_minutes, focus, kind, checkin (null or
                   core.records' check-in object)
  checkin_saved    session, checkin
  mark_added       session, mark (core.sync_ids.mark_id), kind, at
  mark_removed     session, mark                               (an undone mark)
  session_ended    session, ended_at, slept_s
  reflection_saved session, reflection (core.records' reflection object), replaces (the ids
                   of the reflection_saved changes this device had as the reflection when
                   it saved this one: the versions it saw, so concurrent edits show)
  pulse_saved      session, pulse (core.pulse.pulse_to_record's object)
  settings_changed key (core.sync_setting_items.SyncedKey), item, value (null: removed)
  device_named     name (what other devices call this one: "in session on <name>")
There is no session_removed: focusmate cannot delete a session.

A record is parsed by core.sync_records (every field checked: it comes from another
machine's files); this module holds the values and writes records.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from focusmate.core.model import CheckIn, CoachingSession, Reflection
from focusmate.core.pulse import RepPulse, pulse_to_record
from focusmate.core.records import format_instant, session_to_record
from focusmate.core.sync_clock import Hlc, hlc_text
from focusmate.core.sync_setting_items import SettingItem, SyncedKey, item_to_record

VERSION = 1
DEVICE_NAME_MAX_CHARS = 60

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class SessionStarted:
    session: str
    with_name: str
    started_at: datetime
    planned_minutes: int
    focus: str
    kind: str
    checkin: CheckIn | None = None


@dataclass(frozen=True, slots=True)
class CheckinSaved:
    session: str
    checkin: CheckIn


@dataclass(frozen=True, slots=True)
class MarkAdded:
    session: str
    mark: str
    kind: str
    at: datetime


@dataclass(frozen=True, slots=True)
class MarkRemoved:
    session: str
    mark: str


@dataclass(frozen=True, slots=True)
class SessionEnded:
    session: str
    ended_at: datetime
    slept_s: int


@dataclass(frozen=True, slots=True)
class ReflectionSaved:
    session: str
    reflection: Reflection
    replaces: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PulseSaved:
    session: str
    pulse: RepPulse


@dataclass(frozen=True, slots=True)
class SettingChanged:
    """One item of a synced list set (``value``) or removed (None)."""

    key: SyncedKey
    item: str
    value: SettingItem | None


@dataclass(frozen=True, slots=True)
class DeviceNamed:
    name: str


SessionPayload = (
    SessionStarted
    | CheckinSaved
    | MarkAdded
    | MarkRemoved
    | SessionEnded
    | ReflectionSaved
    | PulseSaved
)
Payload = SessionPayload | SettingChanged | DeviceNamed

TYPES: Mapping[type[Any], str] = {
    SessionStarted: "session_started",
    CheckinSaved: "checkin_saved",
    MarkAdded: "mark_added",
    MarkRemoved: "mark_removed",
    SessionEnded: "session_ended",
    ReflectionSaved: "reflection_saved",
    PulseSaved: "pulse_saved",
    SettingChanged: "settings_changed",
    DeviceNamed: "device_named",
}


@dataclass(frozen=True, slots=True)
class Change:
    """A change as a device wrote it: its id, its stamp and what changed."""

    id: str
    hlc: Hlc
    payload: Payload

    @property
    def device(self) -> str:
        return self.hlc.device

    @property
    def type(self) -> str:
        return TYPES[type(self.payload)]


@dataclass(frozen=True, slots=True)
class UnknownChange:
    """A well-formed change from a newer focusmate (unknown type or higher ``v``): kept whole
    so that snapshots pass it on, ignored by the merge."""

    id: str
    hlc: Hlc
    type: str
    v: int
    record: Mapping[str, Any] = field(compare=False)
    #: The record as canonical JSON text: equality and the tie-break between two records
    #: that claim the same id.
    canonical: str = ""


@dataclass(frozen=True, slots=True)
class Refusal:
    """A record that was refused: its id when it had a readable one, and why."""

    change_id: str | None
    reason: str

    def __str__(self) -> str:
        return f"change {self.change_id or '(no id)'} refused: {self.reason}"


def change_to_record(change: Change | UnknownChange) -> Record:
    """The JSON object of a change (see THE RECORD CONTRACT above)."""
    if isinstance(change, UnknownChange):
        return dict(change.record)
    return {
        "v": VERSION,
        "id": change.id,
        "hlc": hlc_text(change.hlc),
        "device": change.device,
        "type": change.type,
        **payload_fields(change.payload),
    }


def payload_fields(payload: Payload) -> Record:
    """The type's own keys of a change record."""
    fields: Record = _WRITERS[type(payload)](payload)
    return fields


def _session_started(p: SessionStarted) -> Record:
    return {
        "session": p.session,
        "with": p.with_name,
        "started_at": format_instant(p.started_at),
        "planned_minutes": p.planned_minutes,
        "focus": p.focus,
        "kind": p.kind,
        "checkin": None if p.checkin is None else checkin_record(p.checkin),
    }


def _mark_added(p: MarkAdded) -> Record:
    return {"session": p.session, "mark": p.mark, "kind": p.kind, "at": format_instant(p.at)}


def _session_ended(p: SessionEnded) -> Record:
    return {"session": p.session, "ended_at": format_instant(p.ended_at), "slept_s": p.slept_s}


def _reflection_saved(p: ReflectionSaved) -> Record:
    reflection = reflection_record(p.reflection)
    return {"session": p.session, "reflection": reflection, "replaces": list(p.replaces)}


def _settings_changed(p: SettingChanged) -> Record:
    value = None if p.value is None else item_to_record(p.value)
    return {"key": p.key.value, "item": p.item, "value": value}


_WRITERS: Mapping[type[Any], Callable[[Any], Record]] = {
    SessionStarted: _session_started,
    CheckinSaved: lambda p: {"session": p.session, "checkin": checkin_record(p.checkin)},
    MarkAdded: _mark_added,
    MarkRemoved: lambda p: {"session": p.session, "mark": p.mark},
    SessionEnded: _session_ended,
    ReflectionSaved: _reflection_saved,
    PulseSaved: lambda p: {"session": p.session, "pulse": pulse_to_record(p.pulse)},
    SettingChanged: _settings_changed,
    DeviceNamed: lambda p: {"name": p.name},
}


def reflection_record(reflection: Reflection) -> Record:
    """core.records' reflection object (the same shape the history file keeps)."""
    record: Record = session_to_record(_CARRIER.with_reflection(reflection))["reflection"]
    return record


def checkin_record(checkin: CheckIn) -> Record:
    """core.records' check-in object."""
    record: Record = session_to_record(_CARRIER.with_checkin(checkin))["checkin"]
    return record


#: A session that only carries a reflection or a check-in through core.records, so that the
#: history file and the sync records share one writer (and core.sync_records one reader).
_CARRIER = CoachingSession("carrier", "carrier", datetime(2000, 1, 1, tzinfo=UTC), 30)
