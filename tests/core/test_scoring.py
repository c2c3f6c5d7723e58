"""The presence score: bounded, monotone in every rating, never raised by a mark."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.errors import InvalidInput
from focusmate.core.model import CoachingSession, Mark, Question, Reflection
from focusmate.core.scoring import presence, presence_explanation, presence_score
from tests.fakes import T0

ratings = st.integers(1, 5)
answer_maps = st.dictionaries(st.sampled_from(list(Question)), ratings)
reflections = st.builds(Reflection, answers=answer_maps, empathy=st.one_of(st.none(), ratings))
mark_counts = st.integers(0, 60)


@given(reflections, mark_counts)
def test_it_stays_within_one_to_five(reflection: Reflection, marks: int) -> None:
    score = presence(reflection, marks)
    if not reflection.answers and reflection.empathy is None:
        assert score is None
    else:
        assert score is not None and 1 <= score <= 5


@given(reflections, mark_counts, st.sampled_from([*Question, "empathy"]), ratings, ratings)
def test_raising_any_one_rating_never_lowers_it(
    reflection: Reflection, marks: int, which: Question | str, a: int, b: int
) -> None:
    low, high = sorted((a, b))
    lower = presence(_with(reflection, which, low), marks)
    higher = presence(_with(reflection, which, high), marks)
    assert lower is not None and higher is not None
    assert higher >= lower - 1e-12


@given(reflections, mark_counts)
def test_one_more_mark_never_raises_it(reflection: Reflection, marks: int) -> None:
    before, after = presence(reflection, marks), presence(reflection, marks + 1)
    if before is None:
        assert after is None
    else:
        assert after is not None and after <= before + 1e-12


@given(answer_maps.filter(bool))
def test_without_marks_or_empathy_it_is_the_mean_of_the_answers(
    answers: dict[Question, int],
) -> None:
    expected = sum(answers.values()) / len(answers)
    assert presence(Reflection(answers), 0) == pytest.approx(expected)


def test_hand_computed_values() -> None:
    four = dict.fromkeys(Question, 4)
    assert presence(Reflection(four, empathy=1), 0) == pytest.approx((16 + 2) / 6)
    assert presence(Reflection(dict.fromkeys(Question, 5), empathy=5), 3) == pytest.approx(
        1 + 4 * 0.9**3
    )
    assert presence(Reflection({}, empathy=3), 0) == 3
    assert presence(None, 0) is None


def test_a_session_counts_all_its_marks_of_every_kind() -> None:
    reflection = Reflection(dict.fromkeys(Question, 5), empathy=5, complete=True)
    marks = (Mark("phone", T0), Mark("app", T0), Mark("mind-wandered", T0))
    session = CoachingSession(
        "s", "Ana", T0, 30, ended_at=T0 + timedelta(minutes=30), marks=marks, reflection=reflection
    )
    assert presence_score(session) == pytest.approx(1 + 4 * 0.9**3)


def test_an_impossible_rating_is_refused() -> None:
    with pytest.raises(InvalidInput, match="empathy"):
        presence(Reflection({}, empathy=6), 0)
    with pytest.raises(InvalidInput, match="fully_present"):
        presence(Reflection({Question.FULLY_PRESENT: 0}), 0)


def test_the_explanation_is_one_sentence() -> None:
    explanation = presence_explanation()
    assert explanation.count(".") == 1 and explanation.endswith(".")


def _with(reflection: Reflection, which: Question | str, value: int) -> Reflection:
    if which == "empathy":
        return replace(reflection, empathy=value)
    assert isinstance(which, Question)
    return replace(reflection, answers={**reflection.answers, which: value})
