"""The pulse page (issue 16): one form served on the local network while its QR code is shown.

This is a security boundary: anyone on the same network can reach the port. So it serves one
form at an address holding a single-use random token (256 bits), listens only while the form
is open, on the given local-network address only (``check_listen_address``), and answers
every other path or token with 404. A body is capped at 4 KB (413, nothing more read), requests
are rate-limited (429 past ``RATE_LIMIT_REQUESTS`` in ``RATE_WINDOW_S``), slow clients are cut
off (a read timeout and a deadline per connection) and at most ``MAX_CONNECTIONS`` are served
at once. After the first accepted answer or the lifetime the token answers 410, and the
listening socket closes ``GONE_GRACE_S`` later (so a phone that reloads reads why rather than a
connection error); ``close()`` closes it at once.

Threads: one thread accepts and checks the time (``clock()``, every ``POLL_S`` and on every
request); each connection is served on its own short-lived thread. ``on_answer`` is called on
that connection's thread, exactly once per form, before the thank-you page is sent: it must only
hand the value over (the app emits a queued Qt signal, so the pulse reaches the GUI thread,
ARCHITECTURE invariant 8) and must not call ``close()``.
"""

from __future__ import annotations

import contextlib
import hmac
import ipaddress
import logging
import re
import secrets
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from focusmate.core.errors import InvalidInput, NotPossibleNow
from focusmate.core.pulse import RepPulse, pulse_from_form
from focusmate.desktop.pulse_html import PageText, form_page, message_page

log = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
)
TOKEN_BYTES = 32
BODY_LIMIT_BYTES = 4096
RATE_LIMIT_REQUESTS = 20
RATE_WINDOW_S = 10
MAX_CONNECTIONS = 8
READ_TIMEOUT_S = 5.0
CONNECTION_DEADLINE_S = 10.0
GONE_GRACE_S = 60
POLL_S = 0.2
DEFAULT_LIFETIME_S = 600
FORM_TYPE = "application/x-www-form-urlencoded"
_PATH = re.compile(r"/p/([A-Za-z0-9_-]{1,100})")
# Where a UDP socket is pointed (connect sends nothing) to learn which local address the
# system would use toward a private network: the default route's, in a home or office network.
_PROBE_TARGETS = ("10.254.254.254", "192.168.254.254", "172.31.254.254")


@dataclass(frozen=True)
class PulseOffer:
    """Where the phone opens the form, and until when."""

    url: str
    expires_at: datetime


def local_network_address() -> str | None:
    """This machine's IPv4 address on its local network, found without sending anything;
    None when it has none (only loopback, or only a public address)."""
    for target in _PROBE_TARGETS:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:
                probe.connect((target, 9))
                address = str(probe.getsockname()[0])
            except OSError:
                continue
        try:
            return check_listen_address(address)
        except InvalidInput:
            continue
    return None


