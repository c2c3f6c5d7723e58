"""Insights in words: short statements about a week that its data supports, or none.

Each rule states one fact and only past a threshold, so a thin week says nothing rather
than something weak. Rules:

* marks by time of day: at least 4 phone checks, and one part of the day (before noon,
  noon-4 pm, after 4 pm) holds at least 60% of them and more than its share of sessions;
* commitments: at least 2 reflections said what became of last time's commitment;
* falling presence: with one person, the weekly average fell three weeks running;
* week over week: at least 2 rated sessions in both weeks and a change of 0.3 or more;
* the top-client mirror: at least 2 client meetings and 2 coaching sessions, with session
  time, compare phone checks per hour (core.kind_stats);
* the listening gap: with one person, at least 3 pulses in the eight weeks (core.pulse_gap)
  and the own empathy ratings of those sessions at least 1 point from their *heard* answers,
  either way.

An insight is a fact (its kind and figures), not a sentence: ``insight_text`` words it, in
the user's language for the review window, and in English (``english``) for `report` and
the week's JSON export, whose text stays the same whatever language the app shows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from enum import StrEnum
from itertools import pairwise

from focusmate.core.kind_stats import by_kind
from focusmate.core.model import CoachingSession, CommitmentOutcome
from focusmate.core.people import people_stats
from focusmate.core.pulse_gap import pulse_gaps
from focusmate.core.scoring import presence_score
from focusmate.core.session_kind import CLIENT, COACHING
from focusmate.core.text import translate
from focusmate.core.weekly import IsoWeek, local_day

MIN_MARKS_FOR_TIME_OF_DAY = 4
TIME_OF_DAY_SHARE = 0.6
MIN_COMMITMENTS = 2
MIN_RATED_FOR_DELTA = 2
MIN_DELTA = 0.3
MIN_SESSIONS_PER_KIND = 2
MIN_LISTENING_GAP = 1.0

#: (context, English source) -> the text to show; ``core.text.translate`` or ``english``.
Wording = Callable[[str, str], str]


class InsightKind(StrEnum):
    """Which rule found the fact (one sentence each, so no sentence is glued from parts)."""

    PHONE_BEFORE_NOON = "phone_before_noon"
    PHONE_MIDDAY = "phone_midday"
    PHONE_AFTER_FOUR = "phone_after_four"
    COMMITMENTS_KEPT = "commitments_kept"
    COMMITMENTS_PARTLY_KEPT = "commitments_partly_kept"
    PRESENCE_FALLING_WITH = "presence_falling_with"
    PRESENCE_ROSE = "presence_rose"
    PRESENCE_FELL = "presence_fell"
    PHONE_CLIENTS_VS_TEAM = "phone_clients_vs_team"
    LISTENING_GAP = "listening_gap"


@dataclass(frozen=True, slots=True)
class Insight:
    """One fact: its kind and the figures its sentence names (see ``insight_text``)."""

    kind: InsightKind
    figures: Mapping[str, int | float | str] = field(default_factory=dict)


#: Parts of the day, as (kind, first hour, hour after the last).
_BANDS = (
    (InsightKind.PHONE_BEFORE_NOON, 0, 12),
    (InsightKind.PHONE_MIDDAY, 12, 16),
    (InsightKind.PHONE_AFTER_FOUR, 16, 24),
)


def one_decimal(value: float) -> str:
    return f"{value:.1f}"


def insight_text(
    insight: Insight,
    translate: Wording = translate,
    decimal: Callable[[float], str] = one_decimal,
) -> str:
    """The sentence for ``insight``: by default in the user's language; pass ``english`` for
    files and the CLI, and the window's own number format as ``decimal``.

    The parameter is called ``translate`` so that Qt's lupdate, which reads calls by name,
    finds the sentences below.
    """
    sentences = {
        InsightKind.PHONE_BEFORE_NOON: translate(
            "Insights", "{count} of your {total} phone checks were in sessions before noon."
        ),
        InsightKind.PHONE_MIDDAY: translate(
            "Insights",
            "{count} of your {total} phone checks were in sessions between noon and 4 pm.",
        ),
        InsightKind.PHONE_AFTER_FOUR: translate(
            "Insights", "{count} of your {total} phone checks were in sessions after 4 pm."
        ),
        InsightKind.COMMITMENTS_KEPT: translate(
            "Insights", "You kept {kept} of {total} commitments."
        ),
        InsightKind.COMMITMENTS_PARTLY_KEPT: translate(
            "Insights", "You kept {kept} of {total} commitments and partly kept {partly} more."
        ),
        InsightKind.PRESENCE_FALLING_WITH: translate(
            "Insights", "Presence with {name} fell three weeks running."
        ),
        InsightKind.PRESENCE_ROSE: translate(
            "Insights", "Your average presence rose from {before} to {after} this week."
        ),
        InsightKind.PRESENCE_FELL: translate(
            "Insights", "Your average presence fell from {before} to {after} this week."
        ),
        InsightKind.PHONE_CLIENTS_VS_TEAM: translate(
            "Insights", "Phone checks per hour: clients {clients}, your team {team}."
        ),
        InsightKind.LISTENING_GAP: translate(
            "Insights",
            "You rated your listening {own} on average; {name}'s answers average {theirs}.",
        ),
    }
    figures = {
        name: decimal(value) if isinstance(value, float) else str(value)
        for name, value in insight.figures.items()
    }
    return sentences[insight.kind].format(**figures)


def week_insights(
    sessions: Sequence[CoachingSession], week: IsoWeek, tz: tzinfo | None
) -> list[Insight]:
    this_week = _in_week(sessions, week, tz)
    found = [
        _time_of_day(this_week, tz),
        _commitments(this_week),
        *_falling_presence(sessions, week, tz),
        _week_over_week(this_week, _in_week(sessions, week.shifted(-1), tz)),
        _clients_vs_team(this_week),
        *_listening_gaps(sessions, week, tz),
    ]
    return [insight for insight in found if insight is not None]


def _in_week(
    sessions: Sequence[CoachingSession], week: IsoWeek, tz: tzinfo | None
) -> list[CoachingSession]:
    days = set(week.days)
    return [s for s in sessions if not s.running and local_day(s.started_at, tz) in days]


def _time_of_day(sessions: list[CoachingSession], tz: tzinfo | None) -> Insight | None:
    total = sum(s.mark_counts().get("phone", 0) for s in sessions)
    if total < MIN_MARKS_FOR_TIME_OF_DAY:
        return None
    for kind, start, end in _BANDS:
        in_band = [s for s in sessions if start <= s.started_at.astimezone(tz).hour < end]
        phone = sum(s.mark_counts().get("phone", 0) for s in in_band)
        mark_share, session_share = phone / total, len(in_band) / len(sessions)
        if mark_share >= TIME_OF_DAY_SHARE and mark_share > session_share:
            return Insight(kind, {"count": phone, "total": total})
    return None


def _commitments(sessions: list[CoachingSession]) -> Insight | None:
    outcomes = [
        s.reflection.commitment_outcome
        for s in sessions
        if s.reflection is not None and s.reflection.commitment_outcome is not None
    ]
    if len(outcomes) < MIN_COMMITMENTS:
        return None
    kept = outcomes.count(CommitmentOutcome.KEPT)
    partly = outcomes.count(CommitmentOutcome.PARTLY)
    figures = {"kept": kept, "total": len(outcomes)}
    if partly:
        return Insight(InsightKind.COMMITMENTS_PARTLY_KEPT, {**figures, "partly": partly})
    return Insight(InsightKind.COMMITMENTS_KEPT, figures)


def _falling_presence(
    sessions: Sequence[CoachingSession], week: IsoWeek, tz: tzinfo | None
) -> list[Insight]:
    found = []
    for person in people_stats(sessions, week, tz, weeks=4):
        trend = [t for t in person.trend if t is not None]
        if len(trend) == len(person.trend) and all(b < a for a, b in pairwise(trend)):
            found.append(Insight(InsightKind.PRESENCE_FALLING_WITH, {"name": person.name}))
    return found


def _week_over_week(now: list[CoachingSession], before: list[CoachingSession]) -> Insight | None:
    this, last = _rated(now), _rated(before)
    if len(this) < MIN_RATED_FOR_DELTA or len(last) < MIN_RATED_FOR_DELTA:
        return None
    mean_now, mean_before = sum(this) / len(this), sum(last) / len(last)
    if abs(mean_now - mean_before) < MIN_DELTA:
        return None
    kind = InsightKind.PRESENCE_ROSE if mean_now > mean_before else InsightKind.PRESENCE_FELL
    return Insight(kind, {"before": mean_before, "after": mean_now})


def _rated(sessions: list[CoachingSession]) -> list[float]:
    return [s for s in (presence_score(x) for x in sessions) if s is not None]


def _clients_vs_team(sessions: list[CoachingSession]) -> Insight | None:
    kinds = by_kind(sessions)
    clients, team = kinds[CLIENT], kinds[COACHING]
    if min(clients.sessions, team.sessions) < MIN_SESSIONS_PER_KIND:
        return None
    clients_rate, team_rate = clients.per_hour("phone"), team.per_hour("phone")
    if clients_rate is None or team_rate is None:  # too little session time for a rate
        return None
    return Insight(InsightKind.PHONE_CLIENTS_VS_TEAM, {"clients": clients_rate, "team": team_rate})


def _listening_gaps(
    sessions: Sequence[CoachingSession], week: IsoWeek, tz: tzinfo | None
) -> list[Insight]:
    found = []
    for name, gap in pulse_gaps(sessions, week, tz).items():
        own, difference = gap.own_listening, gap.listening_gap
        if own is not None and difference is not None and abs(difference) >= MIN_LISTENING_GAP:
            figures: dict[str, int | float | str] = {
                "own": own,
                "name": name,
                "theirs": gap.their_heard,
            }
            found.append(Insight(InsightKind.LISTENING_GAP, figures))
    return found
