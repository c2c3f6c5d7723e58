"""The reflection each kind of session gets: which questions, when it is complete, its
presence score; the top-client mirror compares kinds on the shared questions; only coaching
sessions carry over to the next check-in and count as a salesperson's in the People tab."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.checkin import carry_over
from focusmate.core.kind_stats import by_kind, mirror_presence
from focusmate.core.model import CoachingSession, Mark, Question, Reflection
from focusmate.core.people import people_stats
from focusmate.core.reflection_form import (
    SHARED_QUESTIONS,
    ReflectionForm,
    reflection_form,
    shared_part,
)
from focusmate.core.scoring import presence, presence_explanation, presence_score
from focusmate.core.session_kind import CLIENT, COACHING
from focusmate.core.weekly import IsoWeek
from tests.fakes import T0

ratings = st.integers(1, 5)


def test_each_kind_gets_its_form() -> None:
    assert reflection_form(COACHING) is ReflectionForm.FULL
    assert reflection_form(CLIENT) is ReflectionForm.CLIENT
    assert reflection_form("team-meeting") is ReflectionForm.SHORT  # a kind of the user's
    assert ReflectionForm.FULL.questions == tuple(Question) and ReflectionForm.FULL.ratings == 5
    for short in (ReflectionForm.CLIENT, ReflectionForm.SHORT):
        assert short.questions == SHARED_QUESTIONS and short.ratings == 3 and not short.full


def test_the_short_reflection_is_complete_with_its_three_answers() -> None:
    three = Reflection(dict.fromkeys(SHARED_QUESTIONS, 4))
    assert ReflectionForm.CLIENT.open_ratings(three) == 0
    assert ReflectionForm.CLIENT.open_ratings(Reflection()) == 3
    assert ReflectionForm.FULL.open_ratings(three) == 2  # the fourth question and empathy
    full = Reflection(dict.fromkeys(Question, 4), empathy=3)
    assert ReflectionForm.FULL.open_ratings(full) == 0
    assert ReflectionForm.CLIENT.open_ratings(full) == 0  # more answers do not hurt


def test_the_client_wording_and_the_neutral_one() -> None:
    question = Question.PERSON_OVER_PHONE
    assert ReflectionForm.FULL.prompt(question) == question.prompt
    assert "client" in ReflectionForm.CLIENT.prompt(question)
    assert "client" not in ReflectionForm.SHORT.prompt(question)
    assert ReflectionForm.CLIENT.anchors(Question.UNDERSTOOD_BEFORE_ADVISING) == (
        "talked first",
        "listened first",
    )
    with pytest.raises(ValueError, match="respect_like_top_client"):
        ReflectionForm.CLIENT.prompt(Question.RESPECT_LIKE_TOP_CLIENT)


def test_a_short_reflections_presence_is_the_mean_of_its_three_lowered_by_marks() -> None:
    three = Reflection(
        {
            Question.FULLY_PRESENT: 5,
            Question.PERSON_OVER_PHONE: 4,
            Question.UNDERSTOOD_BEFORE_ADVISING: 3,
        }
    )  # fmt: skip - a table
    assert presence(three, 0) == 4.0
    assert presence(three, 2) == pytest.approx(1 + 3 * 0.9**2)
    assert "three ratings" in presence_explanation(ReflectionForm.CLIENT)
    assert "five ratings" in presence_explanation()


def meeting(sid: str, kind: str, reflection: Reflection, marks: int = 0) -> CoachingSession:
    start = T0 + timedelta(hours=int(sid[-1]))
    return CoachingSession(
        sid,
        "Jordan",
        start,
        30,
        ended_at=start + timedelta(minutes=30),
        marks=tuple(Mark("phone", start) for _ in range(marks)),
        reflection=reflection,
        kind=kind,
    )


def test_the_mirror_compares_kinds_on_the_shared_questions_only() -> None:
    # The same answers to the three shared questions; the coaching session's empathy and
    # fourth question (about one's own salesperson) are low. Its own score shows them; the
    # comparison between kinds does not, or the client would win by the questions asked.
    shared = dict.fromkeys(SHARED_QUESTIONS, 4)
    coaching = meeting(
        "t1",
        COACHING,
        Reflection({**shared, Question.RESPECT_LIKE_TOP_CLIENT: 1}, complete=True, empathy=1),
    )
    client = meeting("c2", CLIENT, Reflection(shared, complete=True))
    assert presence_score(coaching) == pytest.approx(2.5)  # (4+4+4+1+2*1)/6
    assert mirror_presence(coaching) == mirror_presence(client) == 4.0
    kinds = by_kind([coaching, client])
    assert kinds[COACHING].average_presence == kinds[CLIENT].average_presence == 4.0


@given(
    st.dictionaries(st.sampled_from(list(Question)), ratings),
    st.one_of(st.none(), ratings),
    st.integers(0, 6),
)
def test_the_mirror_presence_depends_only_on_the_shared_answers_and_marks(
    answers: dict[Question, int], empathy: int | None, marks: int
) -> None:
    session = meeting("t1", COACHING, Reflection(answers, empathy=empathy), marks)
    stripped = replace(session, reflection=shared_part(Reflection(answers)), kind=CLIENT)
    assert mirror_presence(session) == mirror_presence(stripped)
    score = mirror_presence(session)
    assert score is None or 1 <= score <= 5
    assert (score is None) == (not set(answers) & set(SHARED_QUESTIONS))


def test_only_coaching_sessions_carry_over_to_the_next_one() -> None:
    coached = meeting("t1", COACHING, Reflection(dict.fromkeys(Question, 4), next_time="ask first"))
    team = meeting("t2", "team-meeting", Reflection(dict.fromkeys(SHARED_QUESTIONS, 3)))
    carried = carry_over([coached, team], "Jordan")
    assert carried.commitment == "ask first" and carried.last_session == coached


def test_the_people_tab_counts_coaching_sessions_only() -> None:
    week = IsoWeek.containing(T0.date())
    coached = meeting("t1", COACHING, Reflection(dict.fromkeys(Question, 4), complete=True))
    client = meeting("c2", CLIENT, Reflection(dict.fromkeys(SHARED_QUESTIONS, 1), complete=True))
    (jordan,) = people_stats([coached, replace(client, with_name="Jordan")], week, UTC)
    assert (jordan.sessions, jordan.average_presence) == (1, 4.0)
    assert people_stats([client], week, UTC) == []
