"""Moving the data folder somewhere else, so that no crash can lose or split the history.

The steps, each a point where a crash may strike (tests/storage/test_data_move.py
interrupts every one and checks which folder is in use and that nothing is lost):

1. **Check** the target: not the current folder, not inside it, a folder (or nothing yet)
   that holds nothing but the leftovers of an earlier interrupted move.
2. **Journal**: a small file in the target lists what is coming and from where; it is what
   lets a later attempt recognise (and replace) the leftovers of this one.
3. **Copy** every data file with an atomic, durable write (files 0600, folders 0700).
4. **Verify**: each copy is read back and compared byte for byte with its original, and
   the history in the copy must parse.
5. **Commit**: the data location file is switched to the target, one atomic rename. Before
   it the old folder is the data folder (the copies are leftovers); after it, the new one.
6. **Clean up**: the journal goes, then the old files are removed durably. A file that
   cannot be removed is reported, not fatal: the move has happened.

Data is everything in the folder except what the caller says to leave (the lock file, the
data location file), temporary files of interrupted writes (removed with the old files)
and links (never followed out of the folder; reported as left behind). So the history,
the running-session file, drafts/, backups/, settings.json, the do-not-disturb journal,
the reminder log and a damaged file that recovery set aside all move, and so will any file
a later version adds.

The caller holds the data folder's lock and makes sure no session is running; nothing
else writes while this runs (it runs on the app's one thread).
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Protocol

from focusmate.core.errors import (
    FocusmateError,
    InvalidData,
    InvalidInput,
    Problem,
    StorageFailure,
)
from focusmate.core.move_refusal import MoveRefused, Refusal
from focusmate.files.atomic import (
    atomic_write_bytes,
    dumps_strict,
    ensure_private_dir,
    read_json,
    remove_durably,
)
from focusmate.storage.repository import DATA_FILE_NAME, TinyDBSessionRepository

log = logging.getLogger(__name__)

JOURNAL_NAME = ".focusmate-move.json"
_JOURNAL_VERSION = 1
#: Files the operating system's file manager drops into folders: neither data nor a reason
#: to refuse a target.
OS_LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
#: How many foreign names a refusal quotes.
NAMES_SHOWN = 3

#: Called with the name of each step as it completes ("journal", "copied <file>", "copied",
#: "verified", "committed", "removed <file>", "done"): a test hook to simulate a crash.
Checkpoint = Callable[[str], None]


class Pointer(Protocol):
    """The data location file (desktop.locations.DataPointer): the move's commit point."""

    def points_to(self) -> Path | None: ...

    def point_to(self, folder: Path) -> None: ...


@dataclass(frozen=True, slots=True)
class MoveReport:
    source: Path
    target: Path
    #: The files moved, relative to the folders ("focusmate.json", "backups/...").
    moved: tuple[str, ...]
    bytes_moved: int
    #: Still in the old folder: files that could not be removed, and links (not ours to move).
    left_behind: tuple[str, ...]


def _nothing(_step: str) -> None:
    return None


def move_data(
    source: Path,
    target: Path,
    pointer: Pointer,
    *,
    leave: Collection[str] = (),
    checkpoint: Checkpoint = _nothing,
) -> MoveReport:
    """Move the data in ``source`` to ``target`` and switch ``pointer`` to it.

    ``leave``: names in the top of the folder that are not data (the lock file, the data
    location file). Raises MoveRefused (nothing written), or StorageFailure when a step
    before the commit fails (the copies are removed again; ``source`` stays in use).
    """
    source, target = source.absolute().resolve(), target.expanduser().absolute().resolve()
    _check_text(target)
    earlier = _check_target(source, target, leave)
    files, garbage, links = _inventory(source, leave)
    try:
        ensure_private_dir(target)
        for name in earlier:  # an interrupted move's copies: replaced by fresh ones
            remove_durably(target / name)
        _write_journal(target, source, files)
        checkpoint("journal")
        size = 0
        for name in files:
            size += _copy(source, target, name)
            checkpoint(f"copied {name}")
        checkpoint("copied")
        _verify(source, target, files)
        checkpoint("verified")
    except FocusmateError:
        _undo_copies(target, files)
        raise
    except OSError as error:
        _undo_copies(target, files)
        raise StorageFailure(
            f"could not copy the data to {target} ({error.strerror or error}); "
            f"nothing was moved, your data stays in {source}",
            Problem.MOVE_NOT_COPIED,
            source=str(source),
            target=str(target),
            detail=error.strerror or str(error),
        ) from None
    _commit(pointer, source, target, files)
    checkpoint("committed")
    left = [*links, *_remove_old(source, target, [*files, *garbage], checkpoint)]
    checkpoint("done")
    return MoveReport(source, target, tuple(files), size, tuple(left))


