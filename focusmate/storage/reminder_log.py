"""When the morning reminder was last shown: one small file, written atomically (0600).

Implements core.ports.ReminderLog. It is what makes a reminder "shown once": after a
restart (or a crash) the app still knows that this morning's reminder went out.
A damaged file is not fatal: it is logged and read as "never shown" (at worst one
reminder is shown again), and the next write replaces it.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from focusmate.core.errors import InvalidData
from focusmate.files.atomic import atomic_write_bytes, dumps_strict, ensure_private_dir, read_json

REMINDER_FILE_NAME = "reminders.json"
_VERSION = 1

log = logging.getLogger(__name__)


class FileReminderLog:
    """The reminder log in ``data_dir/reminders.json``."""

    def __init__(self, data_dir: Path) -> None:
        self._dir = data_dir
        self.path = data_dir / REMINDER_FILE_NAME

    def last_shown(self) -> datetime | None:
        try:
            return read_last_shown(self.path)
        except (InvalidData, OSError) as error:
            log.warning("ignoring the damaged reminder log %s: %s", self.path, error)
            return None

    def record_shown(self, at: datetime) -> None:
        ensure_private_dir(self._dir)
        payload = dumps_strict({"version": _VERSION, "last_shown": at.isoformat()})
        atomic_write_bytes(self.path, payload)


def read_last_shown(path: Path) -> datetime | None:
    """When the reminder was last shown, or None when it never was (no file); InvalidData
    when the file is damaged, OSError when it cannot be read."""
    record = read_json(path, "the reminder log")
    if record is None:
        return None
    text = record.get("last_shown") if isinstance(record, dict) else None
    try:
        instant = datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        instant = None
    if instant is None or instant.tzinfo is None:
        raise InvalidData(f"the reminder log {path} has no valid last_shown")
    return instant
