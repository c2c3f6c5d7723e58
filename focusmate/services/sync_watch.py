"""When to look in the sync folder (issue 19): ``arrived`` fires when something may have
come, and costs no CPU while nothing changes.

A folder on this computer is watched (QFileSystemWatcher, inotify on Linux): the sync
folder, ``devices`` and each device's folder, where a sync engine delivers a file by
renaming it, and each device's newest segment, which a writer on this computer or a network
file system appends to. A burst of deliveries is one look (SETTLE_MS). A slow timer is the
safety net for what a watcher misses; a WebDAV share cannot be watched and is asked every
WEBDAV_POLL_MS, no more often.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from focusmate.services.sync_config import is_webdav
from focusmate.sync.local_folder import LocalFolder

#: After the watcher fires: a sync engine delivers several files at once; look once.
SETTLE_MS = 300
#: The safety net for a watcher that missed something (a network file system).
LOCAL_POLL_MS = 60_000
#: A WebDAV share cannot be watched: asked this often, no more (no hard polling).
WEBDAV_POLL_MS = 45_000


class FolderWatch(QObject):
    """Watches one sync folder (``start``), until ``stop``."""

    #: Something may have arrived in the sync folder: look.
    arrived = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._where: str | None = None
        self._watcher: QFileSystemWatcher | None = None
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.arrived.emit)
        self._safety = QTimer(self)
        self._safety.timeout.connect(self.arrived.emit)

    def start(self, where: str) -> None:
        """The safety net now; the watcher once ``follow`` is called (after the first look:
        the folders it watches may not be there before)."""
        self._where = where
        self._safety.setInterval(WEBDAV_POLL_MS if is_webdav(where) else LOCAL_POLL_MS)
        self._safety.start()

    def follow(self) -> None:
        """Watch what is there now (call it after each look: a new device's folder, a new
        segment)."""
        where = self._where
        if where is None or is_webdav(where):
            return
        if self._watcher is None:
            self._watcher = QFileSystemWatcher(self)
            self._watcher.directoryChanged.connect(lambda _path: self._settle.start())
            self._watcher.fileChanged.connect(lambda _path: self._settle.start())
        folders = LocalFolder(Path(where)).folders_to_watch()
        newest = (max(f.glob("log-*.jsonl"), default=None) for f in folders)
        wanted = {str(p) for p in (*folders, *newest) if p is not None}
        watched = {*self._watcher.directories(), *self._watcher.files()}
        if wanted - watched:
            self._watcher.addPaths(sorted(wanted - watched))

    def stop(self) -> None:
        self._where = None
        self._safety.stop()
        self._settle.stop()
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None
