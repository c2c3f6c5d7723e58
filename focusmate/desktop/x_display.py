"""Whether an X display answers, asked the way Qt's xcb platform will ask it (libxcb).

Qt aborts the whole process with a core dump when its X display cannot be opened (a stale
DISPLAY, a display that refuses this user). Asking libxcb first costs about a millisecond and
lets focusmate say so in one line instead. The same library tells whether the display offers
an extension (RECORD, for the global hotkeys) without loading pynput.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager


class _QueryExtensionCookie(ctypes.Structure):
    _fields_ = [("sequence", ctypes.c_uint)]


class _QueryExtensionReply(ctypes.Structure):
    _fields_ = [
        ("response_type", ctypes.c_uint8),
        ("pad0", ctypes.c_uint8),
        ("sequence", ctypes.c_uint16),
        ("length", ctypes.c_uint32),
        ("present", ctypes.c_uint8),
        ("major_opcode", ctypes.c_uint8),
        ("first_event", ctypes.c_uint8),
        ("first_error", ctypes.c_uint8),
    ]


def _libxcb() -> ctypes.CDLL | None:
    """libxcb with the prototypes used here, or None where it is missing."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return None
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.restype = ctypes.c_int
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.restype = None
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    xcb.xcb_query_extension.restype = _QueryExtensionCookie
    xcb.xcb_query_extension.argtypes = [ctypes.c_void_p, ctypes.c_uint16, ctypes.c_char_p]
    xcb.xcb_query_extension_reply.restype = ctypes.POINTER(_QueryExtensionReply)
    xcb.xcb_query_extension_reply.argtypes = [
        ctypes.c_void_p,
        _QueryExtensionCookie,
        ctypes.c_void_p,
    ]
    return xcb


@contextmanager
def _connection(xcb: ctypes.CDLL, display: str) -> Iterator[int | None]:
    """A connection to ``display``, or None when it cannot be opened; closed on exit."""
    # xcb_connect never returns NULL: a failed connection is an error object that must be freed.
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        ok = bool(connection) and xcb.xcb_connection_has_error(connection) == 0
        yield connection if ok else None
    finally:
        if connection:
            xcb.xcb_disconnect(connection)


def x_display_answers(display: str) -> bool:
    """False when libxcb cannot connect to ``display``; True when it can, or when libxcb itself
    is missing (then Qt's own message about its missing library is the better one)."""
    xcb = _libxcb()
    if xcb is None:
        return True
    with _connection(xcb, display) as connection:
        return connection is not None


def x_extension_present(display: str, extension: str) -> bool | None:
    """Whether ``display`` answers and offers ``extension`` (e.g. "RECORD", which pynput's
    listener needs), asked through libxcb in about a millisecond without loading pynput.
    None when the display does not answer; True when libxcb itself is missing (nothing to
    ask with: the listener's own start will say)."""
    xcb = _libxcb()
    if xcb is None:
        return True
    libc = ctypes.CDLL(None)
    libc.free.argtypes = [ctypes.c_void_p]
    with _connection(xcb, display) as connection:
        if connection is None:
            return None
        name = extension.encode()
        cookie = xcb.xcb_query_extension(connection, len(name), name)
        reply = xcb.xcb_query_extension_reply(connection, cookie, None)
        if not reply:
            return None  # the connection broke while asking
        try:
            return bool(reply.contents.present)
        finally:
            libc.free(ctypes.cast(reply, ctypes.c_void_p))
