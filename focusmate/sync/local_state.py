"""What this install remembers of the sync folder between runs, in its data folder
(``sync-read.json``): how far it has read each file, once the caller has merged what was
read. Losing it costs time only: everything is read again and the merge is idempotent.
"""

from __future__ import annotations

from pathlib import Path

from focusmate.core.json_text import parse_json
from focusmate.files.atomic import atomic_write_bytes, dumps_strict, ensure_private_dir
from focusmate.sync.marks import FileMark, marks_from_json, marks_to_json

STATE_FILE = "sync-read.json"
#: A copy of the sync folder's format.json, so that the app can start (and keep changes in
#: its outbox) while the folder cannot be reached.
FORMAT_COPY = "sync-format.json"


def load_marks(data_folder: Path, where: str, device: str) -> dict[str, FileMark]:
    """The marks saved for this folder and device id; none if there are none, or they were
    for another folder or id, or the file is damaged (then everything is read again)."""
    try:
        data = parse_json((data_folder / STATE_FILE).read_bytes())
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict) or data.get("where") != where or data.get("device") != device:
        return {}
    try:
        return marks_from_json(data.get("marks"))
    except ValueError:
        return {}


def load_format_copy(data_folder: Path, where: str) -> bytes | None:
    """The copy of ``where``'s format.json, or None (none, another folder's, damaged)."""
    try:
        data = parse_json((data_folder / FORMAT_COPY).read_bytes())
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("where") != where:
        return None
    raw = data.get("format")
    return raw.encode() if isinstance(raw, str) else None


def save_format_copy(data_folder: Path, where: str, raw: bytes) -> None:
    ensure_private_dir(data_folder)
    document = {"where": where, "format": raw.decode()}
    atomic_write_bytes(data_folder / FORMAT_COPY, dumps_strict(document))


def save_marks(data_folder: Path, where: str, device: str, marks: dict[str, FileMark]) -> None:
    ensure_private_dir(data_folder)
    document = {"where": where, "device": device, "marks": marks_to_json(marks)}
    atomic_write_bytes(data_folder / STATE_FILE, dumps_strict(document))
