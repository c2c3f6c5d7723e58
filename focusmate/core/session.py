"""The coaching-session rules: starting, marking, ending, and timing against a deadline.

Invariant: timing is always recomputed from absolute wall-clock instants (start and
deadline) and the current time, never accumulated from ticks, so a suspend or a slow
event loop cannot make the timer drift.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from focusmate.core.errors import NotPossibleNow, Problem
from focusmate.core.model import CoachingSession, Mark
from focusmate.core.session_kind import COACHING
from focusmate.core.session_time import Timing, seconds_to_change
from focusmate.core.validation import check_minutes, check_typed, clean_focus, clean_name


def start_session(
    session_id: str,
    with_name: str,
    planned_minutes: int,
    focus: str,
    now: datetime,
    *,
    kind: str = COACHING,
) -> CoachingSession:
    """Create a running session after validating what the user typed (``kind``, an id, is
    checked against the settings by the caller)."""
    return CoachingSession(
        kind=kind,
        id=session_id,
        with_name=check_typed(clean_name(with_name), "the salesperson's name"),
        planned_minutes=check_minutes(planned_minutes),
        focus=check_typed(clean_focus(focus), "the focus note"),
        started_at=now,
    )


def last_recorded(session: CoachingSession) -> datetime:
    """The latest instant the session is known to have reached: its newest mark, or its start.

    Nothing of a session is ever stamped before it (invariant: marks are in time order and
    the end is after every mark), whatever the system clock says after a restart.
    """
    return max((mark.at for mark in session.marks), default=session.started_at)


def add_mark(session: CoachingSession | None, kind: str, now: datetime) -> CoachingSession:
    """Return the session with one more mark of kind id ``kind`` (checked by the caller),
    stamped ``now`` or, if the clock reads earlier, at the newest mark (order is kept)."""
    if session is None or not session.running:
        raise NotPossibleNow("no coaching session is running", Problem.NO_SESSION)
    return session.with_mark(Mark(kind=kind, at=max(now, last_recorded(session))))


UNDO_WINDOW_S = 60


def undo_last_mark(session: CoachingSession | None, now: datetime) -> CoachingSession:
    """Remove the newest mark if it is at most a minute old (a mistaken key press)."""
    if session is None or not session.running:
        raise NotPossibleNow("no coaching session is running", Problem.NO_SESSION)
    if not session.marks:
        raise NotPossibleNow("there is no mark to undo", Problem.NOTHING_TO_UNDO)
    age_s = (now - session.marks[-1].at).total_seconds()
    if age_s > UNDO_WINDOW_S:
        raise NotPossibleNow(
            f"the last mark is {int(age_s)} s old; only a mark from the "
            f"last {UNDO_WINDOW_S} s can be undone",
            Problem.MARK_TOO_OLD,
            age_s=int(age_s),
            window_s=UNDO_WINDOW_S,
        )
    return replace(session, marks=session.marks[:-1])


def end_session(session: CoachingSession | None, now: datetime) -> CoachingSession:
    """Return the session ended at ``now`` (never before its start or its newest mark,
    whatever the clock says)."""
    if session is None or not session.running:
        raise NotPossibleNow("no coaching session is running", Problem.NO_SESSION)
    return replace(session, ended_at=max(now, last_recorded(session)))


def deadline(session: CoachingSession) -> datetime:
    return session.started_at + timedelta(minutes=session.planned_minutes)


def timing(session: CoachingSession, now: datetime) -> Timing:
    """Elapsed and remaining whole seconds; a clock set back before the start counts as 0."""
    end = session.ended_at or now
    elapsed = max(0.0, (end - session.started_at).total_seconds())
    remaining = (deadline(session) - end).total_seconds()
    return Timing(elapsed_s=int(elapsed), remaining_s=_round_toward_zero(remaining))


def seconds_to_next_change(
    session: CoachingSession, now: datetime, *, to_the_second: bool
) -> float:
    """Seconds from ``now`` until the time shown for ``session`` next changes
    (session_time.seconds_to_change)."""
    remaining = (deadline(session) - now).total_seconds()
    return seconds_to_change(remaining, to_the_second=to_the_second)


def _round_toward_zero(seconds: float) -> int:
    # int() truncates toward zero: 0.4 s left shows 0, 0.4 s over shows 0 (not -1).
    return int(seconds)
