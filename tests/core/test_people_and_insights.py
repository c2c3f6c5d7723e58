"""Per-salesperson statistics and insights in words, with hand-computed expectations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from focusmate.core.insights import (
    Insight,
    InsightKind,
    insight_text,
    week_insights,
)
from focusmate.core.model import CoachingSession, CommitmentOutcome
from focusmate.core.people import people_stats
from focusmate.core.text import english, use_translator
from focusmate.core.week_review import WeekReview, review_document
from focusmate.core.weekly import IsoWeek, WeekStats
from tests.sessions_for_tests import held, reflected

W48 = IsoWeek(2026, 48)
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def session(
    sid: str,
    who: str,
    start: datetime,
    rating: int | None,
    *,
    phone: int = 0,
    outcome: CommitmentOutcome | None = None,
) -> CoachingSession:
    reflection = None if rating is None else reflected(rating, outcome=outcome)
    return held(sid, who, start, phone=phone, reflection=reflection)


def test_people_are_sorted_least_present_first_with_an_eight_week_trend() -> None:
    data = [
        session("a", "Ana", MONDAY, 5),
        session("b", "Ana", MONDAY - timedelta(weeks=2), 3),
        session("c", "Ben", MONDAY, 2, phone=2, outcome=CommitmentOutcome.KEPT),
        session("d", "Ben", MONDAY + timedelta(days=1), 4, outcome=CommitmentOutcome.NOT_KEPT),
        session("e", "Cy", MONDAY, None),
        session("old", "Ana", MONDAY - timedelta(weeks=9), 1),  # outside the 8 weeks
    ]
    stats = people_stats(data, W48, UTC)
    assert [p.name for p in stats] == ["Ben", "Ana", "Cy"]  # Ben ~2.9 (two marks), Ana 4.0
    ben = next(p for p in stats if p.name == "Ben")
    assert ben.sessions == 2 and ben.marks_per_session == 1.0
    assert (ben.commitments_kept, ben.commitments_asked) == (1, 2)
    ana = next(p for p in stats if p.name == "Ana")
    assert ana.trend == (None, None, None, None, None, 3.0, None, 5.0)
    assert ana.average_presence == 4.0
    assert stats[-1].name == "Cy" and stats[-1].average_presence is None


def test_least_present_comes_first() -> None:
    data = [session("a", "Ana", MONDAY, 5), session("b", "Ben", MONDAY, 2)]
    assert [p.name for p in people_stats(data, W48, UTC)] == ["Ben", "Ana"]


def test_no_insights_when_data_is_thin() -> None:
    assert week_insights([session("a", "Ana", MONDAY, 3, phone=2)], W48, UTC) == []
    assert week_insights([], W48, UTC) == []


def test_phone_checks_late_in_the_day() -> None:
    late = MONDAY.replace(hour=16, minute=30)
    data = [
        session("m1", "Ana", MONDAY, 4, phone=1),
        session("m2", "Ben", MONDAY + timedelta(days=1), 4, phone=1),
        session("l1", "Cy", late, 3, phone=4),
    ]
    assert week_insights(data, W48, UTC) == [
        Insight(InsightKind.PHONE_AFTER_FOUR, {"count": 4, "total": 6})
    ]
    assert "4 of your 6 phone checks were in sessions after 4 pm." in sentences(data)


def test_commitments_and_week_over_week() -> None:
    last = MONDAY - timedelta(weeks=1)
    data = [
        session("a", "Ana", MONDAY, 4, outcome=CommitmentOutcome.KEPT),
        session("b", "Ben", MONDAY, 4, outcome=CommitmentOutcome.KEPT),
        session("c", "Cy", MONDAY, 4, outcome=CommitmentOutcome.PARTLY),
        session("d", "Ana", last, 2),
        session("e", "Ben", last, 3),
    ]
    insights = sentences(data)
    assert "You kept 2 of 3 commitments and partly kept 1 more." in insights
    assert "Your average presence rose from 2.5 to 4.0 this week." in insights


def test_presence_falling_three_weeks_running() -> None:
    data = [session(f"s{i}", "Dee", MONDAY - timedelta(weeks=3 - i), 5 - i) for i in range(4)]
    assert "Presence with Dee fell three weeks running." in sentences(data)
    data[1] = session("s1", "Dee", MONDAY - timedelta(weeks=2), 5)  # 5, 5, 3, 2: not three
    assert not any("Dee" in text for text in sentences(data))


def sentences(data: list[CoachingSession]) -> list[str]:
    return [insight_text(insight) for insight in week_insights(data, W48, UTC)]


def test_an_insight_is_worded_in_the_users_language_but_english_on_request() -> None:
    insight = Insight(InsightKind.PRESENCE_FELL, {"before": 3.25, "after": 2.5})
    use_translator(lambda context, text, _d=None: f"[{context}] {text}")
    try:
        shown = insight_text(insight, decimal=lambda value: f"{value:.1f}".replace(".", ","))
        assert shown == "[Insights] Your average presence fell from 3,2 to 2,5 this week."
        assert insight_text(insight, english) == (
            "Your average presence fell from 3.2 to 2.5 this week."
        )
    finally:
        use_translator(None)


def test_the_reports_json_words_insights_in_english_whatever_the_language() -> None:
    empty = WeekStats(W48, (), ())
    review = WeekReview(
        empty, empty, [], [Insight(InsightKind.PRESENCE_FALLING_WITH, {"name": "Dee"})]
    )
    use_translator(lambda _context, text, _d=None: text.upper())
    try:
        document = review_document(review)
    finally:
        use_translator(None)
    assert document["insights"] == ["Presence with Dee fell three weeks running."]
