"""Giving freed heap memory back to the system (glibc's malloc_trim), where that is possible.

Start-up parses the whole data file twice (its shape before the icon, every record after),
five years being ~1.5 MB of JSON and ~10 MB of short-lived objects; freed, most of that stays
in the C heap as holes between what lives on, counted in the process's RSS for good.
malloc_trim(0) hands the free pages of the heap (not only its top) back to the kernel with
madvise; it moves nothing and frees nothing that is in use. Elsewhere (musl, macOS, Windows)
it is a no-op.
"""

from __future__ import annotations

import ctypes
import sys


def trim_freed_memory() -> bool:
    """Return the heap's free pages to the system; True where glibc did so."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc
        return False
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return bool(trim(0))
