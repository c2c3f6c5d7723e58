"""Start-up's check of the small files focusmate owns besides the history: the running
session, the settings, the reflection drafts and the reminder log.

A damaged one (not JSON, the wrong shape, unreadable, a folder in its place: a bad sector,
a sync tool, a hand edit) never keeps the app from starting: it is kept aside under a dated
name (storage.set_aside) and the best state is used instead: the running session's previous
generation if there is one, the default settings, no draft, "the reminder was never shown".
The user is told once, by a :class:`DamagedFileNotice` per file, what happened and what was
lost. (The history itself is storage.backups' job, the do-not-disturb journal JournaledSilencer's.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

from focusmate.core.errors import InvalidData
from focusmate.core.text import Translator, Worded
from focusmate.files.atomic import atomic_write_bytes
from focusmate.files.set_aside import set_aside
from focusmate.storage.reminder_log import REMINDER_FILE_NAME, read_last_shown
from focusmate.storage.repository import (
    CURRENT_FILE_NAME,
    DRAFTS_DIR_NAME,
    PREVIOUS_FILE_NAME,
    read_session_file,
)
from focusmate.storage.settings_store import SETTINGS_FILE_NAME, load_settings_file


class OwnedFile(Enum):
    RUNNING_SESSION = "running-session"
    SETTINGS = "settings"
    DRAFT = "draft"
    REMINDER_LOG = "reminder-log"


@dataclass(frozen=True, slots=True)
class DamagedFileNotice(Worded):
    """One damaged file, kept aside; str() says what focusmate used instead, in the user's
    language at that moment."""

    file: OwnedFile
    damage: str  # what was wrong with it (English, technical)
    kept_as: str  # its new name, relative to the data folder
    resumed: bool = False  # the running session resumed from its previous generation

    def worded(self, translate: Translator) -> str:
        if self.file is OwnedFile.RUNNING_SESSION and self.resumed:
            text = translate(
                "StartNotice",
                "The file of the running session was damaged ({damage}). It was kept as "
                "{kept_as}; the session goes on as it was before its last change.",
            )
        elif self.file is OwnedFile.RUNNING_SESSION:
            text = translate(
                "StartNotice",
                "The file of the running session was damaged ({damage}). It was kept as "
                "{kept_as}; that session could not be recovered.",
            )
        elif self.file is OwnedFile.SETTINGS:
            text = translate(
                "StartNotice",
                "Your settings file was damaged ({damage}). It was kept as {kept_as}; focusmate "
                "uses the default settings until you change them.",
            )
        elif self.file is OwnedFile.DRAFT:
            text = translate(
                "StartNotice",
                "A reflection draft was damaged ({damage}). It was kept as {kept_as}; its "
                "unsaved answers are not shown.",
            )
        else:
            text = translate(
                "StartNotice",
                "The record of the morning reminder was damaged ({damage}). It was kept as "
                "{kept_as}; today's reminder may show once more.",
            )
        return text.format(damage=self.damage, kept_as=self.kept_as)


def check_owned_files(data_dir: Path, now: datetime) -> list[DamagedFileNotice]:
    """Set aside every damaged file (see the module's docstring); what to tell the user."""
    found = [
        _check(data_dir, CURRENT_FILE_NAME, OwnedFile.RUNNING_SESSION, _running, now),
        _check(data_dir, SETTINGS_FILE_NAME, OwnedFile.SETTINGS, load_settings_file, now),
        _check(data_dir, REMINDER_FILE_NAME, OwnedFile.REMINDER_LOG, read_last_shown, now),
    ]
    drafts = data_dir / DRAFTS_DIR_NAME
    if drafts.is_dir() and not drafts.is_symlink():
        for draft in sorted(drafts.glob("*.json")):
            name = f"{DRAFTS_DIR_NAME}/{draft.name}"
            found.append(_check(data_dir, name, OwnedFile.DRAFT, _draft, now))
    notices = [notice for notice in found if notice is not None]
    for index, notice in enumerate(notices):
        if notice.file is OwnedFile.RUNNING_SESSION:
            notices[index] = _resume_previous(data_dir, notice)
    return notices


def _running(path: Path) -> object:
    return read_session_file(path, "the running-session file")


def _draft(path: Path) -> object:
    return read_session_file(path, "the reflection draft")


def _check(
    data_dir: Path, name: str, file: OwnedFile, read: Callable[[Path], object], now: datetime
) -> DamagedFileNotice | None:
    path = data_dir / name
    try:
        read(path)
    except FileNotFoundError:
        return None
    except InvalidData as error:
        damage = str(error)
    except OSError as error:  # unreadable, or a folder where the file should be
        damage = f"cannot read {path}: {error.strerror or error}"
    else:
        return None
    aside = set_aside(path, now)
    return DamagedFileNotice(file, damage, str(aside.relative_to(data_dir)))


def _resume_previous(data_dir: Path, notice: DamagedFileNotice) -> DamagedFileNotice:
    """Put the running session's previous generation back, if it reads and still runs."""
    previous = data_dir / PREVIOUS_FILE_NAME
    try:
        session = read_session_file(previous, "the running session's previous generation")
    except (InvalidData, OSError):
        return notice
    if session is None or not session.running:
        return notice
    atomic_write_bytes(data_dir / CURRENT_FILE_NAME, previous.read_bytes())
    return DamagedFileNotice(notice.file, notice.damage, notice.kept_as, resumed=True)
