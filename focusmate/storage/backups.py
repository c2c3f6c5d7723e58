"""Rolling backups of the data file, and recovery from a damaged one.

A damaged data file is never deleted or overwritten: it is moved aside under a dated name,
the newest backup that reads back whole is restored in its place, and the user is told
once. The backups are rotated (the newest few are kept), taken when the app starts and
after each session ends, so a recovery loses at most the last session's changes.

The telling is a :class:`DataRecoveryNotice`: it is made before the app has loaded its
translations, so ``str()`` words it in the user's language only when it is shown, and
:attr:`DataRecoveryNotice.in_english` is the same sentence for the log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from focusmate.core.errors import InvalidData, StorageFailure
from focusmate.core.json_text import parse_json
from focusmate.core.model import CoachingSession
from focusmate.core.records import merge_sessions, session_from_record
from focusmate.core.text import Translator, Worded
from focusmate.files.atomic import atomic_write_bytes, ensure_own_folder
from focusmate.files.set_aside import set_aside, stamp
from focusmate.storage.atomic_storage import MAX_STORED_BYTES
from focusmate.storage.links import BACKUP_DIR_NAME
from focusmate.storage.repository import DATA_FILE_NAME, SESSIONS_TABLE, TinyDBSessionRepository

KEEP_BACKUPS = 5

log = logging.getLogger(__name__)


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR_NAME


def take_backup(data_dir: Path, now: datetime) -> Path | None:
    """Copy the data file into the backups (unless the newest backup is identical)."""
    source = data_dir / DATA_FILE_NAME
    try:
        payload = source.read_bytes()
    except FileNotFoundError:
        return None
    folder = backup_dir(data_dir)
    try:
        ensure_own_folder(folder)
    except StorageFailure as refused:
        log.warning("no backup taken: %s", refused)  # the next start puts the link aside
        return None
    existing = _backups(folder)
    if existing and _same(existing[-1], payload):
        return existing[-1]
    target = folder / f"focusmate-{stamp(now)}.json"
    atomic_write_bytes(target, payload)
    for old in _backups(folder)[:-KEEP_BACKUPS]:
        old.unlink()
    return target


def _backups(folder: Path) -> list[Path]:
    """The backups, oldest first: regular files only. Anything else bearing a backup's name
    (a folder, a link) is not ours to compare with or rotate away, so it is left alone."""
    return sorted(
        path for path in folder.glob("focusmate-*.json") if path.is_file() and not path.is_symlink()
    )


def _same(backup: Path, payload: bytes) -> bool:
    """Whether ``backup`` holds ``payload``; a backup that cannot be read holds nothing."""
    try:
        return backup.read_bytes() == payload
    except OSError:
        return False


@dataclass(frozen=True, slots=True)
class DataRecoveryNotice(Worded):
    """The data file was damaged and set aside; str() says what was done, in the user's
    language at that moment."""

    damage: str  # what was wrong with it (English, technical)
    kept_as: str  # the name it was set aside under, in the data folder
    backup_from: str = ""  # when the restored backup was taken ("" if none was good)
    recovered: int = 0  # sessions read from the damaged file that the backup lacked
    unreadable: int = 0  # sessions in the damaged file that could not be read

    def worded(self, translate: Translator) -> str:
        if self.backup_from:
            text = translate(
                "StartNotice",
                "Your data file was damaged ({damage}). It was kept as {kept_as}, and the "
                "backup from {backup_from} was restored.",
            )
        elif self.recovered:
            text = translate(
                "StartNotice",
                "Your data file was damaged ({damage}) and no good backup was found. It was "
                "kept as {kept_as}; the sessions that could be read from it were kept.",
            )
        else:
            text = translate(
                "StartNotice",
                "Your data file was damaged ({damage}) and no good backup was found. It was "
                "kept as {kept_as}; focusmate starts with an empty history.",
            )
        if self.recovered and self.backup_from:
            text += " " + translate(
                "StartNotice", "Sessions the backup lacked, read from that file: {recovered}."
            )
        if self.unreadable:
            text += " " + translate(
                "StartNotice",
                "Sessions that could not be read (they stay in that file): {unreadable}.",
            )
        return text.format(
            damage=self.damage,
            kept_as=self.kept_as,
            backup_from=self.backup_from,
            recovered=self.recovered,
            unreadable=self.unreadable,
        )


def open_or_recover(
    data_dir: Path, now: datetime, *, check_records: bool = True
) -> tuple[TinyDBSessionRepository, DataRecoveryNotice | None]:
    """Open the repository; if the data file is damaged, recover and say what happened.

    ``check_records=False`` checks only that the file is JSON of the right shape, which is
    quick; the app then calls :func:`check_or_recover` once its tray icon shows, because
    reading every record of a long history takes longer than showing the icon.
    """
    data_file = data_dir / DATA_FILE_NAME
    try:
        if data_file.exists() and data_file.stat().st_size > MAX_STORED_BYTES:
            raise InvalidData(f"{data_file} is larger than {MAX_STORED_BYTES} bytes")
        repository = TinyDBSessionRepository(data_dir)
    except InvalidData as damage:
        return _recover(data_dir, now, damage)
    if check_records:
        return check_or_recover(repository, data_dir, now)
    return repository, None


def check_or_recover(
    repository: TinyDBSessionRepository, data_dir: Path, now: datetime
) -> tuple[TinyDBSessionRepository, DataRecoveryNotice | None]:
    """Every record must read back, not only the JSON; if one does not, recover (a new
    repository on the restored file, and the notice)."""
    try:
        repository.all_sessions(keep=True)  # the controller reads it next (the app's start-up)
    except InvalidData as damage:
        return _recover(data_dir, now, damage)
    return repository, None


def _recover(
    data_dir: Path, now: datetime, damage: InvalidData
) -> tuple[TinyDBSessionRepository, DataRecoveryNotice]:
    """Set the damaged file aside, restore the newest good backup, then add every session
    of the damaged file that still reads and that the backup lacks (one bad record, such
    as a date out of range, costs that record, not the sessions since the backup)."""
    data_file = data_dir / DATA_FILE_NAME
    aside = set_aside(data_file, now)
    taken = ""
    for backup in reversed(_backups(backup_dir(data_dir))):
        if _reads_back(backup):
            atomic_write_bytes(data_file, backup.read_bytes())
            when = backup.stem.removeprefix("focusmate-")[:15]
            taken = f"{when[:4]}-{when[4:6]}-{when[6:8]} {when[9:11]}:{when[11:13]} UTC"
            break
    repository = TinyDBSessionRepository(data_dir)
    readable, unreadable = _readable_sessions(aside)
    merged = merge_sessions({s.id: s for s in repository.all_sessions()}, readable)
    repository.save_many(merged.to_write)
    notice = DataRecoveryNotice(
        str(damage), aside.name, taken, merged.added + merged.updated, unreadable
    )
    return repository, notice


def _readable_sessions(damaged: Path) -> tuple[list[CoachingSession], int]:
    """The sessions of a damaged data file that still read, and how many do not (a file
    that is not a JSON object of tables yields none)."""
    try:
        if damaged.stat().st_size > MAX_STORED_BYTES:
            return [], 0
        document = parse_json(damaged.read_bytes())
    except (OSError, ValueError):
        return [], 0
    table = document.get(SESSIONS_TABLE) if isinstance(document, dict) else None
    if not isinstance(table, dict):
        return [], 0
    readable = []
    for record in table.values():
        try:
            readable.append(session_from_record(record, where=damaged.name))
        except InvalidData:
            continue
    unreadable = len(table) - len(readable)
    return list({s.id: s for s in readable}.values()), unreadable  # one per id, as merged


def _reads_back(backup: Path) -> bool:
    """A backup counts only if it parses and every session in it validates."""
    try:
        if backup.stat().st_size > MAX_STORED_BYTES:
            return False
        reader = TinyDBSessionRepository(backup.parent, writable=False, file_name=backup.name)
        reader.all_sessions()
    except (InvalidData, OSError):
        return False
    return True
