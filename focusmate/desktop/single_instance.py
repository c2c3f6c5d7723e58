"""One running instance per data directory, held with a QLockFile.

QLockFile notices a stale lock left by a killed process (it records the PID and host),
so `kill -9` never locks the user out.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLockFile


class InstanceLock:
    """The data directory's lock; whoever holds it is the only writer."""

    def __init__(self, path: Path) -> None:
        self._lock = QLockFile(str(path))
        self._lock.setStaleLockTime(0)  # rely on PID liveness only, never on age

    def try_acquire(self) -> bool:
        """Take the lock without waiting; False when another live process holds it."""
        if self._lock.tryLock(0):
            lock_file = Path(self._lock.fileName())
            if os.name == "posix":
                lock_file.chmod(0o600)  # it names our process and host: private like the rest
            return True
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            return False
        # PermissionError / UnknownError: the directory is not writable.
        raise PermissionError(
            f"cannot create the lock file in {Path(self._lock.fileName()).parent}"
        )

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()
