"""Count the times any process opens a file (Linux inotify, through ctypes): a test can wait
until a program has made its second attempt, instead of sleeping and hoping."""

from __future__ import annotations

import ctypes
import os
import select
import struct
import time
from pathlib import Path

IN_OPEN = 0x20
_EVENT = struct.Struct("iIII")  # wd, mask, cookie, len; then len bytes of name


class FileOpens:
    """Opens of ``path`` from now on, by anyone. Close it when done."""

    def __init__(self, path: Path) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        self._fd = libc.inotify_init1(os.O_CLOEXEC | os.O_NONBLOCK)
        if self._fd < 0 or libc.inotify_add_watch(self._fd, bytes(path), IN_OPEN) < 0:
            raise OSError(ctypes.get_errno(), f"cannot watch {path}")
        self.count = 0

    def wait_for(self, opens: int, timeout_s: float) -> None:
        """Return once ``opens`` opens have been seen; TimeoutError after ``timeout_s``."""
        deadline = time.monotonic() + timeout_s
        while self.count < opens:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"saw {self.count} opens, waited for {opens}")
            if select.select([self._fd], [], [], left)[0]:
                self._read()

    def _read(self) -> None:
        data = os.read(self._fd, 65536)
        offset = 0
        while offset < len(data):
            _wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
            self.count += bool(mask & IN_OPEN)
            offset += _EVENT.size + length

    def close(self) -> None:
        os.close(self._fd)
