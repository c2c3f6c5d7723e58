"""Start-up builds every window-side object without reading the history: the tray icon does
not wait for years of sessions. The menu's "Reflect on …" items appear once it is read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from focusmate.services.controller import SessionController
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.ui.actions import AppActions
from focusmate.ui.windows import Windows
from tests.fakes import FakeClock, IdFactory
from tests.test_controller import CountingRepository


def test_the_windows_and_menu_are_built_before_the_history_is_read(
    qapp: QApplication, tmp_path: Path, clock: FakeClock
) -> None:
    first = SessionController(TinyDBSessionRepository(tmp_path / "data"), clock, IdFactory())
    first.start("Ana", 30)
    first.end()  # its reflection is waiting
    counting = CountingRepository(TinyDBSessionRepository(tmp_path / "data"))
    controller = SessionController(counting, clock, IdFactory("n"))
    actions = AppActions(controller)
    windows = Windows(controller, actions, use_tray=False)
    try:
        windows.show()
        assert counting.reads == 0
        assert actions.reflections == []
        controller.load_history()  # what start-up does once the icon shows
        assert counting.reads == 1
        assert actions.reflections[0].text().startswith("Reflect on Ana")
    finally:
        windows.close_all()
