"""Everything the weekly review shows, computed once: the week, the week before, people,
and insights. The review window, `report --json/--csv` and `report --png` all use it.

The JSON and CSV documents are a contract: ids and English, whatever language the app shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Any

from focusmate.core.csv_text import csv_document
from focusmate.core.insights import Insight, insight_text, week_insights
from focusmate.core.kind_stats import KindStats, by_kind, by_kind_document
from focusmate.core.marks import with_builtins
from focusmate.core.model import CoachingSession
from focusmate.core.people import PersonStats, people_stats, window
from focusmate.core.pulse_gap import PulseGap, pulse_gap_document, pulse_gaps
from focusmate.core.report import report_document
from focusmate.core.text import english
from focusmate.core.weekly import IsoWeek, WeekStats, week_stats

#: More than any time zone's offset from UTC (UTC-12 to UTC+14).
_MARGIN = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class WeekReview:
    stats: WeekStats
    previous: WeekStats
    people: list[PersonStats]
    insights: list[Insight]
    #: The week's sessions by kind id (coaching, client meeting, the user's): the mirror.
    kinds: dict[str, KindStats] = field(default_factory=lambda: by_kind(()))
    #: Per salesperson with a pulse in the eight weeks: own ratings against their answers.
    pulse_gaps: dict[str, PulseGap] = field(default_factory=dict)

    @property
    def minutes_delta(self) -> float:
        return self.stats.total_minutes - self.previous.total_minutes

    @property
    def presence_delta(self) -> float | None:
        now, before = self.stats.average_score, self.previous.average_score
        return None if now is None or before is None else now - before


def week_review(
    sessions: Sequence[CoachingSession], week: IsoWeek, now: datetime, tz: tzinfo | None
) -> WeekReview:
    """The review of ``week``. Only the sessions that can fall in its span are looked at:
    with years of history, each figure below would otherwise work out every session's local
    day again (five years: ~80 ms of the review's first page, issue 18)."""
    return review_of(sessions_near(sessions, week), week, now, tz)


def sessions_near(sessions: Sequence[CoachingSession], week: IsoWeek) -> list[CoachingSession]:
    """The sessions whose local day can fall in the review's span: the TREND_WEEKS weeks up to
    ``week`` (people, their trend and pulse, falling presence; the week before and the week
    are in it), with a day's margin either side for any time zone (UTC-12 to UTC+14)."""
    first = datetime.combine(window(week)[0].monday - _MARGIN, time.min, UTC)
    end = datetime.combine(week.shifted(1).monday + _MARGIN, time.min, UTC)
    return [s for s in sessions if first <= s.started_at < end]


def review_of(
    sessions: Sequence[CoachingSession], week: IsoWeek, now: datetime, tz: tzinfo | None
) -> WeekReview:
    """The review of ``week`` from ``sessions`` as given (week_review: only those near it)."""
    stats = week_stats(sessions, week, now, tz)
    return WeekReview(
        stats=stats,
        previous=week_stats(sessions, week.shifted(-1), now, tz),
        people=people_stats(sessions, week, tz),
        insights=week_insights(sessions, week, tz),
        kinds=by_kind(stats.sessions, now),
        pulse_gaps=pulse_gaps(sessions, week, tz),
    )


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def review_document(review: WeekReview) -> dict[str, Any]:
    """`report --json`: the week's aggregates plus last week, deltas, the figures by kind of
    session, people (each with their pulse against the own ratings, core.pulse_gap) and
    insights."""
    document = report_document(review.stats)
    document["previous_week"] = report_document(review.previous)["totals"]
    document["deltas"] = {
        "minutes": round(review.minutes_delta, 1),
        "average_score": _round(review.presence_delta),
    }
    document["by_kind"] = by_kind_document(review.kinds)
    document["people"] = [
        {
            "with": p.name,
            "sessions": p.sessions,
            "average_presence": _round(p.average_presence),
            "marks_per_session": round(p.marks_per_session, 2),
            "commitments_kept": p.commitments_kept,
            "commitments_asked": p.commitments_asked,
            "trend": [_round(t) for t in p.trend],
            "pulse": pulse_gap_document(review.pulse_gaps.get(p.name)),
        }
        for p in review.people
    ]
    document["insights"] = [insight_text(insight, english) for insight in review.insights]
    return document


def review_csv(review: WeekReview) -> str:
    """`report --csv`: one row per day of the week."""
    kinds = list(with_builtins(review.stats.total_marks))
    rows: list[list[object]] = [
        ["date", "sessions", "minutes", *(f"{k}_marks" for k in kinds), "average_presence"]
    ]
    for day in review.stats.days:
        score = "" if day.average_score is None else f"{day.average_score:.2f}"
        rows.append(
            [
                day.day.isoformat(),
                day.sessions,
                f"{day.minutes:.1f}",
                *(day.marks.get(k, 0) for k in kinds),
                score,
            ]
        )
    return csv_document(rows)
