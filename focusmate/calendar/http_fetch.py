"""Fetching an iCalendar address or file (issue 15, deliverable 5): the bytes of one ICS feed,
or word that it has not changed, or one FetchFailed line saying why not.

Built on the standard library's urllib, not niquests: one GET every few minutes needs no
connection pool or HTTP/2, the worker thread then imports nothing heavy, and urllib logs
nothing, whereas urllib3 underneath niquests logs every request line, path and query
included, at DEBUG level; a secret ICS address carries its secret exactly there. The opener
is assembled by hand so that it follows no redirect by itself (each hop is checked here
against the http rule, at most MAX_REDIRECTS of them) and turns no status into an exception.

Privacy: a secret address (Google's "secret address in iCal format", Outlook's published
link) has its secret in the path, the query or the user part. Nothing raised or logged here
names more than the scheme and host (:func:`public_name`), and FetchFailed is raised from
None so that no library exception holding the address rides along in a traceback.

TLS is verified against the default trust store; plain http is refused unless the host is a
loopback address (ARCHITECTURE invariant 9).
"""

from __future__ import annotations

import ipaddress
import logging
import os
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from http.client import HTTPException, HTTPResponse, InvalidURL
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from focusmate import __version__
from focusmate.calendar.failures import FetchFailed

MAX_REDIRECTS = 5
MIB = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * MIB
_CHUNK = 64 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
#: What a document must start with (after a byte-order mark and white space) to be a calendar.
_CALENDAR_START = b"BEGIN:VCALENDAR"
_UTF8_BOM = b"\xef\xbb\xbf"

#: The failures to connect that have their own words; any other is named by its strerror.
_UNREACHABLE: tuple[tuple[type[BaseException], str], ...] = (
    (TimeoutError, "did not answer in time"),
    (socket.gaierror, "is not known (no such host, or off-line)"),
    (ConnectionRefusedError, "refused the connection"),
    (HTTPException, "broke off the connection"),
)

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Validators:
    """What the server (or the file system) said identifies this version of the feed, sent
    back on the next fetch so that an unchanged feed costs no transfer."""

    etag: str | None = None
    last_modified: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"etag": self.etag, "last_modified": self.last_modified}

    @classmethod
    def from_json(cls, record: object) -> Validators:
        """The validators of ``to_json``; ValueError if ``record`` is not that shape."""
        if not isinstance(record, dict):
            raise ValueError("validators must be an object")
        etag, last_modified = record.get("etag"), record.get("last_modified")
        if not all(value is None or isinstance(value, str) for value in (etag, last_modified)):
            raise ValueError("validators must be strings or null")
        return cls(etag, last_modified)


@dataclass(frozen=True, slots=True)
class Fetched:
    """The feed's bytes, or None when it has not changed since ``previous`` (304, or a file
    with the same modification time and size), and the validators for the next fetch."""

    body: bytes | None
    validators: Validators


def public_name(location: str) -> str:
    """What may be shown or logged of ``location``: the scheme and host ("https://
    calendar.google.com"), never the path, query or user part; for a file, its name."""
    parts = urlsplit(location.strip())
    scheme = parts.scheme.lower()
    if scheme in {"http", "https", "webcal", "webcals"}:
        try:
            host = parts.hostname or "?"
            port = f":{parts.port}" if parts.port else ""
        except ValueError:  # a port that is no number
            host, port = parts.hostname or "?", ""
        shown = f"[{host}]" if ":" in host else host
        return f"{scheme}://{shown}{port}"
    if scheme == "file" or len(scheme) <= 1:  # a Windows drive letter is no scheme
        return f"the file {_file_path(location).name!r}"
    return f"a {scheme}: address"