def _check_text(target: Path) -> None:
    try:
        str(target).encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(
            f"the folder name {str(target)!r} is not valid text; choose or rename a folder",
            Problem.FOLDER_NAME_NOT_TEXT,
            folder=repr(str(target)),
        ) from None


def _check_target(source: Path, target: Path, leave: Collection[str]) -> list[str]:
    """Refuse an unusable target; return the files of an earlier interrupted move in it."""
    shown = str(target)
    if target == source or (target.exists() and source.exists() and target.samefile(source)):
        raise MoveRefused(Refusal.SAME_FOLDER, f"{shown} is already the data folder", folder=shown)
    if target.is_relative_to(source):
        raise MoveRefused(
            Refusal.INSIDE_CURRENT,
            f"{shown} is inside the current data folder {source}; choose a folder outside it",
            folder=shown,
        )
    if not target.exists():
        return []
    if not target.is_dir():
        raise MoveRefused(Refusal.NOT_A_FOLDER, f"{shown} is a file, not a folder", folder=shown)
    earlier = _journal_files(target)
    ours = {JOURNAL_NAME, *earlier} if earlier is not None else set()
    foreign = [
        name
        for name in _all_files(target)
        if name not in ours
        and PurePosixPath(name).name not in OS_LITTER
        and name not in leave
        and not (earlier is not None and _is_temporary(name))
    ]
    if foreign:
        raise MoveRefused(
            Refusal.NOT_EMPTY,
            f"{shown} already holds other files ({', '.join(foreign[:NAMES_SHOWN])}"
            f"{', ...' if len(foreign) > NAMES_SHOWN else ''}); choose an empty folder",
            folder=shown,
            names=foreign[:NAMES_SHOWN],
        )
    if earlier is None:
        return []
    return [name for name in _all_files(target) if name in earlier or _is_temporary(name)]


def _journal_files(target: Path) -> list[str] | None:
    """The files an earlier, interrupted move into ``target`` wrote (None: no such move)."""
    try:
        record = read_json(target / JOURNAL_NAME, "the move journal")
    except (InvalidData, OSError):
        return None  # not readable as ours: its files count as foreign
    if not isinstance(record, dict) or record.get("version") != _JOURNAL_VERSION:
        return None
    files = record.get("files")
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return [f for f in files if _is_relative_name(f)]


