"""The local-socket protocol between `focusmate <command>` and the running app.

One request and one response per connection, each a single line of UTF-8 JSON:
request ``{"cmd": NAME, ...arguments}``, response ``{"ok": true, "result": {...}}`` or
``{"ok": false, "exit": CODE, "error": MESSAGE}``.
"""

from __future__ import annotations

import json
from typing import Any

from focusmate.core.errors import ExitCode, FocusmateError, InvalidData

MAX_MESSAGE_BYTES = 64 * 1024
COMMANDS = frozenset({"show", "start", "log", "undo", "end", "status", "import", "move-data"})

Message = dict[str, Any]
#: Windows a "show" request may name (without one: the primary action, as a tray click).
SHOWABLE_WINDOWS = ("review", "settings")


def encode(message: Message) -> bytes:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def decode_request(line: bytes) -> Message:
    """Parse a request line; raise InvalidData for anything but a known command object."""
    message = _decode(line)
    if message.get("cmd") not in COMMANDS:
        raise InvalidData(f"unknown command {str(message.get('cmd'))[:40]!r}")
    return message


def decode_response(line: bytes) -> Message:
    message = _decode(line)
    if not isinstance(message.get("ok"), bool):
        raise InvalidData("the response has no 'ok' field")
    return message


def _decode(line: bytes) -> Message:
    if len(line) > MAX_MESSAGE_BYTES:
        raise InvalidData(f"message longer than {MAX_MESSAGE_BYTES} bytes")
    try:
        message = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        raise InvalidData("message is not JSON") from None
    if not isinstance(message, dict):
        raise InvalidData("message is not a JSON object")
    return message


def success(result: Message | None = None) -> Message:
    return {"ok": True, "result": result or {}}


def failure(error: FocusmateError) -> Message:
    return {"ok": False, "exit": int(error.exit_code), "error": str(error)}


def error_from_response(response: Message) -> FocusmateError:
    """Rebuild the error a failed response carries, keeping its exit code."""
    error = FocusmateError(str(response.get("error", "the app reported an error")))
    code = response.get("exit")
    valid = {int(c) for c in ExitCode} - {0}
    error.exit_code = ExitCode(code) if code in valid else ExitCode.FAILURE
    return error
