"""The check-in before a session: carry-over with and without history, checklist, countdown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from focusmate.core.dnd import DndStatus
from focusmate.core.model import (
    DEFAULT_INTENTION,
    CheckIn,
    ChecklistItem,
    Question,
    Reflection,
)
from focusmate.core.status import HOTKEYS_NOT_STARTED
from focusmate.services.controller import SessionController
from focusmate.services.status import status_of
from focusmate.ui.actions import AppActions
from focusmate.ui.start_dialog import StartDialog
from focusmate.ui.windows import Windows
from tests.fakes import FakeClock
from tests.ui.accessibility import accessible_name
from tests.ui.start_flow import open_start_dialog


def reflect(controller: SessionController, sid: str, commitment: str, **extra: object) -> None:
    reflection = Reflection(
        dict.fromkeys(Question, 4),
        "worried about the quota",
        commitment,
        complete=True,
        empathy=4,
        **extra,
    )  # type: ignore[arg-type]
    controller.save_reflection(sid, reflection)


def past_sessions(controller: SessionController, clock: FakeClock) -> None:
    """Two earlier sessions with Ana, the second saying "the same challenge as last time"."""
    controller.start("Ana", 30)
    controller.end()
    reflect(controller, "s1", "listen longer")
    clock.advance(days=7)
    controller.start("Ana", 30)
    controller.end()
    reflect(
        controller,
        "s2",
        "ask two questions before advising",
        previous_session_id="s1",
        same_challenge=True,
    )
    clock.advance(days=7)


def open_checkin(qtbot: QtBot, windows: Windows, actions: AppActions, name: str) -> StartDialog:
    dialog = open_start_dialog(qtbot, windows, actions, name)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # Check &in
    qtbot.waitUntil(lambda: dialog.checking_in, timeout=2000)  # a mnemonic animates its click
    return dialog


def test_with_history_it_shows_last_time_and_enter_starts(
    qtbot: QtBot,
    windows: Windows,
    actions: AppActions,
    controller: SessionController,
    clock: FakeClock,
) -> None:
    past_sessions(controller, clock)
    dialog = open_checkin(qtbot, windows, actions, "ana")
    text = dialog.checkin_page.carry_label.text()
    assert "Last session: <b>Mon 30 Nov</b>" in text
    assert "worried about the quota" in text
    assert "“ask two questions before advising”" in text
    assert "same challenge has come up 2 sessions in a row" in text and "Mon 23 Nov" in text
    assert (
        dialog.checkin_page.intention_edit.text()
        == DEFAULT_INTENTION
        == ("Empathy first, advice second")
    )
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)  # tick "Phone out of reach"
    with qtbot.waitSignal(dialog.submitted):
        qtbot.keyClick(dialog.checkin_page.intention_edit, Qt.Key.Key_Return)
    session = controller.current
    assert session is not None and session.with_name == "ana"
    assert session.checkin == CheckIn(DEFAULT_INTENTION, frozenset({ChecklistItem.PHONE_AWAY}))
    assert status_of(controller, HOTKEYS_NOT_STARTED)["session"]["carry_over"]["commitment"] == (
        "ask two questions before advising"
    )


def test_without_history_it_says_so(
    qtbot: QtBot, windows: Windows, actions: AppActions, controller: SessionController
) -> None:
    dialog = open_checkin(qtbot, windows, actions, "Cy")
    assert "first session with Cy" in dialog.checkin_page.carry_label.text()
    notifications = dialog.checkin_page.dnd_label.text()
    assert "not set up" in notifications  # this controller has no do-not-disturb backend
    assert not dialog.checkin_page.checks[ChecklistItem.NOTIFICATIONS_SILENCED].isChecked()
    dialog.checkin_page.intention_edit.setText("Listen to the end of every sentence")
    dialog.buttons.accepted.emit()
    assert controller.current is not None and controller.current.checkin is not None
    assert controller.current.checkin.intention == "Listen to the end of every sentence"


def test_skipping_or_going_back_records_no_checkin(
    qtbot: QtBot, windows: Windows, actions: AppActions, controller: SessionController
) -> None:
    dialog = open_checkin(qtbot, windows, actions, "Dee")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # &Back
    qtbot.waitUntil(lambda: not dialog.checking_in, timeout=2000)
    assert dialog.checkin() is None
    with qtbot.waitSignal(dialog.submitted):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert controller.current is not None and controller.current.checkin is None


def test_a_name_comes_first(qtbot: QtBot) -> None:
    dialog = StartDialog([])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.checkin_button.click()
    assert not dialog.checking_in and "name first" in dialog.error_label.text()


def test_the_do_not_disturb_state_is_shown_when_known(qtbot: QtBot) -> None:
    status = DndStatus("dunst", engaged=True, detail="silenced by dunst until the session ends")
    dialog = StartDialog([], dnd_status=lambda: status)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Eve")
    dialog.show_checkin()
    page = dialog.checkin_page
    assert "silenced by dunst" in page.dnd_label.text()
    assert page.checks[ChecklistItem.NOTIFICATIONS_SILENCED].isChecked()


def test_the_slow_down_counts_quietly_and_is_recorded(qtbot: QtBot) -> None:
    dialog = StartDialog([], slow_down_s=1)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Flo")
    dialog.show()
    dialog.show_checkin()
    page = dialog.checkin_page
    assert page.slow_button.text() == "Slow &down for 1 s"
    page.slow_button.click()
    assert page.counting and "0:01" in page.countdown_label.text()
    qtbot.waitUntil(lambda: not page.counting, timeout=3000)
    assert page.countdown_label.text().startswith("Ready")
    checkin = dialog.checkin()
    assert checkin is not None and checkin.slowed_down_s == 1


def test_closing_stops_the_countdown(qtbot: QtBot) -> None:
    dialog = StartDialog([])
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Gus")
    dialog.show()
    dialog.show_checkin()
    dialog.checkin_page.slow_button.click()
    assert dialog.checkin_page.counting
    dialog.reject()
    assert not dialog.checkin_page.counting


def test_the_checkin_works_by_mnemonics_alone(
    qtbot: QtBot, windows: Windows, actions: AppActions, controller: SessionController
) -> None:
    dialog = open_checkin(qtbot, windows, actions, "Hal")
    page = dialog.checkin_page
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_C, alt)  # Other apps &closed
    qtbot.waitUntil(page.checks[ChecklistItem.OTHER_APPS_CLOSED].isChecked, timeout=2000)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_T, alt)  # In&tention
    assert dialog.focusWidget() is page.intention_edit
    page.intention_edit.selectAll()
    qtbot.keyClicks(page.intention_edit, "Ask, then listen")
    qtbot.keyClick(page.intention_edit, Qt.Key.Key_D, alt)  # Slow &down
    qtbot.waitUntil(lambda: page.counting, timeout=2000)
    with qtbot.waitSignal(dialog.submitted):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert controller.current is not None and controller.current.checkin is not None
    assert controller.current.checkin.intention == "Ask, then listen"
    assert controller.current.checkin.checked == {ChecklistItem.OTHER_APPS_CLOSED}


def test_the_do_not_disturb_state_is_heard_on_its_checkbox(qtbot: QtBot) -> None:
    status = DndStatus("dunst", engaged=False, detail="")
    dialog = StartDialog([], dnd_status=lambda: status)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Ivy")
    dialog.show_checkin()
    box = dialog.checkin_page.checks[ChecklistItem.NOTIFICATIONS_SILENCED]
    assert accessible_name(box) == "Notifications silenced"
    assert box.accessibleDescription() == "not silenced yet" and not box.isChecked()
    carry = dialog.checkin_page.carry_label
    assert accessible_name(carry).startswith("Your first session with Ivy")  # its text


@pytest.mark.usefixtures("german")
def test_in_german_the_carry_over_and_countdown_speak_german(
    windows: Windows, actions: AppActions, controller: SessionController, clock: FakeClock
) -> None:
    past_sessions(controller, clock)
    actions.start.trigger()
    dialog = windows.window(StartDialog)
    assert dialog is not None
    dialog.name_edit.setText("Ana")
    dialog.show_checkin()
    page = dialog.checkin_page
    text = page.carry_label.text()
    assert "Letztes Gespräch: <b>Mo. 30. Nov.</b>" in text
    assert "Die Person dachte oder fühlte: „worried about the quota“" in text
    assert "Ihr Vorhaben: <b>„ask two questions before advising“</b>" in text
    assert "Dieselbe Herausforderung kam 2 Gespräche in Folge auf" in text
    assert "(seit Mo. 23. Nov.)" in text
    assert page.dnd_label.text() == "<i>„Nicht stören“ ist nicht eingerichtet</i>"
    page.slow_button.click()
    assert page.countdown_label.text().startswith("Langsam atmen… ")
    page.stop()
