"""The morning-stillness page's content: the last coaching day, looked back on as a whole.

"Yesterday" is the most recent earlier day with sessions within the last week, so on a
Monday morning the page shows Friday's one-on-ones rather than an empty Sunday. For that
day: the sessions, the mean answer to each of the four questions over all of them, the
mean empathy rating, and the commitments made (what to carry into today). The means are
of the coaching sessions' reflections: the questions are worded for one's salesperson, and a
client meeting's short reflection (core.reflection_form) answers them about someone else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from focusmate.core.model import CoachingSession, Question
from focusmate.core.ports import Notification
from focusmate.core.session_kind import COACHING
from focusmate.core.text import translate
from focusmate.core.weekly import local_day

LOOKBACK_DAYS = 7
STILLNESS_S = 120


@dataclass(frozen=True, slots=True)
class MorningDigest:
    """One coaching day (``day``), seen from the morning of ``today``."""

    today: date
    day: date | None
    sessions: tuple[CoachingSession, ...] = ()
    question_means: tuple[tuple[Question, float | None], ...] = ()
    empathy_mean: float | None = None
    commitments: tuple[tuple[str, str], ...] = ()  # (salesperson, "next time I will ...")

    @property
    def day_label(self) -> str:
        """'yesterday', or the date ('Friday 20 November') when it was longer ago."""
        if self.day is None:
            return "the last few days"
        if self.day == self.today - timedelta(days=1):
            return "yesterday"
        return f"{self.day:%A %d %B}"


def morning_digest(
    sessions: Iterable[CoachingSession], now: datetime, tz: tzinfo | None
) -> MorningDigest:
    """The digest of the most recent day before today (local) that had ended sessions."""
    today = local_day(now, tz)
    earliest = today - timedelta(days=LOOKBACK_DAYS)
    by_day: dict[date, list[CoachingSession]] = {}
    for session in sessions:
        day = local_day(session.started_at, tz)
        if not session.running and earliest <= day < today:
            by_day.setdefault(day, []).append(session)
    if not by_day:
        return MorningDigest(today, None)
    day = max(by_day)
    chosen = tuple(sorted(by_day[day], key=lambda s: s.started_at))
    reflections = [s.reflection for s in chosen if s.reflection is not None and s.kind == COACHING]
    means = tuple(
        (q, _mean([r.answers[q] for r in reflections if q in r.answers])) for q in Question
    )
    empathy = _mean([r.empathy for r in reflections if r.empathy is not None])
    commitments = tuple(
        (s.with_name, s.reflection.commitment)
        for s in chosen
        if s.reflection is not None and s.reflection.commitment is not None
    )
    return MorningDigest(today, day, chosen, means, empathy, commitments)


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def morning_notification(occurrence: datetime) -> Notification:
    """The reminder for one occurrence (its key makes a held copy unique), in the user's
    language at the moment it is due."""
    return Notification(
        key=f"morning:{occurrence.isoformat()}",
        title=translate("MorningReminder", "Morning stillness"),
        body=translate(
            "MorningReminder",
            "Before you check your phone: two quiet minutes with yesterday's one-on-ones. "
            "Click to open, or choose Morning stillness in the focusmate menu.",
        ),
    )
