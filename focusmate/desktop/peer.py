"""Who is at the other end of a local (Unix) socket: the peer's user id, from the kernel.

Used both ways: the app answers only its own user's clients, and the CLI speaks only to an
app of its own user (a socket planted by someone else must not receive the user's words).

Through _socket, the C module that socket.py wraps, and int.from_bytes rather than struct:
socket.py builds its IntEnums and loads selectors and array, a tenth of a socket command's
process (ARCHITECTURE invariant 13).
"""

from __future__ import annotations

import _socket
import os
import sys


def peer_uid(descriptor: int) -> int | None:
    """The user id of the process at the other end (SO_PEERCRED, or getpeereid on macOS and
    the BSDs); None where the platform cannot tell (Windows named pipes have their ACL)."""
    if os.name != "posix":  # pragma: no cover - Windows only
        return None
    raw = _socket.socket(fileno=os.dup(descriptor))
    try:
        if hasattr(_socket, "SO_PEERCRED"):
            # struct ucred: three C ints (pid, uid, gid) in the machine's byte order
            credentials = raw.getsockopt(_socket.SOL_SOCKET, _socket.SO_PEERCRED, 12)
            return int.from_bytes(credentials[4:8], sys.byteorder, signed=True)
        # SOL_LOCAL, LOCAL_PEERCRED: struct xucred, the unsigned cr_uid follows cr_version
        credentials = raw.getsockopt(0, 0x001, 76)  # pragma: no cover
        return int.from_bytes(credentials[4:8], sys.byteorder)  # pragma: no cover
    finally:
        raw.close()


def same_user(descriptor: int) -> bool:
    """Whether the peer of a local socket runs as this user (where the platform can tell)."""
    uid = peer_uid(descriptor)
    return uid is None or uid == os.getuid()
