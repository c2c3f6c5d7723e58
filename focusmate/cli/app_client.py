"""The command line's requests to the running app over the local socket: one answer, or the
error the app reported with its exit code."""

from __future__ import annotations

from pathlib import Path

from focusmate.core.protocol import MAX_MESSAGE_BYTES, Message, error_from_response
from focusmate.desktop import handover, ipc_client
from focusmate.desktop.ipc_client import TIMEOUT_S
from focusmate.desktop.locations import server_name


def ask_app(data: Path, request: Message) -> Message:
    """The running app's answer to ``request`` (an app still starting is waited for)."""
    return handover.by_owner(data, lambda: request_app(data, request))


def request_app(
    data: Path,
    request: Message,
    *,
    max_bytes: int = MAX_MESSAGE_BYTES,
    answer_within_s: float = TIMEOUT_S,
) -> Message:
    """One try: the app's answer, or NotListening when nobody listens (yet)."""
    response = ipc_client.request(
        server_name(data), request, max_bytes=max_bytes, answer_within_s=answer_within_s
    )
    if not response["ok"]:
        raise error_from_response(response)
    result = response.get("result", {})
    return result if isinstance(result, dict) else {}
