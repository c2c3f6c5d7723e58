"""A TinyDB storage whose every write is atomic and durable.

TinyDB rewrites the whole file on each write and offers no atomicity of its own
(msiemens/tinydb #144, #89); this storage hands every write to atomic_files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from focusmate.atomic_files import atomic_write_bytes, dumps_strict
from focusmate.core.errors import InvalidData


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