def fetch_ics(
    location: str,
    previous: Validators | None,
    *,
    timeout_s: float = 20.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Fetched:
    """The feed at ``location`` (https, http on loopback, webcal, webcals, file:// or a path),
    fetched conditionally on ``previous``; FetchFailed naming the problem otherwise."""
    location = location.strip()
    scheme = urlsplit(location).scheme.lower()
    if scheme in {"http", "https", "webcal", "webcals"}:
        return _fetch_url(_web_address(location), previous, timeout_s, max_bytes)
    if scheme == "file" or len(scheme) <= 1:
        return _read_file(_file_path(location), previous, max_bytes)
    raise FetchFailed(
        "malformed", f"{public_name(location)} is not a calendar address: use https:// or a file"
    )


def _web_address(location: str) -> str:
    """webcal:// and webcals:// as the https:// they stand for (webcal may stay plain http to
    a loopback host, where the http rule allows it anyway)."""
    parts = urlsplit(location)
    scheme = parts.scheme.lower()
    if scheme == "webcals" or (scheme == "webcal" and not is_loopback(parts.hostname)):
        return parts._replace(scheme="https").geturl()
    if scheme == "webcal":
        return parts._replace(scheme="http").geturl()
    return location


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` is "localhost" or a loopback address (127.0.0.0/8, ::1): the only
    hosts plain http may reach (ARCHITECTURE invariant 9)."""
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a name, not an address
        return False


def _checked_address(address: str) -> str:
    """``address`` if it may be fetched: https anywhere, http to loopback only."""
    parts = urlsplit(address)
    scheme = parts.scheme.lower()
    try:
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        raise FetchFailed("malformed", f"{public_name(address)} has an invalid port") from None
    if scheme not in {"http", "https"}:
        raise FetchFailed("http-status", f"the server sent the calendar on to a {scheme}: address")
    if not host:
        raise FetchFailed("malformed", f"{public_name(address)} names no host")
    if scheme == "http" and not is_loopback(host):
        raise FetchFailed("insecure", f"plain http:// is refused for {host}: use https://")
    return address


def _fetch_url(
    address: str, previous: Validators | None, timeout_s: float, max_bytes: int
) -> Fetched:
    deadline = time.monotonic() + timeout_s
    seen: set[str] = set()
    for _hop in range(MAX_REDIRECTS + 1):
        _checked_address(address)
        seen.add(address)
        response = _open(address, previous, timeout_s)
        with response:
            status = response.status
            if status not in _REDIRECTS:
                return _answer(address, response, previous, max_bytes, deadline)
            target = response.headers.get("Location")
        if not target:
            raise FetchFailed(
                "http-status", f"{public_name(address)} redirected ({status}) to no address"
            )
        address = urljoin(address, target.strip())
        if address in seen:
            raise FetchFailed("http-status", f"{public_name(address)} redirects in a loop")
        _log.info("calendar redirect %s to %s", status, public_name(address))
    raise FetchFailed(
        "http-status", f"{public_name(address)} redirected more than {MAX_REDIRECTS} times"
    )


def _opener(address: str) -> urllib.request.OpenerDirector:
    """HTTP and HTTPS with the default trust store, the user's proxy (not for loopback), and
    nothing else: no redirect or error handler, so every status comes back to _fetch_url."""
    opener = urllib.request.OpenerDirector()
    parts = urlsplit(address)
    proxies: dict[str, str] | None = {} if is_loopback(parts.hostname) else None
    opener.add_handler(urllib.request.ProxyHandler(proxies))
    opener.add_handler(urllib.request.HTTPHandler())
    if parts.scheme == "https":
        opener.add_handler(urllib.request.HTTPSHandler(context=_tls_context()))
    opener.addheaders = []
    return opener


_tls_lock = threading.Lock()
_tls: list[ssl.SSLContext] = []


def _tls_context() -> ssl.SSLContext:
    """The default trust store's context, made once: loading the store costs about 30 ms of
    CPU, more than an unchanged refresh's whole work (an SSLContext may be shared between
    threads)."""
    with _tls_lock:
        if not _tls:
            _tls.append(ssl.create_default_context())
        return _tls[0]


def _open(address: str, previous: Validators | None, timeout_s: float) -> HTTPResponse:
    headers = {
        "Accept": "text/calendar, */*;q=0.5",
        "Accept-Encoding": "gzip",
        "User-Agent": f"focusmate/{__version__}",
    }
    if previous is not None and previous.etag:
        headers["If-None-Match"] = previous.etag
    if previous is not None and previous.last_modified:
        headers["If-Modified-Since"] = previous.last_modified
    request = urllib.request.Request(address, headers=headers)  # noqa: S310 - scheme checked
    try:
        response = _opener(address).open(request, timeout=timeout_s)
    except Exception as error:  # each kind becomes one FetchFailed line
        raise _connection_failure(address, error) from None
    assert isinstance(response, HTTPResponse)
    return response


def _connection_failure(address: str, error: BaseException) -> FetchFailed:
    """One line for a failure to connect or read, naming the host only."""
    # urllib wraps socket errors in URLError; others (UnicodeError) have a .reason of text.
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    where = public_name(address)
    if isinstance(reason, ssl.SSLCertVerificationError):
        why = reason.verify_message or "it could not be verified"
        return FetchFailed("insecure", f"the certificate of {where} is not trusted: {why}")
    if isinstance(reason, ssl.SSLError):
        return FetchFailed("insecure", f"no secure connection to {where}: {reason.reason}")
    if isinstance(reason, InvalidURL | ValueError | UnicodeError):  # spaces, non-ASCII
        return FetchFailed("malformed", f"the address at {where} has characters no address may")
    for kind, words in _UNREACHABLE:
        if isinstance(reason, kind):
            return FetchFailed("unreachable", f"{where} {words}")
    why = getattr(reason, "strerror", None) or type(reason).__name__
    return FetchFailed("unreachable", f"{where} could not be reached: {why}")


def _answer(
    address: str,
    response: HTTPResponse,
    previous: Validators | None,
    max_bytes: int,
    deadline: float,
) -> Fetched:
    """The final response, as a Fetched or a FetchFailed."""
    status, where = response.status, public_name(address)
    if status == 304 and previous is not None:
        _log.info("calendar %s unchanged (304)", where)
        return Fetched(None, previous)
    if status in {401, 403}:
        raise FetchFailed("auth", f"{where} refused access ({status} {response.reason})")
    if status in {404, 410}:
        raise FetchFailed("not-found", f"{where} has no calendar at this address ({status})")
    if not 200 <= status < 300:
        raise FetchFailed("http-status", f"the server answered {status} {response.reason}")
    body = _body(address, response, max_bytes, deadline)
    _check_calendar(body, "the address did not return a calendar")
    validators = Validators(response.headers.get("ETag"), response.headers.get("Last-Modified"))
    _log.info("calendar %s fetched: %d bytes", where, len(body))
    return Fetched(body, validators)


def _body(address: str, response: HTTPResponse, max_bytes: int, deadline: float) -> bytes:
    """The response's body, decompressed, at most ``max_bytes``: refused early by its
    Content-Length, otherwise counted as it arrives (chunked, or a length that lies)."""
    declared = response.headers.get("Content-Length", "")
    gzipped = response.headers.get("Content-Encoding", "").strip().lower() == "gzip"
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    inflate = zlib.decompressobj(wbits=31) if gzipped else None
    parts: list[bytes] = []
    size = 0
    try:
        while chunk := response.read1(_CHUNK):  # what has come: the deadline is checked often
            if inflate is not None:
                # max_length keeps a small gzip bomb from inflating beyond the cap at once.
                chunk = inflate.decompress(chunk, max_bytes + 1 - size)
            size += len(chunk)
            if size > max_bytes:
                raise _too_large(max_bytes)
            parts.append(chunk)
            if time.monotonic() > deadline:  # a server that drips bytes to hold us
                raise FetchFailed("unreachable", f"{public_name(address)} did not answer in time")
    except (OSError, HTTPException) as error:
        raise _connection_failure(address, error) from None
    except zlib.error:
        raise FetchFailed(
            "malformed", f"{public_name(address)} sent a damaged compressed calendar"
        ) from None
    return b"".join(parts)


def _too_large(max_bytes: int) -> FetchFailed:
    size = f"{max_bytes / MIB:g} MiB" if max_bytes >= MIB else f"{max_bytes:,} bytes"
    return FetchFailed("too-large", f"the calendar is larger than {size}")


def _check_calendar(body: bytes, what: str) -> None:
    """FetchFailed("malformed") unless ``body`` starts like an iCalendar document."""
    start = body.removeprefix(_UTF8_BOM).lstrip()
    if start[: len(_CALENDAR_START)].upper() == _CALENDAR_START:
        return
    if not start:
        raise FetchFailed("malformed", f"{what}; it is empty")
    shown = "".join(c if c.isprintable() else "?" for c in start[:15].decode("utf-8", "replace"))
    raise FetchFailed("malformed", f"{what}; it starts with {shown!r}")


def _file_path(location: str) -> Path:
    parts = urlsplit(location)
    if parts.scheme.lower() == "file":
        return Path(urllib.request.url2pathname(parts.path))
    return Path(location).expanduser()


def _read_file(path: Path, previous: Validators | None, max_bytes: int) -> Fetched:
    """A calendar file, read whole up to ``max_bytes``; unchanged when its modification time
    and size are what ``previous`` recorded."""
    where = public_name(str(path))
    try:
        with path.open("rb") as handle:
            found = os.fstat(handle.fileno())
            validators = Validators(f"file:{found.st_mtime_ns}:{found.st_size}", None)
            if previous is not None and previous.etag == validators.etag:
                return Fetched(None, validators)
            if found.st_size > max_bytes:
                raise _too_large(max_bytes)
            body = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise FetchFailed("not-found", f"{where} does not exist") from None
    except IsADirectoryError:
        raise FetchFailed("not-found", f"{where} is a folder, not a calendar file") from None
    except OSError as error:
        why = error.strerror or type(error).__name__
        raise FetchFailed("unreachable", f"{where} cannot be read: {why}") from None
    if len(body) > max_bytes:  # it grew while it was read
        raise _too_large(max_bytes)
    _check_calendar(body, f"{where} is not a calendar")
    return Fetched(body, validators)


__all__ = ["MAX_REDIRECTS", "Fetched", "Validators", "fetch_ics", "is_loopback", "public_name"]
