"""Fixtures of the command-line tests: the running app's calendar side, with a named fake
CalendarService behind the real SocketCommands, and the data folder held as the running app
holds it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from focusmate.desktop.ipc_server import CommandServer
from focusmate.desktop.locations import lock_path, server_name
from focusmate.desktop.single_instance import InstanceLock
from focusmate.services.controller import SessionController
from focusmate.services.socket_commands import SocketCommands
from tests.cli.fake_calendar import FakeCalendarService


@pytest.fixture(autouse=True)
def freed_on_this_thread() -> Iterator[None]:
    """A test's Qt objects caught in reference cycles are freed here, on the GUI thread, once
    it is over: left to the collector, they may be freed in the next test's thread that runs
    the command (while_serving), and Qt warns that their timers are stopped from another
    thread."""
    yield
    gc.collect()


@pytest.fixture
def calendar() -> FakeCalendarService:
    return FakeCalendarService()


@pytest.fixture
def commands(controller: SessionController, calendar: FakeCalendarService) -> SocketCommands:
    """The app's socket commands, answering from ``calendar``."""
    return SocketCommands(controller, lambda _window: None, calendar=calendar)  # type: ignore[arg-type]


@pytest.fixture
def app_data(tmp_path: Path, commands: SocketCommands) -> Iterator[Path]:
    """The controller's data folder, held as the running app holds it: its lock taken by
    this process and its socket answered by ``commands``."""
    data = tmp_path / "data"
    lock = InstanceLock(lock_path(data))
    assert lock.try_acquire()
    server = CommandServer(commands.handle)
    server.listen(server_name(data))
    yield data
    server.close()
    lock.release()
