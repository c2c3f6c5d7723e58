"""The server side of the local socket: the running app answers CLI requests.

Each connection carries one request line and gets one response line. Oversized requests
and clients that stop sending for a short while are cut off, so a stuck or hostile client
cannot hold the app.

On Unix (Linux, macOS) the socket is the standard library's AF_UNIX socket, watched on the
GUI thread by QSocketNotifier: QtNetwork (its library and the Kerberos libraries it links,
~3 MB resident and ~9 ms of start-up) is not loaded (issue 18). On Windows, where the client
speaks to a named pipe, Qt's QLocalServer listens, and QtNetwork loads there only.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from focusmate.core.errors import FocusmateError, InvalidData
from focusmate.core.protocol import MAX_MESSAGE_BYTES, Message, decode_request, encode, failure
from focusmate.desktop.peer import same_user
from focusmate.desktop.private_dir import check_private_dir

log = logging.getLogger(__name__)

CLIENT_DEADLINE_MS = 3000
#: Connections waiting to be accepted (what QLocalServer asked of the kernel too).
LISTEN_BACKLOG = 50
_CHUNK = 65536
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
        self._listener: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._name = ""
        self._also_as = ""
        self._pipes: Any = None  # Windows: the QLocalServer

    def listen(self, name: str, *, also_as: str | None = None) -> None:
        """Start listening; we hold the instance lock, so a leftover socket is stale.

        The socket's folder is made private first (NotPrivate, one line, where it cannot be):
        removing the old socket and listening then happen only inside a folder of ours.
        ``also_as``: a second name in the same folder, a link to this socket, made once it
        listens and removed at close while it is still ours (client_paths.DEFAULT_SOCKET).
        """
        if os.name != "posix":  # pragma: no cover - Windows only
            self._listen_on_pipe(name)
            return
        path = Path(name)
        check_private_dir(path.parent, create=True)
        path.unlink(missing_ok=True)  # removes a link itself, never what it points to
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listener.bind(name)
            path.chmod(0o600)  # its folder is private already; the socket is too
            listener.listen(LISTEN_BACKLOG)
        except OSError as error:
            listener.close()
            raise OSError(f"cannot listen on {name}: {error.strerror or error}") from error
        listener.setblocking(False)
        self._listener, self._name = listener, name
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_new_connection)
        if also_as is not None:
            self._link(also_as)

    def _link(self, also_as: str) -> None:
        """Point ``also_as`` at this socket: relative, in the same folder, replaced whole (a
        client never meets half a link). A failure only costs the clients their shortcut."""
        staged = Path(f"{also_as}.new")
        try:
            staged.unlink(missing_ok=True)
            staged.symlink_to(Path(self._name).name)
            staged.replace(also_as)
        except OSError as error:
            log.warning("cannot link %s to the socket: %s", also_as, error.strerror or error)
            return
        self._also_as = also_as

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if self._listener is not None:
            self._listener.close()
            self._listener = None
            with contextlib.suppress(OSError):
                link = Path(self._also_as)
                if self._also_as and str(link.readlink()) == Path(self._name).name:
                    link.unlink()  # still ours: another app may have taken it since
            with contextlib.suppress(OSError):
                Path(self._name).unlink()
        if self._pipes is not None:  # pragma: no cover - Windows only
            self._pipes.close()

    def _on_new_connection(self) -> None:
        while self._listener is not None:
            try:
                client, _ = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:  # out of descriptors, say: the next one is tried later
                log.warning("could not take a local connection: %s", error)
                return
            if same_user(client.fileno()):
                client.setblocking(False)
                _Connection(_SocketStream(client), self._handler, self._max_request_bytes, self)
            else:
                log.warning("refused a local connection from another user")
                client.close()

    def _listen_on_pipe(self, name: str) -> None:  # pragma: no cover - Windows only
        from PySide6.QtNetwork import QLocalServer  # noqa: PLC0415 - Windows only

        pipes = QLocalServer(self)
        pipes.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(name)
        if not pipes.listen(name):
            raise OSError(f"cannot listen on {name}: {pipes.errorString()}")
        self._pipes = pipes

        def accept() -> None:
            while pipes.hasPendingConnections():
                stream = _PipeStream(pipes.nextPendingConnection())
                _Connection(stream, self._handler, self._max_request_bytes, self)

        pipes.newConnection.connect(accept)


Callback = Callable[[], None]


class _SocketStream(QObject):
    """One accepted Unix socket, non-blocking, watched by the event loop. attach() says
    whom to call when bytes arrived (or the client closed its side), and when the socket is
    closed (the answer is out, or nobody is left to take it)."""

    def __init__(self, client: socket.socket) -> None:
        super().__init__()
        self._client: socket.socket | None = client
        self._unsent = b""
        self.at_end = False
        self._on_closed: Callback = lambda: None
        self._reader = QSocketNotifier(client.fileno(), QSocketNotifier.Type.Read, self)
        self._writer = QSocketNotifier(client.fileno(), QSocketNotifier.Type.Write, self)
        self._writer.setEnabled(False)
        self._writer.activated.connect(lambda *_: self._flush())

    def attach(self, on_readable: Callback, on_closed: Callback) -> None:
        self._reader.activated.connect(lambda *_: on_readable())
        self._on_closed = on_closed

    def read(self) -> bytes:
        """Everything that has arrived; ``at_end`` once the client closed its side."""
        chunks = []
        while self._client is not None and not self.at_end:
            try:
                chunk = self._client.recv(_CHUNK)
            except (BlockingIOError, InterruptedError):
                break
            except OSError:
                chunk = b""
            if not chunk:
                self.at_end = True
                self._reader.setEnabled(False)  # an ended stream stays readable: no spinning
                break
            chunks.append(chunk)
        return b"".join(chunks)

    def send_and_close(self, data: bytes) -> None:
        """Send ``data`` (as the client reads it, never blocking the app), then close."""
        self._reader.setEnabled(False)
        self._unsent = data
        self._flush()

    def _flush(self) -> None:
        while self._unsent and self._client is not None:
            try:
                sent = self._client.send(self._unsent)
            except (BlockingIOError, InterruptedError):
                self._writer.setEnabled(True)  # the rest when the client has read some
                return
            except OSError:  # the client left: nobody to answer
                break
            self._unsent = self._unsent[sent:]
        self.close()

    def close(self) -> None:
        self._reader.setEnabled(False)
        self._writer.setEnabled(False)
        if self._client is not None:
            self._client.close()
            self._client = None
            self._on_closed()


class _PipeStream(QObject):  # pragma: no cover - Windows only
    """One QLocalSocket (a named pipe), seen as _SocketStream is."""

    def __init__(self, pipe: Any) -> None:
        super().__init__()
        self._pipe = pipe
        self._on_closed: Callback = lambda: None
        pipe.setParent(self)

    def attach(self, on_readable: Callback, on_closed: Callback) -> None:
        self._pipe.readyRead.connect(on_readable)
        self._pipe.disconnected.connect(on_readable)
        self._pipe.disconnected.connect(on_closed)
        self._on_closed = on_closed

    @property
    def at_end(self) -> bool:
        from PySide6.QtNetwork import QLocalSocket  # noqa: PLC0415 - Windows only

        return bool(self._pipe.state() != QLocalSocket.LocalSocketState.ConnectedState)

    def read(self) -> bytes:
        return bytes(self._pipe.readAll().data())

    def send_and_close(self, data: bytes) -> None:
        if self.at_end:
            self._on_closed()
            return
        self._pipe.write(data)
        self._pipe.flush()
        self._pipe.disconnectFromServer()

    def close(self) -> None:
        self._pipe.abort()
        self._on_closed()


class _Connection(QObject):
    """One client: collect a line, answer it, close."""

    def __init__(
        self, stream: _SocketStream | _PipeStream, handler: Handler, max_bytes: int, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._stream = stream
        self._handler = handler
        self._max_bytes = max_bytes
        self._buffer = bytearray()
        self._done = False
        stream.setParent(self)
        stream.attach(self._on_ready_read, self.deleteLater)  # deleted with it, its child
        # A client that stops sending is cut off; one still sending (a large import) is not.
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._on_deadline)
        self._deadline.start(CLIENT_DEADLINE_MS)
        self._on_ready_read()

    def _on_ready_read(self) -> None:
        if self._done:
            return
        chunk = self._stream.read()
        if chunk:
            self._deadline.start(CLIENT_DEADLINE_MS)
        self._buffer += chunk
        if len(self._buffer) > self._max_bytes:
            self._reply(failure(InvalidData(f"request longer than {self._max_bytes} bytes")))
        elif b"\n" in chunk:  # only the new bytes: a large request is not searched again
            self._reply(self._answer(bytes(self._buffer.split(b"\n", 1)[0])))
        elif self._stream.at_end:  # the client left before its request was whole
            self._finish()

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
        self._deadline.stop()
        self._stream.send_and_close(encode(message))  # deleted once it closed

    def _finish(self) -> None:
        self._done = True
        self._deadline.stop()
        self._stream.close()
