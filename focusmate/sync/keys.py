"""From the user's passphrase to the sync folder's key, with a memory-hard KDF: Argon2id
(RFC 9106's second recommended setting: 64 MiB, 3 passes, 4 lanes) where the installed
cryptography has it (44 and later), else scrypt (n = 2^16, r = 8: 64 MiB).

The settings travel in format.json (they are not secret; the salt is random per folder), so
every device derives the same key from the same passphrase. Deriving takes about a quarter
of a second, once per start.
"""

from __future__ import annotations

import base64
import os
import unicodedata
from dataclasses import dataclass
from typing import Any

KEY_BYTES = 32
ARGON2ID = "argon2id"
SCRYPT = "scrypt"


@dataclass(frozen=True)
class KdfSettings:
    """Which KDF, its salt and its cost parameters, as format.json stores them."""

    name: str
    salt: bytes
    params: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "salt": base64.b64encode(self.salt).decode(), **self.params}

    @classmethod
    def from_json(cls, data: object) -> KdfSettings:
        """ValueError for anything that is not KDF settings this version can use."""
        if not isinstance(data, dict):
            raise ValueError("kdf is not an object")
        name = data.get("name")
        expected = {ARGON2ID: ARGON2_PARAMS, SCRYPT: SCRYPT_PARAMS}.get(str(name))
        if expected is None:
            raise ValueError(f"unknown kdf {name!r}")
        params = {key: data.get(key) for key in expected}
        if not all(isinstance(v, int) and 0 < v <= 2**24 for v in params.values()):
            raise ValueError("kdf parameters out of range")
        salt = base64.b64decode(str(data.get("salt", "")), validate=True)
        if len(salt) < 16:
            raise ValueError("kdf salt too short")
        return cls(str(name), salt, {k: int(v) for k, v in params.items() if v is not None})


ARGON2_PARAMS = {"memory_kib": 64 * 1024, "iterations": 3, "lanes": 4}
SCRYPT_PARAMS = {"n": 2**16, "r": 8, "p": 1}


def argon2_available() -> bool:
    try:
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def new_kdf_settings() -> KdfSettings:
    """Fresh settings for a new sync folder: a random 16-byte salt, the best KDF here."""
    if argon2_available():
        return KdfSettings(ARGON2ID, os.urandom(16), dict(ARGON2_PARAMS))
    return KdfSettings(SCRYPT, os.urandom(16), dict(SCRYPT_PARAMS))


def derive_key(passphrase: str, settings: KdfSettings) -> bytes:
    """The 32-byte key. The passphrase is NFC-normalised, so the same words typed on two
    systems that compose accents differently give the same key."""
    secret = unicodedata.normalize("NFC", passphrase).encode()
    if settings.name == ARGON2ID:
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id  # noqa: PLC0415

        p = settings.params
        kdf = Argon2id(
            salt=settings.salt,
            length=KEY_BYTES,
            iterations=p["iterations"],
            lanes=p["lanes"],
            memory_cost=p["memory_kib"],
        )
        return kdf.derive(secret)
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt  # noqa: PLC0415

    p = settings.params
    return Scrypt(salt=settings.salt, length=KEY_BYTES, n=p["n"], r=p["r"], p=p["p"]).derive(secret)
