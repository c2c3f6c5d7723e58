"""Nobody else in: the data folder is 0700 and every file in it 0600. Checked at every start;
anything looser is tightened and reported, because reflections are private.

The report is a :class:`PermissionsNotice`: it is made before the app has loaded its
translations, so ``str()`` words it in the user's language only when it is shown, and
:attr:`PermissionsNotice.in_english` is the same sentence for the log.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from focusmate.core.errors import StorageFailure
from focusmate.core.text import Translator, Worded
from focusmate.files.atomic import DIR_MODE, FILE_MODE

#: How many changed names the notice lists before it says "and N more".
NAMES_SHOWN = 3


def check_owner(data_dir: Path) -> None:
    """The data folder must be this user's: run as root (sudo, a system service), focusmate
    would otherwise write root's files into another user's folder, or chmod it, without a
    word. StorageFailure, in one line, before anything is changed."""
    if os.name != "posix":
        return
    try:
        owner = data_dir.stat().st_uid
    except OSError:
        return  # not there yet (made by us), or the next step says what is wrong
    if owner != os.geteuid():
        raise StorageFailure(
            f"the data folder {data_dir} belongs to another user (uid {owner}); focusmate "
            "uses only a folder of your own: run it as that user, or choose a folder with "
            "--data-dir"
        )


def tighten_permissions(data_dir: Path) -> list[str]:
    """Make the folder 0700 and its files 0600; return what was changed (relative names)."""
    if os.name != "posix" or not data_dir.is_dir():
        return []
    changed = []
    for path in [data_dir, *sorted(data_dir.rglob("*"))]:
        if path.is_symlink():
            continue  # never follow a link out of the data folder
        wanted = DIR_MODE if path.is_dir() else FILE_MODE
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & ~wanted:
            path.chmod(wanted)
            changed.append(str(path.relative_to(data_dir)) or ".")
    return changed


@dataclass(frozen=True, slots=True)
class PermissionsNotice(Worded):
    """Files others could read were made private again; str() says so in the user's language."""

    changed: tuple[str, ...]

    def worded(self, translate: Translator) -> str:
        names = ", ".join(self.changed[:NAMES_SHOWN])
        more = len(self.changed) - NAMES_SHOWN
        if more > 0:
            text = translate(
                "StartNotice",
                "Others could read some of your focusmate files ({names} and {n} more); they "
                "are private to you again.",
            )
        else:
            text = translate(
                "StartNotice",
                "Others could read some of your focusmate files ({names}); they are private to "
                "you again.",
            )
        return text.format(names=names, n=more)


def permissions_notice(changed: list[str]) -> PermissionsNotice | None:
    """What to tell the user about ``changed`` (from :func:`tighten_permissions`), if anything."""
    return PermissionsNotice(tuple(changed)) if changed else None
