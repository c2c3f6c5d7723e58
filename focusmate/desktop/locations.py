"""Where focusmate keeps its data, lock and local socket on this platform."""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

import platformdirs

APP_NAME = "focusmate"
#: The reverse-DNS id of the .desktop file, AppStream metainfo and autostart entry.
APP_ID = "app.focusmate.Focusmate"
DATA_DIR_ENV = "FOCUSMATE_DATA_DIR"
LOCK_FILE_NAME = "focusmate.lock"


def data_dir(override: str | None) -> Path:
    """--data-dir, else $FOCUSMATE_DATA_DIR, else the platform's user data directory."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().absolute()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def lock_path(data: Path) -> Path:
    return data / LOCK_FILE_NAME


def runtime_dir() -> Path:
    """A directory only this user can enter, for the local socket."""
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if xdg and Path(xdg).is_dir():
        return Path(xdg) / APP_NAME
    if sys.platform.startswith("linux") or sys.platform == "darwin":
        return Path(tempfile.gettempdir()) / f"{APP_NAME}-{os.getuid()}"
    return Path(platformdirs.user_runtime_dir(APP_NAME, appauthor=False))


def server_name(data: Path) -> str:
    """The local-socket name for the instance that owns ``data``.

    One instance per data directory, so the name is derived from it; on Unix it is a
    full path in the private runtime directory (a bare name would land in /tmp), and it
    is kept short because a Unix socket path has a ~104-byte limit.
    """
    digest = hashlib.sha256(str(data).encode()).hexdigest()[:16]
    if os.name == "posix":
        return str(runtime_dir() / f"{digest}.sock")
    return f"{APP_NAME}-{digest}"
