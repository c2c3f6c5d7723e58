"""Sessions grouped by their kind (coaching, client meeting, the user's own): the top-client
mirror's figures.

The method's fourth question asks whether the manager treats their salesperson with the
same respect as their top client; these figures answer it from data: marks per hour of
session time and average presence, per kind of session, side by side (`report --json`'s
``by_kind`` and the weekly review's insight). Pure: the caller passes the sessions and now.

Presence is compared like with like: a client meeting's reflection asks three questions
(core.reflection_form) and a coaching one five ratings, two of them (respect like a top
client, empathy counted twice) about one's own salesperson only. So the average here is
each session's presence from the three questions every reflection asks, lowered by its
marks as usual (core.scoring), whatever its kind; a coaching session's own score, shown
elsewhere, also counts the rest.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from focusmate.core.marks import with_builtins
from focusmate.core.model import CoachingSession
from focusmate.core.reflection_form import shared_part
from focusmate.core.scoring import presence
from focusmate.core.session_kind import CLIENT, COACHING
from focusmate.core.weekly import session_minutes

MINUTES_PER_HOUR = 60
#: Below this much session time a kind has no rate: three minutes of a meeting with one phone
#: check would read "20 per hour", a figure that says nothing about the manager's habit.
MIN_RATE_MINUTES = 15.0


@dataclass(frozen=True, slots=True)
class KindStats:
    """One kind's sessions: how many, their minutes, their marks per kind id, and the
    presence scores (from the shared questions) of those with a reflection."""

    sessions: int = 0
    minutes: float = 0.0
    marks: Mapping[str, int] = field(default_factory=dict)
    scores: tuple[float, ...] = ()

    def per_hour(self, mark_kind: str) -> float | None:
        """Marks of ``mark_kind`` per hour of session time; None below MIN_RATE_MINUTES of it."""
        if self.minutes < MIN_RATE_MINUTES:
            return None
        return self.marks.get(mark_kind, 0) * MINUTES_PER_HOUR / self.minutes

    @property
    def average_presence(self) -> float | None:
        return sum(self.scores) / len(self.scores) if self.scores else None

    def as_json(self) -> dict[str, Any]:
        """One kind's entry of ``by_kind``: minutes to 0.1, rates and presence to 0.01."""
        rates = {kind: _round(self.per_hour(kind)) for kind in with_builtins(self.marks)}
        return {
            "sessions": self.sessions,
            "minutes": round(self.minutes, 1),
            "marks_per_hour": rates,
            "average_presence": _round(self.average_presence),
        }


def by_kind(
    sessions: Iterable[CoachingSession], now: datetime | None = None
) -> dict[str, KindStats]:
    """The figures of ``sessions`` by kind id: coaching and client always (the two sides of
    the mirror), then every other kind present, by id; a running session counts up to
    ``now`` (without ``now``: nothing yet). Order does not matter."""
    grouped: dict[str, list[CoachingSession]] = {COACHING: [], CLIENT: []}
    for session in sessions:
        grouped.setdefault(session.kind, []).append(session)
    order = [COACHING, CLIENT, *sorted(set(grouped) - {COACHING, CLIENT})]
    return {kind: _stats(grouped[kind], now) for kind in order}


def mirror_presence(session: CoachingSession) -> float | None:
    """The session's presence from the questions every kind's reflection asks (and all its
    marks); None without an answer to them."""
    if session.reflection is None:
        return None
    return presence(shared_part(session.reflection), len(session.marks))


def _stats(sessions: list[CoachingSession], now: datetime | None) -> KindStats:
    marks: dict[str, int] = {}
    for session in sessions:
        for mark_kind, count in session.mark_counts().items():
            marks[mark_kind] = marks.get(mark_kind, 0) + count
    scores = (mirror_presence(s) for s in sessions)
    return KindStats(
        sessions=len(sessions),
        # fsum and sorted scores: the same sessions in any order give equal, not only close,
        # figures.
        minutes=math.fsum(session_minutes(s, now or s.started_at) for s in sessions),
        marks=marks,
        scores=tuple(sorted(score for score in scores if score is not None)),
    )


def by_kind_document(stats: Mapping[str, KindStats]) -> dict[str, Any]:
    """`report --json`'s ``by_kind``: each kind's id to its figures."""
    return {kind: kind_stats.as_json() for kind, kind_stats in stats.items()}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
