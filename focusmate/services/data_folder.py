"""The data folder of this run, as the settings window and the CLI see it: where it is, why,
and moving it.

A move is refused when the folder was chosen at launch (--data-dir, $FOCUSMATE_DATA_DIR:
that choice wins at every start) or while a session runs; otherwise it is
storage.data_move with the data location file as its commit point. Afterwards the running
app restarts itself (the lock, the local socket's name and several parts hold the old path),
and the new process finds the new folder through the data location file.

Starting the app, a damaged data location file does not stop it (:func:`locate_for_the_app`):
it is kept aside under a dated name, the default folder is used, and the user is told. A
file that names a folder that is not there still stops it (an unplugged drive: starting on
an empty folder would make the history look lost).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from focusmate.core.move_refusal import MoveRefused, Refusal
from focusmate.core.text import Translator, Worded
from focusmate.desktop.locations import (
    LOCK_FILE_NAME,
    POINTER_FILE_NAME,
    DamagedPointer,
    DataLocation,
    DataPointer,
    locate_data_dir,
)
from focusmate.files.set_aside import set_aside
from focusmate.services.data_lock import take_data_lock

if TYPE_CHECKING:  # the move itself loads with the first move
    from focusmate.storage.data_move import MoveReport

log = logging.getLogger(__name__)

#: In the data folder but not data: they stay where they are.
NOT_DATA = (LOCK_FILE_NAME, POINTER_FILE_NAME)


def _never() -> bool:
    return False


def _nothing() -> None:
    return None


class DataFolder:
    """The running app's data folder: the settings window shows it and asks to move it."""

    def __init__(
        self,
        location: DataLocation,
        *,
        session_running: Callable[[], bool] = _never,
        restart: Callable[[], None] = _nothing,
        pointer: DataPointer | None = None,
    ) -> None:
        self._location = location
        self._session_running = session_running
        self._restart = restart
        self._pointer = pointer

    @property
    def path(self) -> Path:
        return self._location.path

    @property
    def fixed_by(self) -> str | None:
        """How the folder was chosen at launch ("--data-dir"...) when it cannot move from here."""
        return self._location.fixed_by

    def move(self, target: Path) -> list[str]:
        """Move the data to ``target``; the names left in the old folder (usually none).

        Raises MoveRefused or StorageFailure, and then nothing has changed. On success,
        call :meth:`restart` (after telling the user about anything left behind)."""
        return list(self.move_report(target).left_behind)

    def move_report(self, target: Path) -> MoveReport:
        check_movable(self._location, session_running=self._session_running())
        return _timed_move(self._location.path, target, self._pointer or DataPointer())

    def restart(self) -> None:
        """Quit and start again on the new folder (the app's restart)."""
        self._restart()


def check_movable(location: DataLocation, *, session_running: bool) -> None:
    if location.fixed_by is not None:
        raise MoveRefused(
            Refusal.FIXED,
            f"the data folder {location.path} was chosen with {location.fixed_by}, which "
            "wins at every start; move the files yourself and change that setting instead",
            folder=str(location.path),
        )
    if session_running:
        raise MoveRefused(
            Refusal.SESSION_RUNNING, "a coaching session is running; end the session first"
        )


def move_offline(
    location: DataLocation, target: Path, pointer: DataPointer | None = None
) -> MoveReport | None:
    """The CLI's move when no app runs, under the data folder's lock; None when an app holds
    the lock (then ask it, so that it moves and restarts itself)."""
    check_movable(location, session_running=False)
    lock = take_data_lock(location.path)
    if lock is None:
        return None
    try:
        report = _timed_move(location.path, target, pointer or DataPointer())
    finally:
        lock.release()
    with contextlib.suppress(OSError):  # the lock file went with the release: tidy up
        location.path.rmdir()
    return report


def _timed_move(source: Path, target: Path, pointer: DataPointer) -> MoveReport:
    from focusmate.storage.data_move import move_data  # noqa: PLC0415 - rare: not at start-up

    started = time.monotonic()
    report = move_data(source, target, pointer, leave=NOT_DATA)
    log.info(
        "moved %d files (%d bytes) from %s to %s in %.2f s%s",
        len(report.moved),
        report.bytes_moved,
        report.source,
        report.target,
        time.monotonic() - started,
        f"; left in the old folder: {', '.join(report.left_behind)}" if report.left_behind else "",
    )
    return report


@dataclass(frozen=True, slots=True)
class PointerNotice(Worded):
    """The data location file was damaged and set aside; str() says so in the user's language."""

    damage: str  # what was wrong with it (English, technical)
    kept_as: str  # its new path
    folder: str  # the default data folder, used instead

    def worded(self, translate: Translator) -> str:
        text = translate(
            "StartNotice",
            "The data location file was damaged ({damage}). It was kept as {kept_as}; focusmate "
            "uses the default data folder {folder} for now. If your history was in another "
            "folder, start focusmate with --data-dir and that folder.",
        )
        return text.format(damage=self.damage, kept_as=self.kept_as, folder=self.folder)


def locate_for_the_app(
    override: str | None, now: datetime, pointer: DataPointer | None = None
) -> DataLocation:
    """The data folder for starting the app: as desktop.locations.locate_data_dir, except that
    a damaged data location file is set aside and the default folder used, with a notice."""
    pointer = pointer or DataPointer()
    try:
        return locate_data_dir(override, pointer=pointer)
    except DamagedPointer as damage:
        reason = str(damage).split("; ", 1)[0]  # without the advice: the notice has its own
        try:
            kept = set_aside(pointer.path, now)
        except OSError:
            raise damage from None  # cannot move it (a read-only folder): say what is wrong
    location = locate_data_dir(override, pointer=pointer)
    return location._replace(notice=PointerNotice(reason, str(kept), str(location.path)))
