"""The domain values: coaching sessions, marks and reflections (immutable dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Mark:
    """One self-reported lapse of attention: the id of its kind (see core.marks), in UTC."""

    kind: str
    at: datetime


class Question(StrEnum):
    """The method's four self-awareness questions, each answered 1-5 where 5 is best."""

    FULLY_PRESENT = "fully_present"
    PERSON_OVER_PHONE = "person_over_phone"
    UNDERSTOOD_BEFORE_ADVISING = "understood_before_advising"
    RESPECT_LIKE_TOP_CLIENT = "respect_like_top_client"

    @property
    def prompt(self) -> str:
        return _QUESTION_TEXTS[self][0]

    @property
    def anchors(self) -> tuple[str, str]:
        """What 1 and 5 mean for this question."""
        _, low, high = _QUESTION_TEXTS[self]
        return low, high


# Phrased so that 5 is always the good end of the scale.
_QUESTION_TEXTS = {
    Question.FULLY_PRESENT: (
        "Was I fully present?", "half-present", "fully present"),
    Question.PERSON_OVER_PHONE: (
        "Did I pay more attention to my salesperson than to my phone?",
        "mostly my phone", "all on them"),
    Question.UNDERSTOOD_BEFORE_ADVISING: (
        "Did I try to understand why before giving advice?",
        "product dump", "understood first"),
    Question.RESPECT_LIKE_TOP_CLIENT: (
        "Did I treat them with the same respect as my top client?",
        "not at all", "exactly the same"),
}  # fmt: skip


ANSWER_MIN = 1
ANSWER_MAX = 5


@dataclass(frozen=True, slots=True)
class Reflection:
    """The manager's answers after a session. ``complete`` is False for a saved draft."""

    answers: dict[Question, int] = field(default_factory=dict)
    their_perspective: str = ""
    next_time: str = ""
    complete: bool = False


@dataclass(frozen=True, slots=True)
class CoachingSession:
    """A timed one-on-one with one salesperson. ``ended_at`` is None while it runs."""

    id: str
    with_name: str
    started_at: datetime
    planned_minutes: int
    focus: str = ""
    ended_at: datetime | None = None
    marks: tuple[Mark, ...] = ()
    reflection: Reflection | None = None

    @property
    def running(self) -> bool:
        return self.ended_at is None

    @property
    def reflection_pending(self) -> bool:
        """Ended, but the reflection has not been saved as complete yet."""
        return not self.running and (self.reflection is None or not self.reflection.complete)

    def mark_counts(self) -> dict[str, int]:
        """Marks per kind id, for the kinds that occur (see core.marks.with_builtins)."""
        counts: dict[str, int] = {}
        for mark in self.marks:
            counts[mark.kind] = counts.get(mark.kind, 0) + 1
        return counts

    def with_mark(self, mark: Mark) -> CoachingSession:
        return replace(self, marks=(*self.marks, mark))

    def with_reflection(self, reflection: Reflection) -> CoachingSession:
        return replace(self, reflection=reflection)
