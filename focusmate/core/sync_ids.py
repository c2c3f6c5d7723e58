"""Ids for sync (issue 19): change ids, and the ids of marks.

A change id is ULID-shaped: 26 Crockford base32 characters, the first 10 the time in
milliseconds (so ids sort roughly by time), the other 16 eighty bits of randomness. core
draws no random numbers: the caller passes the bytes in (``Entropy``, os.urandom in the
app), so ids stay unique even for two devices that share a device id (a cloned disk), where
HLC stamps alone could collide.

A mark has no id in the model (core.model.Mark is its kind and time), so its sync id is
derived from what it is: the session, the kind, the instant and which of identical marks it
is. The device that adds a mark and the one that later undoes it derive the same id, and two
devices that publish the same imported history publish the same marks (rule S3's union
takes them once).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import UTC

from focusmate.core.errors import InvalidData
from focusmate.core.model import Mark

#: Returns that many random bytes (os.urandom); passed in from outside core.
Entropy = Callable[[int], bytes]
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TIME_CHARS = 10
_RANDOM_BYTES = 10
_RANDOM_CHARS = 16


def _base32(value: int, chars: int) -> str:
    return "".join(_CROCKFORD[(value >> (5 * i)) & 31] for i in reversed(range(chars)))


def change_id(wall_ms: int, entropy: Entropy) -> str:
    """A new change id for a change stamped at ``wall_ms``."""
    if not 0 <= wall_ms < 2**48:
        raise ValueError(f"wall_ms out of range: {wall_ms}")
    random_bytes = entropy(_RANDOM_BYTES)
    if len(random_bytes) != _RANDOM_BYTES:
        raise ValueError(f"entropy must give {_RANDOM_BYTES} bytes, gave {len(random_bytes)}")
    noise = int.from_bytes(random_bytes, "big")
    return _base32(wall_ms, _TIME_CHARS) + _base32(noise, _RANDOM_CHARS)


def check_id(value: object, what: str) -> str:
    """``value`` if it is an id sync accepts (1-64 letters, digits, '.', '_', ':' or '-'),
    else InvalidData naming ``what``. Any such id is accepted from other devices: only
    this device's own ids are ULIDs."""
    if not isinstance(value, str) or ID_PATTERN.fullmatch(value) is None:
        raise InvalidData(f"{what} must be 1-64 letters, digits, '.', '_', ':' or '-'")
    return value


def mark_id(session_id: str, mark: Mark, occurrence: int) -> str:
    """The sync id of ``mark`` in the session ``session_id``; ``occurrence`` counts the
    identical marks (same kind and instant) before it in that session, from 0."""
    # The instant in UTC: the same moment written with another offset is the same mark.
    key = f"{session_id}\n{mark.kind}\n{mark.at.astimezone(UTC).isoformat()}\n{occurrence}"
    return "m" + hashlib.blake2b(key.encode(), digest_size=12).hexdigest()


def mark_ids(session_id: str, marks: tuple[Mark, ...]) -> list[str]:
    """The sync ids of a session's marks, in their order."""
    seen: dict[Mark, int] = {}
    ids = []
    for mark in marks:
        occurrence = seen.get(mark, 0)
        seen[mark] = occurrence + 1
        ids.append(mark_id(session_id, mark, occurrence))
    return ids
