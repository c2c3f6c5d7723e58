"""The start dialog's kind of session: coaching by default, a client meeting chosen by
keyboard alone, with or without the check-in, and in German."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from focusmate.core.session_kind import CLIENT, COACHING
from focusmate.services.controller import SessionController
from focusmate.ui.actions import AppActions
from focusmate.ui.start_dialog import StartDialog
from focusmate.ui.windows import Windows
from tests.ui.start_flow import open_start_dialog


def choose_client_by_keyboard(qtbot: QtBot, dialog: StartDialog) -> None:
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # &Kind
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.kind_combo, timeout=2000)
    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Down)
    assert dialog.session_kind() == CLIENT


def test_coaching_is_the_default(
    qtbot: QtBot, windows: Windows, actions: AppActions, controller: SessionController
) -> None:
    dialog = open_start_dialog(qtbot, windows, actions, "Ana")
    assert dialog.kind_combo.currentText() == "Coaching session"
    assert dialog.kind_combo.accessibleName() == "Kind of session"
    with qtbot.waitSignal(dialog.submitted):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert controller.current is not None and controller.current.kind == COACHING


def test_a_client_meeting_chosen_by_keyboard_starts_as_one(
    qtbot: QtBot, windows: Windows, actions: AppActions, controller: SessionController
) -> None:
    dialog = open_start_dialog(qtbot, windows, actions, "Acme")
    choose_client_by_keyboard(qtbot, dialog)
    with qtbot.waitSignal(dialog.submitted):  # Enter on the closed list starts
        qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Return)
    session = controller.current
    assert session is not None and session.kind == CLIENT
    assert (session.with_name, session.checkin) == ("Acme", None)


def test_a_client_meeting_keeps_the_check_in(
    qtbot: QtBot, windows: Windows, actions: AppActions, controller: SessionController
) -> None:
    dialog = open_start_dialog(qtbot, windows, actions, "Acme")
    choose_client_by_keyboard(qtbot, dialog)
    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # Check &in
    qtbot.waitUntil(lambda: dialog.checking_in, timeout=2000)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)  # tick "Phone out of reach"
    with qtbot.waitSignal(dialog.submitted):
        qtbot.keyClick(dialog.checkin_page.intention_edit, Qt.Key.Key_Return)
    session = controller.current
    assert session is not None and session.kind == CLIENT
    assert session.checkin is not None and len(session.checkin.checked) == 1


@pytest.mark.usefixtures("german")
def test_in_german_the_kinds_are_german(qtbot: QtBot) -> None:
    dialog = StartDialog([])
    qtbot.addWidget(dialog)
    kinds = [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())]
    assert kinds == ["Coaching-Gespräch", "Kundentermin"]
