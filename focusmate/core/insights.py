"""Insights in words: short statements about a week that its data supports, or none.

Each rule states one fact and only past a threshold, so a thin week says nothing rather
than something weak. Rules:

* marks by time of day: at least 4 phone checks, and one part of the day (before noon,
  noon-4 pm, after 4 pm) holds at least 60% of them and more than its share of sessions;
* commitments: at least 2 reflections said what became of last time's commitment;
* falling presence: with one person, the weekly average fell three weeks running;
* week over week: at least 2 rated sessions in both weeks and a change of 0.3 or more.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from itertools import pairwise

from focusmate.core.model import CoachingSession, CommitmentOutcome
from focusmate.core.people import people_stats
from focusmate.core.scoring import presence_score
from focusmate.core.weekly import IsoWeek, local_day

MIN_MARKS_FOR_TIME_OF_DAY = 4
TIME_OF_DAY_SHARE = 0.6
MIN_COMMITMENTS = 2
MIN_RATED_FOR_DELTA = 2
MIN_DELTA = 0.3
_BANDS = (("before noon", 0, 12), ("between noon and 4 pm", 12, 16), ("after 4 pm", 16, 24))


def week_insights(
    sessions: Sequence[CoachingSession], week: IsoWeek, tz: tzinfo | None
) -> list[str]:
    this_week = _in_week(sessions, week, tz)
    found = [
        _time_of_day(this_week, tz),
        _commitments(this_week),
        *_falling_presence(sessions, week, tz),
        _week_over_week(this_week, _in_week(sessions, week.shifted(-1), tz)),
    ]
    return [text for text in found if text]


def _in_week(
    sessions: Sequence[CoachingSession], week: IsoWeek, tz: tzinfo | None
) -> list[CoachingSession]:
    days = set(week.days)
    return [s for s in sessions if not s.running and local_day(s.started_at, tz) in days]


def _time_of_day(sessions: list[CoachingSession], tz: tzinfo | None) -> str | None:
    total = sum(s.mark_counts().get("phone", 0) for s in sessions)
    if total < MIN_MARKS_FOR_TIME_OF_DAY:
        return None
    for label, start, end in _BANDS:
        in_band = [s for s in sessions if start <= s.started_at.astimezone(tz).hour < end]
        phone = sum(s.mark_counts().get("phone", 0) for s in in_band)
        mark_share, session_share = phone / total, len(in_band) / len(sessions)
        if mark_share >= TIME_OF_DAY_SHARE and mark_share > session_share:
            return f"{phone} of your {total} phone checks were in sessions {label}."
    return None


def _commitments(sessions: list[CoachingSession]) -> str | None:
    outcomes = [
        s.reflection.commitment_outcome
        for s in sessions
        if s.reflection is not None and s.reflection.commitment_outcome is not None
    ]
    if len(outcomes) < MIN_COMMITMENTS:
        return None
    kept = outcomes.count(CommitmentOutcome.KEPT)
    partly = outcomes.count(CommitmentOutcome.PARTLY)
    text = f"You kept {kept} of {len(outcomes)} commitments"
    return text + (f" and partly kept {partly} more." if partly else ".")


def _falling_presence(
    sessions: Sequence[CoachingSession], week: IsoWeek, tz: tzinfo | None
) -> list[str]:
    texts = []
    for person in people_stats(sessions, week, tz, weeks=4):
        trend = [t for t in person.trend if t is not None]
        if len(trend) == len(person.trend) and all(b < a for a, b in pairwise(trend)):
            texts.append(f"Presence with {person.name} fell three weeks running.")
    return texts


def _week_over_week(now: list[CoachingSession], before: list[CoachingSession]) -> str | None:
    this, last = _rated(now), _rated(before)
    if len(this) < MIN_RATED_FOR_DELTA or len(last) < MIN_RATED_FOR_DELTA:
        return None
    mean_now, mean_before = sum(this) / len(this), sum(last) / len(last)
    if abs(mean_now - mean_before) < MIN_DELTA:
        return None
    direction = "rose" if mean_now > mean_before else "fell"
    return f"Your average presence {direction} from {mean_before:.1f} to {mean_now:.1f} this week."


def _rated(sessions: list[CoachingSession]) -> list[float]:
    return [s for s in (presence_score(x) for x in sessions) if s is not None]
