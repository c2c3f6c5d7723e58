"""From the app's sessions and settings to changes and back (core.sync_diff,
core.sync_settings): what a device publishes folds into what it has."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusmate.core.calendar_sources import CalendarSettings
from focusmate.core.marks import MarkKind
from focusmate.core.model import CheckIn, CoachingSession, Question, Reflection
from focusmate.core.one_on_ones import Person
from focusmate.core.session import add_mark, end_session, start_session, undo_last_mark
from focusmate.core.session_kind import SessionKind
from focusmate.core.settings import Settings
from focusmate.core.sync_changes import Change, MarkAdded
from focusmate.core.sync_clock import Hlc, millis, start_clock
from focusmate.core.sync_diff import changes_from_sessions, diff, stamp
from focusmate.core.sync_merge import MergedState, apply, fold
from focusmate.core.sync_settings import diff_settings, settings_payloads, with_synced
from tests.core.strategies import pulses, reflections, sessions
from tests.fakes import T0

diff_settings_ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def by_time(session: CoachingSession) -> CoachingSession:
    """The session with its marks by time, then kind: the order the merge lists them in
    (rule S3), which differs from the typed order only for marks of one instant."""
    return replace(session, marks=tuple(sorted(session.marks, key=lambda m: (m.at, m.kind))))


def entropy_from(seed: int) -> random.Random:
    return random.Random(seed)


@diff_settings_
@given(st.lists(sessions(), max_size=5, unique_by=lambda s: s.id))
def test_a_history_published_as_changes_folds_back_to_itself(
    history: list[CoachingSession],
) -> None:
    rng = entropy_from(1)
    changes, clock = changes_from_sessions(
        history, start_clock("laptop"), millis(T0), rng.randbytes
    )
    assert all(c.device == "laptop" for c in changes)
    assert clock == max((c.hlc for c in changes), default=start_clock("laptop"))
    state = fold(changes)
    assert {s.id: s for s in state.sessions.values()} == {s.id: by_time(s) for s in history}


class _Device:
    """A device that publishes its controller's before and after, as the app will."""

    def __init__(self, name: str, state: MergedState, rng: random.Random) -> None:
        self.clock: Hlc = start_clock(name)
        self.state = state
        self.rng = rng
        self.now_ms = millis(T0)
        #: What it wrote to its log.
        self.written: list[Change] = []

    def publish(self, old: CoachingSession | None, new: CoachingSession) -> None:
        self.now_ms += 1_000
        payloads = diff(old, new, self.state)
        changes, self.clock = stamp(payloads, self.clock, self.now_ms, self.rng.randbytes)
        self.state = apply(self.state, changes)
        self.written.extend(changes)


@diff_settings_
@given(st.lists(st.sampled_from(("mark", "undo", "checkin")), max_size=12), st.data())
def test_each_controller_step_published_as_a_diff_folds_to_the_same_session(
    steps: list[str], data: st.DataObject
) -> None:
    device = _Device("laptop", fold([]), entropy_from(2))
    session = start_session("s1", "Jordan", 30, "pipeline", T0)
    device.publish(None, session)
    now = T0
    for step in steps:
        now += timedelta(seconds=data.draw(st.integers(0, 90)))
        before = session
        if step == "mark":
            session = add_mark(session, data.draw(st.sampled_from(("phone", "app"))), now)
        elif (
            step == "undo" and session.marks and now - session.marks[-1].at <= timedelta(seconds=60)
        ):
            session = undo_last_mark(session, now)
        elif step == "checkin":
            session = session.with_checkin(CheckIn(slowed_down_s=data.draw(st.integers(0, 60))))
        device.publish(before, session)
        assert device.state.sessions["s1"] == by_time(session)
    for after in (
        end_session(session, now + timedelta(minutes=5)),
        lambda s: s.with_reflection(data.draw(reflections)),
        lambda s: s.with_reflection(data.draw(reflections)),
        lambda s: s.with_pulse(data.draw(pulses)),
    ):
        before = session
        session = after(session) if callable(after) else after
        device.publish(before, session)
        expected = by_time(session)
        assert device.state.sessions["s1"] == expected
        assert device.state.conflicts == {}


