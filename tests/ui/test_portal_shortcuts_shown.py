"""When the desktop's portal holds the global shortcuts, the welcome, the session window and the
settings show the triggers the desktop reports ("Ctrl+Alt+P, set in System Settings"), and the
settings send the user to the desktop's own dialog to change them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from focusmate.core.shortcut_help import portal_note
from focusmate.services.controller import SessionController
from focusmate.services.settings import SettingsService
from focusmate.ui.actions import AppActions
from focusmate.ui.settings_dialog import SettingsDialog
from focusmate.ui.welcome_dialog import WelcomeDialog
from focusmate.ui.windows import Windows

#: As KDE Plasma 5.27 reported them; the user moved "app" to Meta+A in System Settings and
#: left "undo" without a key.
BOUND = {"phone": "Ctrl+Alt+P", "app": "Meta+A"}


@pytest.fixture
def windows(
    controller: SessionController, actions: AppActions, service: SettingsService
) -> Iterator[Windows]:
    windows = Windows(controller, actions, use_tray=False, settings=service)
    yield windows
    windows.close_all()


def test_the_welcome_and_the_session_window_show_the_desktops_triggers(windows: Windows) -> None:
    note = portal_note(BOUND, ["phone", "app", "undo"])
    windows.show_hotkey_status(True, note, bound=BOUND, change=lambda: True)
    windows.open_welcome()
    dialog = windows.window(WelcomeDialog)
    assert dialog is not None
    assert "System Settings" in dialog.hotkeys_label.text()
    assert "Ctrl+Alt+Z" not in dialog.hotkeys_label.text()  # focusmate's wish, not the desktop's
    shown = dialog.hotkey_note.text()
    assert "phone: Ctrl+Alt+P, set in System Settings" in shown
    assert "app: Meta+A, set in System Settings" in shown
    assert "undo: no key yet: choose one in System Settings" in shown
    assert windows.session_window.hotkey_note.text() == note


def test_the_settings_show_them_and_open_the_desktops_dialog(windows: Windows) -> None:
    opened: list[bool] = []

    def change() -> bool:
        opened.append(True)
        return True

    windows.show_hotkey_status(True, "", bound=BOUND, change=change)
    windows.open_settings()
    dialog = windows.window(SettingsDialog)
    assert dialog is not None
    text = dialog.system_shortcuts_label.text()
    assert "Ctrl+Alt+P, set in System Settings" in text and "Meta+A" in text
    assert "no key yet" in text  # undo
    assert not dialog.system_shortcuts_button.isHidden()  # on the "Marks and hotkeys" tab
    dialog.system_shortcuts_button.click()
    assert opened == [True]
    # The desktop reports a change (ShortcutsChanged): the open dialog follows it.
    windows.show_hotkey_status(True, "", bound={**BOUND, "undo": "Ctrl+Alt+U"}, change=change)
    assert "Ctrl+Alt+U, set in System Settings" in dialog.system_shortcuts_label.text()


def test_with_pynput_the_settings_show_no_system_shortcuts(windows: Windows) -> None:
    windows.show_hotkey_status(True, "")
    windows.open_settings()
    dialog = windows.window(SettingsDialog)
    assert dialog is not None
    assert dialog.system_shortcuts_label.isHidden()
    assert dialog.system_shortcuts_button.isHidden()
