"""Quitting with a session running (SIGTERM at logout, shutdown, `systemctl --user stop`;
issue 13, finding 12): the session is kept as saved and resumes at the next start, and
notifications come back at once. The signal path itself is tested e2e (test_sigterm_e2e.py)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from focusmate.desktop.dnd.silencer import JournaledSilencer
from focusmate.services.controller import SessionController
from focusmate.storage.repository import TinyDBSessionRepository
from tests.desktop.dnd.fake_backend import FakeDnd
from tests.fakes import FakeClock, IdFactory


def test_shut_down_keeps_the_session_and_gives_notifications_back(
    tmp_path: Path, qtbot: QtBot
) -> None:
    clock, backend, data = FakeClock(), FakeDnd(), tmp_path / "data"
    silencer = JournaledSilencer(backend, tmp_path / "dnd-journal.json", guard=False)
    controller = SessionController(
        TinyDBSessionRepository(data), clock, IdFactory(), silencer=silencer
    )
    controller.start("Ana", 30)
    controller.mark("phone")
    assert backend.on
    controller.shut_down()
    assert backend.on is False and not (tmp_path / "dnd-journal.json").exists()
    resumed = SessionController(TinyDBSessionRepository(data), clock, IdFactory("n"))
    assert resumed.current is not None and resumed.current.with_name == "Ana"
    assert [mark.kind for mark in resumed.current.marks] == ["phone"]
