"""The morning page's digest: the last coaching day, the questions over all of it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from focusmate.core.model import CoachingSession, Question, Reflection
from focusmate.core.morning import morning_digest, morning_notification
from focusmate.core.session_kind import CLIENT
from tests.fakes import T0  # Monday 23 November 2026, 09:00 UTC


def session(
    sid: str, start: datetime, reflection: Reflection | None = None, *, ended: bool = True
) -> CoachingSession:
    return CoachingSession(
        sid,
        f"P{sid}",
        start,
        30,
        reflection=reflection,
        ended_at=start + timedelta(minutes=30) if ended else None,
    )


def answered(
    values: tuple[int, int, int, int], empathy: int | None, commitment: str = ""
) -> Reflection:
    return Reflection(
        dict(zip(Question, values, strict=True)),
        next_time=commitment,
        complete=True,
        empathy=empathy,
    )


def test_yesterdays_sessions_and_the_mean_of_each_question() -> None:
    yesterday = T0  # Monday
    data = [
        session("a", yesterday, answered((2, 4, 3, 5), 2, "ask first")),
        session("b", yesterday + timedelta(hours=3), answered((4, 4, 5, 5), None)),
        session("c", yesterday + timedelta(hours=5)),  # never reflected on
        session("old", yesterday - timedelta(days=1), answered((1, 1, 1, 1), 1)),
    ]
    digest = morning_digest(data, T0 + timedelta(days=1), UTC)
    assert digest.day == date(2026, 11, 23) and digest.day_label == "yesterday"
    assert [s.id for s in digest.sessions] == ["a", "b", "c"]
    assert dict(digest.question_means) == {
        Question.FULLY_PRESENT: 3,
        Question.PERSON_OVER_PHONE: 4,
        Question.UNDERSTOOD_BEFORE_ADVISING: 4,
        Question.RESPECT_LIKE_TOP_CLIENT: 5,
    }
    assert digest.empathy_mean == 2
    assert digest.commitments == (("Pa", "ask first"),)


def test_on_monday_it_looks_back_to_friday() -> None:
    friday = T0 - timedelta(days=3)
    digest = morning_digest([session("f", friday)], T0, UTC)
    assert digest.day == date(2026, 11, 20) and digest.day_label == "Friday 20 November"


def test_today_running_and_older_than_a_week_do_not_count() -> None:
    data = [
        session("today", T0 - timedelta(hours=1)),
        session("running", T0 - timedelta(days=1), ended=False),
        session("ancient", T0 - timedelta(days=8)),
    ]
    digest = morning_digest(data, T0, UTC)
    assert digest.day is None and digest.sessions == ()
    assert digest.day_label == "the last few days"
    assert digest.question_means == ()


def test_days_are_local() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    late = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)  # Monday 00:30 in Berlin
    digest = morning_digest([session("x", late)], datetime(2026, 11, 24, 6, tzinfo=UTC), berlin)
    assert digest.day == date(2026, 11, 23)


def test_the_reminder_notification() -> None:
    note = morning_notification(datetime(2026, 11, 23, 7, 30, tzinfo=UTC))
    assert note.title == "Morning stillness" and "before you check your phone" in note.body.lower()
    assert note.key == "morning:2026-11-23T07:30:00+00:00"


@pytest.mark.parametrize("hours", [0, 12])
def test_no_sessions_at_all(hours: int) -> None:
    assert morning_digest([], T0 + timedelta(hours=hours), UTC).sessions == ()


def test_a_client_meetings_short_reflection_is_not_averaged_into_the_questions() -> None:
    """The questions are worded for one's salesperson; the client meeting is still listed."""
    client = replace(
        session("c", T0 + timedelta(hours=1), Reflection(dict.fromkeys(Question, 1))),
        kind=CLIENT,
    )
    data = [session("a", T0, answered((4, 4, 4, 4), 4)), client]
    digest = morning_digest(data, T0 + timedelta(days=1), UTC)
    assert [s.id for s in digest.sessions] == ["a", "c"]
    assert set(dict(digest.question_means).values()) == {4}