def check_listen_address(host: str, *, allow_loopback: bool = False) -> str:
    """Return ``host`` if the page may listen there: a private IPv4 address of the local network
    (loopback only with ``allow_loopback``, for tests); else raise InvalidInput."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise InvalidInput(f"{host[:60]!r} is not an IP address") from None
    if address.version != 4:
        raise InvalidInput("the pulse page listens on an IPv4 address only")
    if address.is_loopback:
        if allow_loopback:
            return host
        raise InvalidInput("a phone cannot reach the loopback address; use the local network's")
    if address.is_unspecified or address.is_reserved or address.is_multicast:
        raise InvalidInput(f"{host} is not one machine's address")
    if not address.is_private:
        raise InvalidInput(f"{host} is a public address; the pulse page stays on the local network")
    return host


class _State(Enum):
    OPEN = "open"
    GONE = "gone"  # answered or expired: the token answers 410 until the socket closes


class _Form:
    """The one form's state, shared by the accepting thread and the connections' threads."""

    def __init__(
        self,
        text: PageText,
        clock: Callable[[], datetime],
        on_answer: Callable[[RepPulse], None],
        expires_at: datetime,
    ) -> None:
        self.text = text
        self.clock = clock
        self.on_answer = on_answer
        self.token = secrets.token_urlsafe(TOKEN_BYTES)
        self.page = form_page(text)
        self._expires_at = expires_at
        self._lock = threading.Lock()
        self._gone_until: datetime | None = None
        self._recent: deque[datetime] = deque()

    def state(self, now: datetime) -> _State:
        with self._lock:
            if self._gone_until is None and now >= self._expires_at:
                self._gone_until = self._expires_at + timedelta(seconds=GONE_GRACE_S)
            return _State.OPEN if self._gone_until is None else _State.GONE

    def finished(self, now: datetime) -> bool:
        """Whether the listening socket should close now."""
        self.state(now)
        with self._lock:
            return self._gone_until is not None and now >= self._gone_until

    def take(self, now: datetime) -> bool:
        """Claim the form for an answer; False if another answer or the clock got there first."""
        if self.state(now) is not _State.OPEN:
            return False
        with self._lock:
            if self._gone_until is not None:
                return False
            self._gone_until = now + timedelta(seconds=GONE_GRACE_S)
            return True

    def admit(self, now: datetime) -> bool:
        """Count a request; False (429) past RATE_LIMIT_REQUESTS in the last RATE_WINDOW_S."""
        with self._lock:
            window_start = now - timedelta(seconds=RATE_WINDOW_S)
            while self._recent and self._recent[0] <= window_start:
                self._recent.popleft()
            if len(self._recent) >= RATE_LIMIT_REQUESTS:
                return False
            self._recent.append(now)
            return True

    def owns(self, path: str) -> bool:
        found = _PATH.fullmatch(path)
        return found is not None and hmac.compare_digest(found.group(1), self.token)


class _Handler(BaseHTTPRequestHandler):
    """One request on one connection (HTTP/1.0: the connection closes after the answer)."""

    server: _Server
    timeout = READ_TIMEOUT_S

    def version_string(self) -> str:
        return "focusmate"  # no Python version for a scanner to match

    def log_message(self, format: str, *args: Any) -> None:
        # The request line holds the token: nothing of a request is logged.
        return

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if self.request_version == "HTTP/0.9":
            return False  # no headers in HTTP/0.9, so no policy: not answered at all
        if not self.server.form.admit(self.server.form.clock()):
            self._reply(429, b"Too many requests")
            return False
        return True

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # http.server's own refusals (a bad request line, an unknown method) get the same
        # headers as every other answer, and no echo of what was sent.
        self._reply(code, (message or "Refused").encode("ascii", "replace"))

    def do_GET(self) -> None:
        if self._open_form() is not None:
            self._reply(200, self.server.form.page)

    def do_POST(self) -> None:
        form = self._open_form()
        if form is None:
            return
        body = self._read_body()
        if body is None:
            return
        now = form.clock()
        try:
            pulse = pulse_from_form(body, now)
        except InvalidInput:
            self._reply(400, form_page(form.text, incomplete=True))
            return
        if not form.take(now):
            self._reply(410, message_page(form.text, form.text.closed))
            return
        try:
            form.on_answer(pulse)
        except Exception:
            log.exception("the pulse was not taken")
            self._reply(500, b"Not saved")
            return
        self._reply(200, message_page(form.text, form.text.thanks))

    def _open_form(self) -> _Form | None:
        """The form if this request is for it and it is open; else answer 404 or 410."""
        form = self.server.form
        if not form.owns(self.path):
            self._reply(404, b"Not found")
            return None
        if form.state(form.clock()) is not _State.OPEN:
            self._reply(410, message_page(form.text, form.text.closed))
            return None
        return form

    def _read_body(self) -> bytes | None:
        """The form's body, at most BODY_LIMIT_BYTES; None once a refusal is sent."""
        lengths = self.headers.get_all("Content-Length") or []
        if self.headers.get("Transfer-Encoding") is not None or len(lengths) != 1:
            self._reply(411, b"Length required")
            return None
        length = lengths[0].strip()
        if not (length.isascii() and length.isdigit()):
            self._reply(400, b"Bad length")
            return None
        if len(length) > 6 or int(length) > BODY_LIMIT_BYTES:
            self._reply(413, b"Too large")
            return None
        if self.headers.get_content_type() != FORM_TYPE:
            self._reply(415, b"Form expected")
            return None
        body = self.rfile.read(int(length))
        if len(body) != int(length):
            self._reply(400, b"Body cut short")
            return None
        return body

    def _reply(self, code: int, body: bytes) -> None:
        self.close_connection = True
        self.send_response(code)
        for name, value in SECURITY_HEADERS:
            self.send_header(name, value)
        is_page = body.startswith(b"<!DOCTYPE html>")
        self.send_header("Content-Type", f"text/{'html' if is_page else 'plain'}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    """Serves one form: at most MAX_CONNECTIONS at once, each cut off at its deadline."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = 16
    timeout = POLL_S

    def __init__(self, host: str, form: _Form) -> None:
        self.form = form
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self._deadlines: dict[socket.socket, float] = {}
        self._deadlines_lock = threading.Lock()
        super().__init__((host, 0), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)  # full: refused at once, nobody waits on it
            return
        with self._deadlines_lock:
            self._deadlines[request] = time.monotonic() + CONNECTION_DEADLINE_S
        try:
            super().process_request(request, client_address)
        except Exception:
            self._release(request)
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._release(request)

    def _release(self, request: socket.socket) -> None:
        with self._deadlines_lock:
            self._deadlines.pop(request, None)
        self._slots.release()

    def cut_off(self, *, everyone: bool = False) -> None:
        """Shut the connections past their deadline (``everyone``: all of them)."""
        now = time.monotonic()
        with self._deadlines_lock:
            late = [sock for sock, ends in self._deadlines.items() if everyone or now > ends]
        for sock in late:
            with contextlib.suppress(OSError):  # already closed by its own thread
                sock.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that vanished or was cut off: nothing to tell anyone.
        log.debug("a pulse page connection failed", exc_info=True)


class PulsePage:
    """Serves one pulse form at a time; ``open`` starts it, ``close`` stops it."""

    def __init__(self) -> None:
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def open(
        self,
        text: PageText,
        *,
        host: str,
        clock: Callable[[], datetime],
        on_answer: Callable[[RepPulse], None],
        lifetime_s: int = DEFAULT_LIFETIME_S,
        allow_loopback: bool = False,
    ) -> PulseOffer:
        """Listen on ``host`` (``check_listen_address``; ``allow_loopback`` for tests only) on a
        random port; return the form's address and when it expires. ``on_answer`` gets the
        answer on a server thread (see the module's note). Raises NotPossibleNow while a form
        is still listening, InvalidInput for an address it must not listen on, OSError if the
        port cannot be opened."""
        check_listen_address(host, allow_loopback=allow_loopback)
        if self.is_listening:
            raise NotPossibleNow("a pulse page is already open")
        expires_at = clock() + timedelta(seconds=lifetime_s)
        form = _Form(text, clock, on_answer, expires_at)
        server = _Server(host, form)
        self._stop = threading.Event()
        self._server = server
        self._thread = threading.Thread(
            target=self._serve, args=(server, self._stop), name="pulse-page", daemon=True
        )
        self._thread.start()
        port = server.server_address[1]
        return PulseOffer(f"http://{host}:{port}/p/{form.token}", expires_at)

    @property
    def is_listening(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def close(self) -> None:
        """Stop listening and free the port (at once); cut off open connections. Idempotent."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._server is not None:
            self._server.cut_off(everyone=True)
        self._thread = None
        self._server = None

    @staticmethod
    def _serve(server: _Server, stop: threading.Event) -> None:
        try:
            while not stop.is_set() and not server.form.finished(server.form.clock()):
                server.handle_request()  # one connection, or POLL_S of waiting
                server.cut_off()
        finally:
            server.server_close()
            server.cut_off(everyone=True)
