"""Ended sessions built as values for tests: one builder instead of a copy in each test file.

``held`` is a session that happened: its person, start and length, its phone checks and app
switches (one a minute from the start, so within the session), and, as the test needs, its
reflection, the salesperson's pulse and its kind. ``reflected`` is a complete reflection that
gives every presence question the same rating.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from focusmate.core.model import CoachingSession, CommitmentOutcome, Mark, Question, Reflection
from focusmate.core.pulse import RepPulse


def held(
    session_id: str,
    name: str,
    start: datetime,
    *,
    minutes: float = 30,
    phone: int = 0,
    app: int = 0,
    reflection: Reflection | None = None,
    pulse: RepPulse | None = None,
    kind: str | None = None,
) -> CoachingSession:
    """An ended session of 30 planned minutes that lasted ``minutes``; ``kind`` None keeps
    the default (coaching)."""
    moments = (start + timedelta(minutes=i) for i in range(phone + app))
    marks = tuple(Mark("phone" if i < phone else "app", at) for i, at in enumerate(moments))
    session = CoachingSession(
        session_id,
        name,
        start,
        30,
        ended_at=start + timedelta(minutes=minutes),
        marks=marks,
        reflection=reflection,
        rep_pulse=pulse,
    )
    return session if kind is None else replace(session, kind=kind)


def reflected(
    rating: int, *, empathy: int | None = None, outcome: CommitmentOutcome | None = None
) -> Reflection:
    """A complete reflection: ``rating`` for each presence question, and as given the
    empathy rating and what became of last time's commitment."""
    return Reflection(
        dict.fromkeys(Question, rating),
        complete=True,
        empathy=empathy,
        commitment_outcome=outcome,
    )
