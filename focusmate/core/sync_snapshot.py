"""Snapshots (issue 19): a merged state as one JSON object, so a new device loads it instead
of replaying years of changes.

A snapshot holds the changes that still count (each slot's latest change, the marks not
undone and every undo, the reflection heads, the settings and device names, the changes
from a newer focusmate), the ids of the reflection versions already replaced, and the
latest stamp seen from each device. Loading it and applying later changes gives the same
state as folding everything (rule S10 of ARCHITECTURE.md "Sync: merge rules"): a dropped
change only ever loses to one that is kept, and a replaced reflection version that comes
again is still known as replaced.

    {"format": "focusmate-sync-snapshot", "v": 1,
     "last_seen": {"<device>": "<hlc>"}, "superseded": {"<session>": ["<change id>"]},
     "changes": [<change records, core.sync_changes>]}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from focusmate.core.errors import FocusmateError, InvalidData
from focusmate.core.sync_changes import Change, Record, Refusal, UnknownChange, change_to_record
from focusmate.core.sync_clock import Hlc, hlc_text, parse_hlc
from focusmate.core.sync_ids import check_id
from focusmate.core.sync_merge import MergedState, SessionLog, restored

SNAPSHOT_FORMAT = "focusmate-sync-snapshot"
SNAPSHOT_VERSION = 1


def _kept(log: SessionLog) -> Iterator[Change]:
    # The check-in may be the start's own (rule S4): one change, kept once.
    checkin = None if log.checkin is log.start else log.checkin
    yield from (change for change in (log.start, checkin, log.end, log.pulse) if change)
    yield from (change for key, change in log.added.items() if key not in log.removed)
    yield from log.removed.values()
    yield from log.heads()


def kept_changes(state: MergedState) -> list[Change | UnknownChange]:
    """The changes a snapshot of ``state`` keeps, in stamp order."""
    kept: list[Change | UnknownChange] = [c for log in state.logs.values() for c in _kept(log)]
    kept.extend(state.setting_changes.values())
    kept.extend(state.name_changes.values())
    kept.extend(state.unknown.values())
    return sorted(kept, key=lambda c: (c.hlc, c.id))


def snapshot(state: MergedState) -> Record:
    """The snapshot of ``state`` (see the module's docstring)."""
    return {
        "format": SNAPSHOT_FORMAT,
        "v": SNAPSHOT_VERSION,
        "last_seen": {device: hlc_text(h) for device, h in sorted(state.last_seen.items())},
        "superseded": {
            session: sorted(log.superseded)
            for session, log in sorted(state.logs.items())
            if log.superseded
        },
        "changes": [change_to_record(c) for c in kept_changes(state)],
    }


def load_snapshot(record: object) -> MergedState | Refusal:
    """The state a snapshot from any device describes; a Refusal (nothing loaded) if the
    snapshot itself is malformed. A malformed change inside it is refused alone (rule S9)."""
    try:
        return _loaded(record)
    except FocusmateError as error:
        return Refusal(None, f"snapshot: {error}")


def _loaded(record: object) -> MergedState:
    if not isinstance(record, dict) or record.get("format") != SNAPSHOT_FORMAT:
        raise InvalidData(f'not a snapshot (expected "format": "{SNAPSHOT_FORMAT}")')
    if record.get("v") != SNAPSHOT_VERSION:
        raise InvalidData(f"snapshot version {str(record.get('v'))[:20]!r} is not supported")
    last_seen = _mapping(record.get("last_seen"), "last_seen")
    superseded = _mapping(record.get("superseded"), "superseded")
    changes = record.get("changes")
    if not isinstance(changes, list):
        raise InvalidData("changes must be a list")
    seen: dict[str, Hlc] = {}
    for device, text in last_seen.items():
        stamp = parse_hlc(text)
        if stamp.device != device:
            raise InvalidData(f"last_seen of {device[:40]!r} names another device")
        seen[device] = stamp
    replaced: dict[str, list[str]] = {}
    for session, ids in superseded.items():
        if not isinstance(ids, list):
            raise InvalidData("superseded must map sessions to lists of change ids")
        replaced[session] = [check_id(i, "superseded[]") for i in ids]
    return restored(changes, replaced, seen)


def _mapping(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidData(f"{what} must be a JSON object")
    return value
