"""Opening the start dialog as the user does, for the tests of its pages."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from focusmate.ui.actions import AppActions
from focusmate.ui.start_dialog import StartDialog
from focusmate.ui.windows import Windows


def open_start_dialog(
    qtbot: QtBot, windows: Windows, actions: AppActions, name: str
) -> StartDialog:
    """The start dialog from the menu's Start action, active, with ``name`` filled in."""
    actions.start.trigger()
    dialog = windows.window(StartDialog)
    assert dialog is not None
    with qtbot.waitActive(dialog):  # mnemonics work in the active window
        dialog.activateWindow()
    dialog.name_edit.setText(name)  # typed, the completer's popup would grab the keyboard
    return dialog
