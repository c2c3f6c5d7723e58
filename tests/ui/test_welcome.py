"""The first-run welcome, through the real Windows: when it shows, what it says, what it writes.

Start at login is the real XDG adapter writing into a temporary XDG_CONFIG_HOME; settings go
through the real SettingsService to a real file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from focusmate.core.hotkeys import HotkeyBindings
from focusmate.core.reminders import MorningReminder
from focusmate.core.shortcut_help import shortcut_help
from focusmate.desktop.autostart import XdgAutostart, read_desktop_entry
from focusmate.desktop.dnd.dunst import DunstDnd
from focusmate.desktop.dnd.silencer import JournaledSilencer
from focusmate.services.controller import SessionController
from focusmate.services.settings import SettingsService
from focusmate.storage.settings_store import load_settings
from focusmate.ui.actions import AppActions
from focusmate.ui.i18n import InstalledLanguage
from focusmate.ui.welcome_dialog import WelcomeDialog
from focusmate.ui.windows import Windows
from tests.ui.accessibility import tab_chain, unnamed_controls, visible_texts

COMMAND = ["/opt/focus mate/bin/focusmate", "--data-dir", "/home/ana/100% focus"]


@pytest.fixture
def dunst_controller(
    make_controller: Callable[..., SessionController], tmp_path: Path
) -> SessionController:
    """A controller whose do-not-disturb is dunst's (its idle status reads no bus)."""
    silencer = JournaledSilencer(DunstDnd({}), tmp_path / "dnd.json", guard=False)
    return make_controller(silencer=silencer)


@pytest.fixture
def windows(
    controller: SessionController,
    actions: AppActions,
    service: SettingsService,
    autostart: XdgAutostart,
) -> Iterator[Windows]:
    windows = Windows(
        controller,
        actions,
        use_tray=False,
        settings=service,
        autostart=autostart,
        autostart_command=COMMAND,
    )
    windows.show()
    yield windows
    windows.close_all()


