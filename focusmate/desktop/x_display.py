"""Whether an X display answers, asked the way Qt's xcb platform will ask it (libxcb).

Qt aborts the whole process with a core dump when its X display cannot be opened (a stale
DISPLAY, a display that refuses this user). Asking libxcb first costs about a millisecond and
lets focusmate say so in one line instead.
"""

from __future__ import annotations

import ctypes


def x_display_answers(display: str) -> bool:
    """False when libxcb cannot connect to ``display``; True when it can, or when libxcb itself
    is missing (then Qt's own message about its missing library is the better one)."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.restype = ctypes.c_int
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.restype = None
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    # xcb_connect never returns NULL: a failed connection is an error object that must be freed.
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return bool(connection) and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection:
            xcb.xcb_disconnect(connection)
