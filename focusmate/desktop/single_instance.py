"""One running instance per data directory, held with a kernel lock on the lock file.

On POSIX the lock is ``flock`` on ``focusmate.lock``. The kernel lets go of it when its holder
ends in any way (quit, crash, ``kill -9``, power cut), so what the file says never matters: a
file left empty by a power cut, or naming a process number that now belongs to another
program, is simply locked again. The lock is held exactly while its holder lives. (QLockFile
decided from the recorded process number, and with a stale time of 0 it kept such a file
locked for ever.) The file names its holder's process, for messages only.

On Windows QLockFile keeps the file open, which the system releases with the process.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

if os.name == "posix":
    import fcntl

LOCK_MODE = 0o600
#: The folder cannot be written: the lock cannot be made, but an app may already hold it.
_READ_ONLY = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


class InstanceLock:
    """The data directory's lock; whoever holds it is the only writer."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._fd: int | None = None
        self._qt_lock: object | None = None

    def try_acquire(self) -> bool:
        """Take the lock without waiting; False while another live process holds it.

        OSError, with the system's reason, when the lock cannot be made (a read-only or full
        data folder) and nobody holds it.
        """
        if os.name != "posix":  # pragma: no cover - Windows only
            return self._try_qt_lock()
        self._fd = _take(self._path)
        return self._fd is not None

    def release(self) -> None:
        if self._fd is not None:
            # Remove the file while still holding it; a process waiting on the old file
            # notices it is gone (see _take) and makes a new one.
            with contextlib.suppress(OSError):
                if _is_file_of(self._fd, self._path):
                    self._path.unlink()
            os.close(self._fd)  # closing lets go of the kernel lock
            self._fd = None
        if self._qt_lock is not None:  # pragma: no cover - Windows only
            self._qt_lock.unlock()  # type: ignore[attr-defined]
            self._qt_lock = None

    def _try_qt_lock(self) -> bool:  # pragma: no cover - Windows only
        from PySide6.QtCore import QLockFile  # noqa: PLC0415 - only where there is no flock

        lock = QLockFile(str(self._path))
        lock.setStaleLockTime(0)  # the process id decides, never the age
        if lock.tryLock(0):
            self._qt_lock = lock
            return True
        if lock.error() == QLockFile.LockError.LockFailedError:
            return False
        raise PermissionError(errno.EACCES, "cannot create the lock file", str(self._path))


def is_held(path: Path) -> bool:
    """Whether a live process holds the lock at ``path``; nothing is made or changed."""
    if os.name != "posix":  # pragma: no cover - Windows: the socket alone decides there
        return False
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
    except OSError:
        return False  # no lock file: nobody holds it
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)  # let go of at once, by the close
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
    return False


def holder_pid(path: Path) -> int | None:
    """The process that wrote the lock file, if it says (for messages; it may be stale)."""
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdecimal() and len(text) < 20 else None


def _take(path: Path) -> int | None:
    """The locked file's descriptor, or None while another process holds it."""
    while True:
        fd = _open(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        except BaseException:
            os.close(fd)
            raise
        # The holder we waited for may have removed the file between our open and our lock:
        # then we hold a file nobody else can see. Start again on the one at the path.
        if _is_file_of(fd, path):
            break
        os.close(fd)
    try:
        _write_holder(fd)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _open(path: Path) -> int:
    flags = os.O_CLOEXEC | os.O_NOFOLLOW
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | flags, LOCK_MODE)
    except OSError as error:
        if error.errno not in _READ_ONLY:
            raise
        # A folder that became read-only: a running app may still hold the lock (then we
        # hand over to it); if nobody does, the reason is the folder, said by the caller.
        try:
            fd = os.open(path, os.O_RDONLY | flags)
        except OSError:
            raise error from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return fd  # held: the caller's flock fails the same way
        os.close(fd)
        raise error from None


def _write_holder(fd: int) -> None:
    """Name this process in the file; a full disk fails here, with its reason."""
    if os.fstat(fd).st_uid == os.geteuid():
        os.fchmod(fd, LOCK_MODE)  # it names our process: private like the rest
    os.ftruncate(fd, 0)
    payload = f"{os.getpid()}\n".encode()
    if os.pwrite(fd, payload, 0) != len(payload):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _is_file_of(fd: int, path: Path) -> bool:
    try:
        on_disk = path.stat(follow_symlinks=False)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)
