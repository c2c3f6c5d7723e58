"""core.week_review looks only at the sessions near the week (issue 18: the review's first page
with five years of history), and that changes no figure: the review of every week of two
years, in time zones from UTC-12 to UTC+14, is the same as from the whole history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest

from focusmate.core.model import CoachingSession
from focusmate.core.week_review import review_of, sessions_near, week_review
from focusmate.core.weekly import IsoWeek
from tests.benchmarks.make_history import history
from tests.sessions_for_tests import held

END = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)
ZONES: list[tzinfo] = [
    UTC,
    timezone(timedelta(hours=14)),
    timezone(timedelta(hours=-12)),
    ZoneInfo("Europe/Berlin"),
]


def at_every_week_edge() -> list[CoachingSession]:
    """Sessions an hour either side of each Monday 00:00 UTC (and 14 h, the widest offset):
    the ones a span too narrow would drop."""
    found = []
    monday = datetime(2025, 1, 6, tzinfo=UTC)
    while monday < END:
        for hours in (-14, -13, -1, 1, 13, 14):
            start = monday + timedelta(hours=hours)
            found.append(held(f"edge-{start.isoformat()}", "Edge", start, phone=hours % 3))
        monday += timedelta(weeks=1)
    return found


SESSIONS = sorted(history(2, 7, END) + at_every_week_edge(), key=lambda s: s.started_at)


@pytest.mark.parametrize("zone", ZONES, ids=str)
def test_every_week_is_the_same_from_the_sessions_near_it(zone: tzinfo) -> None:
    week = IsoWeek.containing(END.date())
    first = IsoWeek.containing((END - timedelta(days=700)).date())
    checked = 0
    while week != first:
        near = sessions_near(SESSIONS, week)
        assert len(near) < len(SESSIONS) / 5  # a span of weeks, not the history
        assert week_review(SESSIONS, week, END, zone) == review_of(SESSIONS, week, END, zone)
        week = week.shifted(-1)
        checked += 1
    assert checked > 90
