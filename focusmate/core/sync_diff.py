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

from collections.abc import Iterable
from datetime import datetime

from focusmate.core.model import CoachingSession
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
from focusmate.core.sync_ids import Entropy, change_id, mark_ids


def _start_fields(session: CoachingSession) -> tuple[str, datetime, int, str, str]:
    return (
        session.with_name,
        session.started_at,
        session.planned_minutes,
        session.focus,
        session.kind,
    )


def diff(
    old: CoachingSession | None, new: CoachingSession, seen_reflections: tuple[str, ...] = ()
) -> list[SessionPayload]:
    """What turns ``old`` (None: a new session) into ``new``, in the order to publish it.

    ``seen_reflections`` are the reflection versions this device shows for the session
    (core.sync_merge.reflection_heads): a reflection saved now replaces them (rule S5).
    """
    found: list[SessionPayload] = []
    if old is None or _start_fields(old) != _start_fields(new):
        found.append(SessionStarted(new.id, *_start_fields(new), checkin=new.checkin))
    elif new.checkin is not None and old.checkin != new.checkin:
        found.append(CheckinSaved(new.id, new.checkin))
    before = dict(zip(mark_ids(new.id, old.marks), old.marks, strict=True)) if old else {}
    after = dict(zip(mark_ids(new.id, new.marks), new.marks, strict=True))
    found.extend(
        MarkAdded(new.id, key, mark.kind, mark.at)
        for key, mark in after.items()
        if key not in before
    )
    found.extend(MarkRemoved(new.id, key) for key in before if key not in after)
    if new.ended_at is not None and (
        old is None or (old.ended_at, old.slept_s) != (new.ended_at, new.slept_s)
    ):
        found.append(SessionEnded(new.id, new.ended_at, new.slept_s))
    if new.reflection is not None and (old is None or old.reflection != new.reflection):
        found.append(ReflectionSaved(new.id, new.reflection, seen_reflections))
    if new.rep_pulse is not None and (old is None or old.rep_pulse != new.rep_pulse):
        found.append(PulseSaved(new.id, new.rep_pulse))
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