def welcome(windows: Windows) -> WelcomeDialog:
    dialog = windows.window(WelcomeDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_first_run_welcome_finished_by_keyboard_writes_autostart_and_settings(
    qtbot: QtBot, windows: Windows, autostart: XdgAutostart, settings_dir: Path
) -> None:
    windows.welcome_on_first_run()
    dialog = welcome(windows)
    # Both off unless the user says so (README; a real first run showed the reminder ticked).
    assert not dialog.autostart_box.isChecked()
    assert not dialog.reminder_box.isChecked() and "7:30" in dialog.reminder_box.text()
    assert dialog.focusWidget() is dialog.autostart_box
    qtbot.keyClick(dialog.autostart_box, Qt.Key.Key_Space)  # tick start at login
    qtbot.keyClick(dialog.autostart_box, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.reminder_box
    qtbot.keyClick(dialog.reminder_box, Qt.Key.Key_Return)  # the default button, no reminder

    assert windows.window(WelcomeDialog) is None and not dialog.isVisible()
    entry = read_desktop_entry(autostart.path.read_text())
    assert entry["Exec"] == '"/opt/focus mate/bin/focusmate" --data-dir "/home/ana/100%% focus"'
    saved = load_settings(settings_dir)
    assert saved.welcomed and not saved.morning_reminder.enabled
    windows.welcome_on_first_run()  # the next start
    assert windows.window(WelcomeDialog) is None


def test_the_reminder_is_on_only_when_ticked(
    qtbot: QtBot, windows: Windows, settings_dir: Path
) -> None:
    windows.welcome_on_first_run()
    dialog = welcome(windows)
    dialog.reminder_box.setFocus()
    qtbot.keyClick(dialog.reminder_box, Qt.Key.Key_Space)  # yes, remind me
    qtbot.keyClick(dialog.reminder_box, Qt.Key.Key_Return)
    saved = load_settings(settings_dir)
    assert saved.welcomed and saved.morning_reminder == MorningReminder(enabled=True)


def test_escape_changes_nothing_but_counts_as_seen(
    qtbot: QtBot, windows: Windows, autostart: XdgAutostart, settings_dir: Path
) -> None:
    windows.welcome_on_first_run()
    dialog = welcome(windows)
    dialog.autostart_box.setChecked(True)
    dialog.reminder_box.setChecked(True)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert windows.window(WelcomeDialog) is None
    assert not autostart.path.exists()
    saved = load_settings(settings_dir)
    assert saved.welcomed and not saved.morning_reminder.enabled


def test_someone_upgrading_with_sessions_is_welcomed_silently(
    windows: Windows, controller: SessionController, service: SettingsService
) -> None:
    controller.start("Ana", 30)
    controller.end()
    windows.welcome_on_first_run()
    assert windows.window(WelcomeDialog) is None
    assert service.current.welcomed


def test_never_during_a_session(
    windows: Windows, controller: SessionController, actions: AppActions, service: SettingsService
) -> None:
    actions.welcome.trigger()
    assert welcome(windows)
    controller.start("Ana", 30)  # e.g. from the tray while the welcome is open
    assert windows.window(WelcomeDialog) is None  # it closes: nothing in front of the conversation
    assert service.current.welcomed
    assert not actions.welcome.isVisible()
    windows.open_welcome()
    assert windows.window(WelcomeDialog) is None
    controller.end()
    assert actions.welcome.isVisible()


def test_the_menu_reopens_it_showing_and_undoing_start_at_login(
    windows: Windows, actions: AppActions, autostart: XdgAutostart, service: SettingsService
) -> None:
    autostart.enable(COMMAND)
    service.apply(
        replace(service.current, welcomed=True, morning_reminder=MorningReminder(enabled=False))
    )
    actions.welcome.trigger()
    dialog = welcome(windows)
    assert dialog.autostart_box.isChecked() and not dialog.reminder_box.isChecked()
    dialog.autostart_box.setChecked(False)
    dialog.start_button.click()
    assert windows.window(WelcomeDialog) is None
    assert not autostart.path.exists() and not autostart.is_enabled()


def test_a_refused_autostart_keeps_the_window_open_and_says_why(
    windows: Windows, autostart: XdgAutostart, service: SettingsService, tmp_path: Path
) -> None:
    (tmp_path / "config").write_text("a file where the folder should be")
    windows.welcome_on_first_run()
    dialog = welcome(windows)
    dialog.autostart_box.setChecked(True)
    dialog.start_button.click()
    assert windows.window(WelcomeDialog) is dialog and dialog.isVisible()
    assert not dialog.error_label.isHidden()
    assert "Start at login could not be changed" in dialog.error_label.text()
    assert not service.current.welcomed  # nothing else was saved either
    dialog.autostart_box.setChecked(False)  # give up on it: the rest is saved
    dialog.start_button.click()
    assert windows.window(WelcomeDialog) is None and service.current.welcomed


def test_it_shows_the_hotkeys_and_the_real_do_not_disturb_status(
    dunst_controller: SessionController, service: SettingsService
) -> None:
    actions = AppActions(dunst_controller)
    windows = Windows(dunst_controller, actions, use_tray=False, settings=service)
    try:
        windows.show_hotkey_status(True, "")
        windows.open_welcome()
        dialog = welcome(windows)
        text = dialog.hotkeys_label.text()
        assert "Ctrl+Alt+P" in text and "Log a phone check" in text
        assert "Ctrl+Alt+Z" in text and "Undo the last mark" in text
        assert dialog.hotkey_note.isHidden()
        assert dialog.dnd_label.text() == dunst_controller.dnd_status().detail
        assert dialog.dnd_label.text() == "Notifications are paused during sessions (dunst)"
    finally:
        windows.close_all()


def test_without_global_hotkeys_it_says_why_once_and_shows_the_commands(
    windows: Windows,
) -> None:
    """Seen on a real shell without an X display: the welcome printed pynput's exception and
    said twice that hotkeys do not work. Now: the reason once, then the commands."""
    windows.open_welcome()
    dialog = welcome(windows)
    reason = "Global hotkeys are off: focusmate cannot open the X display :4242."
    commands = shortcut_help(HotkeyBindings.from_text({"phone": "Ctrl+Alt+P"}))
    note = f"{reason}\n\n{commands}"  # as the app's HotkeyService words it
    windows.show_hotkey_status(False, note)  # the hotkeys report after the window is open
    assert dialog.hotkeys_label.text() == (
        f"{reason} You can still log marks from the focusmate menu."
    )
    assert not dialog.hotkey_note.isHidden() and dialog.hotkey_note.text() == commands
    said = "\n".join(text for _, text in visible_texts(dialog)).lower()
    assert said.count("hotkeys are off") == 1 and "do not work" not in said
    assert windows.session_window.hotkey_note.text() == note  # the session window knows too


def test_no_autostart_on_this_system_means_no_checkbox(
    controller: SessionController, actions: AppActions, service: SettingsService
) -> None:
    windows = Windows(controller, actions, use_tray=False, settings=service)
    try:
        windows.open_welcome()
        dialog = welcome(windows)
        assert dialog.autostart_box.isHidden()
        assert dialog.focusWidget() is dialog.reminder_box
    finally:
        windows.close_all()


def test_every_control_is_named_and_tab_follows_reading_order(windows: Windows) -> None:
    windows.open_welcome()
    dialog = welcome(windows)
    assert unnamed_controls(dialog) == []
    assert tab_chain(dialog) == [dialog.autostart_box, dialog.reminder_box, dialog.start_button]
    assert dialog.autostart_box.text() == "Start focusmate when I &log in"
    assert dialog.start_button.text() == "&Get started" and dialog.start_button.isDefault()


def dialog_texts(windows: Windows) -> dict[str, str]:
    windows.show_hotkey_status(True, "")
    windows.open_welcome()
    dialog = welcome(windows)
    texts = {where: text for where, text in visible_texts(dialog) if text.strip()}
    dialog.reject()
    return texts


@pytest.fixture
def english_texts(windows: Windows) -> dict[str, str]:
    """The welcome's texts in English (taken before the german fixture installs German)."""
    return dialog_texts(windows)


def test_in_german_no_english_text_is_left(
    english_texts: dict[str, str], german: InstalledLanguage, windows: Windows
) -> None:
    german_texts = dialog_texts(windows)
    assert german_texts.keys() == english_texts.keys()
    same = {where: text for where, text in english_texts.items() if german_texts[where] == text}
    assert same == {}
    assert "Strg+Alt+P" in german_texts["QLabel:hotkeys_label"]  # Qt's German key names
    assert german_texts["QPushButton:start_button"] == "&Loslegen"
