"""The session rules: start, marks, end, and timing against an absolute deadline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.errors import InvalidInput, NotPossibleNow
from focusmate.core.session import (
    add_mark,
    deadline,
    end_session,
    start_session,
    timing,
)
from focusmate.core.session_time import format_clock
from tests.fakes import T0


def test_start_trims_the_name_and_keeps_the_plan() -> None:
    session = start_session("id1", "  Ana Díaz ", 30, " listen ", T0)
    assert (session.with_name, session.planned_minutes, session.focus) == ("Ana Díaz", 30, "listen")
    assert session.running and deadline(session) == T0 + timedelta(minutes=30)


@pytest.mark.parametrize(
    ("name", "minutes"),
    [("", 30), ("   ", 30), ("x" * 10_000, 30), ("Ana", 0), ("Ana", -5), ("Ana", 99999)],
)
def test_start_refuses_bad_input(name: str, minutes: int) -> None:
    with pytest.raises(InvalidInput):
        start_session("id1", name, minutes, "", T0)


@pytest.mark.parametrize("name", ["🙂 Zoë", "שרה כהן", "محمد", "a" * 100])
def test_start_accepts_emoji_rtl_and_the_longest_name(name: str) -> None:
    assert start_session("id1", name, 30, "", T0).with_name == name


def test_marks_are_timestamped_and_counted() -> None:
    session = start_session("id1", "Ana", 30, "", T0)
    session = add_mark(session, "phone", T0 + timedelta(minutes=3))
    session = add_mark(session, "phone", T0 + timedelta(minutes=4))
    session = add_mark(session, "app", T0 + timedelta(minutes=5))
    assert session.mark_counts() == {"phone": 2, "app": 1}
    assert session.marks[0].at == T0 + timedelta(minutes=3)


def test_no_mark_or_end_without_a_running_session() -> None:
    with pytest.raises(NotPossibleNow):
        add_mark(None, "phone", T0)
    ended = end_session(start_session("id1", "Ana", 30, "", T0), T0 + timedelta(minutes=1))
    with pytest.raises(NotPossibleNow):
        add_mark(ended, "app", T0)
    with pytest.raises(NotPossibleNow):
        end_session(ended, T0)


def test_timing_counts_down_then_into_overtime() -> None:
    session = start_session("id1", "Ana", 30, "", T0)
    before = timing(session, T0 + timedelta(minutes=10, seconds=30))
    assert (before.elapsed_s, before.remaining_s, before.overtime) == (630, 1170, False)
    after = timing(session, T0 + timedelta(minutes=33))
    assert (after.remaining_s, after.overtime) == (-180, True)


def test_timing_after_a_suspend_jumps_to_the_true_time() -> None:
    """A laptop asleep for 20 minutes shows 20 minutes less, not a frozen timer."""
    session = start_session("id1", "Ana", 30, "", T0)
    assert timing(session, T0 + timedelta(minutes=25)).remaining_s == 300


def test_a_clock_set_back_before_the_start_never_gives_negative_elapsed() -> None:
    session = start_session("id1", "Ana", 30, "", T0)
    assert timing(session, T0 - timedelta(minutes=5)).elapsed_s == 0
    assert end_session(session, T0 - timedelta(minutes=5)).ended_at == T0


def test_an_ended_session_stops_its_clock() -> None:
    session = end_session(start_session("id1", "Ana", 30, "", T0), T0 + timedelta(minutes=20))
    assert timing(session, T0 + timedelta(days=3)).elapsed_s == 1200


@given(st.integers(min_value=0, max_value=240 * 60 * 3))
def test_elapsed_plus_remaining_is_the_plan(seconds: int) -> None:
    session = start_session("id1", "Ana", 45, "", T0)
    now_timing = timing(session, T0 + timedelta(seconds=seconds))
    assert now_timing.elapsed_s + now_timing.remaining_s == 45 * 60


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (59, "0:59"), (61, "1:01"), (-190, "3:10"), (3725, "1:02:05")],
)
def test_format_clock(seconds: int, text: str) -> None:
    assert format_clock(seconds) == text
