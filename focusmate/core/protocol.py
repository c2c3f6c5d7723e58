"""The local-socket protocol between `focusmate <command>` and the running app.

One request and one response per connection, each a single line of UTF-8 JSON:
request ``{"cmd": NAME, ...arguments}``, response ``{"ok": true, "result": {...}}`` or
``{"ok": false, "exit": CODE, "error": MESSAGE}``.

A file travels as its contents, never as a path: the app must not open what the user named
(a pipe such as ``<(...)`` exists only in the user's shell; a FIFO would block the app).
``import`` carries ``{"file": NAME, "contents": BASE64}``, so it may be longer than the rest.
"""

from __future__ import annotations

import base64
import binascii
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


def import_request_bytes(file_limit_bytes: int) -> int:
    """The longest import request: a file of the largest size in base64, and the rest."""
    return 4 * -(-file_limit_bytes // 3) + MAX_MESSAGE_BYTES


def file_contents(raw: bytes) -> str:
    """A file's bytes as they travel in a request (any bytes survive unchanged)."""
    return base64.b64encode(raw).decode("ascii")


def contents_of(request: Message) -> bytes:
    """The file's bytes a request carries; InvalidData when it carries none."""
    text = request.get("contents")
    try:
        if not isinstance(text, str):
            raise ValueError
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, binascii.Error):
        raise InvalidData("the request carries no file contents") from None


def decode_request(line: bytes, max_bytes: int = MAX_MESSAGE_BYTES) -> Message:
    """Parse a request line; raise InvalidData for anything but a known command object."""
    message = _decode(line, max_bytes)
    if message.get("cmd") not in COMMANDS:
        raise InvalidData(f"unknown command {str(message.get('cmd'))[:40]!r}")
    return message


def decode_response(line: bytes) -> Message:
    message = _decode(line)
    if not isinstance(message.get("ok"), bool):
        raise InvalidData("the response has no 'ok' field")
    return message


def _decode(line: bytes, max_bytes: int = MAX_MESSAGE_BYTES) -> Message:
    if len(line) > max_bytes:
        raise InvalidData(f"message longer than {max_bytes} bytes")
    try:
        message = json.loads(line)
    except (ValueError, UnicodeDecodeError, RecursionError):  # deep nesting, too
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
