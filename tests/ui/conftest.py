"""UI fixtures: a controller on a real data file with a fake clock, and its actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from focusmate.controller import SessionController
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.ui.actions import AppActions
from tests.fakes import FakeClock, IdFactory


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def controller(qapp: QApplication, tmp_path: Path, clock: FakeClock) -> SessionController:
    """Needs the QApplication first: Qt objects created without one crash the process."""
    return SessionController(TinyDBSessionRepository(tmp_path / "data"), clock, IdFactory())


@pytest.fixture
def actions(controller: SessionController) -> AppActions:
    return AppActions(controller)
