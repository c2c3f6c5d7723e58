"""SHA-256 of bytes, by the interpreter's built-in module where it has one.

Importing hashlib loads OpenSSL's libcrypto and sets up every algorithm (~3.4 MB resident,
~7 ms): a socket command's name and a reflection draft's file name need one digest, not that
(issue 18; ARCHITECTURE invariant 13). random.py takes its SHA-512 the same way. The digest
is the same either way.
"""

from __future__ import annotations


def sha256_hex(data: bytes) -> str:
    try:
        from _sha256 import sha256  # type: ignore[import-not-found]  # noqa: PLC0415 - 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found]  # noqa: PLC0415 - 3.12 on
        except ImportError:
            from hashlib import sha256  # noqa: PLC0415
    return str(sha256(data).hexdigest())
