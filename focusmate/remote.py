"""Answers the CLI's requests over the local socket by calling the controller.

This is the CLI's door into the same SessionController methods the tray uses.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from focusmate.controller import SessionController
from focusmate.core.errors import InvalidData
from focusmate.core.protocol import Message, success
from focusmate.storage.transfer import read_import_file


class RemoteCommands:
    def __init__(self, controller: SessionController, show_app: Callable[[], None]) -> None:
        self._controller = controller
        self._show_app = show_app

    def handle(self, request: Message) -> Message:
        command = request["cmd"]
        if command == "show":
            self._show_app()
            return success()
        if command == "status":
            return success(self._controller.status())
        if command == "start":
            session = self._controller.start(
                _text(request, "with"), _whole(request, "minutes"), _text(request, "focus", "")
            )
            return success({"id": session.id, "with": session.with_name})
        if command == "log":
            kind = _text(request, "kind")
            session = self._controller.mark(kind)
            return success({"kind": kind, "count": session.mark_counts()[kind]})
        if command == "end":
            session = self._controller.end()
            return success({"id": session.id, "with": session.with_name})
        # "import": the file is read here, by the one writer, after the CLI validated it.
        result = self._controller.import_sessions(read_import_file(Path(_text(request, "path"))))
        return success({"added": result.added, "updated": result.updated,
                        "unchanged": result.unchanged})  # fmt: skip


def _text(request: Message, key: str, default: str | None = None) -> str:
    value = request.get(key, default)
    if not isinstance(value, str):
        raise InvalidData(f"request field {key!r} must be a string")
    return value


def _whole(request: Message, key: str) -> int:
    value = request.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidData(f"request field {key!r} must be a whole number")
    return value
