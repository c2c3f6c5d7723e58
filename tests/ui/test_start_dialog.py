"""The start dialog: keyboard-only, autocompletion, defaults and refused input."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from focusmate.ui.start_dialog import StartDialog


def test_enter_starts_with_what_was_typed(qtbot: QtBot) -> None:
    dialog = StartDialog(["Ana", "Ben"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.name_edit
    qtbot.keyClicks(dialog.name_edit, "Cy Young")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
    dialog.minutes_spin.selectAll()
    qtbot.keyClicks(dialog.minutes_spin, "45")
    qtbot.keyClick(dialog.minutes_spin, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focus_edit, "listen first")
    with qtbot.waitSignal(dialog.submitted) as submitted:
        qtbot.keyClick(dialog.focus_edit, Qt.Key.Key_Return)
    assert submitted.args == ["Cy Young", 45, "listen first"]


def test_defaults_and_limits(qtbot: QtBot) -> None:
    dialog = StartDialog([])
    qtbot.addWidget(dialog)
    spin = dialog.minutes_spin
    assert (spin.value(), spin.minimum(), spin.maximum()) == (30, 1, 240)
    assert dialog.name_edit.maxLength() == 100


def test_past_names_complete_case_insensitively(qtbot: QtBot) -> None:
    dialog = StartDialog(["Ana Díaz", "Ben"])
    qtbot.addWidget(dialog)
    completer = dialog.name_edit.completer()
    completer.setCompletionPrefix("díaz")
    assert completer.currentCompletion() == "Ana Díaz"


def test_a_refusal_is_shown_in_the_dialog(qtbot: QtBot) -> None:
    dialog = StartDialog([])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_error("the salesperson's name is empty")
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "The salesperson's name is empty."
