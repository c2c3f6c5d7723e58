"""The gap (issue 16, deliverable 2): per salesperson, the manager's own ratings against the
salesperson's answers (core.pulse) over the eight weeks ending with a given week.

Which own rating stands against which answer:

* *listening*: the reflection's empathy rating ("Did they know I understood what they were
  thinking and feeling before I gave advice?") against their *heard* ("Did you feel heard
  before you got advice?"): the same moment, seen from both sides of the table;
* *attention*: the mean of the two presence questions, *Was I fully present?* and *Did I pay
  more attention to my salesperson than to my phone?*, against their *attention* ("Did you
  have my full attention — no phone, no screen?").

Only the sessions that have a pulse count, on both sides, so that the two averages speak of
the same conversations; an own average is None when none of them carries that rating. A
person needs at least ``MIN_PULSES`` pulses before a gap is named: fewer answers say too little.
Sessions still running and those outside the window count for nothing. Pure: the result does
not depend on the order of the sessions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import tzinfo

from focusmate.core.model import CoachingSession, Question
from focusmate.core.people import TREND_WEEKS, window
from focusmate.core.pulse import Concern
from focusmate.core.weekly import IsoWeek, local_day

#: How many pulses a person needs before the gap is shown.
MIN_PULSES = 3
#: The presence questions an own attention rating is the mean of.
ATTENTION_QUESTIONS = (Question.FULLY_PRESENT, Question.PERSON_OVER_PHONE)


@dataclass(frozen=True, slots=True)
class PulseGap:
    """One salesperson's answers against the manager's own ratings of the same sessions."""

    name: str
    pulses: int
    their_heard: float
    their_attention: float
    #: The manager's empathy rating, averaged (None: no such session was rated).
    own_listening: float | None
    #: The manager's presence answers (ATTENTION_QUESTIONS), averaged.
    own_attention: float | None
    #: How often the salesperson said their real concern came up: yes, partly, no.
    concern: tuple[int, int, int]

    @property
    def shown(self) -> bool:
        """Enough pulses to name a gap (MIN_PULSES)."""
        return self.pulses >= MIN_PULSES

    @property
    def listening_gap(self) -> float | None:
        """Own listening minus their heard; None below MIN_PULSES or without own ratings."""
        return _gap(self.shown, self.own_listening, self.their_heard)

    @property
    def attention_gap(self) -> float | None:
        """Own attention minus theirs; None below MIN_PULSES or without own ratings."""
        return _gap(self.shown, self.own_attention, self.their_attention)


def _gap(shown: bool, own: float | None, theirs: float) -> float | None:
    return None if not shown or own is None else own - theirs


def pulse_gaps(
    sessions: Iterable[CoachingSession],
    week: IsoWeek,
    tz: tzinfo | None,
    weeks: int = TREND_WEEKS,
) -> dict[str, PulseGap]:
    """Each person with at least one pulse in the window, by name."""
    span = set(window(week, weeks))
    by_person: dict[str, list[CoachingSession]] = {}
    for session in sessions:
        if session.running or session.rep_pulse is None:
            continue
        if IsoWeek.containing(local_day(session.started_at, tz)) in span:
            by_person.setdefault(session.with_name, []).append(session)
    return {name: _person(name, found) for name, found in sorted(by_person.items())}


def _person(name: str, sessions: list[CoachingSession]) -> PulseGap:
    pulses = [s.rep_pulse for s in sessions if s.rep_pulse is not None]
    reflections = [s.reflection for s in sessions if s.reflection is not None]
    own_attention = [
        _mean([r.answers[q] for q in ATTENTION_QUESTIONS if q in r.answers]) for r in reflections
    ]
    concerns = [p.concern for p in pulses]
    return PulseGap(
        name=name,
        pulses=len(pulses),
        their_heard=math.fsum(p.heard for p in pulses) / len(pulses),
        their_attention=math.fsum(p.attention for p in pulses) / len(pulses),
        own_listening=_mean([r.empathy for r in reflections if r.empathy is not None]),
        own_attention=_mean([a for a in own_attention if a is not None]),
        concern=(
            concerns.count(Concern.YES),
            concerns.count(Concern.PARTLY),
            concerns.count(Concern.NO),
        ),
    )


def pulse_gap_document(gap: PulseGap | None) -> dict[str, object] | None:
    """A person's ``"pulse"`` in `report --json`: null without a pulse in the window; the
    averages to two decimals; the gaps null below MIN_PULSES or without own ratings."""
    if gap is None:
        return None
    yes, partly, no = gap.concern
    return {
        "pulses": gap.pulses,
        "their_heard": _round(gap.their_heard),
        "own_listening": _round(gap.own_listening),
        "listening_gap": _round(gap.listening_gap),
        "their_attention": _round(gap.their_attention),
        "own_attention": _round(gap.own_attention),
        "attention_gap": _round(gap.attention_gap),
        "concern": {"yes": yes, "partly": partly, "no": no},
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _mean(values: list[int] | list[float]) -> float | None:
    # fsum is exactly rounded: the same values in any order give the very same average.
    return math.fsum(values) / len(values) if values else None
