"""Per-salesperson statistics: who got the least of the manager's presence, and the trend.

The window is the eight ISO weeks ending with the week shown (in the user's time zone).
People are sorted so that the one with the lowest average presence comes first; people
with no rated session come last, by name. Only coaching sessions count: a client meeting
or a kind of the user's is no one-on-one with a salesperson, and its short reflection
(core.reflection_form) would mix other questions into their trend.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import tzinfo

from focusmate.core.model import CoachingSession, CommitmentOutcome
from focusmate.core.scoring import presence_score
from focusmate.core.session_kind import COACHING
from focusmate.core.weekly import IsoWeek, local_day

TREND_WEEKS = 8


@dataclass(frozen=True, slots=True)
class PersonStats:
    """One salesperson over the window."""

    name: str
    sessions: int
    average_presence: float | None
    marks_per_session: float
    commitments_kept: int
    commitments_asked: int
    #: Average presence per week, oldest first, None for weeks without a rated session.
    trend: tuple[float | None, ...]


def window(week: IsoWeek, weeks: int = TREND_WEEKS) -> tuple[IsoWeek, ...]:
    return tuple(week.shifted(offset) for offset in range(-(weeks - 1), 1))


def people_stats(
    sessions: Iterable[CoachingSession],
    week: IsoWeek,
    tz: tzinfo | None,
    weeks: int = TREND_WEEKS,
) -> list[PersonStats]:
    span = window(week, weeks)
    index = {w: i for i, w in enumerate(span)}
    by_person: dict[str, list[tuple[int, CoachingSession]]] = {}
    for session in sessions:
        if session.running or session.kind != COACHING:
            continue
        position = index.get(IsoWeek.containing(local_day(session.started_at, tz)))
        if position is not None:
            by_person.setdefault(session.with_name, []).append((position, session))
    stats = [_person(name, items, len(span)) for name, items in by_person.items()]
    return sorted(stats, key=_least_present_first)


def _person(name: str, items: list[tuple[int, CoachingSession]], weeks: int) -> PersonStats:
    sessions = [s for _, s in items]
    scores = [s for s in (presence_score(x) for x in sessions) if s is not None]
    outcomes = [
        s.reflection.commitment_outcome
        for s in sessions
        if s.reflection is not None and s.reflection.commitment_outcome is not None
    ]
    weekly: list[list[float]] = [[] for _ in range(weeks)]
    for position, session in items:
        score = presence_score(session)
        if score is not None:
            weekly[position].append(score)
    return PersonStats(
        name=name,
        sessions=len(sessions),
        average_presence=_mean(scores),
        marks_per_session=sum(len(s.marks) for s in sessions) / len(sessions),
        commitments_kept=sum(1 for o in outcomes if o is CommitmentOutcome.KEPT),
        commitments_asked=len(outcomes),
        trend=tuple(_mean(w) for w in weekly),
    )


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _least_present_first(person: PersonStats) -> tuple[bool, float, str]:
    unrated = person.average_presence is None
    return (unrated, person.average_presence or 0.0, person.name.casefold())
