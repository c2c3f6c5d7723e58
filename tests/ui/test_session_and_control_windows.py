"""The session window and the no-tray control window by keyboard, for a screen reader, and
in German."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from focusmate.core.hotkeys import HotkeyBindings
from focusmate.core.marks import MarkKind, MarkKinds
from focusmate.core.shortcut_help import shortcut_help
from focusmate.services.controller import SessionController
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.ui.actions import AppActions
from focusmate.ui.control_window import ControlWindow
from focusmate.ui.session_window import SessionWindow
from tests.fakes import FakeClock, IdFactory
from tests.ui.accessibility import accessible_name, tab_chain, unnamed_controls
from tests.ui.keyboard import mnemonic, reading_order, texts, untranslated

ALT = Qt.KeyboardModifier.AltModifier
W = TypeVar("W", bound=QWidget)


def shown(qtbot: QtBot, window: W) -> W:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def session_window(
    qtbot: QtBot, controller: SessionController, actions: AppActions
) -> SessionWindow:
    window = SessionWindow(controller, actions)
    window.undo_requested.connect(lambda: None)  # as Windows wires it to the controller
    if controller.current is None:
        controller.start("Ana", 30)
    return shown(qtbot, window)


def test_session_window_controls_are_named_in_reading_order(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    controller = SessionController(
        TinyDBSessionRepository(tmp_path / "d"),
        clock,
        IdFactory(),
        kinds=MarkKinds([MarkKind.custom("Mind wandered")]),
    )
    actions = AppActions(controller)
    window = session_window(qtbot, controller, actions)
    controller.mark("phone")
    assert unnamed_controls(window) == []
    chain = tab_chain(window)
    assert [accessible_name(b) for b in chain] == [
        "Log phone check",
        "Log app switch",
        "Log mind wandered",
        "Undo last mark",
        "End session",
    ]
    assert chain == reading_order(window) == window.buttons
    controller.set_kinds(MarkKinds([MarkKind.custom("Interrupted them")]))
    actions.update_kinds()  # the settings changed: the buttons are rebuilt
    qtbot.wait(1)  # Qt shows widgets added to a shown window once the event loop runs
    chain = tab_chain(window)
    assert [accessible_name(b) for b in chain][2:] == [
        "Log interrupted them",
        "Undo last mark",
        "End session",
    ]
    assert chain == reading_order(window)


def test_session_window_marks_undo_and_end_by_keyboard(
    qtbot: QtBot, controller: SessionController, actions: AppActions
) -> None:
    window = session_window(qtbot, controller, actions)
    with qtbot.waitActive(window):  # mnemonics work in the active window
        window.activateWindow()
    with qtbot.waitSignal(actions.mark_requested) as mark:
        qtbot.keyClick(window, Qt.Key.Key_P, ALT)  # Log &phone check
    assert mark.args == ["phone"]
    controller.mark("phone")  # what Windows does with the intent
    with qtbot.waitSignal(window.undo_requested):
        qtbot.keyClick(window, Qt.Key.Key_U, ALT)  # &Undo last mark
    end = window.buttons[-1]
    end.setFocus()
    with qtbot.waitSignal(actions.end_requested):
        qtbot.keyClick(end, Qt.Key.Key_Return)  # Enter presses the focused button
    letters = [mnemonic(b) for b in window.buttons]
    assert "" not in letters and len(set(letters)) == len(letters)


def test_undo_is_offered_only_once_something_handles_it(
    qtbot: QtBot, controller: SessionController, actions: AppActions
) -> None:
    window = shown(qtbot, SessionWindow(controller, actions))
    controller.start("Ana", 30)
    window.show()
    assert not window.undo_button.isVisible()  # a button that did nothing would mislead
    window.undo_requested.connect(lambda: None)
    window.hide()
    window.show()
    assert window.undo_button.isVisible()


def test_undo_says_in_the_window_when_there_is_nothing_to_undo(
    qtbot: QtBot, controller: SessionController, actions: AppActions, clock: FakeClock
) -> None:
    window = session_window(qtbot, controller, actions)
    with qtbot.assertNotEmitted(window.undo_requested):
        window.undo_button.click()
    assert window.error_label.text().startswith("Nothing to undo")
    assert window.undo_button.isEnabled()  # never disabled: its focus would pass to End
    controller.mark("app")
    clock.advance(seconds=61)
    with qtbot.assertNotEmitted(window.undo_requested):
        window.undo_button.click()
    controller.mark("phone")
    with qtbot.waitSignal(window.undo_requested):
        window.undo_button.click()


@pytest.mark.parametrize(
    ("advance_s", "text", "spoken"),
    [
        (0, "30:00 left", "Time left: 30 minutes"),
        (301, "24:59 left", "Time left: 25 minutes"),
        (359, "24:01 left", "Time left: 25 minutes"),
        (1770, "0:30 left", "Time left: 1 minute"),
        (1830, "overtime +0:30", "Overtime: less than a minute"),
        (1921, "overtime +2:01", "Overtime: 2 minutes"),
        (1860, "overtime +1:00", "Overtime: 1 minute"),
    ],
)
def test_the_time_reads_well_to_a_screen_reader(
    qtbot: QtBot,
    controller: SessionController,
    actions: AppActions,
    clock: FakeClock,
    *,
    advance_s: int,
    text: str,
    spoken: str,
) -> None:
    window = session_window(qtbot, controller, actions)
    clock.advance(seconds=advance_s)
    controller.ticked.emit()
    assert window.time_label.text() == text
    assert accessible_name(window.time_label) == spoken


def test_the_labels_are_read_by_their_text(
    qtbot: QtBot, controller: SessionController, actions: AppActions
) -> None:
    window = session_window(qtbot, controller, actions)
    assert accessible_name(window.marks_label) == "0 phone checks, 0 app switches"
    assert window.marks_label.accessibleDescription() == "Marks"
    assert accessible_name(window.dnd_label) == "do-not-disturb is not set up"


def test_session_window_in_german(
    qtbot: QtBot,
    controller: SessionController,
    actions: AppActions,
    clock: FakeClock,
    request: pytest.FixtureRequest,
) -> None:
    controller.start("Ana", 30, "zuhören")
    window = session_window(qtbot, controller, actions)
    window.show_hotkey_note("x")
    window.show_error("x")
    clock.advance(minutes=5, seconds=1)
    controller.mark("phone")
    english = texts(window)
    request.getfixturevalue("german")
    german_actions = AppActions(controller)  # actions take their words when made
    german = session_window(qtbot, controller, german_actions)
    german.show_hotkey_note("x")
    german.show_error("x")
    assert untranslated(english, german, allowed={"x"}) == []
    assert german.time_label.text() == "noch 24:59"
    assert accessible_name(german.time_label) == "Restzeit: 25 Minuten"
    assert german.marks_label.text() == "1 Blick aufs Handy, 0 App-Wechsel"
    assert german.with_label.text() == "Coaching mit <b>Ana</b>"
    letters = [mnemonic(b) for b in german.buttons]
    assert len(set(letters)) == len(letters)
    german.show_hotkey_note(shortcut_help(HotkeyBindings.from_text({"phone": "Ctrl+Alt+P"})))
    note = german.hotkey_note.text()
    assert note.startswith("Legen Sie diese Befehle in den Tastatureinstellungen")
    assert "  Ctrl+Alt+P: focusmate log phone" in note  # commands are never translated
    assert "KDE Plasma: Systemeinstellungen › Kurzbefehle" in note


def test_control_window_is_named_in_reading_order_with_mnemonics(
    qtbot: QtBot, controller: SessionController, actions: AppActions
) -> None:
    window = shown(qtbot, ControlWindow(controller, actions))
    for state in ("idle", "in session"):
        if state == "in session":
            controller.start("Ana", 30)
            qtbot.wait(1)  # Qt shows widgets added to a shown window once the event loop runs
        assert unnamed_controls(window) == []
        chain = tab_chain(window)
        assert chain == reading_order(window) == list(window.buttons.values())
        letters = [mnemonic(b) for b in chain]
        assert "" not in letters and len(set(letters)) == len(letters), letters
    assert accessible_name(window.status_label).startswith("Coaching Ana: 30 min left")
    assert accessible_name(window) == "focusmate controls"


def test_control_window_by_keyboard(
    qtbot: QtBot, controller: SessionController, actions: AppActions
) -> None:
    window = shown(qtbot, ControlWindow(controller, actions))
    with qtbot.waitActive(window):
        window.activateWindow()
    with qtbot.waitSignal(actions.start_requested):
        qtbot.keyClick(window, Qt.Key.Key_S, ALT)  # &Start coaching session…
    review = window.buttons[actions.review]
    review.setFocus()
    with qtbot.waitSignal(actions.review_requested):
        qtbot.keyClick(review, Qt.Key.Key_Return)


def test_control_window_in_german(
    qtbot: QtBot,
    controller: SessionController,
    actions: AppActions,
    request: pytest.FixtureRequest,
) -> None:
    english = texts(shown(qtbot, ControlWindow(controller, actions)))
    request.getfixturevalue("german")
    german = shown(qtbot, ControlWindow(controller, AppActions(controller)))
    assert untranslated(english, german) == []
    assert german.status_label.text() == "Bereit: kein Coachinggespräch läuft"
    letters = [mnemonic(b) for b in german.buttons.values()]
    assert len(set(letters)) == len(letters), letters
