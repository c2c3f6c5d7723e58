"""The do-not-disturb journal: the state to put back, on disk before anything is changed.

One small JSON file (mode 0600) written by JournaledSilencer just before it silences the desktop and
deleted once the previous state is back.  If it survives, focusmate did not finish a session:
the guard process replays it within seconds of the app's death, and the next start replays it
otherwise.  ``token`` ties a journal to the session (and guard) that wrote it, so a guard never
replays or deletes a newer session's journal.  Reading needs only the standard library, so the
guard stays small; JournaledSilencer writes it atomically through focusmate.storage.
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from focusmate.core.dnd import PreviousState
from focusmate.core.errors import InvalidData
from focusmate.files.atomic import read_json

JOURNAL_VERSION = 1


@dataclass(frozen=True, slots=True)
class Journal:
    """What a session changed: the backend's name and the state it had before."""

    backend: str
    token: str
    previous: PreviousState
    #: When the session silenced the desktop (ISO 8601, UTC), for messages and debugging.
    engaged_at: str
    #: Failed replays at start-up so far (given up after a few, see JournaledSilencer.recover).
    failed_replays: int = 0
    version: int = field(default=JOURNAL_VERSION)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def read_journal(path: Path) -> Journal | None:
    """The journal at ``path``, or None when there is none; InvalidData when it is damaged."""
    try:
        data = read_json(path, "the do-not-disturb journal")
    except OSError as error:
        raise InvalidData(f"cannot read the do-not-disturb journal {path}: {error}") from error
    return None if data is None else _journal_from(data, path)


def _journal_from(data: Any, path: Path) -> Journal:
    if not isinstance(data, dict) or data.get("version") != JOURNAL_VERSION:
        raise InvalidData(f"the do-not-disturb journal {path} has an unknown format")
    backend, token, previous = data.get("backend"), data.get("token"), data.get("previous")
    engaged_at, failed = data.get("engaged_at", ""), data.get("failed_replays", 0)
    if not (
        isinstance(backend, str)
        and isinstance(token, str)
        and isinstance(previous, dict)
        and isinstance(engaged_at, str)
        and isinstance(failed, int)
    ):
        raise InvalidData(f"the do-not-disturb journal {path} is incomplete")
    return Journal(backend, token, previous, engaged_at, failed)


def remove_journal(path: Path, token: str | None = None) -> None:
    """Delete the journal; with ``token``, only if it is still that session's journal."""
    if token is not None:
        try:
            current = read_journal(path)
        except InvalidData:
            return
        if current is None or current.token != token:
            return
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
