"""Hypothesis scenarios for sync (issue 19): what three devices with skewed clocks write.

``scenarios()`` draws a list of changes as devices really write them: each device stamps
with its own clock (up to three hours off), now and then reads another device's latest
change first (HLC receive), starts sessions, marks, undoes marks, ends, saves reflections
that replace the versions it had seen (or none: concurrent edits), pulses, check-ins,
settings items and its name. The merge tests (test_sync_merge, test_sync_snapshot) fold
them in every order; the tests here check that the scenarios hold what those tests need.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from focusmate.core.marks import MarkKind
from focusmate.core.model import CheckIn, Mark
from focusmate.core.one_on_ones import Person
from focusmate.core.session_kind import SessionKind
from focusmate.core.sync_changes import (
    Change,
    CheckinSaved,
    DeviceNamed,
    MarkAdded,
    MarkRemoved,
    Payload,
    PulseSaved,
    ReflectionSaved,
    SessionEnded,
    SessionStarted,
    SettingChanged,
)
from focusmate.core.sync_clock import Hlc, millis, receive, start_clock, tick
from focusmate.core.sync_ids import mark_id
from focusmate.core.sync_merge import MergedState, fold
from focusmate.core.sync_setting_items import SettingItem, item_key, key_of
from tests.core.strategies import instants, pulses, reflections
from tests.fakes import T0

DEVICES = ("laptop", "desk", "spare")
SKEW_MS = 3 * 3600 * 1000
PEOPLE = ("Jordan", "Sam", "Priya")
SETTING_ITEMS: tuple[SettingItem, ...] = (
    MarkKind.custom("Mind wandered"),
    MarkKind.custom("Interrupted them"),
    SessionKind("team-meeting", "Team meeting"),
    SessionKind("team-meeting", "Team meeting", removed=True),
    Person("Jordan Lee", ("jordan@example.com",)),
    Person("Sam"),
)


def view(state: MergedState) -> object:
    """Everything a user or sync status can see of a state (not the refusals: a snapshot
    carries no refused records)."""
    return (
        dict(state.sessions),
        state.settings,
        dict(state.device_names),
        dict(state.conflicts),
        dict(state.last_seen),
        {key: change.canonical for key, change in state.unknown.items()},
    )


@dataclass
class _World:
    """The devices' clocks and what has been written so far."""

    clocks: dict[str, Hlc] = field(default_factory=lambda: {d: start_clock(d) for d in DEVICES})
    changes: list[Change] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)
    marks: dict[str, list[str]] = field(default_factory=dict)
    reflections: dict[str, list[str]] = field(default_factory=dict)

    def write(self, device: str, now_ms: int, payload: Payload) -> Change:
        self.clocks[device] = tick(self.clocks[device], now_ms)
        change = Change(f"{device}-{len(self.changes)}", self.clocks[device], payload)
        self.changes.append(change)
        return change


@st.composite
def scenarios(draw: st.DrawFn, max_steps: int = 30) -> list[Change]:
    world = _World()
    skew = {d: draw(st.integers(-SKEW_MS, SKEW_MS)) for d in DEVICES}
    base_ms = millis(T0)
    for step in range(draw(st.integers(1, max_steps))):
        device = draw(st.sampled_from(DEVICES))
        now_ms = base_ms + step * 60_000 + skew[device]
        if world.changes and draw(st.booleans()):
            seen = draw(st.sampled_from(world.changes))
            world.clocks[device] = receive(world.clocks[device], seen.hlc, now_ms)
        _step(draw, world, device, now_ms)
    return world.changes


