"""Weekly statistics: hand-computed weeks, ISO boundaries in the user's zone, DST, totals."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusmate.core.errors import InvalidInput
from focusmate.core.model import CoachingSession, Question, Reflection
from focusmate.core.report import report_document, report_text
from focusmate.core.weekly import IsoWeek, session_minutes, week_stats
from tests.core.strategies import sessions
from tests.fakes import T0
from tests.sessions_for_tests import held

BERLIN = ZoneInfo("Europe/Berlin")


def ended(
    sid: str,
    start: datetime,
    minutes: float,
    *,
    phone: int = 0,
    app: int = 0,
    answers: tuple[int, int, int, int] | None = None,
) -> CoachingSession:
    reflection = None
    if answers is not None:
        reflection = Reflection(dict(zip(Question, answers, strict=True)), complete=True)
    return held(sid, "Ana", start, minutes=minutes, phone=phone, app=app, reflection=reflection)


def test_a_hand_computed_week() -> None:
    week = IsoWeek(2026, 48)
    data = [
        # presence = 1 + (mean - 1) * 0.9 ** marks (core.scoring)
        ended("a", T0, 45, phone=2, app=1, answers=(3, 4, 3, 4)),  # Mon, 1 + 2.5 * 0.729
        ended("b", T0 + timedelta(hours=5), 15, phone=1, answers=(5, 5, 5, 5)),  # Mon, 4.6
        ended("c", T0 + timedelta(days=2), 30, answers=(5, 5, 4, 5)),  # Wed, 4.75
        ended("d", T0 + timedelta(days=7), 60, phone=9),  # next week: not counted
        ended("e", T0 - timedelta(hours=12), 60, phone=9),  # Sunday before: not counted
    ]
    stats = week_stats(data, week, T0 + timedelta(days=10), UTC)
    monday, _, wednesday = stats.days[:3]
    assert (monday.sessions, monday.minutes) == (2, 60)
    assert monday.average_score == pytest.approx((2.8225 + 4.6) / 2)
    assert monday.marks == {"phone": 3, "app": 1}
    assert (wednesday.minutes, wednesday.average_score) == (30, 4.75)
    assert [s.id for s in stats.sessions] == ["a", "b", "c"]
    assert stats.total_minutes == 90
    assert stats.total_marks == {"phone": 3, "app": 1}
    assert stats.average_score == pytest.approx((2.8225 + 4.6 + 4.75) / 3)
    assert all(d.sessions == 0 and d.average_score is None for d in stats.days[3:])


def test_weeks_are_cut_at_local_midnight_monday() -> None:
    """Sunday 23:30 in Berlin is Sunday 22:30 UTC: last week there, whatever UTC says."""
    late_sunday = datetime(2026, 11, 29, 23, 30, tzinfo=BERLIN)
    early_monday = datetime(2026, 11, 30, 0, 30, tzinfo=BERLIN)  # Sunday 23:30 UTC
    data = [
        ended("sun", late_sunday.astimezone(UTC), 20),
        ended("mon", early_monday.astimezone(UTC), 20),
    ]
    w48 = week_stats(data, IsoWeek(2026, 48), T0 + timedelta(days=30), BERLIN)
    w49 = week_stats(data, IsoWeek(2026, 49), T0 + timedelta(days=30), BERLIN)
    assert [s.id for s in w48.sessions] == ["sun"]
    assert [s.id for s in w49.sessions] == ["mon"]
    assert w49.days[0].sessions == 1


def test_a_session_across_the_dst_change_counts_real_minutes() -> None:
    """Clocks go back at 03:00 on 25 Oct 2026 in Berlin: 02:30-02:30 is 60 real minutes."""
    start = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST
    stats = week_stats([ended("x", start, 60)], IsoWeek(2026, 43), start, BERLIN)
    assert stats.days[6].day == date(2026, 10, 25)
    assert stats.days[6].minutes == 60


def test_a_running_session_counts_up_to_now() -> None:
    running = CoachingSession("r", "Ana", T0, 30)
    assert session_minutes(running, T0 + timedelta(minutes=12)) == 12
    assert session_minutes(running, T0 - timedelta(minutes=12)) == 0


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(sessions(), max_size=12, unique_by=lambda s: s.id))
def test_totals_are_preserved_across_weeks(data: list[CoachingSession]) -> None:
    """Every session lands in exactly one week, with all its minutes and marks."""
    now = datetime(2036, 1, 1, tzinfo=UTC)
    weeks = {IsoWeek.containing(s.started_at.astimezone(BERLIN).date()) for s in data}
    all_stats = [week_stats(data, w, now, BERLIN) for w in weeks]
    assert sum(len(w.sessions) for w in all_stats) == len(data)
    assert sum(w.total_minutes for w in all_stats) == pytest.approx(
        sum(session_minutes(s, now) for s in data)
    )
    assert sum(sum(w.total_marks.values()) for w in all_stats) == sum(len(s.marks) for s in data)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_iso_weeks_round_trip_and_contain_their_days(day: date) -> None:
    week = IsoWeek.containing(day)
    assert IsoWeek.parse(str(week)) == week
    assert day in week.days and week.days[0].weekday() == 0
    assert week.shifted(1).shifted(-1) == week
    assert week.shifted(1).monday - week.monday == timedelta(days=7)


@pytest.mark.parametrize("text", ["2026-48", "2026-W54", "2026-W00", "W48", "", "2026-W4"])
def test_bad_week_texts(text: str) -> None:
    with pytest.raises(InvalidInput):
        IsoWeek.parse(text)


def test_2026_has_53_weeks() -> None:
    assert IsoWeek.parse("2026-W53").shifted(1) == IsoWeek(2027, 1)


def test_report_document_and_text() -> None:
    stats = week_stats(
        [ended("a", T0, 45, phone=2, app=1, answers=(3, 4, 3, 4))], IsoWeek(2026, 48), T0, UTC
    )
    doc = report_document(stats)
    assert doc["week"] == "2026-W48"
    assert doc["days"][0] == {
        "date": "2026-11-23",
        "sessions": 1,
        "minutes": 45.0,
        "marks": {"phone": 2, "app": 1},
        "average_score": 2.82,
    }
    assert doc["totals"]["marks"] == {"phone": 2, "app": 1}
    assert doc["sessions"][0]["score"] == 2.82  # presence: 1 + (3.5 - 1) * 0.9 ** 3
    text = report_text(stats)
    assert "Mon 23 Nov" in text and "2.8" in text
