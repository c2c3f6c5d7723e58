"""The top-client mirror: figures by kind of session (hand-computed and as properties), the
insight comparing phone checks per hour, and `report --json`'s ``by_kind``."""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusmate.core.insights import Insight, InsightKind, insight_text, week_insights
from focusmate.core.kind_stats import MIN_RATE_MINUTES, MINUTES_PER_HOUR, by_kind
from focusmate.core.model import CoachingSession
from focusmate.core.reflection_form import SHARED_QUESTIONS
from focusmate.core.session_kind import CLIENT, COACHING
from focusmate.core.text import english
from focusmate.core.week_review import review_document, week_review
from focusmate.core.weekly import IsoWeek, session_minutes
from tests.core.strategies import sessions
from tests.core.test_weekly import ended
from tests.sessions_for_tests import held

W48 = IsoWeek(2026, 48)
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
slow_ok = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


def meeting(
    sid: str,
    kind: str,
    *,
    minutes: int,
    phone: int = 0,
    app: int = 0,
    rating: int | None = None,
) -> CoachingSession:
    start = MONDAY + timedelta(hours=int(sid[-1]))  # "c1" at 10:00, "t2" at 11:00
    answers = None if rating is None else (rating,) * 4
    return replace(ended(sid, start, minutes, phone=phone, app=app, answers=answers), kind=kind)


WEEK = [
    meeting("c1", CLIENT, minutes=100, phone=1, rating=5),
    meeting("c2", CLIENT, minutes=100, app=2),
    meeting("t1", COACHING, minutes=30, phone=1, app=1, rating=4),
    meeting("t2", COACHING, minutes=30, phone=1, rating=2),
]


def test_each_kind_has_its_sessions_minutes_rates_and_presence() -> None:
    kinds = by_kind(WEEK, MONDAY + timedelta(days=1))
    clients, team = kinds[CLIENT], kinds[COACHING]
    assert (clients.sessions, clients.minutes) == (2, 200.0)
    assert (clients.per_hour("phone"), clients.per_hour("app")) == (0.3, 0.6)
    assert clients.average_presence == 1 + 4 * 0.9  # only the reflected session counts
    assert (team.sessions, team.minutes) == (2, 60.0)
    assert (team.per_hour("phone"), team.per_hour("app")) == (2.0, 1.0)
    # 4 lowered by 10% for each of its two marks, and 2 for its one: (3.43 + 1.9) / 2
    assert team.average_presence is not None
    assert math.isclose(team.average_presence, (1 + 3 * 0.9**2 + 1 + 1 * 0.9) / 2)


def test_a_kind_without_sessions_has_no_rates_and_no_presence() -> None:
    empty = by_kind([WEEK[2]], MONDAY)[CLIENT]
    assert (empty.sessions, empty.minutes, empty.per_hour("phone")) == (0, 0.0, None)
    assert empty.average_presence is None
    assert empty.as_json() == {
        "sessions": 0,
        "minutes": 0.0,
        "marks_per_hour": {"phone": None, "app": None},
        "average_presence": None,
    }


@slow_ok
@given(st.lists(sessions(), max_size=8, unique_by=lambda s: s.id), st.randoms())
def test_totals_add_up_and_order_does_not_matter(
    data: list[CoachingSession], shuffler: random.Random
) -> None:
    now = max((s.ended_at or s.started_at for s in data), default=MONDAY)
    kinds = by_kind(data, now)
    assert list(kinds)[:2] == [COACHING, CLIENT]
    assert set(kinds) == {COACHING, CLIENT, *(s.kind for s in data)}
    assert sum(k.sessions for k in kinds.values()) == len(data)
    assert math.isclose(
        sum(k.minutes for k in kinds.values()),
        math.fsum(session_minutes(s, now) for s in data),
        abs_tol=1e-6,
    )
    for mark_kind in ("phone", "app", "mind-wandered"):
        counted = sum(k.marks.get(mark_kind, 0) for k in kinds.values())
        assert counted == sum(s.mark_counts().get(mark_kind, 0) for s in data)
    # Presence from the questions every kind asks: a reflection without one of them has none.
    assert sum(len(k.scores) for k in kinds.values()) == sum(
        s.reflection is not None and any(q in s.reflection.answers for q in SHARED_QUESTIONS)
        for s in data
    )
    shuffled = list(data)
    shuffler.shuffle(shuffled)
    assert by_kind(shuffled, now) == kinds


def test_report_json_has_the_weeks_figures_by_kind() -> None:
    document = review_document(week_review(WEEK, W48, MONDAY + timedelta(days=2), UTC))
    assert document["by_kind"] == {
        "coaching": {
            "sessions": 2,
            "minutes": 60.0,
            "marks_per_hour": {"phone": 2.0, "app": 1.0},
            "average_presence": 2.67,
        },
        "client": {
            "sessions": 2,
            "minutes": 200.0,
            "marks_per_hour": {"phone": 0.3, "app": 0.6},
            "average_presence": 4.6,
        },
    }
    assert document["totals"]["sessions"] == 4 and document["totals"]["minutes"] == 260.0


def test_the_review_compares_phone_checks_per_hour_with_two_of_each_kind() -> None:
    mirror = Insight(InsightKind.PHONE_CLIENTS_VS_TEAM, {"clients": 0.3, "team": 2.0})
    assert mirror in week_insights(WEEK, W48, UTC)
    assert insight_text(mirror, english) == "Phone checks per hour: clients 0.3, your team 2.0."


def test_one_client_meeting_is_too_few_to_compare() -> None:
    found = week_insights([WEEK[0], *WEEK[2:]], W48, UTC)
    assert all(i.kind is not InsightKind.PHONE_CLIENTS_VS_TEAM for i in found)
    no_time = [replace(s, ended_at=s.started_at, marks=()) for s in WEEK]
    assert all(
        i.kind is not InsightKind.PHONE_CLIENTS_VS_TEAM for i in week_insights(no_time, W48, UTC)
    )


def test_a_rate_needs_a_quarter_hour_of_session_time() -> None:
    """Three minutes with one phone check is not "20 per hour": below MIN_RATE_MINUTES a kind
    has no rate (report null, no review line, no insight), from that much on it has one."""
    start = MONDAY + timedelta(hours=1)
    short = held("s1", "Acme", start, minutes=3, phone=1, kind=CLIENT)
    enough = held("s2", "Acme", start, minutes=MIN_RATE_MINUTES, phone=1, kind=CLIENT)
    assert by_kind([short], MONDAY + timedelta(days=1))[CLIENT].per_hour("phone") is None
    rate = by_kind([enough], MONDAY + timedelta(days=1))[CLIENT].per_hour("phone")
    assert rate == MINUTES_PER_HOUR / MIN_RATE_MINUTES
