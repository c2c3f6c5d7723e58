"""Running a command while this test's event loop answers the app's local socket."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable

from pytestqt.qtbot import QtBot


def while_serving(
    qtbot: QtBot, command: Callable[[], subprocess.CompletedProcess[str]]
) -> subprocess.CompletedProcess[str]:
    """``command()`` in a thread of its own, while this thread's event loop serves the socket
    (the real CommandServer answers only from the event loop)."""
    done: list[subprocess.CompletedProcess[str]] = []
    thread = threading.Thread(target=lambda: done.append(command()))
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=120_000)
    return done[0]
