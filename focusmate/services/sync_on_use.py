"""Sync across computers (issue 19), its service made on first use.

The sync service brings the merge rules, the sync folder's reader, hashing and a worker pool
(about 30 modules and 2 MB) that an install which does not sync never needs (issue 18: an
idle tray as light as a bare one). Until sync is set up (its file in the data folder at
start-up) or turned on, this front answers for it: off, nothing running elsewhere. Everyone
else (the windows, the Sync tab, the socket's commands) holds this front, never the service.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from focusmate.services.sync_files import CONFIG_FILE

if TYPE_CHECKING:
    from focusmate.services.sync_service import SyncService


def off_status() -> dict[str, Any]:
    """The `sync status` document while sync is off."""
    return {"enabled": False}


class SyncOnUse(QObject):
    """The SyncService ``make`` returns, made when sync is set up or turned on."""

    #: Sync was turned on or off, or its status changed (SyncService.changed).
    changed = Signal()

    def __init__(
        self, make: Callable[[], SyncService], data_dir: Path, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._make = make
        self._data_dir = data_dir
        self._service: SyncService | None = None

    def service(self) -> SyncService:
        """The service, made now if it was not: to turn sync on or off."""
        if self._service is None:
            self._service = self._make()
            self._service.changed.connect(self.changed)
        return self._service

    @property
    def made(self) -> bool:
        """Whether the service was made (sync set up or used in this run)."""
        return self._service is not None

    def start(self) -> None:
        """At start-up: sync goes on where it was set up (SyncService.start)."""
        if self._service is not None or (self._data_dir / CONFIG_FILE).exists():
            self.service().start()

    def stop(self) -> None:
        if self._service is not None:
            self._service.stop()

    @property
    def enabled(self) -> bool:
        return self._service is not None and self._service.enabled

    def check_start(self, person: str) -> None:
        if self._service is not None:
            self._service.check_start(person)

    def running_with(self, person: str) -> tuple[str, str] | None:
        return None if self._service is None else self._service.running_with(person)

    def running_elsewhere(self) -> list[str]:
        return [] if self._service is None else self._service.running_elsewhere()

    def status(self) -> dict[str, Any]:
        return off_status() if self._service is None else self._service.status()
