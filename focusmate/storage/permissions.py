"""Nobody else in: the data folder is 0700 and every file in it 0600. Checked at every start;
anything looser is tightened and reported, because reflections are private."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from focusmate.atomic_files import DIR_MODE, FILE_MODE


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


def permissions_notice(changed: list[str]) -> str | None:
    if not changed:
        return None
    shown = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
    return (
        f"Others could read some of your focusmate files ({shown}); they are private to you again."
    )