def test_a_reflection_written_on_two_devices_at_once_keeps_both() -> None:
    history = [end_session(start_session("s1", "Jordan", 30, "", T0), T0 + timedelta(minutes=30))]
    shared, _ = changes_from_sessions(history, start_clock("laptop"), millis(T0), random.randbytes)
    laptop = _Device("laptop", fold(shared), entropy_from(3))
    desk = _Device("desk", fold(shared), entropy_from(4))
    ended = laptop.state.sessions["s1"]
    answers = dict.fromkeys(Question, 4)
    laptop.publish(ended, ended.with_reflection(Reflection(answers, "worried", "listen", True)))
    desk.publish(ended, ended.with_reflection(Reflection(answers, "tired", "ask", True)))
    # Each device reads the other's log.
    everything = fold([*shared, *laptop.written, *desk.written])
    merged = everything.sessions["s1"].reflection
    assert merged is not None
    assert {"worried", "tired"} <= set(merged.their_perspective.replace(": ", "\n").split("\n"))
    # Saving the merged text again on the laptop ends the conflict: it replaces both.
    laptop.state = everything
    laptop.publish(
        everything.sessions["s1"],
        everything.sessions["s1"].with_reflection(replace(merged, next_time="listen, then ask")),
    )
    assert laptop.state.conflicts == {}
    final = laptop.state.sessions["s1"].reflection
    assert final is not None and final.next_time == "listen, then ask"


def test_settings_published_and_merged_lay_over_each_device() -> None:
    laptop = Settings(custom_kinds=(MarkKind.custom("Mind wandered"),))
    desk = Settings(
        added_session_kinds=(SessionKind.added("Team meeting"),),
        calendar=CalendarSettings(people=(Person("Jordan Lee", ("jordan@example.com",)),)),
    )
    both, _ = stamp(
        [*settings_payloads(laptop), *settings_payloads(desk)],
        start_clock("laptop"),
        millis(T0),
        random.randbytes,
    )
    synced = fold(both).settings
    for local in (laptop, desk):
        merged = with_synced(local, synced)
        assert merged.custom_kinds == laptop.custom_kinds
        assert merged.added_session_kinds == desk.added_session_kinds
        assert merged.calendar.people == desk.calendar.people
    # The desk removes the kind of mark; a person only this device knows is not dropped.
    edited = replace(with_synced(desk, synced), custom_kinds=())
    removal, _ = stamp(
        diff_settings(with_synced(desk, synced), edited),
        Hlc(millis(T0) + 10, 0, "desk"),
        millis(T0) + 10,
        random.randbytes,
    )
    assert len(removal) == 1
    later = apply(fold(both), removal).settings
    unpublished = replace(laptop, calendar=CalendarSettings(people=(Person("Sam"),)))
    merged = with_synced(unpublished, later)
    assert merged.custom_kinds == ()
    assert [p.name for p in merged.calendar.people] == ["Sam", "Jordan Lee"]


def test_a_mark_made_again_at_the_instant_of_an_undone_one_counts() -> None:
    device = _Device("laptop", fold([]), entropy_from(5))
    started = start_session("s1", "Jordan", 30, "", T0)
    marked = add_mark(started, "phone", T0)
    undone = undo_last_mark(marked, T0)
    again = add_mark(undone, "phone", T0)
    for before, after in ((None, started), (started, marked), (marked, undone), (undone, again)):
        device.publish(before, after)
    assert fold(device.written).sessions["s1"].marks == again.marks
    ids = [c.payload.mark for c in device.written if isinstance(c.payload, MarkAdded)]
    assert len(set(ids)) == 2
