"""core.pulse_gap: the manager's own ratings against the salesperson's answers, per person,
over the eight weeks ending with a week (issue 16, deliverable 2)."""

from __future__ import annotations

import random
from datetime import UTC, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.insights import Insight, InsightKind, insight_text, week_insights
from focusmate.core.model import CoachingSession, Question, Reflection
from focusmate.core.pulse import Concern, PulseVia, RepPulse
from focusmate.core.pulse_gap import MIN_PULSES, pulse_gaps
from focusmate.core.text import english
from focusmate.core.week_review import review_document, week_review
from focusmate.core.weekly import IsoWeek
from tests.core.strategies import pulses, reflections
from tests.fakes import T0
from tests.sessions_for_tests import held

WEEK = IsoWeek.containing(T0.date())


def rated(empathy: int, present: int, phone: int) -> Reflection:
    answers = {Question.FULLY_PRESENT: present, Question.PERSON_OVER_PHONE: phone}
    return Reflection(answers=answers, empathy=empathy, complete=True)


def pulse(heard: int, attention: int, concern: Concern = Concern.YES) -> RepPulse:
    return RepPulse(heard, concern, attention, "", PulseVia.TYPED, T0)


def days_ago(
    name: str, days: int, reflection: Reflection | None, answers: RepPulse | None
) -> CoachingSession:
    """A session with ``name`` ``days`` before T0 (its id says so)."""
    start = T0 - timedelta(days=days)
    return held(f"{name}-{days}", name, start, reflection=reflection, pulse=answers)


def test_jordan_hears_less_than_the_manager_believes() -> None:
    sessions = [
        days_ago("Jordan", 0, rated(5, 5, 4), pulse(3, 2, Concern.NO)),
        days_ago("Jordan", 7, rated(4, 4, 4), pulse(2, 3)),
        days_ago("Jordan", 14, rated(5, 3, 3), pulse(3, 4, Concern.PARTLY)),
        days_ago("Jordan", 21, rated(1, 1, 1), None),  # no pulse: not in either average
        days_ago("Jordan", 70, rated(5, 5, 5), pulse(5, 5)),  # before the eight weeks
    ]
    gap = pulse_gaps(sessions, WEEK, UTC)["Jordan"]
    assert (gap.pulses, gap.concern) == (3, (1, 1, 1))
    assert gap.own_listening == 14 / 3 and gap.their_heard == 8 / 3
    assert gap.own_attention == (4.5 + 4 + 3) / 3 and gap.their_attention == 3
    assert gap.listening_gap == pytest.approx(2)
    assert gap.attention_gap == pytest.approx((4.5 + 4 + 3) / 3 - 3)


def test_fewer_than_three_pulses_show_averages_but_no_gap() -> None:
    sessions = [days_ago("Ana", d, rated(5, 5, 5), pulse(1, 1)) for d in (0, 7)]
    gap = pulse_gaps(sessions, WEEK, UTC)["Ana"]
    assert gap.pulses == 2 < MIN_PULSES and not gap.shown
    assert (gap.listening_gap, gap.attention_gap) == (None, None)
    assert pulse_gaps([days_ago("Ana", 0, rated(5, 5, 5), None)], WEEK, UTC) == {}


def test_a_pulse_without_own_ratings_has_answers_but_no_gap() -> None:
    sessions = [days_ago("Kim", d, None, pulse(4, 4)) for d in (0, 1, 2)]
    gap = pulse_gaps(sessions, WEEK, UTC)["Kim"]
    assert gap.shown and (gap.own_listening, gap.own_attention) == (None, None)
    assert gap.their_heard == 4 and gap.listening_gap is None


people = st.sampled_from(["Jordan", "Ana", "Kim"])
some_sessions = st.lists(
    st.builds(
        days_ago,
        people,
        st.integers(0, 80),
        st.one_of(st.none(), reflections),
        st.one_of(st.none(), pulses),
    ),
    max_size=12,
    unique_by=lambda s: s.id,
)


@given(some_sessions, st.randoms(use_true_random=False))
def test_the_order_of_the_sessions_changes_nothing(
    sessions: list[CoachingSession], shuffler: random.Random
) -> None:
    shuffled = list(sessions)
    shuffler.shuffle(shuffled)
    assert pulse_gaps(shuffled, WEEK, UTC) == pulse_gaps(sessions, WEEK, UTC)


@given(some_sessions)
def test_averages_stay_within_1_to_5_and_gaps_need_three_pulses(
    sessions: list[CoachingSession],
) -> None:
    for name, gap in pulse_gaps(sessions, WEEK, UTC).items():
        assert gap.name == name and gap.pulses == sum(gap.concern) >= 1
        averages = [gap.their_heard, gap.their_attention, gap.own_listening, gap.own_attention]
        assert all(1 <= a <= 5 for a in averages if a is not None)
        for difference in (gap.listening_gap, gap.attention_gap):
            assert difference is None or (gap.pulses >= MIN_PULSES and -4 <= difference <= 4)


def jordan_three_times(empathy: int, heard: int) -> list[CoachingSession]:
    return [days_ago("Jordan", d, rated(empathy, 4, 4), pulse(heard, 3)) for d in (0, 7, 14)]


def listening_gap(sessions: list[CoachingSession]) -> Insight:
    (insight,) = [
        i for i in week_insights(sessions, WEEK, UTC) if i.kind is InsightKind.LISTENING_GAP
    ]
    return insight


def test_the_listening_gap_is_an_insight() -> None:
    assert insight_text(listening_gap(jordan_three_times(5, 3)), english) == (
        "You rated your listening 5.0 on average; Jordan's answers average 3.0."
    )
    assert insight_text(listening_gap(jordan_three_times(1, 5)), english) == (
        "You rated your listening 1.0 on average; Jordan's answers average 5.0."
    )


def test_no_insight_below_a_point_or_three_pulses() -> None:
    close = week_insights(jordan_three_times(4, 4), WEEK, UTC)
    two = week_insights(jordan_three_times(5, 1)[:2], WEEK, UTC)
    assert all(i.kind is not InsightKind.LISTENING_GAP for i in [*close, *two])


def test_report_json_gives_each_person_their_pulse() -> None:
    sessions = [*jordan_three_times(5, 2), days_ago("Ana", 1, None, None)]
    document = review_document(week_review(sessions, WEEK, T0 + timedelta(days=1), UTC))
    by_name = {p["with"]: p["pulse"] for p in document["people"]}
    assert by_name["Ana"] is None
    assert by_name["Jordan"] == {
        "pulses": 3,
        "their_heard": 2.0,
        "own_listening": 5.0,
        "listening_gap": 3.0,
        "their_attention": 3.0,
        "own_attention": 4.0,
        "attention_gap": 1.0,
        "concern": {"yes": 3, "partly": 0, "no": 0},
    }
    assert (
        "You rated your listening 5.0 on average; Jordan's answers average 2.0."
        in (document["insights"])
    )
