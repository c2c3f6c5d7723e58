"""Reading change records from other devices (issue 19): every field checked, nothing raised.

A record comes from a file another machine wrote (or a stranger, or a cut-off line), so
``change_from_record`` checks all of it and returns a Refusal with one clear reason instead
of raising: one bad change never stops the merge of the others (rule S9 of
ARCHITECTURE.md "Sync: merge rules"). A record from a newer focusmate (an unknown type, a
higher ``v``) is not refused: it comes back as an UnknownChange, kept and ignored (see
core.sync_changes).

The session parts are read by core.records, the history file's reader, so one set of rules
serves both: a start, reflection, check-in or pulse through a carrier session, a mark's or
an end's time by core.records.parse_instant (marks are most of a history: no carrier).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from focusmate.core.errors import FocusmateError, InvalidData
from focusmate.core.marks import check_kind_id
from focusmate.core.model import CoachingSession
from focusmate.core.records import (
    ID_MAX_CHARS,
    expect_string,
    expect_whole_number,
    parse_instant,
    session_from_record,
)
from focusmate.core.sync_changes import (
    DEVICE_NAME_MAX_CHARS,
    VERSION,
    Change,
    CheckinSaved,
    DeviceNamed,
    MarkAdded,
    MarkRemoved,
    Payload,
    PulseSaved,
    ReflectionSaved,
    Refusal,
    SessionEnded,
    SessionStarted,
    SettingChanged,
    UnknownChange,
)
from focusmate.core.sync_clock import parse_hlc
from focusmate.core.sync_ids import check_id
from focusmate.core.sync_setting_items import ITEM_MAX_CHARS, SyncedKey, item_from_record
from focusmate.core.validation import check_typed

TYPE_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,39}")
#: More versions replaced at once than any real edit sees (it names the heads it had).
REPLACES_MAX = 1000
_CARRIER_BASE: Mapping[str, Any] = {
    "id": "carrier",
    "with": "carrier",
    "planned_minutes": 30,
    "started_at": "1970-01-01T00:00:00+00:00",
}


def change_from_record(record: object) -> Change | UnknownChange | Refusal:
    """The change in ``record``, an UnknownChange from a newer focusmate, or why not."""
    if not isinstance(record, dict):
        return Refusal(None, "a change must be a JSON object")
    raw_id = record.get("id")
    change_id = raw_id if isinstance(raw_id, str) and len(raw_id) <= 64 else None
    try:
        return _parsed(record)
    except FocusmateError as error:
        return Refusal(change_id, str(error))
    except (TypeError, ValueError, OverflowError, RecursionError) as error:
        # core.records' rules raise InvalidData; anything else is still one refusal.
        return Refusal(change_id, f"unreadable: {type(error).__name__}: {str(error)[:80]}")


def _parsed(record: dict[str, Any]) -> Change | UnknownChange:
    change_id = check_id(record.get("id"), "id")
    version = record.get("v")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InvalidData("v must be a whole number from 1")
    hlc = parse_hlc(record.get("hlc"))
    if record.get("device") != hlc.device:  # the hlc's device is checked already
        raise InvalidData("device is not the device of its hlc")
    kind = record.get("type")
    if not isinstance(kind, str) or TYPE_PATTERN.fullmatch(kind) is None:
        raise InvalidData("type must be 1-40 lowercase letters, digits or '_'")
    parse = _PARSERS.get(kind)
    if parse is None or version > VERSION:
        canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, allow_nan=False)
        return UnknownChange(change_id, hlc, kind, version, dict(record), canonical)
    return Change(change_id, hlc, parse(record))


def _carried(fields: Mapping[str, Any]) -> CoachingSession:
    """The session core.records reads from ``fields`` on top of a harmless carrier."""
    return session_from_record({**_CARRIER_BASE, **fields}, where="change")


def _session(record: Mapping[str, Any]) -> str:
    session = expect_string(record.get("session"), "session")
    if not 0 < len(session) <= ID_MAX_CHARS:
        raise InvalidData(f"session must be 1-{ID_MAX_CHARS} characters")
    return session


def _session_started(record: Mapping[str, Any]) -> SessionStarted:
    fields = ("with", "started_at", "planned_minutes", "focus", "kind", "checkin")
    session = _carried({key: record.get(key) for key in fields if key in record})
    return SessionStarted(
        _session(record),
        session.with_name,
        session.started_at,
        session.planned_minutes,
        session.focus,
        session.kind,
        session.checkin,
    )


def _checkin_saved(record: Mapping[str, Any]) -> CheckinSaved:
    checkin = _carried({"checkin": record.get("checkin")}).checkin
    if checkin is None:
        raise InvalidData("checkin must be a check-in object")
    return CheckinSaved(_session(record), checkin)


def _mark_added(record: Mapping[str, Any]) -> MarkAdded:
    # Marks are most of a history's changes: read directly, not through a carrier session.
    kind = expect_string(record.get("kind"), "kind")
    try:
        check_kind_id(kind)
    except FocusmateError as error:
        raise InvalidData(f"kind: {error}") from None
    mark = check_id(record.get("mark"), "mark")
    return MarkAdded(_session(record), mark, kind, parse_instant(record.get("at"), "at"))


def _mark_removed(record: Mapping[str, Any]) -> MarkRemoved:
    return MarkRemoved(_session(record), check_id(record.get("mark"), "mark"))


def _session_ended(record: Mapping[str, Any]) -> SessionEnded:
    slept_s = expect_whole_number(record.get("slept_s"), "slept_s")
    if slept_s < 0:
        raise InvalidData("slept_s cannot be negative")
    return SessionEnded(
        _session(record), parse_instant(record.get("ended_at"), "ended_at"), slept_s
    )


def _reflection_saved(record: Mapping[str, Any]) -> ReflectionSaved:
    reflection = _carried({"reflection": record.get("reflection")}).reflection
    if reflection is None:
        raise InvalidData("reflection must be a reflection object")
    replaces = record.get("replaces", [])
    if not isinstance(replaces, list) or len(replaces) > REPLACES_MAX:
        raise InvalidData(f"replaces must be a list of at most {REPLACES_MAX} change ids")
    ids = sorted({check_id(r, "replaces[]") for r in replaces})
    return ReflectionSaved(_session(record), reflection, tuple(ids))


def _pulse_saved(record: Mapping[str, Any]) -> PulseSaved:
    pulse = _carried({"ended_at": _CARRIER_BASE["started_at"], "rep_pulse": record.get("pulse")})
    if pulse.rep_pulse is None:
        raise InvalidData("pulse must be a pulse object")
    return PulseSaved(_session(record), pulse.rep_pulse)


def _settings_changed(record: Mapping[str, Any]) -> SettingChanged:
    raw_key = record.get("key")
    try:
        key = SyncedKey(str(raw_key))
    except ValueError:
        allowed = ", ".join(k.value for k in SyncedKey)
        raise InvalidData(f"key must be one of {allowed}, not {str(raw_key)[:40]!r}") from None
    item = check_typed(expect_string(record.get("item"), "item"), "item")
    if not 0 < len(item) <= ITEM_MAX_CHARS:
        raise InvalidData(f"item must be 1-{ITEM_MAX_CHARS} characters")
    value = record.get("value")
    return SettingChanged(key, item, None if value is None else item_from_record(key, item, value))


def _device_named(record: Mapping[str, Any]) -> DeviceNamed:
    name = check_typed(expect_string(record.get("name"), "name").strip(), "the device's name")
    if not 0 < len(name) <= DEVICE_NAME_MAX_CHARS:
        raise InvalidData(f"name must be 1-{DEVICE_NAME_MAX_CHARS} characters")
    return DeviceNamed(name)


_PARSERS: Mapping[str, Callable[[Mapping[str, Any]], Payload]] = {
    "session_started": _session_started,
    "checkin_saved": _checkin_saved,
    "mark_added": _mark_added,
    "mark_removed": _mark_removed,
    "session_ended": _session_ended,
    "reflection_saved": _reflection_saved,
    "pulse_saved": _pulse_saved,
    "settings_changed": _settings_changed,
    "device_named": _device_named,
}
