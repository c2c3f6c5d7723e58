"""The recurring meetings of the coming weeks, one line per series, for the user to mark once
as "coaching with …" or "not coaching" (issue 15, deliverable 2).

A series is an event with occurrences (a RECURRENCE-ID). Each is shown by its next occurrence
that takes place for the user (not cancelled, not declined, not all-day, at most three hours):
with whom the rules match it now, or why not (several people could be meant, or nobody), and
the choice already made for it. Nothing here reads a clock: ``now`` is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from focusmate.core.calendar_events import CalendarEvent
from focusmate.core.one_on_ones import (
    Match,
    NotOneOnOne,
    Person,
    SeriesChoice,
    classify,
    deduplicated,
)

#: How far ahead series are looked for (a monthly one-on-one shows up).
SERIES_DAYS_AHEAD = 35
#: Reasons that say the occurrence does not take place; the series' next one is taken then.
_NOT_TAKING_PLACE = frozenset(
    {NotOneOnOne.CANCELLED, NotOneOnOne.DECLINED, NotOneOnOne.ALL_DAY, NotOneOnOne.TOO_LONG}
)


@dataclass(frozen=True, slots=True)
class RecurringSeries:
    """One recurring meeting: its UID, title and calendar, its next occurrence, who that
    occurrence is with (None: not a one-on-one, ``reason`` says why; ``candidates`` name the
    people it could be with), and the user's choice for the series, if any."""

    uid: str
    summary: str
    source: str
    next_starts_at: datetime
    with_name: str | None
    reason: NotOneOnOne | None
    candidates: tuple[str, ...]
    choice: SeriesChoice | None


def recurring_series(
    events: Iterable[CalendarEvent],
    people: Iterable[Person],
    *,
    me: Iterable[str],
    series_choices: Mapping[str, SeriesChoice],
    now: datetime,
    days: int = SERIES_DAYS_AHEAD,
) -> list[RecurringSeries]:
    """The series with an occurrence taking place from ``now`` for ``days`` days, by their
    next occurrence (then title)."""
    listed, addresses = tuple(people), tuple(me)
    until = now + timedelta(days=days)
    found: dict[str, RecurringSeries] = {}
    ahead = (e for e in deduplicated(events) if e.recurrence_id is not None)
    for event in sorted(ahead, key=lambda e: (e.starts_at, e.uid)):
        if event.uid in found or not now <= event.starts_at < until:
            continue
        verdict = classify(event, listed, me=addresses, series_choices=series_choices)
        if isinstance(verdict, Match):
            found[event.uid] = _line(event, verdict.person.name, None, (), series_choices)
        elif verdict.reason not in _NOT_TAKING_PLACE:
            candidates = tuple(p.name for p in verdict.candidates)
            found[event.uid] = _line(event, None, verdict.reason, candidates, series_choices)
    return sorted(found.values(), key=lambda s: (s.next_starts_at, s.summary, s.uid))


def _line(
    event: CalendarEvent,
    with_name: str | None,
    reason: NotOneOnOne | None,
    candidates: tuple[str, ...],
    series_choices: Mapping[str, SeriesChoice],
) -> RecurringSeries:
    return RecurringSeries(
        uid=event.uid,
        summary=event.summary,
        source=event.source,
        next_starts_at=event.starts_at,
        with_name=with_name,
        reason=reason,
        candidates=candidates,
        choice=series_choices.get(event.uid),
    )
