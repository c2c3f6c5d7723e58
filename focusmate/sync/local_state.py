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


def save_marks(data_folder: Path, where: str, device: str, marks: dict[str, FileMark]) -> None:
    ensure_private_dir(data_folder)
    document = {"where": where, "device": device, "marks": marks_to_json(marks)}
    atomic_write_bytes(data_folder / STATE_FILE, dumps_strict(document))
