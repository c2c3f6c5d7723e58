"""The local-socket protocol between `focusmate <command>` and the running app.

One request and one response per connection, each a single line of UTF-8 JSON:
request ``{"cmd": NAME, ...arguments}``, response ``{"ok": true, "result": {...}}`` or
``{"ok": false, "exit": CODE, "error": MESSAGE}``.

``start`` carries ``{"with": NAME, "minutes": N, "focus": TEXT, "kind": KIND}``, KIND a
core.session_kind id (absent: coaching).

``pulse`` (issue 16) carries ``{"session": ID or "last", "pulse": PULSE}``, PULSE in
core.pulse.pulse_to_record's shape, and answers ``{"id", "with", "started_at"}`` of the
session that took it. ``pulse-serve`` carries ``{"session": ID or "last"}``: the app opens the
pulse page and its QR window, and answers :func:`pulse_serve_answer` once the page listens.

A file travels as its contents, never as a path: the app must not open what the user named
(a pipe such as ``<(...)`` exists only in the user's shell; a FIFO would block the app).
``import`` carries ``{"file": NAME, "contents": BASE64}``, so it may be longer than the rest.

The calendar commands (issue 15): ``calendar-add`` carries ``{"source": SOURCE, "password":
TEXT or null}`` (SOURCE as in the settings file's ``calendar.sources``; the password of a
CalDAV source travels only over this same-user socket and is never logged) and answers
``{"calendar": STATUS or null}``; ``calendar-remove`` carries ``{"name": NAME}``;
``calendar-status`` answers :func:`calendar_status_result`, ``calendar-next``
:func:`calendar_next_result`, the documents ``focusmate calendar status --json`` and
``calendar next --json`` print.
"""

from __future__ import annotations

import json

from focusmate.core.errors import ExitCode, FocusmateError, InvalidData

#: typing.TYPE_CHECKING without importing typing, which would cost the socket commands 3-5 ms
#: (ARCHITECTURE invariant 13): the type checkers take any constant of this name as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime
    from typing import Any

    # Only named here: the socket commands' client imports this module and none of these
    # (ARCHITECTURE invariant 13).
    from focusmate.core.calendar_sources import CalendarSource
    from focusmate.core.calendar_status import SourceStatus
    from focusmate.core.model import CoachingSession
    from focusmate.core.one_on_ones import UpcomingOneOnOne

MAX_MESSAGE_BYTES = 64 * 1024
CALENDAR_COMMANDS = ("calendar-add", "calendar-remove", "calendar-status", "calendar-next")
SYNC_COMMANDS = ("sync-enable", "sync-status", "sync-disable")
COMMANDS = frozenset(
    {
        "show",
        "start",
        "log",
        "undo",
        "end",
        "status",
        "import",
        "move-data",
        "pulse",
        "pulse-serve",
        *CALENDAR_COMMANDS,
        *SYNC_COMMANDS,
    }
)

#: A request or response as JSON has it. "Any" is a forward reference: only a type checker
#: resolves it, so typing stays unloaded at run time.
Message = dict[str, "Any"]
#: Windows a "show" request may name (without one: the primary action, as a tray click).
SHOWABLE_WINDOWS = ("review", "settings")


def encode(message: Message) -> bytes:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def import_request_bytes(file_limit_bytes: int) -> int:
    """The longest import request: a file of the largest size in base64, and the rest."""
    return 4 * -(-file_limit_bytes // 3) + MAX_MESSAGE_BYTES


def file_contents(raw: bytes) -> str:
    """A file's bytes as they travel in a request (any bytes survive unchanged)."""
    import base64  # noqa: PLC0415 - for import alone (ARCHITECTURE invariant 13)

    return base64.b64encode(raw).decode("ascii")


def contents_of(request: Message) -> bytes:
    """The file's bytes a request carries; InvalidData when it carries none."""
    import base64  # noqa: PLC0415 - for import alone (ARCHITECTURE invariant 13)
    import binascii  # noqa: PLC0415

    text = request.get("contents")
    try:
        if not isinstance(text, str):
            raise ValueError
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, binascii.Error):
        raise InvalidData("the request carries no file contents") from None


def pulse_answer(session: CoachingSession) -> Message:
    """What the app answers a ``pulse`` request: which session took the answers."""
    return {
        "id": session.id,
        "with": session.with_name,
        "started_at": session.started_at.isoformat(),
    }


def pulse_serve_answer(url: str, expires_at: datetime, session_id: str, with_name: str) -> Message:
    """What the app answers ``pulse-serve``: the form's address, when it expires (ISO 8601,
    UTC) and the session it is for."""
    from datetime import UTC  # noqa: PLC0415 - for pulse-serve alone (ARCHITECTURE invariant 13)

    return {
        "url": url,
        # To the second, rounded down: the form takes an answer until then at least.
        "expires_at": expires_at.astimezone(UTC).isoformat(timespec="seconds"),
        "id": session_id,
        "with": with_name,
    }


def calendar_add_request(source: CalendarSource, password: str | None) -> Message:
    """The request that adds ``source`` (its password, if any, rides along)."""
    from focusmate.core.calendar_sources import CalendarSettings, calendar_to_record  # noqa: PLC0415

    (record,) = calendar_to_record(CalendarSettings(sources=(source,)))["sources"]
    return {"cmd": "calendar-add", "source": record, "password": password}


def source_of(request: Message) -> CalendarSource:
    """The source a ``calendar-add`` request carries, checked as the settings file's are;
    InvalidData naming the problem."""
    from focusmate.core.calendar_sources import calendar_from_record  # noqa: PLC0415

    (source,) = calendar_from_record({"sources": [request.get("source")]}).sources
    return source


def password_of(request: Message) -> str | None:
    password = request.get("password")
    if password is not None and not isinstance(password, str):
        raise InvalidData("the request's password must be text or null")
    return password


def calendar_status_result(
    statuses: Iterable[SourceStatus], secret_store_problem: str | None
) -> Message:
    """``calendar status --json``: each source's status and, when passwords cannot be kept
    in the operating system's secret store, the line saying why (else null)."""
    return {"calendars": [s.as_json() for s in statuses], "secret_store": secret_store_problem}


def calendar_next_result(upcoming: Iterable[UpcomingOneOnOne]) -> Message:
    """``calendar next --json``, exactly as issue 15 specifies it."""
    return {"next": [one.as_json() for one in upcoming]}


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
