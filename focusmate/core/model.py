"""The domain values: coaching sessions, marks, check-ins and reflections (immutable).

A session may carry the manager's check-in from before it (intention, checklist, slow-down)
and the reflection from after it. A reflection links to "last time" with the same person
(``previous_session_id``): that link is how a commitment carries over and how a recurring
challenge is traced (see core.checkin).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from focusmate.core.pulse import RepPulse
from focusmate.core.session_kind import COACHING
from focusmate.core.text import translate


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
        return _question_texts()[self][0]

    @property
    def anchors(self) -> tuple[str, str]:
        """What 1 and 5 mean for this question."""
        _, low, high = _question_texts()[self]
        return low, high


def _question_texts() -> dict[Question, tuple[str, str, str]]:
    """Each question, then what 1 and 5 mean; phrased so that 5 is always the good end.

    Built on every call, not once at import: the words follow the language installed by
    then (see core.text), which happens after this module is imported.
    """
    return {
        Question.FULLY_PRESENT: (
            translate("Reflection", "Was I fully present?"),
            translate("Reflection", "half-present"),
            translate("Reflection", "fully present"),
        ),
        Question.PERSON_OVER_PHONE: (
            translate("Reflection", "Did I pay more attention to my salesperson than to my phone?"),
            translate("Reflection", "mostly my phone"),
            translate("Reflection", "all on them"),
        ),
        Question.UNDERSTOOD_BEFORE_ADVISING: (
            translate("Reflection", "Did I try to understand why before giving advice?"),
            translate("Reflection", "product dump"),
            translate("Reflection", "understood first"),
        ),
        Question.RESPECT_LIKE_TOP_CLIENT: (
            translate("Reflection", "Did I treat them with the same respect as my top client?"),
            translate("Reflection", "not at all"),
            translate("Reflection", "exactly the same"),
        ),
    }


ANSWER_MIN = 1
ANSWER_MAX = 5


def empathy_prompt() -> str:
    """The empathy rating, asked with the four questions and weighted above them (core.scoring)."""
    return translate(
        "Reflection",
        "Did they know I understood what they were thinking and feeling before I gave advice?",
    )


def empathy_anchors() -> tuple[str, str]:
    """What 1 and 5 mean for the empathy rating."""
    return (
        translate("Reflection", "advice came first"),
        translate("Reflection", "they felt understood"),
    )


class Worry(StrEnum):
    """Did a real worry come up, or did they just smile and agree?"""

    CAME_UP = "came_up"
    SMILED_AND_AGREED = "smiled_and_agreed"
    NOT_SURE = "not_sure"

    @property
    def label(self) -> str:
        return {
            Worry.CAME_UP: translate("Reflection", "A real worry came up"),
            Worry.SMILED_AND_AGREED: translate("Reflection", "They smiled and agreed"),
            Worry.NOT_SURE: translate("Reflection", "Not sure"),
        }[self]


class CommitmentOutcome(StrEnum):
    """What became of last time's commitment ("next time I will ...")."""

    KEPT = "kept"
    PARTLY = "partly"
    NOT_KEPT = "not_kept"

    @property
    def label(self) -> str:
        return {
            CommitmentOutcome.KEPT: translate("Reflection", "Kept"),
            CommitmentOutcome.PARTLY: translate("Reflection", "Partly"),
            CommitmentOutcome.NOT_KEPT: translate("Reflection", "Not kept"),
        }[self]


@dataclass(frozen=True, slots=True)
class Reflection:
    """The manager's answers after a session. ``complete`` is False for a saved draft.

    ``next_time`` is the new commitment ("one thing I'll do differently next time");
    ``previous_session_id`` names the session that was "last time" with this person when the
    reflection was written; ``same_challenge`` and ``commitment_outcome`` are answers about it.
    """

    answers: dict[Question, int] = field(default_factory=dict)
    their_perspective: str = ""
    next_time: str = ""
    complete: bool = False
    empathy: int | None = None
    worry: Worry | None = None
    worry_note: str = ""
    previous_session_id: str | None = None
    same_challenge: bool | None = None
    commitment_outcome: CommitmentOutcome | None = None

    @property
    def commitment(self) -> str | None:
        """The commitment for next time, or None when none was written."""
        text = self.next_time.strip()
        return text or None


class ChecklistItem(StrEnum):
    """The check-in's short checklist before a one-on-one."""

    PHONE_AWAY = "phone_away"
    NOTIFICATIONS_SILENCED = "notifications_silenced"
    OTHER_APPS_CLOSED = "other_apps_closed"

    @property
    def label(self) -> str:
        return _CHECKLIST_LABELS[self]


_CHECKLIST_LABELS = {
    ChecklistItem.PHONE_AWAY: "Phone out of reach",
    ChecklistItem.NOTIFICATIONS_SILENCED: "Notifications silenced",
    ChecklistItem.OTHER_APPS_CLOSED: "Other apps closed",
}

DEFAULT_INTENTION = "Empathy first, advice second"
SLOW_DOWN_S = 60


@dataclass(frozen=True, slots=True)
class CheckIn:
    """What the manager did before the session: an intention, the checklist, the slow-down.

    ``slowed_down_s`` is how many seconds of the slow-down countdown ran (0: skipped).
    """

    intention: str = DEFAULT_INTENTION
    checked: frozenset[ChecklistItem] = frozenset()
    slowed_down_s: int = 0


@dataclass(frozen=True, slots=True)
class CoachingSession:
    """A timed one-on-one with one salesperson (or, by ``kind``, a client meeting).
    ``ended_at`` is None while it runs."""

    id: str
    with_name: str
    started_at: datetime
    planned_minutes: int
    focus: str = ""
    ended_at: datetime | None = None
    marks: tuple[Mark, ...] = ()
    reflection: Reflection | None = None
    checkin: CheckIn | None = None
    #: Seconds the computer was suspended during the session (it still counts as time with
    #: the person: the conversation may well have gone on); shown so a total can be read right.
    slept_s: int = 0
    #: The id of its kind (core.session_kind): coaching unless started as a client meeting
    #: or a kind of the user's; sessions saved before kinds existed read as coaching
    #: (core.records). Any id is kept, even one the settings no longer know.
    kind: str = COACHING
    #: The salesperson's own answers about this session (core.pulse), None until recorded;
    #: recording again replaces them (SessionController.record_pulse).
    rep_pulse: RepPulse | None = None

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

    def with_checkin(self, checkin: CheckIn) -> CoachingSession:
        return replace(self, checkin=checkin)

    def with_pulse(self, pulse: RepPulse) -> CoachingSession:
        return replace(self, rep_pulse=pulse)


def revised(old: Reflection | None, new: Reflection) -> Reflection:
    """``new`` as it is saved over ``old``: once complete, a reflection stays complete.

    Editing a past reflection saves drafts as the manager types; those must never turn a
    finished reflection back into a pending one.
    """
    if old is not None and old.complete and not new.complete:
        return replace(new, complete=True)
    return new
