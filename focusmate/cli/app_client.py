"""The command line's requests to the running app over the local socket: one answer, or the
error the app reported with its exit code."""

from __future__ import annotations

from focusmate.core.protocol import MAX_MESSAGE_BYTES, error_from_response
from focusmate.desktop import handover, ipc_client
from focusmate.desktop.client_paths import server_name
from focusmate.desktop.ipc_client import TIMEOUT_S

#: typing.TYPE_CHECKING without importing typing (see desktop.client_paths); the data folder
#: is text (a socket command's, no pathlib) or a Path.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from _typeshed import StrPath

    from focusmate.core.protocol import Message


def ask_app(data: StrPath, request: Message) -> Message:
    """The running app's answer to ``request`` (an app still starting is waited for)."""
    return handover.by_owner(data, lambda: request_app(data, request))


def request_app(
    data: StrPath,
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
