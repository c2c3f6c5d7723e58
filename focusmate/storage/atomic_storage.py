"""A TinyDB storage whose every write is atomic and durable.

TinyDB rewrites the whole file on each write and offers no atomicity of its own
(msiemens/tinydb #144, #89), so: serialise and validate first (a value that cannot be
written must never truncate the file), write a private temp file in the same directory,
fsync it, os.replace it over the old file, then fsync the directory so the rename itself
survives a power cut.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from focusmate.core.errors import InvalidData

FILE_MODE = 0o600
DIR_MODE = 0o700


def ensure_private_dir(directory: Path) -> None:
    """Create ``directory`` (and parents) and make it readable by the owner only."""
    directory.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if os.name == "posix" and (directory.stat().st_mode & 0o777) != DIR_MODE:
        directory.chmod(DIR_MODE)


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` atomically and durably (mode 0600)."""
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name == "posix":
            Path(temp_name).chmod(FILE_MODE)
        Path(temp_name).replace(path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return  # Windows has no directory handles to fsync; os.replace is already atomic there.
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def dumps_strict(data: Any) -> bytes:
    """Serialise to UTF-8 JSON, refusing NaN and non-JSON values before any file is touched."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


class AtomicJSONStorage(Storage):
    """TinyDB storage: one JSON file, replaced atomically on every write."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self._path.read_bytes()
        except FileNotFoundError:
            return None
        if not raw.strip():
            raise InvalidData(f"the data file {self._path} is empty")
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as error:
            raise InvalidData(f"the data file {self._path} is not valid JSON: {error}") from None
        if not isinstance(data, dict):
            raise InvalidData(f"the data file {self._path} does not hold a JSON object")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        atomic_write_bytes(self._path, dumps_strict(data))

    def close(self) -> None:
        """Nothing stays open between operations."""
