"""The hybrid logical clock and the ids of sync (core.sync_clock, core.sync_ids; rule S1 of
ARCHITECTURE.md "Sync: merge rules")."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from focusmate.core.errors import InvalidData
from focusmate.core.model import Mark
from focusmate.core.sync_clock import (
    MAX_COUNTER,
    MAX_DRIFT_MS,
    Hlc,
    hlc_text,
    millis,
    parse_hlc,
    receive,
    start_clock,
    tick,
)
from focusmate.core.sync_ids import change_id, check_id, mark_id, mark_ids
from tests.fakes import T0

HOURS_3 = 3 * 3600 * 1000
devices = st.sampled_from(("laptop", "desk", "a.b_c-1", "Z"))
stamps = st.builds(Hlc, st.integers(0, 2**48 - 1), st.integers(0, MAX_COUNTER), devices)


@st.composite
def skewed_runs(draw: st.DrawFn) -> list[tuple[int, str, int | None]]:
    """Steps of three devices: (real ms, device, index of an earlier event it reads first)."""
    steps: list[tuple[int, str, int | None]] = []
    real_ms = millis(T0)
    for index in range(draw(st.integers(1, 60))):
        real_ms += draw(st.integers(0, 5_000))
        read = draw(st.one_of(st.none(), st.integers(0, index - 1))) if index else None
        steps.append((real_ms, draw(st.sampled_from(("laptop", "desk", "spare"))), read))
    return steps


@settings(max_examples=200, deadline=None)
@given(skewed_runs(), st.tuples(*[st.integers(-HOURS_3, HOURS_3)] * 3), st.data())
def test_clocks_three_hours_apart_stay_monotonic_and_causal(
    steps: list[tuple[int, str, int | None]],
    skews: tuple[int, int, int],
    data: st.DataObject,
) -> None:
    skew = dict(zip(("laptop", "desk", "spare"), skews, strict=True))
    clocks = {device: start_clock(device) for device in skew}
    events: list[Hlc] = []
    for real_ms, device, read in steps:
        # A wall clock that is off by hours and, now and then, set back by a minute.
        now_ms = real_ms + skew[device] - data.draw(st.sampled_from((0, 0, 60_000)))
        before = clocks[device]
        if read is not None:
            clocks[device] = receive(clocks[device], events[read], now_ms)
            assert clocks[device] > events[read]
        clocks[device] = tick(clocks[device], now_ms)
        assert clocks[device] > before
        if read is not None:
            assert clocks[device] > events[read]  # what it writes sorts after what it read
        events.append(clocks[device])
    assert len(set(events)) == len(events)
    # The logical part stays small: the clock follows the latest wall clock it saw.
    latest_wall = max(real_ms for real_ms, _, _ in steps) + max(skews)
    assert all(e.wall_ms <= latest_wall for e in events)


@given(stamps, stamps)
def test_the_text_sorts_as_the_stamps_and_reads_back(one: Hlc, other: Hlc) -> None:
    assert parse_hlc(hlc_text(one)) == one
    assert (hlc_text(one) < hlc_text(other)) == (one < other)


def test_tick_follows_the_wall_clock_and_counts_when_it_stands_or_goes_back() -> None:
    clock = start_clock("laptop")
    first = tick(clock, 1_000)
    assert first == Hlc(1_000, 0, "laptop")
    assert tick(first, 1_000) == Hlc(1_000, 1, "laptop")
    assert tick(first, 500) == Hlc(1_000, 1, "laptop")
    assert tick(first, 2_000) == Hlc(2_000, 0, "laptop")
    full = Hlc(1_000, MAX_COUNTER, "laptop")
    assert tick(full, 1_000) == Hlc(1_001, 0, "laptop")


def test_receive_adopts_hours_ahead_but_not_a_clock_years_off() -> None:
    local = Hlc(1_000, 3, "laptop")
    ahead = Hlc(1_000 + HOURS_3, 7, "desk")
    assert receive(local, ahead, 1_000) == Hlc(1_000 + HOURS_3, 8, "laptop")
    far = Hlc(1_000 + MAX_DRIFT_MS + 1, 0, "desk")
    assert receive(local, far, 1_000) == Hlc(1_000, 4, "laptop")
    assert receive(local, Hlc(1_000, 9, "desk"), 900) == Hlc(1_000, 10, "laptop")


def test_millis_counts_from_1970_in_whole_milliseconds() -> None:
    assert millis(datetime(1970, 1, 1, 0, 0, 1, 999, tzinfo=UTC)) == 1_000
    assert millis(T0) == int(T0.timestamp() * 1000)


@pytest.mark.parametrize(
    "text",
    [
        None,
        17,
        "",
        "0192f3c4a5b60000",
        "0192f3c4a5b6000-laptop",
        "0192F3C4A5B60000-laptop",
        "0192f3c4a5b60000-",
        "0192f3c4a5b60000-lap top",
        "0192f3c4a5b60000--laptop",
        "0192f3c4a5b60000-laptop\n",
        "+192f3c4a5b60000-laptop",
    ],
)
def test_a_malformed_stamp_is_invalid_data(text: object) -> None:
    with pytest.raises(InvalidData, match=r"hlc must look like|device id"):
        parse_hlc(text)


def test_change_ids_are_ulids_ordered_by_time_and_unique() -> None:
    rng = random.Random(7)
    ids = [change_id(ms, rng.randbytes) for ms in (1, 2, 2, 2**48 - 1)]
    assert all(len(i) == 26 and check_id(i, "id") == i for i in ids)
    assert ids[0] < ids[1] and ids[1] != ids[2] and ids[2] < ids[3]
    assert ids[0][:10] == "0000000001"
    with pytest.raises(ValueError, match="entropy"):
        change_id(1, lambda n: b"short")


def test_mark_ids_tell_identical_marks_apart_and_ignore_the_offset() -> None:
    at = T0 + timedelta(minutes=5)
    same_moment = at.astimezone(timezone(timedelta(hours=2)))  # written as Berlin would
    twice = (Mark("phone", at), Mark("phone", at), Mark("app", at))
    ids = mark_ids("s1", twice)
    assert len(set(ids)) == 3
    assert ids[0] == mark_id("s1", Mark("phone", same_moment), 0)
    assert mark_id("s2", Mark("phone", at), 0) != ids[0]
