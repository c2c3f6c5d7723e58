"""Which session a pulse is for (issue 16): an id, or ``last``, the most recently ended one.

One rule for both writers of a pulse (ARCHITECTURE invariant 1): the running app's
SessionController and ``focusmate pulse`` working alone under the data folder's lock. A pulse
is about a conversation that has been had, so a running session takes none.
"""

from __future__ import annotations

from collections.abc import Iterable

from focusmate.core.errors import InvalidInput, NotPossibleNow, Problem
from focusmate.core.model import CoachingSession

#: What ``focusmate pulse`` accepts instead of an id: the session that ended most recently.
LAST = "last"


def last_ended(sessions: Iterable[CoachingSession]) -> CoachingSession | None:
    """The session that ended most recently, or None before the first one ended."""
    ended = [s for s in sessions if s.ended_at is not None]
    return max(ended, key=lambda s: (s.ended_at, s.started_at), default=None)


def named_session(sessions: Iterable[CoachingSession], reference: str) -> CoachingSession:
    """The session ``reference`` names (an id or ``last``); InvalidInput when there is none."""
    known = list(sessions)
    if reference == LAST:
        found = last_ended(known)
        if found is None:
            raise InvalidInput("no session has ended yet")
        return found
    found = next((s for s in known if s.id == reference), None)
    if found is None:
        raise InvalidInput(f"no session with the id {reference[:64]!r}")
    return found


def pulse_target(sessions: Iterable[CoachingSession], reference: str) -> CoachingSession:
    """The ended session ``reference`` names (an id or ``last``).

    InvalidInput when there is no such session, NotPossibleNow when it is still running.
    """
    found = named_session(sessions, reference)
    if found.running:
        raise NotPossibleNow(
            "the session is still running", Problem.SESSION_RUNNING, name=found.with_name
        )
    return found
