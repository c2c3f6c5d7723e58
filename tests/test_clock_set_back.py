"""A system clock set back while focusmate was not running (issue 13, from finding 16): the
resumed session's time never restarts below what it had recorded, and marks and the end stay
in time order, however the clock moves."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from focusmate.core.model import CoachingSession
from focusmate.core.session import add_mark, end_session
from focusmate.services.controller import SessionController
from focusmate.storage.repository import TinyDBSessionRepository
from tests.fakes import T0, FakeClock, IdFactory


def test_a_restart_with_the_clock_set_back_resumes_after_the_last_mark(
    tmp_path: Path, clock: FakeClock, qtbot: QtBot
) -> None:
    first = SessionController(TinyDBSessionRepository(tmp_path / "data"), clock, IdFactory())
    first.start("Ana", 30)
    clock.advance(minutes=10)
    first.mark("phone")  # at 10:00 into the session
    clock.set_wall(hours=-2)  # focusmate stopped; the clock was set back; it starts again
    again = SessionController(TinyDBSessionRepository(tmp_path / "data"), clock, IdFactory("n"))
    assert again.timing().elapsed_s == 600  # type: ignore[union-attr]
    clock.advance(minutes=1)
    again.mark("app")
    ended = again.end()
    assert [mark.at - T0 for mark in ended.marks] == [timedelta(minutes=10), timedelta(minutes=11)]
    assert ended.ended_at == T0 + timedelta(minutes=11)


@given(
    st.lists(st.integers(min_value=-7200, max_value=7200), max_size=12),
    st.integers(min_value=-7200, max_value=7200),
)
def test_marks_and_the_end_are_in_order_whatever_the_clock_says(
    offsets_s: list[int], end_offset_s: int
) -> None:
    session = CoachingSession("s1", "Ana", T0, 30)
    for offset in offsets_s:
        session = add_mark(session, "phone", T0 + timedelta(seconds=offset))
    ended = end_session(session, T0 + timedelta(seconds=end_offset_s))
    stamps: list[datetime] = [T0, *(mark.at for mark in ended.marks)]
    assert stamps == sorted(stamps) and ended.ended_at is not None
    assert ended.ended_at >= stamps[-1]
