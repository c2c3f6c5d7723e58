"""How a record is stored in the sync folder: sealed (ChaCha20-Poly1305, a random 96-bit
nonce per record) or plain, and bound to its place.

Each log line is sealed on its own, so appending stays appending. The associated data binds
the device, the file's original name and the line's number (or, for a whole file, its name):
a line copied into another file or another device's folder, or moved within its file, no
longer opens and is refused, as is any altered byte. Plain mode stores the JSON as is.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

NONCE_BYTES = 12
TAG_BYTES = 16


class DamagedRecord(ValueError):  # noqa: N818 - reads as a sentence at the raise site
    """The record is not one at all: cut, garbled, not the format's shape."""


class RefusedRecord(ValueError):  # noqa: N818 - reads as a sentence at the raise site
    """The record is well formed but does not authenticate: altered, moved, or sealed with
    another key."""


@dataclass(frozen=True)
class Place:
    """Where a record sits: a line of a log segment, or a whole file (line None)."""

    device: str
    file: str
    line: int | None = None

    def associated_data(self) -> bytes:
        line = "" if self.line is None else str(self.line)
        return f"focusmate-sync/1\n{self.device}\n{self.file}\n{line}".encode()


class Codec(Protocol):
    """Seals and opens records; plain mode's codec does neither."""

    @property
    def encrypted(self) -> bool: ...

    def seal(self, payload: bytes, place: Place) -> bytes:
        """The stored form of a whole file's ``payload``."""
        ...

    def open(self, stored: bytes, place: Place) -> bytes:
        """The payload back; DamagedRecord or RefusedRecord."""
        ...

    def seal_line(self, payload: bytes, place: Place) -> bytes:
        """The stored form of a log line (without its newline; never contains one)."""
        ...

    def open_line(self, stored: bytes, place: Place) -> bytes: ...


class PlainCodec:
    """Plain-text mode: records are stored as they are (a folder that never leaves the
    user's own machines, chosen explicitly)."""

    encrypted = False

    def seal(self, payload: bytes, place: Place) -> bytes:
        return payload

    def open(self, stored: bytes, place: Place) -> bytes:
        return stored

    def seal_line(self, payload: bytes, place: Place) -> bytes:
        return payload

    def open_line(self, stored: bytes, place: Place) -> bytes:
        return stored


class SealedCodec:
    """Authenticated encryption with ``key`` (32 bytes)."""

    encrypted = True

    def __init__(self, key: bytes) -> None:
        self._aead = ChaCha20Poly1305(key)

    def seal(self, payload: bytes, place: Place) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, payload, place.associated_data())

    def open(self, stored: bytes, place: Place) -> bytes:
        if len(stored) < NONCE_BYTES + TAG_BYTES:
            raise DamagedRecord("too short to be a sealed record")
        nonce, sealed = stored[:NONCE_BYTES], stored[NONCE_BYTES:]
        try:
            return self._aead.decrypt(nonce, sealed, place.associated_data())
        except InvalidTag:
            raise RefusedRecord("it does not authenticate") from None

    def seal_line(self, payload: bytes, place: Place) -> bytes:
        return base64.b64encode(self.seal(payload, place))

    def open_line(self, stored: bytes, place: Place) -> bytes:
        try:
            raw = base64.b64decode(stored, validate=True)
        except binascii.Error:
            raise DamagedRecord("not base64") from None
        return self.open(raw, place)
