"""Settings from the tray menu: saved atomically and applied at once, or refused with a reason;
start at login and the data folder handed to the window by the app's own wiring."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTime
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog

from focusmate.core.reminders import MorningReminder
from focusmate.core.settings import Settings
from focusmate.desktop.autostart import XdgAutostart, launch_command
from focusmate.desktop.locations import DataDirSource, DataLocation, DataPointer
from focusmate.services import hotkey_service
from focusmate.services.controller import SessionController
from focusmate.services.data_folder import DataFolder
from focusmate.services.held_notifications import HeldNotifications
from focusmate.services.settings import SettingsService
from focusmate.services.startup import Background, Restart
from focusmate.storage.reminder_log import FileReminderLog
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.storage.settings_store import load_settings
from focusmate.ui.actions import AppActions
from focusmate.ui.settings_dialog import SettingsDialog
from focusmate.ui.tray import Tray
from focusmate.ui.windows import Windows
from tests.fakes import FakeClock


@pytest.fixture
def windows(
    controller: SessionController, actions: AppActions, service: SettingsService
) -> Iterator[Windows]:
    windows = Windows(controller, actions, use_tray=False, settings=service)
    service.changed.connect(lambda new: (controller.set_kinds(new.kinds), actions.update_kinds()))
    yield windows
    windows.close_all()


def data_folder(old: Path, controller: SessionController, restart: Restart) -> DataFolder:
    """The app's data folder port, as app.run builds it."""
    return DataFolder(
        DataLocation(old, DataDirSource.DEFAULT),
        restart=restart.request,
        session_running=lambda: controller.current is not None,
    )


def open_dialog(windows: Windows, actions: AppActions) -> SettingsDialog:
    actions.settings.trigger()
    dialog = windows.window(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_a_new_kind_is_saved_and_in_the_menu_at_once(
    windows: Windows, actions: AppActions, controller: SessionController, tmp_path: Path
) -> None:
    tray = Tray(controller, actions)
    dialog = open_dialog(windows, actions)
    dialog.new_kind.setCurrentText("Interrupted them")
    dialog.add_button.click()
    dialog.hotkey_edits["interrupted-them"].setKeySequence(QKeySequence("Ctrl+Alt+I"))
    dialog._submit()  # noqa: SLF001 - the Save button's slot
    saved = load_settings(tmp_path / "settings")
    assert [k.value for k in saved.custom_kinds] == ["interrupted-them"]
    assert saved.hotkeys["interrupted-them"] == "Ctrl+Alt+I"
    assert "interrupted-them" in controller.kinds
    assert [a.text() for a in actions.log_custom] == ["Log interrupted them"]
    controller.start("Ana", 30)
    menu = tray.icon.contextMenu()
    visible = [a.text() for a in menu.actions() if a.isVisible()]
    assert "Log interrupted them" in visible
    assert visible.index("Log interrupted them") < visible.index("&End session")
    assert [b.text() for b in windows.session_window.buttons][-3:] == [
        "Log interrupted them",
        "&Undo last mark",
        "&End session",
    ]
    assert windows.window(SettingsDialog) is None  # saved, closed and forgotten


def test_a_refused_save_keeps_the_dialog_and_changes_nothing(
    windows: Windows, actions: AppActions, service: SettingsService, tmp_path: Path
) -> None:
    dialog = open_dialog(windows, actions)
    blocker = tmp_path / "settings"
    blocker.write_text("a file where the data folder should be")
    dialog.minutes_spin.setValue(50)
    dialog._submit()  # noqa: SLF001
    assert dialog.isVisible() and "Could not save the settings" in dialog.error_label.text()
    assert service.current == Settings()


class NoHotkeys:
    """Stands in for the app's global-hotkey service (pynput needs a real X server)."""

    def __init__(self, *_args: object, **_ports: object) -> None:
        pass

    def apply(self, _settings: Settings) -> None:
        pass

    def follow_session(self, _running: bool) -> None:
        pass

    def stop(self) -> None:
        pass


def test_a_new_morning_reminder_is_armed_at_once(
    windows: Windows,
    actions: AppActions,
    service: SettingsService,
    *,
    controller: SessionController,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The app's reminder follows a saved change without a restart: switched on for a time
    that has just passed today, it is due at once (and noted as shown, on disk). Not a first
    run: a reminder was shown yesterday (a first run never pops one up for a past time)."""
    monkeypatch.setattr(hotkey_service, "HotkeyService", NoHotkeys)  # Background loads it
    FileReminderLog(tmp_path / "data").record_shown(clock.now() - timedelta(days=1))
    notifications = HeldNotifications(controller, None)
    background = Background(controller, notifications, windows, clock, tmp_path / "data")
    service.changed.connect(background.apply)  # as the app's apply_live does
    off = Settings(morning_reminder=MorningReminder(enabled=False))
    background.start(off, TinyDBSessionRepository(tmp_path / "data"), None)
    dialog = open_dialog(windows, actions)
    just_before = (clock.now() - timedelta(minutes=1)).astimezone()
    dialog.reminder_check.setChecked(True)
    dialog.reminder_time.setTime(QTime(just_before.hour, just_before.minute))
    for box in dialog.weekday_boxes.values():
        box.setChecked(True)
    dialog._submit()  # noqa: SLF001
    background.stop()
    assert load_settings(tmp_path / "settings").morning_reminder.enabled
    assert FileReminderLog(tmp_path / "data").last_shown() == clock.now()


@pytest.fixture
def old(tmp_path: Path, service: SettingsService) -> Path:
    folder = tmp_path / "settings"  # the service's data folder
    service.apply(Settings(default_minutes=35))
    return folder


def test_the_window_from_the_menu_offers_start_at_login_and_moves_the_data(
    controller: SessionController,
    actions: AppActions,
    service: SettingsService,
    *,
    old: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window from the menu gets start at login and the data folder from Windows;
    a move asks the app to restart (after it, the new folder is the data folder)."""
    environ = {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CONFIG_DIRS": str(tmp_path / "system"),
    }
    new = tmp_path / "new"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(new))
    restart = Restart()
    windows = Windows(
        controller,
        actions,
        use_tray=False,
        settings=service,
        autostart=XdgAutostart(environ=environ),
        autostart_command=launch_command(),
        data_folder=data_folder(old, controller, restart),
    )
    try:
        dialog = open_dialog(windows, actions)
        assert dialog.autostart_check.isVisibleTo(dialog) and dialog.folder_box.isVisibleTo(dialog)
        assert dialog.folder_field.text() == str(old)
        dialog.move_button.click()
        assert restart.requested
        assert load_settings(new).default_minutes == 35 and not (old / "settings.json").exists()
        assert DataPointer().points_to() == new
    finally:
        windows.close_all()


def test_the_window_from_the_menu_refuses_a_move_during_a_session(
    controller: SessionController,
    actions: AppActions,
    service: SettingsService,
    *,
    old: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(tmp_path / "new"))
    restart = Restart()
    windows = Windows(
        controller,
        actions,
        use_tray=False,
        settings=service,
        autostart=XdgAutostart(environ={"XDG_CONFIG_HOME": str(tmp_path / "config")}),
        autostart_command=launch_command(),
        data_folder=data_folder(old, controller, restart),
    )
    try:
        controller.start("Ana", 30)
        dialog = open_dialog(windows, actions)
        dialog.move_button.click()
        assert "End the session first" in dialog.error_label.text()
        assert not restart.requested and (old / "settings.json").exists()
        assert not (tmp_path / "new").exists()
    finally:
        windows.close_all()
