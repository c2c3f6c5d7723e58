"""A second focusmate process meets the one that holds the data folder.

It does its work itself when the folder's lock is free, or hands its request to the running
app. While the holder is still starting (two launches at the same instant, `focusmate
review` racing the autostart) nobody answers on the socket yet: it waits for the winner to
answer, or for the lock to come free, instead of saying that focusmate is not running.
"""

from __future__ import annotations

import time

from focusmate.core.errors import NotPossibleNow
from focusmate.desktop.ipc_client import NotListening

#: typing.TYPE_CHECKING without importing typing (see desktop.client_paths): the data folder
#: comes as text from a socket command (no pathlib), as a Path from the rest.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import TypeVar

    from _typeshed import StrPath

    Outcome = TypeVar("Outcome")

#: How long the holder of the lock may take to answer: its whole start-up, tray wait included.
OWNER_WAIT_S = 20.0
POLL_S = 0.05


def alone_or_by_owner(
    data: StrPath, alone: Callable[[], Outcome | None], ask: Callable[[], Outcome]
) -> Outcome:
    """``alone()`` (it returns None when another process holds the data folder's lock), else
    ``ask()`` the app holding it (it raises NotListening while that app starts). Tries both
    until one succeeds; NotPossibleNow if the holder neither answers nor lets go in time."""
    deadline = time.monotonic() + OWNER_WAIT_S
    while True:
        done = alone()
        if done is not None:
            return done
        try:
            return ask()
        except NotListening:
            if time.monotonic() >= deadline:
                raise NotPossibleNow(_not_answering(data)) from None
        time.sleep(POLL_S)  # the holder is starting, or finishing an offline command


def by_owner(data: StrPath, ask: Callable[[], Outcome]) -> Outcome:
    """``ask()`` the running app; when nobody answers but a process holds the data folder (an
    app still starting), wait for it like :func:`alone_or_by_owner`. NotListening when no
    process holds the folder: focusmate is not running."""
    try:
        return ask()
    except NotListening:
        if not _held(data):
            raise

    def unless_free() -> Outcome | None:
        return None if _held(data) else ask()

    return alone_or_by_owner(data, unless_free, ask)


def _held(data: StrPath) -> bool:
    """Whether a process holds the data folder's lock. Imported here: the socket commands
    need it only when no app answers (ARCHITECTURE invariant 13)."""
    from focusmate.desktop.single_instance import is_held  # noqa: PLC0415

    return is_held(_lock_path(data))


def _lock_path(data: StrPath) -> Path:
    from pathlib import Path  # noqa: PLC0415 - as _held

    from focusmate.desktop.locations import lock_path  # noqa: PLC0415

    return lock_path(Path(data))


def _not_answering(data: StrPath) -> str:
    from focusmate.desktop.single_instance import holder_pid  # noqa: PLC0415 - as _held

    pid = holder_pid(_lock_path(data))
    holder = f"another focusmate (process {pid})" if pid else "another focusmate"
    return (
        f"{holder} is using the data folder {data} but did not answer within "
        f"{OWNER_WAIT_S:g} seconds; if it does not respond, end it and start focusmate again"
    )
