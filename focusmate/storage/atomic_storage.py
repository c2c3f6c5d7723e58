"""A TinyDB storage whose every write is atomic and durable.

TinyDB rewrites the whole file on each write and offers no atomicity of its own
(msiemens/tinydb #144, #89); this storage hands every write to files.atomic.

It also holds the one size rule for what is stored: a write that would make the file
larger than :data:`MAX_STORED_BYTES` is refused before anything is written, because a
larger file is what start-up calls damaged (and recovers from a backup). Two imports that
each fit, but not together, are refused on the merged result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from focusmate.core.errors import InvalidData
from focusmate.core.json_text import parse_json
from focusmate.files.atomic import atomic_write_bytes, dumps_strict

#: The largest data file focusmate writes or reads (five years of sessions take ~2 MB); an
#: import file is held to the same limit.
MAX_STORED_BYTES = 64 * 1024 * 1024
_MB = 1024 * 1024


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
            data = parse_json(raw)
        except (ValueError, UnicodeDecodeError) as error:
            raise InvalidData(f"the data file {self._path} is not valid JSON: {error}") from None
        if not isinstance(data, dict):
            raise InvalidData(f"the data file {self._path} does not hold a JSON object")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        payload = dumps_strict(data)
        if len(payload) > MAX_STORED_BYTES:
            raise InvalidData(
                f"the history would grow to {len(payload) / _MB:.1f} MB, more than the "
                f"{MAX_STORED_BYTES // _MB} MB focusmate keeps in {self._path.name}; "
                "nothing was saved"
            )
        atomic_write_bytes(self._path, payload)

    def close(self) -> None:
        """Nothing stays open between operations."""
