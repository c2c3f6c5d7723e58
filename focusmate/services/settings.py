"""The user's settings while the app runs: one current value, saved atomically, applied live.

The settings dialog submits a new Settings; this validates it, writes it to disk and then
announces it, so the controller, the menus, the hotkeys and the reminder follow at once
(no restart). A value that cannot be saved is not applied, and the dialog says why.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from focusmate.core.errors import Problem, StorageFailure
from focusmate.core.hotkeys import HotkeyBindings
from focusmate.core.settings import Settings
from focusmate.storage.settings_store import save_settings


class SettingsService(QObject):
    #: New settings were saved (carries the Settings).
    changed = Signal(object)

    def __init__(self, data_dir: Path, current: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self.current = current

    def apply(self, settings: Settings) -> None:
        """Validate, save, then announce; raises FocusmateError and changes nothing if any fails."""
        HotkeyBindings.from_text(settings.hotkeys).check_conflicts()
        settings.kinds  # noqa: B018 - refuses duplicate or reserved kind ids
        settings.session_kinds  # noqa: B018 - the same for the kinds of session
        try:
            save_settings(self._data_dir, settings)
        except OSError as error:
            raise StorageFailure(
                f"could not save the settings: {error.strerror or error}",
                Problem.SETTINGS_NOT_SAVED,
                detail=error.strerror or str(error),
            ) from None
        self.current = settings
        self.changed.emit(settings)
