"""Fixtures of the command-line tests: the running app's calendar side, with a named fake
CalendarService behind the real SocketCommands."""

from __future__ import annotations

import pytest

from focusmate.services.controller import SessionController
from focusmate.services.socket_commands import SocketCommands
from tests.cli.fake_calendar import FakeCalendarService


@pytest.fixture
def calendar() -> FakeCalendarService:
    return FakeCalendarService()


@pytest.fixture
def commands(controller: SessionController, calendar: FakeCalendarService) -> SocketCommands:
    """The app's socket commands, answering from ``calendar``."""
    return SocketCommands(controller, lambda _window: None, calendar=calendar)  # type: ignore[arg-type]
