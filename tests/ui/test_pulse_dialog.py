"""The salesperson's pulse dialog (issue 16): typed in, from a chat message, edited, by
keyboard, refused for a running session; opened only through Windows.open_pulse."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from focusmate.core.pulse import Concern, PulseVia, RepPulse, pulse_message
from focusmate.core.settings import Settings
from focusmate.services.controller import SessionController
from focusmate.services.settings import SettingsService
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.ui.actions import AppActions
from focusmate.ui.pulse_dialog import PulseDialog
from focusmate.ui.windows import Windows
from tests.fakes import FakeClock, FlakyRepository
from tests.ui.accessibility import tab_chain, unnamed_controls
from tests.ui.keyboard import reading_order, texts, untranslated


def ended(controller: SessionController, clock: FakeClock, name: str = "Jordan") -> str:
    """A 30-minute session with ``name``, ended; its id."""
    session = controller.start(name, 30)
    clock.advance(minutes=30)
    controller.end()
    return session.id


def on_disk(tmp_path: Path, session_id: str) -> RepPulse | None:
    session = TinyDBSessionRepository(tmp_path / "data", writable=False).get(session_id)
    assert session is not None
    return session.rep_pulse


def opened(windows: Windows, session_id: str) -> PulseDialog:
    windows.open_pulse(session_id)
    dialog = windows.pulse(session_id)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_typed_answers_are_on_disk_and_the_dialog_closes(
    windows: Windows, controller: SessionController, clock: FakeClock, tmp_path: Path
) -> None:
    session_id = ended(controller, clock)
    clock.advance(minutes=5)
    dialog = opened(windows, session_id)
    assert dialog.windowTitle().startswith("Their side: Jordan, ")
    assert dialog.via_row.value() is PulseVia.TYPED  # asked out loud: the usual way
    dialog.set_answers(3, Concern.PARTLY, 2)
    dialog.comment_edit.setPlainText("  more time on the quota next time \n")
    dialog.save_button.click()
    assert on_disk(tmp_path, session_id) == RepPulse(
        3, Concern.PARTLY, 2, "more time on the quota next time", PulseVia.TYPED, clock.now()
    )
    assert windows.pulse(session_id) is None and not dialog.isVisible()


def test_copy_puts_the_chat_text_on_the_clipboard_and_the_answers_come_by_message(
    windows: Windows, controller: SessionController, clock: FakeClock, tmp_path: Path
) -> None:
    session_id = ended(controller, clock)
    dialog = opened(windows, session_id)
    QGuiApplication.clipboard().setText("")
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == pulse_message("Jordan")
    assert dialog.via_row.value() is PulseVia.MESSAGE
    assert dialog.copied_label.isVisible() and "clipboard" in dialog.copied_label.text()
    dialog.set_answers(5, Concern.YES, 4)
    dialog.save_button.click()
    saved = on_disk(tmp_path, session_id)
    assert saved is not None and saved.via is PulseVia.MESSAGE and saved.heard == 5


def test_a_saved_pulse_opens_for_editing_and_the_edit_replaces_it(
    windows: Windows, controller: SessionController, clock: FakeClock, tmp_path: Path
) -> None:
    session_id = ended(controller, clock)
    first = RepPulse(2, Concern.NO, 4, "rushed", PulseVia.MESSAGE, clock.now())
    controller.record_pulse(session_id, first)
    dialog = opened(windows, session_id)
    assert dialog.editing
    assert (dialog.heard.checkedId(), dialog.attention.checkedId()) == (2, 4)
    assert dialog.concern_row.value() is Concern.NO
    assert dialog.via_row.value() is PulseVia.MESSAGE
    assert dialog.comment_edit.toPlainText() == "rushed"
    clock.advance(hours=1)
    dialog.heard.button(3).click()
    dialog.save_button.click()
    assert on_disk(tmp_path, session_id) == replace(first, heard=3, at=clock.now())


def test_answers_from_the_phone_corrected_here_count_as_typed(
    windows: Windows, controller: SessionController, clock: FakeClock, tmp_path: Path
) -> None:
    session_id = ended(controller, clock)
    controller.record_pulse(session_id, RepPulse(4, Concern.YES, 4, "", PulseVia.PAGE, clock.now()))
    dialog = opened(windows, session_id)
    assert dialog.via_row.value() is PulseVia.TYPED
    dialog.attention.button(5).click()
    dialog.save_button.click()
    saved = on_disk(tmp_path, session_id)
    assert saved is not None and (saved.attention, saved.via) == (5, PulseVia.TYPED)


def test_the_keyboard_alone_answers_and_saves(
    windows: Windows, controller: SessionController, clock: FakeClock, qtbot: QtBot, tmp_path: Path
) -> None:
    session_id = ended(controller, clock)
    dialog = opened(windows, session_id)
    qtbot.waitUntil(dialog.isActiveWindow)
    focused = QApplication.focusWidget
    assert focused() is dialog.heard.button(1)  # the first question has the focus
    qtbot.keyClick(focused(), Qt.Key.Key_4)  # a digit picks on a scale
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_2)  # 2 = partly on the concern row
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_5)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.comment_edit
    qtbot.keyClicks(dialog.comment_edit, "good")
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert on_disk(tmp_path, session_id) == RepPulse(
        4, Concern.PARTLY, 5, "good", PulseVia.TYPED, clock.now()
    )


def test_tab_reaches_every_control_in_reading_order_and_each_has_a_name(
    windows: Windows, controller: SessionController, clock: FakeClock
) -> None:
    dialog = opened(windows, ended(controller, clock))
    chain = tab_chain(dialog)
    expected: list[QWidget] = [
        dialog.via_row.buttons[0],
        dialog.copy_button,
        dialog.heard.button(1),
        dialog.concern_row.buttons[0],
        dialog.attention.button(1),
        dialog.comment_edit,
    ]
    assert [w for w in chain if w in expected] == expected
    start = chain.index(dialog.via_row.buttons[0])
    assert chain[start:] + chain[:start] == reading_order(dialog)  # as the eye reads it
    assert dialog.save_button in chain and dialog.close_button in chain
    assert not dialog.page_button.isVisible()  # the phone's page is off by default
    assert unnamed_controls(dialog) == []


def test_save_names_what_is_missing_and_keeps_the_dialog_open(
    windows: Windows, controller: SessionController, clock: FakeClock, tmp_path: Path
) -> None:
    session_id = ended(controller, clock)
    dialog = opened(windows, session_id)
    dialog.heard.button(2).click()
    dialog.save_button.click()
    assert dialog.error_label.text() == "Please answer all three questions."
    assert dialog.isVisible() and on_disk(tmp_path, session_id) is None
    dialog.set_answers(2, Concern.NO, 1)
    dialog.comment_edit.setPlainText("x" * 501)
    dialog.save_button.click()
    assert "at most 500 characters" in dialog.error_label.text()
    assert on_disk(tmp_path, session_id) is None


def test_a_running_session_gets_no_pulse_dialog(
    windows: Windows, controller: SessionController
) -> None:
    running = controller.start("Jordan", 30)
    windows.open_pulse(running.id)
    windows.open_pulse("no-such-session")
    assert windows.pulse(running.id) is None and windows.pulse("no-such-session") is None


@pytest.fixture
def flaky(tmp_path: Path) -> FlakyRepository:
    return FlakyRepository(TinyDBSessionRepository(tmp_path / "data"))


def test_a_refused_save_is_shown_in_the_dialog_with_the_answers_kept(
    make_controller: Callable[..., SessionController],
    flaky: FlakyRepository,
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    controller = make_controller(flaky)
    windows = Windows(controller, AppActions(controller), use_tray=False)
    try:
        session_id = ended(controller, clock)
        dialog = opened(windows, session_id)
        dialog.set_answers(3, Concern.YES, 3)
        flaky.fail_writes = True
        dialog.save_button.click()
        assert dialog.error_label.text().startswith("Not saved: ")
        assert dialog.isVisible() and dialog.heard.checkedId() == 3
        assert on_disk(tmp_path, session_id) is None
    finally:
        windows.close_all()


@pytest.fixture
def page_windows(
    controller: SessionController, actions: AppActions, settings_dir: Path
) -> Iterator[Windows]:
    """Windows whose settings let the salesperson answer on their phone."""
    service = SettingsService(settings_dir, Settings(pulse_page_enabled=True))
    windows = Windows(controller, actions, use_tray=False, settings=service)
    yield windows
    windows.close_all()


def test_with_the_phone_page_on_the_code_button_asks_for_it(
    page_windows: Windows, controller: SessionController, clock: FakeClock, qtbot: QtBot
) -> None:
    session_id = ended(controller, clock)
    dialog = opened(page_windows, session_id)
    assert dialog.page_button.isVisible()
    assert dialog.page_button in tab_chain(dialog)
    with qtbot.waitSignal(dialog.page_requested) as asked:
        dialog.page_button.click()
    assert asked.args == [session_id]


def test_in_german_no_english_is_left(
    windows: Windows,
    controller: SessionController,
    clock: FakeClock,
    qtbot: QtBot,
    request: pytest.FixtureRequest,
) -> None:
    session_id = ended(controller, clock)
    session = controller.session(session_id)
    assert session is not None
    english_dialog = PulseDialog(session, controller.now, offer_page=True)
    qtbot.addWidget(english_dialog)
    english_dialog.copy_button.click()  # its note too
    english_dialog.show()
    english = texts(english_dialog)
    request.getfixturevalue("german")
    dialog = PulseDialog(session, controller.now, offer_page=True)
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    dialog.show()
    assert untranslated(english, dialog, allowed={"1", "2", "3", "4", "5"}) == []
    assert dialog.windowTitle().startswith("Die andere Seite: Jordan, ")