def _is_relative_name(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts


def _is_temporary(name: str) -> bool:
    """A temporary file of an atomic write that never finished (".<name>.<random>.tmp")."""
    base = PurePosixPath(name).name
    return base.startswith(".") and base.endswith(".tmp")


def _all_files(folder: Path) -> Iterator[str]:
    """Every non-directory entry under ``folder`` (links not followed), relative, sorted."""
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        here = Path(root)
        for name in sorted(names):
            yield (here / name).relative_to(folder).as_posix()
        for name in dirs:
            if (here / name).is_symlink():
                yield (here / name).relative_to(folder).as_posix()


def _inventory(source: Path, leave: Collection[str]) -> tuple[list[str], list[str], list[str]]:
    """(data files to move, temporary files to remove, links and oddities to leave)."""
    files: list[str] = []
    garbage: list[str] = []
    links: list[str] = []
    if not source.is_dir():
        return files, garbage, links
    for name in _all_files(source):
        mode = (source / name).lstat().st_mode
        if name in leave or name == JOURNAL_NAME or PurePosixPath(name).name in OS_LITTER:
            continue
        if not stat.S_ISREG(mode):
            links.append(name)
        elif _is_temporary(name):
            garbage.append(name)
        else:
            files.append(name)
    return files, garbage, links


def _write_journal(target: Path, source: Path, files: list[str]) -> None:
    record = {"version": _JOURNAL_VERSION, "from": str(source), "files": files}
    atomic_write_bytes(target / JOURNAL_NAME, dumps_strict(record))


def _copy(source: Path, target: Path, name: str) -> int:
    payload = (source / name).read_bytes()
    destination = target / name
    folder = target
    for part in PurePosixPath(name).parent.parts:  # drafts/, backups/: 0700 like the rest
        folder /= part
        ensure_private_dir(folder)
    atomic_write_bytes(destination, payload)
    return len(payload)


def _verify(source: Path, target: Path, files: list[str]) -> None:
    """Every copy reads back byte for byte, and the copied history parses (once: with the
    same bytes it is the same history; parsing five years takes ~0.3 s). A history that does
    not parse here did not parse in the old folder either: it moves as it is, and the app's
    recovery deals with it at the next start, wherever it lives."""
    for name in files:
        if (target / name).read_bytes() != (source / name).read_bytes():
            raise StorageFailure(
                f"the copy of {name} in {target} did not read back the same; "
                f"nothing was moved, your data stays in {source}",
                Problem.MOVE_NOT_VERIFIED,
                source=str(source),
                target=str(target),
            )
    if DATA_FILE_NAME in files and not _parses(target) and _parses(source):
        raise StorageFailure(
            f"the history copied to {target} does not read back; "
            f"nothing was moved, your data stays in {source}",
            Problem.MOVE_NOT_VERIFIED,
            source=str(source),
            target=str(target),
        )


def _parses(folder: Path) -> bool:
    try:
        TinyDBSessionRepository(folder, writable=False).all_sessions()
    except InvalidData:
        return False
    return True


def _commit(pointer: Pointer, source: Path, target: Path, files: list[str]) -> None:
    try:
        pointer.point_to(target)
    except OSError as error:
        try:
            switched: bool | None = pointer.points_to() == target
        except (FocusmateError, OSError):
            switched = None  # cannot tell: keep the copies, whichever folder is named
        if switched:  # the rename happened; only the sync of its folder failed
            log.warning("the data location file may not be on disk yet: %s", error)
            return
        if switched is False:  # still the old folder: the copies are mere leftovers
            _undo_copies(target, files)
        raise StorageFailure(
            f"could not switch the data folder to {target} ({error.strerror or error}); "
            f"nothing was moved, your data stays in {source}",
            Problem.MOVE_NOT_SWITCHED,
            source=str(source),
            target=str(target),
            detail=error.strerror or str(error),
        ) from None


def _undo_copies(target: Path, files: list[str]) -> None:
    """Remove what a failed move wrote into ``target``, the journal last (so that if this is
    interrupted too, the rest is still recognised as the leftovers of a move)."""
    try:
        for name in files:
            remove_durably(target / name)
        _remove_empty_folders(target, files)
        remove_durably(target / JOURNAL_NAME)
    except OSError as error:
        log.warning("could not remove the partial copy in %s: %s", target, error)


def _remove_old(source: Path, target: Path, names: list[str], checkpoint: Checkpoint) -> list[str]:
    """Remove the moved files from the old folder; return those that would not go."""
    try:
        remove_durably(target / JOURNAL_NAME)
    except OSError as error:  # harmless: a journal in the data folder is never moved
        log.warning("could not remove the move journal in %s: %s", target, error)
    left = []
    for name in names:
        try:
            remove_durably(source / name)
        except OSError as error:
            log.warning("could not remove %s from the old data folder: %s", name, error)
            left.append(name)
        checkpoint(f"removed {name}")
    for root, dirs, _names in os.walk(source, topdown=False):  # drafts/, backups/
        for name in dirs:
            with contextlib.suppress(OSError):  # not empty, or a link: left as it is
                (Path(root) / name).rmdir()
    return left


def _remove_empty_folders(root: Path, names: list[str]) -> None:
    """rmdir the sub-folders of ``root`` that held ``names`` once they are empty."""
    folders = {root / parent for name in names for parent in PurePosixPath(name).parents}
    for folder in sorted(folders - {root}, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):  # not empty (or already gone): leave it
            folder.rmdir()
