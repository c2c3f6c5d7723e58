"""Answers the CLI's requests over the local socket by calling the controller.

This is the CLI's door into the same SessionController methods the tray uses.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from focusmate.controller import SessionController
from focusmate.core.protocol import Message, success
from focusmate.core.records import expect_string, expect_whole_number
from focusmate.storage.transfer import read_import_file


class RemoteCommands:
    def __init__(self, controller: SessionController, show_app: Callable[[], None]) -> None:
        self._controller = controller
        self._show_app = show_app

    def handle(self, request: Message) -> Message:
        handlers: dict[str, Callable[[Message], Message | None]] = {
            "show": lambda _r: self._show_app(),
            "status": lambda _r: self._controller.status(),
            "start": self._start,
            "log": self._log,
            "undo": lambda _r: {"marks": len(self._controller.undo_mark().marks)},
            "end": self._end,
            "import": self._import,
        }
        return success(handlers[request["cmd"]](request))

    def _start(self, request: Message) -> Message:
        session = self._controller.start(
            _text(request, "with"), _whole(request, "minutes"), _text(request, "focus", "")
        )
        return {"id": session.id, "with": session.with_name}

    def _log(self, request: Message) -> Message:
        kind = _text(request, "kind")
        return {"kind": kind, "count": self._controller.mark(kind).mark_counts()[kind]}

    def _end(self, _request: Message) -> Message:
        session = self._controller.end()
        return {"id": session.id, "with": session.with_name}

    def _import(self, request: Message) -> Message:
        # The file is read here, by the one writer, after the CLI validated it.
        result = self._controller.import_sessions(read_import_file(Path(_text(request, "path"))))
        return {"added": result.added, "updated": result.updated, "unchanged": result.unchanged}


def _text(request: Message, key: str, default: str | None = None) -> str:
    return expect_string(request.get(key, default), f"request field {key!r}")


def _whole(request: Message, key: str) -> int:
    return expect_whole_number(request.get(key), f"request field {key!r}")
