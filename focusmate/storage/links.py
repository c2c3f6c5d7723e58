"""No write, chmod or delete follows a link out of the data folder.

The data folder itself may be a link (the user put it on another drive); what is inside it
is focusmate's, and a link there would take writes elsewhere: backups (copies of the
history, and rotation deleting "old" files), drafts, or a data file pointing at a file
others can read. At start :func:`unlink_data_folder` takes each such link out of the way:

* a folder link (``backups``, ``drafts``) is renamed ``<name>.link-<stamp>`` (the link, not
  what it points to; nothing there is touched) and focusmate's own folder starts anew;
* a file link is replaced by a private copy of what it points to (so nothing is lost), and
  the outside file is left as it was; the notice says whether others can read it.

Between starts, files.atomic.ensure_own_folder refuses to write into a folder that has
become a link since, with one line.
"""

from __future__ import annotations

import stat
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from focusmate.core.text import Translator, Worded
from focusmate.files.atomic import atomic_write_bytes
from focusmate.files.set_aside import set_aside
from focusmate.storage.atomic_storage import MAX_STORED_BYTES
from focusmate.storage.reminder_log import REMINDER_FILE_NAME
from focusmate.storage.repository import (
    CURRENT_FILE_NAME,
    DATA_FILE_NAME,
    DRAFTS_DIR_NAME,
    PREVIOUS_FILE_NAME,
)
from focusmate.storage.settings_store import SETTINGS_FILE_NAME

BACKUP_DIR_NAME = "backups"
#: The folders and files in the data folder that focusmate writes (the do-not-disturb
#: journal's name comes from the app).
OWN_FOLDERS = (BACKUP_DIR_NAME, DRAFTS_DIR_NAME)
OWN_FILES = (
    DATA_FILE_NAME,
    CURRENT_FILE_NAME,
    PREVIOUS_FILE_NAME,
    SETTINGS_FILE_NAME,
    REMINDER_FILE_NAME,
)


@dataclass(frozen=True, slots=True)
class LinkNotice(Worded):
    """One link taken out of the way; str() says what focusmate did, in the user's language."""

    name: str  # in the data folder
    target: str  # where the link pointed
    kept_as: str = ""  # a folder link's new name ("" for a file link, replaced by a copy)
    readable_by_others: bool = False  # the outside file (file links only)

    def worded(self, translate: Translator) -> str:
        if self.kept_as:
            text = translate(
                "StartNotice",
                "{name} in your data folder was a link to {target}. focusmate keeps its files "
                "only in its own folder: the link was kept as {kept_as}, and nothing in "
                "{target} was changed.",
            )
        else:
            text = translate(
                "StartNotice",
                "{name} in your data folder was a link to {target}. focusmate keeps its files "
                "only in its own folder: it now keeps a private copy there, and {target} was "
                "left as it was.",
            )
        if self.readable_by_others:
            text += " " + translate(
                "StartNotice", "Others can read {target}: delete it, or make it private."
            )
        return text.format(name=self.name, target=self.target, kept_as=self.kept_as)


def unlink_data_folder(
    data_dir: Path, now: datetime, more_files: Iterable[str] = ()
) -> list[LinkNotice]:
    """Take every link among focusmate's folders and files out of the way (see the module's
    docstring); what to tell the user."""
    notices = []
    for name in OWN_FOLDERS:
        path = data_dir / name
        if path.is_symlink():
            target = str(path.readlink())
            kept = set_aside(path, now, mark="link")
            notices.append(LinkNotice(name, target, kept_as=kept.name))
    for name in (*OWN_FILES, *more_files):
        path = data_dir / name
        if path.is_symlink():
            notices.append(_copy_in(path, now))
    return notices


def _copy_in(link: Path, now: datetime) -> LinkNotice:
    """Replace a file link with a private copy of a regular file it points to; any other
    link (dangling, to a device, a folder, a huge file) is set aside instead."""
    target = str(link.readlink())
    try:
        found = link.stat()
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_STORED_BYTES:
            raise OSError("not a file focusmate could have written")
        payload = link.read_bytes()
    except OSError:
        kept = set_aside(link, now, mark="link")
        return LinkNotice(link.name, target, kept_as=kept.name)
    atomic_write_bytes(link, payload)  # replaces the link itself with a private file
    others = bool(found.st_mode & (stat.S_IRGRP | stat.S_IROTH))
    return LinkNotice(link.name, target, readable_by_others=others)
