"""Taking the data folder's lock (ARCHITECTURE invariant 1): the one way the app, the
commands that work alone (import, pulse, the calendar commands) and the move of the data
folder become the folder's one writer."""

from __future__ import annotations

from pathlib import Path

from focusmate.core.errors import StorageFailure
from focusmate.desktop.locations import lock_path
from focusmate.desktop.single_instance import InstanceLock
from focusmate.files.atomic import ensure_private_dir
from focusmate.storage.permissions import check_owner


def take_data_lock(data: Path) -> InstanceLock | None:
    """The lock of the data folder ``data``, held by this process until released; None when
    another process holds it. The folder is checked to be the user's own first (never write
    into another user's folder when running as root) and made private; StorageFailure, in
    one line, when it cannot be used."""
    check_owner(data)
    try:
        ensure_private_dir(data)
        lock = InstanceLock(lock_path(data))
        acquired = lock.try_acquire()
    except OSError as error:
        raise StorageFailure(
            f"cannot use the data folder {data}: {error.strerror or error}"
        ) from None
    return lock if acquired else None
