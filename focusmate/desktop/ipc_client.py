"""The client side of the local socket: send one request to the running app.

On Unix this is the standard library's AF_UNIX socket, so `focusmate log phone` does not
pay for importing Qt; on Windows, where QLocalServer listens on a named pipe, it is
QLocalSocket.
"""

from __future__ import annotations

import os
import socket

from focusmate.core.errors import InvalidData, NoInstance
from focusmate.core.protocol import MAX_MESSAGE_BYTES, Message, decode_response, encode

TIMEOUT_S = 5.0


def request(server: str, message: Message) -> Message:
    """Send ``message``; return the decoded response or raise NoInstance/InvalidData."""
    payload = encode(message)
    if len(payload) > MAX_MESSAGE_BYTES:
        raise InvalidData(f"request longer than {MAX_MESSAGE_BYTES} bytes")
    if os.name == "posix":
        return decode_response(_unix_request(server, payload))
    return decode_response(_qt_request(server, payload))


def _unix_request(path: str, payload: bytes) -> bytes:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(TIMEOUT_S)
        try:
            sock.connect(path)
        except (FileNotFoundError, ConnectionRefusedError):
            raise NoInstance("focusmate is not running (start it with: focusmate)") from None
        sock.sendall(payload)
        return _read_line(sock)


def _read_line(sock: socket.socket) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            raise NoInstance("focusmate did not answer within 5 seconds") from None
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
        raise NoInstance("focusmate is not running (start it with: focusmate)")
    sock.write(payload)
    sock.waitForBytesWritten(timeout_ms)
    data = b""
    while b"\n" not in data and sock.waitForReadyRead(timeout_ms):
        data += bytes(sock.readAll().data())
    sock.disconnectFromServer()
    if not data:
        raise NoInstance("focusmate closed the connection without answering")
    return data.split(b"\n", 1)[0]