def _step(draw: st.DrawFn, world: _World, device: str, now_ms: int) -> None:
    action = draw(st.integers(0, 9)) if world.sessions else 0
    if action == 0 or (action == 9 and len(world.sessions) < 4):
        session = draw(st.sampled_from([*world.sessions, f"s{len(world.sessions)}"]))
        if session not in world.sessions:
            world.sessions.append(session)
        started = draw(instants)
        checkin = draw(st.one_of(st.none(), st.builds(CheckIn, slowed_down_s=st.integers(0, 60))))
        payload: Payload = SessionStarted(
            session, draw(st.sampled_from(PEOPLE)), started, 30, "", "coaching", checkin
        )
        world.write(device, now_ms, payload)
        return
    session = draw(st.sampled_from(world.sessions))
    if action in (1, 2, 3):
        mark = Mark(draw(st.sampled_from(("phone", "app"))), draw(instants))
        key = mark_id(session, mark, 0)
        world.marks.setdefault(session, []).append(key)
        world.write(device, now_ms, MarkAdded(session, key, mark.kind, mark.at))
    elif action == 4 and world.marks.get(session):
        world.write(
            device, now_ms, MarkRemoved(session, draw(st.sampled_from(world.marks[session])))
        )
    elif action == 5:
        end = draw(instants)
        world.write(device, now_ms, SessionEnded(session, end, draw(st.integers(0, 600))))
    elif action == 6:
        versions = world.reflections.setdefault(session, [])
        seen = draw(st.lists(st.sampled_from(versions), unique=True)) if versions else []
        payload = ReflectionSaved(session, draw(reflections), tuple(sorted(seen)))
        versions.append(world.write(device, now_ms, payload).id)
    elif action == 7:
        payload = draw(
            st.one_of(
                st.builds(PulseSaved, st.just(session), pulses),
                st.builds(CheckinSaved, st.just(session), st.builds(CheckIn)),
            )
        )
        world.write(device, now_ms, payload)
    else:
        item = draw(st.sampled_from(SETTING_ITEMS))
        value = draw(st.one_of(st.none(), st.just(item)))
        payload = draw(
            st.one_of(
                st.just(SettingChanged(key_of(item), item_key(item), value)),
                st.builds(DeviceNamed, st.sampled_from(("Work laptop", "Desk", "Old one"))),
            )
        )
        world.write(device, now_ms, payload)


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_scenarios_are_stamped_uniquely_and_in_order_per_device(changes: list[Change]) -> None:
    stamps = [change.hlc for change in changes]
    assert len(set(stamps)) == len(stamps)
    for device in DEVICES:
        own = [c.hlc for c in changes if c.device == device]
        assert own == sorted(own)


def test_scenarios_reach_concurrent_reflections_and_undone_marks() -> None:
    """The merge properties mean something only if the scenarios hold the hard cases."""
    found = {"concurrent": False, "undo": False, "skewed": False, "setting": False}

    @settings(max_examples=200, deadline=None)
    @given(scenarios())
    def look(changes: list[Change]) -> None:
        heads: dict[str, set[str]] = {}
        for change in changes:
            payload = change.payload
            if isinstance(payload, ReflectionSaved):
                versions = heads.setdefault(payload.session, set())
                versions.difference_update(payload.replaces)
                versions.add(change.id)
                found["concurrent"] |= len(versions) > 1
            found["undo"] |= isinstance(payload, MarkRemoved)
            found["setting"] |= isinstance(payload, SettingChanged) and payload.value is not None
        walls = [c.hlc.wall_ms for c in changes]
        found["skewed"] |= max(walls) - min(walls) > 3600 * 1000

    look()
    assert found == {"concurrent": True, "undo": True, "skewed": True, "setting": True}


def test_view_sees_a_difference_in_marks() -> None:
    started = SessionStarted("s", "Jordan", T0, 30, "", "coaching")
    mark = MarkAdded("s", "m1", "phone", T0 + timedelta(minutes=1))
    one = fold([Change("a", Hlc(1, 0, "laptop"), started)])
    two = fold([Change("a", Hlc(1, 0, "laptop"), started), Change("b", Hlc(2, 0, "laptop"), mark)])
    assert view(one) != view(two)
