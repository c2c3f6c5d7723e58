"""Which questions a reflection asks, by the kind of session, and when it is complete.

A coaching session gets the full reflection: the method's four questions, the empathy
rating, and the words (what they were thinking, a worry, last time, next time). A client
meeting gets the short one: three questions worded for a client — present? phone? listened
first? — and nothing else; the empathy, worry, commitment and "last time" parts are about
one's own salesperson. A kind the user adds (a team meeting, an interview) gets the short
one too, worded for anyone: it is not a one-on-one with one's own salesperson either.

The three short questions are the first three of the method, so a client meeting and a
coaching session can be compared on the same questions (core.kind_stats).
"""

from __future__ import annotations

from enum import StrEnum

from focusmate.core.model import Question, Reflection
from focusmate.core.session_kind import CLIENT, COACHING
from focusmate.core.text import translate

#: The questions every form asks: the top-client mirror compares kinds on these alone.
SHARED_QUESTIONS = (
    Question.FULLY_PRESENT,
    Question.PERSON_OVER_PHONE,
    Question.UNDERSTOOD_BEFORE_ADVISING,
)


class ReflectionForm(StrEnum):
    """The reflection a kind of session gets."""

    FULL = "full"  # coaching
    CLIENT = "client"  # a client meeting: the short one, about the client
    SHORT = "short"  # a kind of the user's: the short one, about anyone

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(Question) if self is ReflectionForm.FULL else SHARED_QUESTIONS

    @property
    def full(self) -> bool:
        """Asks empathy, the words, last time and next time (coaching only)."""
        return self is ReflectionForm.FULL

    @property
    def ratings(self) -> int:
        """How many ratings a complete reflection has (the questions, and empathy if asked)."""
        return len(self.questions) + self.full

    def open_ratings(self, reflection: Reflection) -> int:
        """How many of this form's ratings ``reflection`` leaves unanswered."""
        answered = sum(question in reflection.answers for question in self.questions)
        return self.ratings - answered - (self.full and reflection.empathy is not None)

    def prompt(self, question: Question) -> str:
        return self._words(question)[0]

    def anchors(self, question: Question) -> tuple[str, str]:
        """What 1 and 5 mean for ``question`` in this form."""
        _, low, high = self._words(question)
        return low, high

    def _words(self, question: Question) -> tuple[str, str, str]:
        if self is ReflectionForm.FULL or question is Question.FULLY_PRESENT:
            return question.prompt, *question.anchors
        # Built on every call: the words follow the language installed (see core.text).
        client = self is ReflectionForm.CLIENT
        if question is Question.PERSON_OVER_PHONE:
            return (
                translate("Reflection", "Did I pay more attention to my client than to my phone?")
                if client
                else translate(
                    "Reflection", "Did I pay more attention to the people there than to my phone?"
                ),
                translate("Reflection", "mostly my phone"),
                translate("Reflection", "all on them"),
            )
        if question is Question.UNDERSTOOD_BEFORE_ADVISING:
            return (
                translate("Reflection", "Did I listen before I pitched or advised?")
                if client
                else translate("Reflection", "Did I listen before I gave my view?"),
                translate("Reflection", "talked first"),
                translate("Reflection", "listened first"),
            )
        raise ValueError(f"the short reflection does not ask {question.value}")


def reflection_form(kind_id: str) -> ReflectionForm:
    """The form for a session of the kind ``kind_id`` (any id, known to the settings or not)."""
    if kind_id == COACHING:
        return ReflectionForm.FULL
    if kind_id == CLIENT:
        return ReflectionForm.CLIENT
    return ReflectionForm.SHORT


def shared_part(reflection: Reflection) -> Reflection:
    """Only the answers to the shared questions: what a client meeting's reflection also has."""
    answers = {q: v for q, v in reflection.answers.items() if q in SHARED_QUESTIONS}
    return Reflection(answers=answers, complete=reflection.complete)
