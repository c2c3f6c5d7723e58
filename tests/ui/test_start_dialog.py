"""The start dialog: keyboard-only, autocompletion, defaults, refused input, accessible
names, Tab order and German."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from focusmate.core.model import ChecklistItem
from focusmate.ui.start_dialog import StartDialog
from tests.ui.accessibility import accessible_name, tab_chain, unnamed_controls
from tests.ui.keyboard import mnemonic, reading_order, untranslated


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


def shown(qtbot: QtBot, dialog: StartDialog, *, checking_in: bool = False) -> StartDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    if checking_in:
        dialog.name_edit.setText("Ana")
        dialog.show_checkin()
    return dialog


def test_an_empty_name_is_refused_in_the_dialog_itself(qtbot: QtBot) -> None:
    dialog = shown(qtbot, StartDialog([]))
    qtbot.keyClicks(dialog.name_edit, "   ")
    with qtbot.assertNotEmitted(dialog.submitted):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.error_label.text() == "The salesperson's name is empty."
    assert dialog.focusWidget() is dialog.name_edit and dialog.name_edit.text() == "   "


@pytest.mark.parametrize("checking_in", [False, True], ids=["form", "check-in"])
def test_every_control_is_named_and_tab_follows_reading_order(
    qtbot: QtBot, checking_in: bool
) -> None:
    dialog = shown(qtbot, StartDialog(["Ana"]), checking_in=checking_in)
    assert unnamed_controls(dialog) == []
    chain = tab_chain(dialog)
    assert chain == reading_order(dialog)
    page = dialog.checkin_page
    fields = (
        [*page.checks.values(), page.intention_edit, page.slow_button, dialog.back_button]
        if checking_in
        else [
            dialog.name_edit,
            dialog.minutes_spin,
            dialog.focus_edit,
            dialog.kind_combo,
            dialog.checkin_button,
        ]
    )
    assert chain[:-2] == fields  # then Start and Cancel, in the platform's order
    assert set(chain[-2:]) == set(dialog.buttons.buttons())
    assert list(page.checks) == list(ChecklistItem)
    assert accessible_name(dialog.name_edit) == "Salesperson"
    assert accessible_name(page.checks[ChecklistItem.PHONE_AWAY]) == "Phone out of reach"


def test_mnemonics_are_unique_on_each_page(qtbot: QtBot) -> None:
    for checking_in in (False, True):
        dialog = shown(qtbot, StartDialog([]), checking_in=checking_in)
        letters = [mnemonic(w) for w in tab_chain(dialog)]
        given = [letter for letter in letters if letter]
        assert len(given) == len(set(given)), given
        assert len(given) >= len(letters) - 1  # all but Cancel (Escape) have one


@pytest.mark.parametrize("checking_in", [False, True], ids=["form", "check-in"])
def test_in_german_no_english_is_left(
    qtbot: QtBot, request: pytest.FixtureRequest, checking_in: bool
) -> None:
    english = shown(qtbot, StartDialog(["Ana"], slow_down_s=1), checking_in=checking_in)
    request.getfixturevalue("german")
    german = shown(qtbot, StartDialog(["Ana"], slow_down_s=1), checking_in=checking_in)
    german.show_error("x")  # the same widgets visible in both
    english.show_error("x")
    assert untranslated(english, german, allowed={"X.", "30"}) == []
    assert german.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() != "Cancel"
    if checking_in:
        assert "Bevor Sie Ana treffen" in german.checkin_page.heading.text()
        assert german.checkin_page.intention_edit.text() == "Erst Empathie, dann Rat"
