"""The server side of the local socket: the running app answers CLI requests.

Each connection carries one request line and gets one response line. Oversized requests
and clients that stop sending for a short while are cut off, so a stuck or hostile client
cannot hold the app.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from focusmate.core.errors import FocusmateError, InvalidData
from focusmate.core.protocol import MAX_MESSAGE_BYTES, Message, decode_request, encode, failure
from focusmate.desktop.peer import same_user
from focusmate.desktop.private_dir import check_private_dir

log = logging.getLogger(__name__)

CLIENT_DEADLINE_MS = 3000
Handler = Callable[[Message], Message]


class CommandServer(QObject):
    """Listens on ``name`` and answers each request with ``handler`` on the GUI thread;
    a request longer than ``max_request_bytes`` is refused."""

    def __init__(
        self,
        handler: Handler,
        parent: QObject | None = None,
        *,
        max_request_bytes: int = MAX_MESSAGE_BYTES,
    ) -> None:
        super().__init__(parent)
        self._handler = handler
        self._max_request_bytes = max_request_bytes
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)

    def listen(self, name: str) -> None:
        """Start listening; we hold the instance lock, so a leftover socket is stale.

        The socket's folder is made private first (NotPrivate, one line, where it cannot be):
        removing the old socket and listening then happen only inside a folder of ours.
        """
        if os.name == "posix":
            check_private_dir(Path(name).parent, create=True)
        QLocalServer.removeServer(name)
        if not self._server.listen(name):
            raise OSError(f"cannot listen on {name}: {self._server.errorString()}")

    def close(self) -> None:
        self._server.close()

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            client = self._server.nextPendingConnection()
            if same_user(int(client.socketDescriptor())):
                _Connection(client, self._handler, self._max_request_bytes, self)
            else:
                log.warning("refused a local connection from another user")
                client.abort()
                client.deleteLater()


class _Connection(QObject):
    """One client: collect a line, answer it, close."""

    def __init__(
        self, socket: QLocalSocket, handler: Handler, max_bytes: int, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._socket = socket
        self._handler = handler
        self._max_bytes = max_bytes
        self._buffer = bytearray()
        self._done = False
        socket.setParent(self)
        socket.readyRead.connect(self._on_ready_read)
        socket.disconnected.connect(self._finish)
        # A client that stops sending is cut off; one still sending (a large import) is not.
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._on_deadline)
        self._deadline.start(CLIENT_DEADLINE_MS)
        self._on_ready_read()

    def _on_ready_read(self) -> None:
        if self._done:
            return
        chunk = bytes(self._socket.readAll().data())
        if chunk:
            self._deadline.start(CLIENT_DEADLINE_MS)
        self._buffer += chunk
        if len(self._buffer) > self._max_bytes:
            self._reply(failure(InvalidData(f"request longer than {self._max_bytes} bytes")))
        elif b"\n" in chunk:  # only the new bytes: a large request is not searched again
            self._reply(self._answer(bytes(self._buffer.split(b"\n", 1)[0])))

    def _answer(self, line: bytes) -> Message:
        try:
            return self._handler(decode_request(line, self._max_bytes))
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
