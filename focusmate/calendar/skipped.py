"""The one-on-ones the user said "Not this one" about, kept across restarts (issue 15,
deliverable 3): `<data_dir>/calendars/not-this-one.json`, written atomically (0600).

An entry names one occurrence by its UID and start. Entries older than the calendar window
are dropped when the file is written; a damaged file reads as empty (the worst outcome is a
reminder shown again), never as an error.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

from focusmate.core.errors import FocusmateError
from focusmate.files.atomic import atomic_write_bytes, dumps_strict, ensure_private_dir, read_json

log = logging.getLogger(__name__)

FILE_NAME = "not-this-one.json"
#: Kept as long as the refresh's window looks back (calendar.refresh.WINDOW_BEFORE), and a
#: week more; not imported from there, which would load icalendar with the app.
KEEP_FOR = timedelta(weeks=9)
Occurrence = tuple[str, datetime]


def skipped_path(data_dir: Path) -> Path:
    return data_dir / "calendars" / FILE_NAME


def load_skipped(data_dir: Path) -> set[Occurrence]:
    """The occurrences skipped so far (empty if none, or if the file cannot be read)."""
    try:
        record = read_json(skipped_path(data_dir), "the skipped one-on-ones")
        if record is None:
            return set()
        if not isinstance(record, list):
            raise TypeError("not a list")
        return {(str(uid), _instant(str(start))) for uid, start in record}
    except (FocusmateError, OSError, TypeError, ValueError) as error:
        log.warning("the skipped one-on-ones could not be read: %s", error)
        return set()


def save_skipped(data_dir: Path, skipped: Iterable[Occurrence], now: datetime) -> None:
    """Write the occurrences still inside the calendar window; raises OSError."""
    kept = sorted((uid, start) for uid, start in skipped if start >= now - KEEP_FOR)
    folder = skipped_path(data_dir).parent
    ensure_private_dir(folder)
    record = [[uid, start.isoformat()] for uid, start in kept]
    atomic_write_bytes(skipped_path(data_dir), dumps_strict(record))


def _instant(text: str) -> datetime:
    instant = datetime.fromisoformat(text)
    if instant.utcoffset() is None:
        raise ValueError(f"{text!r} has no offset")
    return instant
