"""Atomic, durable file writes, shared by storage (the data files) and the desktop adapters
(the autostart entry); no third-party imports, so the CLI can use it cheaply.

Serialise and validate first (a value that cannot be written must never truncate the
file), write a private temp file in the same directory, fsync it, replace the old file
with it, then fsync the directory so the rename itself survives a power cut.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from focusmate.core.errors import InvalidData, StorageFailure
from focusmate.core.json_text import parse_json

FILE_MODE = 0o600
DIR_MODE = 0o700


def ensure_private_dir(directory: Path) -> None:
    """Create ``directory`` (and parents) and make it readable by the owner only."""
    directory.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if os.name == "posix" and (directory.stat().st_mode & 0o777) != DIR_MODE:
        directory.chmod(DIR_MODE)


def ensure_own_folder(folder: Path) -> None:
    """Make ``folder`` (one of focusmate's, inside the data folder) private, refusing it if it
    is a link: a write, chmod or delete there would land outside (storage.links)."""
    if folder.is_symlink():
        raise StorageFailure(
            f"{folder} is a link to {folder.readlink()}; focusmate writes only in its own "
            "folder (start focusmate again: it puts the link aside)"
        )
    ensure_private_dir(folder)


def atomic_write_bytes(path: Path, payload: bytes, mode: int = FILE_MODE) -> None:
    """Replace ``path`` with ``payload`` atomically and durably (private, 0600, by default)."""
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name == "posix":
            Path(temp_name).chmod(mode)
        Path(temp_name).replace(path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


def append_durably(fd: int, data: bytes) -> None:
    """Write all of ``data`` at the end of the file open as ``fd`` (O_APPEND), then fsync it:
    a short write goes on with the rest, so the bytes a reader sees only ever grow."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def read_json(path: Path, what: str) -> object | None:
    """The JSON in ``path``, or None when there is no such file; InvalidData, naming ``what``
    ("the settings file"), when it is not JSON. Other OSErrors reach the caller."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        data = parse_json(raw)
    except (ValueError, UnicodeDecodeError):
        raise InvalidData(f"{what} {path} is not valid JSON") from None
    return data


def remove_durably(path: Path) -> None:
    """Delete a file and make the deletion itself survive a power cut."""
    path.unlink(missing_ok=True)
    _fsync_directory(path.parent)


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix" or not directory.is_dir():
        return  # Windows has no directory handles to fsync; os.replace is already atomic there.
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def dumps_strict(data: Any) -> bytes:
    """Serialise to UTF-8 JSON, refusing NaN and non-JSON values before any file is touched."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
