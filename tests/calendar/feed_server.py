"""A real HTTP server on 127.0.0.1 serving calendar feeds for the fetch and refresh tests and
the refresh benchmark: http.server's ThreadingHTTPServer in a thread, with routes a test sets
(a fixed :class:`Reply`, or a function of the request for ETags and redirects), every request
recorded, optional TLS, chunked bodies and a route that stalls until the server closes.
"""

from __future__ import annotations

import contextlib
import gzip
import ipaddress
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Reply:
    """What a route answers. ``chunked`` sends the body without a Content-Length;
    ``gzipped`` compresses it; ``stall`` answers nothing until the server closes; ``drip_s``
    sends the body a few bytes at a time."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    chunked: bool = False
    gzipped: bool = False
    stall: bool = False
    #: Seconds between pieces of the body: a server that answers but drips it out.
    drip_s: float = 0.0


@dataclass(frozen=True)
class SeenRequest:
    path: str
    headers: dict[str, str]


Route = Reply | Callable[[SeenRequest], Reply]


class FeedServer:
    """The server and its routes (path with query -> Route); unknown paths answer 404."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[SeenRequest] = []
        self.closing = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        if tls is not None:
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def close(self) -> None:
        self.closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    def reply_to(self, seen: SeenRequest) -> Reply:
        self.requests.append(seen)
        route = self.routes.get(seen.path)
        if route is None:
            return Reply(404, b"no such feed")
        return route if isinstance(route, Reply) else route(seen)


def _handler_for(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            reply = server.reply_to(SeenRequest(self.path, dict(self.headers.items())))
            if reply.stall:
                server.closing.wait()
                return
            body = gzip.compress(reply.body) if reply.gzipped else reply.body
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.gzipped:
                self.send_header("Content-Encoding", "gzip")
            if reply.chunked:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            # The client may stop reading (a body over its cap): that is what is tested.
            with contextlib.suppress(ConnectionError, ssl.SSLError):
                self._send_body(body, reply.chunked, reply.drip_s)

        def _send_body(self, body: bytes, chunked: bool, drip_s: float) -> None:
            if drip_s:
                for start in range(0, len(body), 16):
                    self.wfile.write(body[start : start + 16])
                    self.wfile.flush()
                    if server.closing.wait(drip_s):
                        return
                return
            if not chunked:
                self.wfile.write(body)
                return
            for start in range(0, len(body), _CHUNK):
                part = body[start : start + _CHUNK]
                self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests read server.requests instead."""

    return Handler


@contextmanager
def serving(tls: ssl.SSLContext | None = None) -> Iterator[FeedServer]:
    server = FeedServer(tls)
    try:
        yield server
    finally:
        server.close()


def with_validators(body: bytes, etag: str | None, last_modified: str | None) -> Route:
    """A feed that answers 304 when the request carries its ETag or Last-Modified back."""
    headers = {k: v for k, v in (("ETag", etag), ("Last-Modified", last_modified)) if v}

    def route(seen: SeenRequest) -> Reply:
        if etag is not None and seen.headers.get("If-None-Match") == etag:
            return Reply(304, headers=headers)
        if last_modified is not None and seen.headers.get("If-Modified-Since") == last_modified:
            return Reply(304, headers=headers)
        return Reply(200, body, {"Content-Type": "text/calendar", **headers})

    return route


def redirect(to: str, status: int = 302) -> Reply:
    return Reply(status, headers={"Location": to})


@contextmanager
def closed_port() -> Iterator[int]:
    """A loopback port that refuses connections: bound (so nobody else takes it) but not
    listening, for as long as the block runs."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as bound:
        bound.bind(("127.0.0.1", 0))
        yield bound.getsockname()[1]


def self_signed_tls(folder: Path) -> ssl.SSLContext:
    """A server context with a certificate for 127.0.0.1 that signs itself, made now with
    the cryptography package: no trust store knows it."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context
