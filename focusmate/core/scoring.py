"""The presence score: one number per session, from the manager's own ratings and marks.

The formula, defined here and nowhere else:

    ratings   the four self-awareness answers and the empathy rating, each 1-5 (5 is best);
              empathy counts twice, because the method puts empathy before advice
    base      the weighted mean of the ratings given                          (1 to 5)
    presence  1 + (base - 1) x 0.9 ** marks                                   (1 to 5)

so each mark logged during the session (a phone check, an app switch, any kind of one's
own) takes 10% of what lies above the floor of 1. With no marks and no empathy rating it
is the plain mean of the answers, as before the empathy rating existed. None while nothing
is rated. Shown with one decimal; presence_explanation() says it in one sentence for the UI.

A short reflection (a client meeting, a kind of the user's: core.reflection_form) has only
three ratings and no empathy; the same formula gives the plain mean of the three, lowered by
the marks. Comparing kinds takes the three shared questions of every session
(core.kind_stats), so like is compared with like.

Properties (tests/core/test_scoring.py): it stays within 1-5, raising any one rating never
lowers it, and one more mark never raises it.
"""

from __future__ import annotations

from focusmate.core.errors import InvalidInput
from focusmate.core.model import ANSWER_MAX, ANSWER_MIN, CoachingSession, Question, Reflection
from focusmate.core.reflection_form import ReflectionForm
from focusmate.core.text import translate

EMPATHY_WEIGHT = 2
MARK_FACTOR = 0.9


def presence_explanation(form: ReflectionForm = ReflectionForm.FULL) -> str:
    """The formula in one sentence, for the windows that show a score (in the user's language);
    ``form`` says which ratings there are."""
    if not form.full:
        return translate(
            "Presence",
            "Presence is the average of your three ratings, lowered by 10% for each mark you "
            "logged, from 1 (absent) to 5 (fully present).",
        )
    return translate(
        "Presence",
        "Presence is the average of your five ratings (empathy counts twice), lowered by 10% "
        "for each mark you logged, from 1 (absent) to 5 (fully present).",
    )


def check_answer(question: Question | str, value: int) -> int:
    """Return a 1-5 rating, or raise InvalidInput naming the question."""
    if not ANSWER_MIN <= value <= ANSWER_MAX:
        name = question.value if isinstance(question, Question) else question
        raise InvalidInput(f"answer to {name} must be {ANSWER_MIN}-{ANSWER_MAX}")
    return value


def presence(reflection: Reflection | None, marks: int) -> float | None:
    """The presence score for these ratings and this many marks, or None when unrated."""
    if reflection is None:
        return None
    weighted = [(check_answer(q, v), 1) for q, v in reflection.answers.items()]
    if reflection.empathy is not None:
        weighted.append((check_answer("empathy", reflection.empathy), EMPATHY_WEIGHT))
    if not weighted:
        return None
    base = sum(v * w for v, w in weighted) / sum(w for _, w in weighted)
    return ANSWER_MIN + (base - ANSWER_MIN) * MARK_FACTOR ** max(0, marks)


def presence_score(session: CoachingSession) -> float | None:
    """The presence score of a session (its reflection and all its marks)."""
    return presence(session.reflection, len(session.marks))
