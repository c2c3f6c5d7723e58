"""When the morning reminder was last shown: one small file, written atomically (0600).

Implements core.ports.ReminderLog. It is what makes a reminder "shown once": after a
restart (or a crash) the app still knows that this morning's reminder went out.
A damaged file is not fatal: it is logged and read as "never shown" (at worst one
reminder is shown again), and the next write replaces it.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path

from focusmate.atomic_files import atomic_write_bytes, dumps_strict, ensure_private_dir

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
            record = json.loads(self.path.read_bytes())
            text = record["last_shown"]
            instant = datetime.fromisoformat(text) if isinstance(text, str) else None
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError) as error:
            log.warning("ignoring the damaged reminder log %s: %s", self.path, error)
            return None
        if instant is None or instant.tzinfo is None:
            log.warning("ignoring the reminder log %s: no valid last_shown", self.path)
            return None
        return instant

    def record_shown(self, at: datetime) -> None:
        ensure_private_dir(self._dir)
        payload = dumps_strict({"version": _VERSION, "last_shown": at.isoformat()})
        atomic_write_bytes(self.path, payload)
