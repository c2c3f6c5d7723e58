"""The command line's requests to the running app over the local socket: one answer, or the
error the app reported with its exit code."""

from __future__ import annotations

from focusmate.core.protocol import MAX_MESSAGE_BYTES, error_from_response
from focusmate.desktop import handover, ipc_client
from focusmate.desktop.client_paths import default_server_name, server_name
from focusmate.desktop.ipc_client import TIMEOUT_S, NotListening

#: typing.TYPE_CHECKING without importing typing (see desktop.client_paths); the data folder
#: is text (a socket command's, no pathlib) or a Path.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from _typeshed import StrPath

    from focusmate.core.protocol import Message


class DefaultFolder:
    """The data folder when neither --data-dir nor $FOCUSMATE_DATA_DIR names one, worked out
    (``locate``: the data location file, platformdirs, pathlib) only when it is needed: when
    no app answers on the default socket (client_paths.DEFAULT_SOCKET), or for a message.
    Its errors (a data location file naming a folder that is gone) come then, as before."""

    def __init__(self, locate: Callable[[], str]) -> None:
        self._locate = locate
        self._text: str | None = None

    def __fspath__(self) -> str:
        if self._text is None:
            self._text = self._locate()
        return self._text

    __str__ = __fspath__


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
    """One try: the app's answer, or NotListening when nobody listens (yet). For the default
    folder, the app that uses it is asked on the default socket first."""
    response = None
    default = default_server_name() if isinstance(data, DefaultFolder) else None
    if default is not None:
        response = _answer_if_listening(default, request, max_bytes, answer_within_s)
    if response is None:  # no app on the default folder, or a link left by one that died
        response = ipc_client.request(
            server_name(data), request, max_bytes=max_bytes, answer_within_s=answer_within_s
        )
    if not response["ok"]:
        raise error_from_response(response)
    result = response.get("result", {})
    return result if isinstance(result, dict) else {}


def _answer_if_listening(
    server: str, request: Message, max_bytes: int, answer_within_s: float
) -> Message | None:
    try:
        return ipc_client.request(
            server, request, max_bytes=max_bytes, answer_within_s=answer_within_s
        )
    except NotListening:
        return None
