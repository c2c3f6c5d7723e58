"""Hypothesis strategies that build valid coaching sessions (shared by core and storage tests)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

from focusmate.core.model import CoachingSession, Mark, Question, Reflection
from focusmate.core.pulse import Concern, PulseVia, RepPulse
from focusmate.core.session_kind import CLIENT, COACHING

instants = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
)
names = st.text(min_size=1, max_size=30).map(str.strip).filter(bool)
any_text = st.text(max_size=40)
kind_ids = st.sampled_from(["phone", "app", "mind-wandered"])
reflections = st.builds(
    Reflection,
    answers=st.dictionaries(st.sampled_from(list(Question)), st.integers(1, 5)),
    their_perspective=any_text,
    next_time=any_text,
    complete=st.booleans(),
)

#: Valid salesperson's pulses (core.pulse): any answers, any comment a text box can hold.
pulses = st.builds(
    RepPulse,
    heard=st.integers(1, 5),
    concern=st.sampled_from(Concern),
    attention=st.integers(1, 5),
    comment=st.text(
        st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Cf", "Zl", "Zp"]),
        max_size=500,
    ),
    via=st.sampled_from(PulseVia),
    at=instants,
)


@st.composite
def sessions(draw: st.DrawFn, session_id: str | None = None) -> CoachingSession:
    started = draw(instants)
    length = draw(st.integers(0, 6 * 3600))
    ended = draw(st.one_of(st.none(), st.just(started + timedelta(seconds=length))))
    mark_offsets = draw(st.lists(st.integers(0, max(length, 1)), max_size=8))
    marks = tuple(
        Mark(
            kind=draw(st.sampled_from(["phone", "app", "mind-wandered"])),
            at=started + timedelta(seconds=o),
        )
        for o in sorted(mark_offsets)
    )
    return CoachingSession(
        id=session_id or draw(st.uuids()).hex,
        with_name=draw(names),
        started_at=started,
        planned_minutes=draw(st.integers(1, 240)),
        focus=draw(any_text),
        ended_at=ended,
        marks=marks,
        reflection=None if ended is None else draw(st.one_of(st.none(), reflections)),
        kind=draw(st.sampled_from((COACHING, CLIENT, "team-meeting"))),
        rep_pulse=None if ended is None else draw(st.one_of(st.none(), pulses)),
    )
