"""The reflection score: how present the manager judged themselves, on the answers' own scale.

Formula (the one place it is defined): the mean of the answered questions, each 1-5, where
5 is best; None when no question was answered. Shown with one decimal.
"""

from __future__ import annotations

from focusmate.core.errors import InvalidInput
from focusmate.core.model import ANSWER_MAX, ANSWER_MIN, Question, Reflection

SCORE_EXPLANATION = "Average of your four answers, from 1 (least present) to 5 (fully present)."


def check_answer(question: Question, value: int) -> int:
    if not ANSWER_MIN <= value <= ANSWER_MAX:
        raise InvalidInput(f"answer to {question.value} must be {ANSWER_MIN}-{ANSWER_MAX}")
    return value


def reflection_score(reflection: Reflection | None) -> float | None:
    """Mean of the answers given (1-5), or None when there are none."""
    if reflection is None or not reflection.answers:
        return None
    values = [check_answer(q, v) for q, v in reflection.answers.items()]
    return sum(values) / len(values)
