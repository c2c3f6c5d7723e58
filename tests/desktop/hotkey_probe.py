"""A tiny program that runs GlobalHotkeys in a Qt event loop, for tests on a real X server.

Usage: ``python hotkey_probe.py EVENTS_FILE``.  It reads commands from stdin, one per line:

* ``start`` (the default bindings) or ``start {"phone": "Ctrl+Alt+P", ...}`` (JSON);
* ``stop``;
* ``quit`` (end of input quits too).

Every command gets a reply, and every trigger and availability change is recorded, as one JSON
object per line appended to EVENTS_FILE (flushed at once), e.g.::

    {"event": "started", "available": true, "reason": "", "seq": 1}
    {"event": "triggered", "action": "phone", "t": 12345.678, "gui_thread": true, "seq": 2}

``true_refs`` in the replies to start and stop is ``sys.getrefcount(True)``, to catch the
PySide6 6.12.0 ``emit()`` reference leak (see focusmate/desktop/hotkeys.py).
``t`` is ``time.monotonic()`` (CLOCK_MONOTONIC, comparable across processes on Linux) when the
signal reached the slot; ``gui_thread`` says whether that slot ran on the main (GUI) thread.
Only QtCore is used, so the probe outlives its X server (the test of a dying listener needs it).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSocketNotifier

from focusmate.core.hotkeys import HotkeyBindings
from focusmate.desktop.hotkeys import GlobalHotkeys


class Probe:
    """Wires stdin commands to a GlobalHotkeys and its signals to the events file."""

    def __init__(self, app: QCoreApplication, events_path: Path) -> None:
        self._app = app
        self._events = events_path.open("a", encoding="utf-8")
        self._seq = 0
        self._buffer = b""
        self.hotkeys = GlobalHotkeys()
        self.hotkeys.triggered.connect(self._on_triggered)
        self.hotkeys.availability_changed.connect(self._on_availability_changed)
        self._stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
        self._stdin.activated.connect(self._on_stdin)

    def write(self, event: str, **fields: Any) -> None:
        if self._events.closed:
            return
        self._seq += 1
        self._events.write(json.dumps({"event": event, **fields, "seq": self._seq}) + "\n")
        self._events.flush()

    def _on_triggered(self, action: str) -> None:
        now = time.monotonic()
        on_gui = threading.current_thread() is threading.main_thread()
        self.write("triggered", action=action, t=now, gui_thread=on_gui)

    def _on_availability_changed(self) -> None:
        availability = self.hotkeys.availability
        self.write("availability", available=availability.available, reason=availability.reason)

    def _on_stdin(self) -> None:
        chunk = os.read(sys.stdin.fileno(), 65536)
        if not chunk:
            self._stdin.setEnabled(False)
            self._quit()
            return
        self._buffer += chunk
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            self._run(line.decode().strip())

    def _run(self, line: str) -> None:
        command, _, argument = line.partition(" ")
        if command == "start":
            bindings = (
                HotkeyBindings.from_text(json.loads(argument))
                if argument
                else HotkeyBindings.defaults()
            )
            started = time.monotonic()
            result = self.hotkeys.start(bindings)
            self.write(
                "started",
                available=result.available,
                reason=result.reason,
                shown=result.shown,
                start_s=time.monotonic() - started,
                true_refs=sys.getrefcount(True),
            )
        elif command == "stop":
            self.hotkeys.stop()
            self.write(
                "stopped",
                available=self.hotkeys.availability.available,
                true_refs=sys.getrefcount(True),
            )
        elif command == "quit":
            self._quit()
        else:
            self.write("error", message=f"unknown command {line!r}")

    def _quit(self) -> None:
        self.hotkeys.stop()
        self.write("quit")
        self._events.close()
        self._app.quit()


def main(argv: list[str]) -> int:
    app = QCoreApplication(argv[:1])
    probe = Probe(app, Path(argv[1]))
    probe.write("ready", pid=os.getpid())
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
