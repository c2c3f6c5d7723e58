"""The sync folder on a WebDAV share (Nextcloud, ownCloud, a NAS, any server), through
webdav4: Transport for ``https://`` addresses (plain ``http://`` only to this computer).

WebDAV has no append. Each segment is rewritten whole by its only writer: the new bytes are
added to what this run wrote (kept in memory: the segment being written is under
SEGMENT_LIMIT_BYTES) and the file is put under a temporary name, then moved over the old one,
so a reader sees the old or the new file, never half of it, and the bytes it already read
are still the file's first bytes; and since no write leaves half a line, a new run goes on
with the newest segment (log_writer.py). A file per batch was the other way; it would leave
tens of thousands of small files after a few years, each listed on every poll and fetched
by a joining device one request at a time. Readers fetch only new bytes with a Range
request.
"""

from __future__ import annotations

import io
import ipaddress
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http import HTTPStatus
from urllib.parse import urlsplit

import httpx
from webdav4.client import (
    Client,
    ClientError,
    ForbiddenOperation,
    HTTPError,
    ResourceAlreadyExists,
    ResourceNotFound,
)

from focusmate.sync.names import ROOT
from focusmate.sync.transport import Entry, SegmentChanged, split

#: Each append uploads the whole segment again, so WebDAV segments stay small.
SEGMENT_LIMIT_BYTES = 256 * 1024
TIMEOUT_S = 20.0


def checked_url(url: str) -> str:
    """``url`` without a trailing slash; ValueError unless it is https, or http to this
    computer (ARCHITECTURE invariant 9: nothing private crosses a network unencrypted)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme == "https" and host:
        return url.rstrip("/")
    if parts.scheme == "http" and _is_loopback(host):
        return url.rstrip("/")
    raise ValueError("the WebDAV address must be https:// (http:// only to this computer)")


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class WebDavFolder:
    """The ``focusmate-sync`` folder inside the WebDAV folder at ``url``."""

    def __init__(
        self,
        url: str,
        auth: tuple[str, str] | None = None,
        segment_limit_bytes: int = SEGMENT_LIMIT_BYTES,
    ) -> None:
        self._url = checked_url(url)
        # webdav4's own retries would hold a poll for many seconds on a server that is down;
        # the sync folder tries again on its next call instead.
        self._client = Client(f"{self._url}/{ROOT}", auth=auth, retry=False, timeout=TIMEOUT_S)
        self._limit = segment_limit_bytes
        #: The segment this run appends to, as it stands on the server.
        self._segment: tuple[str, bytes] | None = None

    @property
    def where(self) -> str:
        return self._url

    @property
    def segment_limit_bytes(self) -> int:
        return self._limit

    @property
    def whole_writes(self) -> bool:
        return True  # put under a temporary name, then moved over the old file

    def close(self) -> None:
        self._client.http.close()

    def list(self, folder: str, sizes: bool = True) -> list[Entry]:
        """The listing; PROPFIND gives the sizes anyway."""
        with self._errors(folder):
            items = self._client.ls(_relative(folder), detail=True)
        entries = []
        for item in items:
            assert isinstance(item, dict)  # detail=True
            name = str(item["name"]).rstrip("/").rpartition("/")[2]
            is_dir = item.get("type") == "directory"
            entries.append(Entry(name, is_dir, int(item.get("content_length") or 0)))
        return entries

    def size(self, path: str) -> int:
        folder, _, name = _relative(path).rpartition("/")
        for entry in self.list(folder):
            if entry.name == name and not entry.is_dir:
                return entry.size
        raise FileNotFoundError(f"{path} is not on {self._url}")

    def _stored_size(self, path: str) -> int:
        with self._errors(path):
            response = self._client.request("HEAD", _relative(path))
        return int(response.headers.get("content-length", -1))

    def read(self, path: str, offset: int = 0) -> bytes:
        headers = {"Range": f"bytes={offset}-"} if offset else {}
        with self._errors(path):
            try:
                response = self._client.request("GET", _relative(path), headers=headers)
            except HTTPError as error:
                if error.status_code == HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE:
                    return b""  # nothing after offset
                raise
        if response.status_code == HTTPStatus.PARTIAL_CONTENT:
            return bytes(response.content)
        return bytes(response.content)[offset:]  # the server ignored the range

    def append(self, path: str, data: bytes, expected_size: int) -> None:
        if self._segment is not None and self._segment[0] == path:
            before = self._segment[1]  # what this run wrote, if the server still has just that
            if self._stored_size(path) != len(before):
                raise SegmentChanged(path)
        else:
            try:
                before = self.read(path)
            except FileNotFoundError:
                before = b""
        if len(before) != expected_size:
            raise SegmentChanged(path)
        self.replace(path, before + data)
        self._segment = (path, before + data)

    def replace(self, path: str, data: bytes) -> None:
        folder, _, name = _relative(path).rpartition("/")
        temporary = f"{folder}/.{name}.{secrets.token_hex(4)}.tmp".lstrip("/")
        with self._errors(path):
            try:
                self._client.upload_fileobj(
                    io.BytesIO(data), temporary, overwrite=True, size=len(data)
                )
                self._client.move(temporary, _relative(path), overwrite=True)
            except BaseException:
                self._forget(temporary)
                raise
        if self._segment is not None and self._segment[0] == path:
            self._segment = None  # replaced by someone else's bytes

    def remove(self, path: str) -> None:
        self._forget(_relative(path))

    def make_folder(self, folder: str) -> None:
        with self._errors(""):
            self._client.ls("", detail=False)  # FileNotFoundError if the share lost it
            current = ""
            for part in split(folder):
                current = f"{current}/{part}".lstrip("/")
                with suppress(ResourceAlreadyExists):
                    self._client.mkdir(current)

    def create_root(self) -> None:
        with self._errors(""), suppress(ResourceAlreadyExists):
            self._client.mkdir("")

    def _forget(self, relative: str) -> None:
        with self._errors(relative), suppress(ResourceNotFound):
            self._client.remove(relative)

    @contextmanager
    def _errors(self, path: str) -> Iterator[None]:
        """webdav4's and httpx's errors as the OSErrors the Transport port promises."""
        try:
            yield
        except ResourceNotFound:
            raise FileNotFoundError(f"{path or ROOT} is not on {self._url}") from None
        except ForbiddenOperation as error:
            raise PermissionError(f"{self._url} refused: {error}") from None
        except HTTPError as error:
            if error.status_code in {HTTPStatus.UNAUTHORIZED, HTTPStatus.FORBIDDEN}:
                raise PermissionError(
                    f"{self._url} refused the user name or password ({error.status_code})"
                ) from None
            raise OSError(f"{self._url} answered {error.status_code}") from None
        except (ClientError, httpx.HTTPError) as error:
            raise OSError(f"{self._url} cannot be reached ({type(error).__name__})") from None


def _relative(path: str) -> str:
    return "/".join(split(path))
