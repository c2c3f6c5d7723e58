"""From the sessions the app keeps to the changes sync publishes (issue 19).

The controller changes sessions as values (core.session); ``diff(before, after)`` says what
changed as payloads, so the app can publish changes from the controller's before and after
without touching each of its intents. ``stamp`` gives payloads their ids and HLC stamps
(the clock and the randomness come in from outside), and ``changes_from_sessions`` turns a
whole local history into changes: what a device publishes when it enables sync.

Only what this device did is diffed: sessions written into the store by the merge must not
be diffed again (they are other devices' changes already).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from focusmate.core.model import CoachingSession, Mark
from focusmate.core.sync_changes import (
    Change,
    CheckinSaved,
    MarkAdded,
    MarkRemoved,
    Payload,
    PulseSaved,
    ReflectionSaved,
    SessionEnded,
    SessionPayload,
    SessionStarted,
)
from focusmate.core.sync_clock import Hlc, tick
from focusmate.core.sync_ids import Entropy, change_id, mark_id, mark_ids
from focusmate.core.sync_merge import MergedState, SessionLog, reflection_heads


def _start_fields(session: CoachingSession) -> tuple[str, datetime, int, str, str]:
    return (
        session.with_name,
        session.started_at,
        session.planned_minutes,
        session.focus,
        session.kind,
    )


def diff(
    old: CoachingSession | None, new: CoachingSession, state: MergedState | None = None
) -> list[SessionPayload]:
    """What turns ``old`` (None: a new session) into ``new``, in the order to publish it.

    ``state`` is what this device shows (the merge of everything it has read and written):
    a reflection saved now replaces the versions it shows (rule S5), an undone mark is the
    one it knows, and a new mark never takes the id of one undone before (rule S3).
    """
    found: list[SessionPayload] = []
    if old is None or _start_fields(old) != _start_fields(new):
        found.append(SessionStarted(new.id, *_start_fields(new), checkin=new.checkin))
    elif new.checkin is not None and old.checkin != new.checkin:
        found.append(CheckinSaved(new.id, new.checkin))
    log = None if state is None else state.logs.get(new.id)
    found.extend(_mark_changes(new.id, () if old is None else old.marks, new.marks, log))
    if new.ended_at is not None and (
        old is None or (old.ended_at, old.slept_s) != (new.ended_at, new.slept_s)
    ):
        found.append(SessionEnded(new.id, new.ended_at, new.slept_s))
    if new.reflection is not None and (old is None or old.reflection != new.reflection):
        seen = () if state is None else reflection_heads(state, new.id)
        found.append(ReflectionSaved(new.id, new.reflection, seen))
    if new.rep_pulse is not None and (old is None or old.rep_pulse != new.rep_pulse):
        found.append(PulseSaved(new.id, new.rep_pulse))
    return found


def _mark_changes(
    session_id: str, old: tuple[Mark, ...], new: tuple[Mark, ...], log: SessionLog | None
) -> list[SessionPayload]:
    """The marks added and undone between ``old`` and ``new`` (as multisets)."""
    live: dict[Mark, list[str]] = {}
    if log is None:
        known = mark_ids(session_id, old)
        for key, mark in zip(known, old, strict=True):
            live.setdefault(mark, []).append(key)
        used = set(known)
    else:
        for key, change in sorted(log.added.items(), key=lambda item: item[1].hlc):
            payload = change.payload
            if key not in log.removed and isinstance(payload, MarkAdded):
                live.setdefault(Mark(payload.kind, payload.at), []).append(key)
        used = set(log.added) | set(log.removed)
    more = Counter(new)
    more.subtract(old)
    found: list[SessionPayload] = []
    for mark in new:
        if more[mark] > 0:
            more[mark] -= 1
            occurrence = 0
            while (key := mark_id(session_id, mark, occurrence)) in used:
                occurrence += 1
            used.add(key)
            found.append(MarkAdded(session_id, key, mark.kind, mark.at))
    for mark, count in more.items():
        for _ in range(-count):
            if live.get(mark):
                found.append(MarkRemoved(session_id, live[mark].pop()))
    return found


def stamp(
    payloads: Iterable[Payload], clock: Hlc, now_ms: int, entropy: Entropy
) -> tuple[list[Change], Hlc]:
    """The payloads as changes of this device (``clock.device``), each stamped by a tick of
    ``clock``; and the clock after the last one (keep it for the next change)."""
    changes = []
    for payload in payloads:
        clock = tick(clock, now_ms)
        changes.append(Change(change_id(clock.wall_ms, entropy), clock, payload))
    return changes, clock


def changes_from_sessions(
    sessions: Iterable[CoachingSession], clock: Hlc, now_ms: int, entropy: Entropy
) -> tuple[list[Change], Hlc]:
    """A local history as this device's changes (``clock.device``), and the clock after."""
    payloads = [payload for session in sessions for payload in diff(None, session)]
    return stamp(payloads, clock, now_ms, entropy)
