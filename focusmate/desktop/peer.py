"""Who is at the other end of a local (Unix) socket: the peer's user id, from the kernel.

Used both ways: the app answers only its own user's clients, and the CLI speaks only to an
app of its own user (a socket planted by someone else must not receive the user's words).
"""

from __future__ import annotations

import os
import socket
import struct


def peer_uid(descriptor: int) -> int | None:
    """The user id of the process at the other end (SO_PEERCRED, or getpeereid on macOS and
    the BSDs); None where the platform cannot tell (Windows named pipes have their ACL)."""
    if os.name != "posix":  # pragma: no cover - Windows only
        return None
    raw = socket.socket(fileno=os.dup(descriptor))
    try:
        if hasattr(socket, "SO_PEERCRED"):
            credentials = raw.getsockopt(
                socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")
            )
            return int(struct.unpack("3i", credentials)[1])  # pid, uid, gid
        # SOL_LOCAL, LOCAL_PEERCRED: struct xucred, cr_uid follows cr_version
        return int(struct.unpack_from("I", raw.getsockopt(0, 0x001, 76), 4)[0])  # pragma: no cover
    finally:
        raw.close()


def same_user(descriptor: int) -> bool:
    """Whether the peer of a local socket runs as this user (where the platform can tell)."""
    uid = peer_uid(descriptor)
    return uid is None or uid == os.getuid()
