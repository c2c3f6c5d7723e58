"""Weekly statistics: minutes in sessions, marks and presence scores per day of an ISO week.

Weeks are cut at ISO boundaries (Monday 00:00) in the user's time zone; a session
belongs to the local day on which it started.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from focusmate.core.errors import InvalidInput
from focusmate.core.model import CoachingSession
from focusmate.core.scoring import presence_score

_WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True, slots=True, order=True)
class IsoWeek:
    """An ISO 8601 week, e.g. 2026-W48."""

    year: int
    week: int

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        match = _WEEK_PATTERN.match(text.strip())
        if match is None:
            raise InvalidInput(f"a week is written YYYY-Www (e.g. 2026-W48), not {text!r}")
        year, week = int(match.group(1)), int(match.group(2))
        try:
            date.fromisocalendar(year, week, 1)
        except ValueError:
            raise InvalidInput(f"{text!r} is not a week of the calendar") from None
        return cls(year, week)

    @classmethod
    def containing(cls, day: date) -> IsoWeek:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.monday + timedelta(days=i) for i in range(7))

    def shifted(self, weeks: int) -> IsoWeek:
        return IsoWeek.containing(self.monday + timedelta(weeks=weeks))

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


@dataclass(frozen=True, slots=True)
class DayStats:
    """One day of the week: sessions, minutes in sessions, marks by kind, average presence."""

    day: date
    sessions: int
    minutes: float
    marks: dict[str, int]  # by kind id, only kinds that occur
    average_score: float | None


@dataclass(frozen=True, slots=True)
class WeekStats:
    """A whole ISO week: seven DayStats, the week's sessions in start order, and totals."""

    week: IsoWeek
    days: tuple[DayStats, ...]
    sessions: tuple[CoachingSession, ...]

    @property
    def total_minutes(self) -> float:
        return sum(d.minutes for d in self.days)

    @property
    def total_marks(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for day in self.days:
            for kind, count in day.marks.items():
                totals[kind] = totals.get(kind, 0) + count
        return totals

    @property
    def average_score(self) -> float | None:
        return _mean_score(self.sessions)


def local_day(instant: datetime, tz: tzinfo | None) -> date:
    """The calendar date of an instant in ``tz`` (None: the system's local zone)."""
    return instant.astimezone(tz).date()


def session_minutes(session: CoachingSession, now: datetime) -> float:
    """Minutes in the session so far (a running session counts up to ``now``; never negative)."""
    end = session.ended_at or now
    return max(0.0, (end - session.started_at).total_seconds() / 60)


def week_stats(
    sessions: Iterable[CoachingSession], week: IsoWeek, now: datetime, tz: tzinfo | None
) -> WeekStats:
    """Aggregate the sessions that started in ``week`` (in time zone ``tz``)."""
    days = week.days
    by_day: dict[date, list[CoachingSession]] = {d: [] for d in days}
    for session in sessions:
        started = local_day(session.started_at, tz)
        if started in by_day:
            by_day[started].append(session)
    day_stats = tuple(_day_stats(d, by_day[d], now) for d in days)
    in_week = sorted((s for d in days for s in by_day[d]), key=lambda s: s.started_at)
    return WeekStats(week=week, days=day_stats, sessions=tuple(in_week))


def _day_stats(day: date, sessions: list[CoachingSession], now: datetime) -> DayStats:
    marks: dict[str, int] = {}
    for session in sessions:
        for kind, count in session.mark_counts().items():
            marks[kind] = marks.get(kind, 0) + count
    return DayStats(
        day=day,
        sessions=len(sessions),
        minutes=sum(session_minutes(s, now) for s in sessions),
        marks=marks,
        average_score=_mean_score(sessions),
    )


def _mean_score(sessions: Iterable[CoachingSession]) -> float | None:
    scores = [s for s in (presence_score(x) for x in sessions) if s is not None]
    return sum(scores) / len(scores) if scores else None
