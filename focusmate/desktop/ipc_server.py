"""The server side of the local socket: the running app answers CLI requests.

Each connection carries one request line and gets one response line. Oversized requests
and clients that do not finish within a short deadline are cut off, so a stuck or
hostile client cannot hold the app.
"""

from __future__ import annotations

import logging
import os
import socket
import struct
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from focusmate.core.errors import FocusmateError, InvalidData
from focusmate.core.protocol import MAX_MESSAGE_BYTES, Message, decode_request, encode, failure

log = logging.getLogger(__name__)

CLIENT_DEADLINE_MS = 3000
Handler = Callable[[Message], Message]


class CommandServer(QObject):
    """Listens on ``name`` and answers each request with ``handler`` on the GUI thread."""

    def __init__(self, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handler = handler
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)

    def listen(self, name: str) -> None:
        """Start listening; we hold the instance lock, so a leftover socket is stale."""
        if os.name == "posix":
            directory = Path(name).parent
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            directory.chmod(0o700)
        QLocalServer.removeServer(name)
        if not self._server.listen(name):
            raise OSError(f"cannot listen on {name}: {self._server.errorString()}")

    def close(self) -> None:
        self._server.close()

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            client = self._server.nextPendingConnection()
            if same_user(int(client.socketDescriptor())):
                _Connection(client, self._handler, self)
            else:
                log.warning("refused a local connection from another user")
                client.abort()
                client.deleteLater()


def same_user(descriptor: int) -> bool:
    """Whether the peer of a Unix socket runs as this user (SO_PEERCRED / getpeereid).

    The socket already lives in a 0700 directory; this is the second lock on the door.
    Where the platform cannot tell (Windows named pipes), the pipe's own ACL applies.
    """
    if not hasattr(socket, "SO_PEERCRED"):
        return os.name != "posix" or _peer_uid_bsd(descriptor) == os.getuid()
    raw = socket.socket(fileno=os.dup(descriptor))
    try:
        credentials = raw.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    finally:
        raw.close()
    _pid, uid, _gid = struct.unpack("3i", credentials)
    return bool(uid == os.getuid())


def _peer_uid_bsd(descriptor: int) -> int:  # pragma: no cover - macOS/BSD only
    raw = socket.socket(fileno=os.dup(descriptor))
    try:
        credentials = raw.getsockopt(0, 0x001, 76)  # SOL_LOCAL, LOCAL_PEERCRED: struct xucred
    finally:
        raw.close()
    return int(struct.unpack_from("I", credentials, 4)[0])  # cr_uid follows cr_version


class _Connection(QObject):
    """One client: collect a line, answer it, close."""

    def __init__(self, socket: QLocalSocket, handler: Handler, parent: QObject) -> None:
        super().__init__(parent)
        self._socket = socket
        self._handler = handler
        self._buffer = bytearray()
        self._done = False
        socket.setParent(self)
        socket.readyRead.connect(self._on_ready_read)
        socket.disconnected.connect(self._finish)
        QTimer.singleShot(CLIENT_DEADLINE_MS, self, self._on_deadline)
        self._on_ready_read()

    def _on_ready_read(self) -> None:
        if self._done:
            return
        self._buffer += bytes(self._socket.readAll().data())
        if len(self._buffer) > MAX_MESSAGE_BYTES:
            self._reply(failure(InvalidData(f"request longer than {MAX_MESSAGE_BYTES} bytes")))
        elif b"\n" in self._buffer:
            self._reply(self._answer(bytes(self._buffer.split(b"\n", 1)[0])))

    def _answer(self, line: bytes) -> Message:
        try:
            return self._handler(decode_request(line))
        except FocusmateError as error:
            return failure(error)
        except Exception:  # a bug must not take the app down with the client
            log.exception("request failed")
            return failure(FocusmateError("internal error in focusmate; see its log"))

    def _on_deadline(self) -> None:
        if not self._done:
            self._reply(failure(InvalidData("request not completed in time")))

    def _reply(self, message: Message) -> None:
        self._done = True
        if self._socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
            self._socket.write(encode(message))
            self._socket.flush()
            self._socket.disconnectFromServer()
        else:
            self._finish()

    def _finish(self) -> None:
        self._done = True
        self.deleteLater()
