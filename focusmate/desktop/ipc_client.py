"""The client side of the local socket: send one request to the running app.

On Unix this is an AF_UNIX socket of _socket, the C module that socket.py wraps, so
`focusmate log phone` pays neither for Qt nor for socket.py's IntEnums, selectors and array
(ARCHITECTURE invariant 13); on Windows, where QLocalServer listens on a named pipe, it is
QLocalSocket.

Only an app of this user is spoken to: the socket's folder must be private to the user and
the process that answers must run as the user (SO_PEERCRED), or nothing is sent.
"""

from __future__ import annotations

import _socket
import os
import time

from focusmate.core.errors import FocusmateError, InvalidData, NoInstance
from focusmate.core.protocol import MAX_MESSAGE_BYTES, Message, decode_response, encode
from focusmate.desktop.peer import peer_uid
from focusmate.desktop.private_dir import check_private_dir

#: How long a client waits for a busy app, to take the request and to answer it. Generous:
#: a request once sent is carried out even if the client stops waiting, and a user told "no
#: answer" repeats it (a mark counted twice); a busy app (200 marks at once, an import) is
#: normal, and an app that is not running is known at once.
TIMEOUT_S = 20.0
#: While the app's queue of waiting connections is full, try again after this pause, doubled
#: at each try up to BUSY_RETRY_MAX_S (many waiting clients must not starve the app of CPU).
BUSY_RETRY_S = 0.01
BUSY_RETRY_MAX_S = 0.2


class NotListening(NoInstance):
    """Nobody listens on the socket (yet): no app runs, or one is still starting."""


def request(
    server: str,
    message: Message,
    *,
    max_bytes: int = MAX_MESSAGE_BYTES,
    answer_within_s: float = TIMEOUT_S,
) -> Message:
    """Send ``message``; return the decoded response.

    NotListening when no app listens, NoInstance when it does not answer in
    ``answer_within_s``, InvalidData for an answer that is not one, FocusmateError when the
    socket is not this user's.
    """
    payload = encode(message)
    if len(payload) > max_bytes:
        raise InvalidData(f"request longer than {max_bytes} bytes")
    if os.name == "posix":
        return decode_response(_unix_request(server, payload, answer_within_s))
    return decode_response(_qt_request(server, payload))


def _unix_request(path: str, payload: bytes, answer_within_s: float) -> bytes:
    if not check_private_dir(os.path.dirname(path), create=False):  # noqa: PTH120 - no pathlib
        raise NotListening("focusmate is not running (start it with: focusmate)")
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        _connect(sock, path)
        uid = peer_uid(sock.fileno())
        if uid is not None and uid != os.getuid():
            raise FocusmateError(
                f"the focusmate socket {path} is served by another user (uid {uid}); "
                "nothing was sent to it"
            )
        sock.settimeout(answer_within_s)
        sock.sendall(payload)
        return _read_line(sock, answer_within_s)
    finally:
        sock.close()


def _connect(sock: _socket.socket, path: str) -> None:
    """Connect; while the app's backlog is full (EAGAIN), try again until TIMEOUT_S passes."""
    sock.settimeout(TIMEOUT_S)
    deadline = time.monotonic() + TIMEOUT_S
    pause_s = BUSY_RETRY_S
    while True:
        try:
            sock.connect(path)
            return
        except (FileNotFoundError, ConnectionRefusedError):
            raise NotListening("focusmate is not running (start it with: focusmate)") from None
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise NoInstance(
                    f"focusmate was too busy to take the request within {TIMEOUT_S:g} seconds; "
                    "nothing was sent, try again"
                ) from None
            time.sleep(min(pause_s, max(0.0, deadline - time.monotonic())))
            pause_s = min(pause_s * 2, BUSY_RETRY_MAX_S)


def _read_line(sock: _socket.socket, answer_within_s: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            raise NoInstance(
                f"focusmate did not answer within {answer_within_s:g} seconds; it may still "
                "carry out the request (see: focusmate status)"
            ) from None
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if b"\n" in chunk or size > MAX_MESSAGE_BYTES:
            break
    data = b"".join(chunks)
    if not data:
        raise NoInstance("focusmate closed the connection without answering")
    return data.split(b"\n", 1)[0]


def _qt_request(server: str, payload: bytes) -> bytes:  # pragma: no cover - Windows only
    from PySide6.QtNetwork import QLocalSocket  # noqa: PLC0415 - only where there is no AF_UNIX

    sock = QLocalSocket()
    sock.connectToServer(server)
    timeout_ms = int(TIMEOUT_S * 1000)
    if not sock.waitForConnected(timeout_ms):
        raise NotListening("focusmate is not running (start it with: focusmate)")
    sock.write(payload)
    sock.waitForBytesWritten(timeout_ms)
    data = b""
    while b"\n" not in data and sock.waitForReadyRead(timeout_ms):
        data += bytes(sock.readAll().data())
    sock.disconnectFromServer()
    if not data:
        raise NoInstance("focusmate closed the connection without answering")
    return data.split(b"\n", 1)[0]
