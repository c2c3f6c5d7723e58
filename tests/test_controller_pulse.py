"""SessionController.record_pulse (issue 16): the salesperson's answers kept with an ended
session, on the real data file, by the one path (ARCHITECTURE invariants 2 and 4)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from focusmate.core.errors import InvalidInput, NotPossibleNow
from focusmate.core.pulse import Concern, PulseVia, RepPulse
from focusmate.services.controller import SessionController
from focusmate.storage.repository import TinyDBSessionRepository
from tests.fakes import T0, FakeClock

PULSE = RepPulse(2, Concern.NO, 4, "", PulseVia.TYPED, T0 + timedelta(hours=2))


def on_disk(tmp_path: Path, session_id: str) -> RepPulse | None:
    """What a new process reads from the data folder."""
    session = TinyDBSessionRepository(tmp_path / "data", writable=False).get(session_id)
    assert session is not None
    return session.rep_pulse


def test_a_pulse_is_on_disk_before_it_returns_and_the_views_hear_of_it(
    controller: SessionController, clock: FakeClock, qtbot: QtBot, tmp_path: Path
) -> None:
    controller.start("Jordan", 30)
    clock.advance(minutes=30)
    session = controller.end()
    with qtbot.waitSignal(controller.state_changed, timeout=1000):
        kept = controller.record_pulse(session.id, PULSE)
    assert kept.rep_pulse == PULSE and controller.session(session.id) == kept
    assert on_disk(tmp_path, session.id) == PULSE


def test_a_new_pulse_replaces_the_earlier_one_and_last_finds_the_latest(
    controller: SessionController, clock: FakeClock, tmp_path: Path
) -> None:
    first = controller.start("Jordan", 30)
    controller.end()
    second = controller.start("Ana", 30)
    clock.advance(minutes=5)
    controller.end()
    controller.record_pulse(first.id, PULSE)
    again = replace(PULSE, heard=5, comment="better now")
    controller.record_pulse(first.id, again)
    assert on_disk(tmp_path, first.id) == again
    assert controller.record_pulse("last", PULSE).id == second.id


def test_a_running_or_unknown_session_takes_no_pulse(
    controller: SessionController, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInput, match=r"^no session has ended yet$"):
        controller.record_pulse("last", PULSE)
    running = controller.start("Jordan", 30)
    with pytest.raises(NotPossibleNow, match=r"^the session is still running$"):
        controller.record_pulse(running.id, PULSE)
    with pytest.raises(InvalidInput, match=r"^no session with the id 'nope'$"):
        controller.record_pulse("nope", PULSE)
    assert controller.current == running and controller.current.rep_pulse is None
    assert TinyDBSessionRepository(tmp_path / "data", writable=False).current() == running
