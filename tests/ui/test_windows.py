"""The app's windows (ui.windows.Windows): the loop start -> marks -> end -> reflection -> review,
through real widgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from focusmate.core.model import Question
from focusmate.core.weekly import IsoWeek
from focusmate.services.controller import SessionController
from focusmate.services.exports import ExportKind
from focusmate.ui.actions import AppActions
from focusmate.ui.control_window import ControlWindow
from focusmate.ui.i18n import InstalledLanguage
from focusmate.ui.reflection_dialog import ReflectionDialog
from focusmate.ui.start_dialog import StartDialog
from focusmate.ui.windows import Windows
from tests.fakes import FakeClock
from tests.ui.review_rig import InProcessReview


class Answers:
    """A fake of the quit confirmation box (modal boxes cannot be clicked offscreen)."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, question: str) -> bool:
        self.asked.append(question)
        return self.answer


@pytest.fixture
def confirm() -> Answers:
    return Answers(answer=False)


@pytest.fixture
def windows(
    controller: SessionController,
    actions: AppActions,
    confirm: Answers,
    review_process: InProcessReview,
) -> Iterator[Windows]:
    windows = Windows(
        controller, actions, use_tray=False, confirm=confirm, review=lambda: review_process
    )
    windows.show()
    yield windows
    windows.close_all()


def test_the_whole_loop(
    qtbot: QtBot,
    windows: Windows,
    controller: SessionController,
    actions: AppActions,
    clock: FakeClock,
    *,
    review_process: InProcessReview,
) -> None:
    control = windows.window(ControlWindow)
    assert control is not None and control.isVisible()
    actions.start.trigger()
    dialog = windows.window(StartDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.name_edit.setText("Ana")
    dialog.buttons.accepted.emit()
    assert controller.current is not None and controller.current.with_name == "Ana"
    assert windows.window(StartDialog) is None  # closed and forgotten
    assert not windows.session_window.isVisible()  # nothing pops up during the session
    clock.advance(minutes=3)
    actions.log_phone.trigger()
    actions.log_app.trigger()
    actions.log_phone.trigger()
    assert controller.current.mark_counts() == {"phone": 2, "app": 1}
    clock.advance(minutes=30)
    actions.end.trigger()
    reflection = windows.reflection("s1")
    assert reflection is not None and reflection.isVisible()
    for question in Question:
        reflection.set_answer(question, 4)
    reflection.set_answer("empathy", 4)
    reflection.save_button.click()
    assert controller.pending_reflections() == []
    actions.review.trigger()
    review_window = review_process.window
    assert review_window is not None and review_window.isVisible()
    assert review_window.table.rowCount() == 1
    assert review_window.table.item(0, 2).text() == "Ana"
    assert review_window.table.item(0, 7).text() == "3.2"  # presence: 1 + 3 * 0.9 ** 3 (3 marks)


def test_a_refused_start_keeps_the_dialog_and_the_text(
    windows: Windows, actions: AppActions, controller: SessionController
) -> None:
    actions.start.trigger()
    dialog = windows.window(StartDialog)
    assert dialog is not None
    dialog.name_edit.setText("   ")
    dialog.buttons.accepted.emit()
    assert controller.current is None and dialog.isVisible()
    assert "empty" in dialog.error_label.text()


def test_quit_during_a_session_asks_first(
    qtbot: QtBot,
    windows: Windows,
    actions: AppActions,
    controller: SessionController,
    confirm: Answers,
) -> None:
    controller.start("Ana", 30)
    with qtbot.assertNotEmitted(windows.quit_confirmed):
        actions.quit.trigger()
    assert confirm.asked and "Ana" in confirm.asked[0]
    assert controller.current is not None
    confirm.answer = True
    with qtbot.waitSignal(windows.quit_confirmed):
        actions.quit.trigger()
    assert controller.current is None and controller.pending_reflections()


def test_quit_when_idle_does_not_ask(
    qtbot: QtBot, windows: Windows, actions: AppActions, confirm: Answers
) -> None:
    with qtbot.waitSignal(windows.quit_confirmed):
        actions.quit.trigger()
    assert confirm.asked == []


def test_later_keeps_the_reflection_pending_and_reachable(
    windows: Windows, actions: AppActions, controller: SessionController, qtbot: QtBot
) -> None:
    controller.start("Ana", 30)
    controller.end()
    dialog = windows.reflection("s1")
    assert dialog is not None
    qtbot.keyClicks(dialog.next_time_edit, "slow down")
    dialog.later_button.click()
    assert windows.reflection("s1") is None
    pending = controller.pending_reflections()
    assert pending[0].reflection is not None and pending[0].reflection.next_time == "slow down"
    actions.reflections[0].trigger()
    reopened = windows.reflection("s1")
    assert isinstance(reopened, ReflectionDialog) and reopened is not dialog
    assert reopened.next_time_edit.toPlainText() == "slow down"


def test_a_failed_mark_is_logged_not_popped_up(
    windows: Windows, actions: AppActions, controller: SessionController
) -> None:
    with pytest.raises(Exception, match="no coaching"):
        controller.mark("phone")
    actions.mark_requested.emit("phone")
    assert windows.last_error == "no coaching session is running"  # English, as logged
    assert windows.session_window.error_label.text() == "No coaching session is running."
    assert not windows.session_window.isVisible()  # kept for later, not popped up
    controller.start("Ana", 30)
    actions.mark_requested.emit("phone")
    assert windows.session_window.error_label.text() == ""


def test_review_empty_state_and_navigation(
    qtbot: QtBot, windows: Windows, actions: AppActions, review_process: InProcessReview
) -> None:
    actions.review.trigger()
    review = review_process.window
    assert review is not None
    assert review.stack.currentWidget() is review.empty_label
    assert not review.next_button.isEnabled()  # no future weeks
    review.prev_button.click()
    assert str(review.week) == "2026-W47"
    assert review.today_button.isEnabled()
    review.today_button.click()
    assert str(review.week) == "2026-W48"


def test_a_closed_review_opens_again_on_the_week_looked_at_last(
    qtbot: QtBot, windows: Windows, actions: AppActions, review_process: InProcessReview
) -> None:
    """Its process ends with its window (issue 18: the app keeps none of its memory); the
    next one starts on the week the manager looked at last."""
    actions.review.trigger()
    first = review_process.window
    assert first is not None
    first.prev_button.click()
    with qtbot.waitSignal(review_process.ended):
        first.close()
    assert review_process.window is None and not review_process.running
    windows.open_review()
    again = review_process.window
    assert again is not None and again is not first
    assert review_process.started_on == [None, IsoWeek(2026, 47)]
    assert str(again.week) == "2026-W47"
    windows.open_review()  # while it runs: brought forward, not started again
    assert review_process.started_on == [None, IsoWeek(2026, 47)]
    assert review_process.lines_in[-1] == {"do": "show"}
    again.close()


def test_a_failed_save_keeps_the_reflection_open_with_its_text(
    windows: Windows, controller: SessionController, qtbot: QtBot
) -> None:
    controller.start("Ana", 30)
    controller.end()
    dialog = windows.reflection("s1")
    assert dialog is not None
    for question in Question:
        dialog.set_answer(question, 3)
    dialog.set_answer("empathy", 3)
    qtbot.keyClicks(dialog.next_time_edit, "listen longer")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "replace", _disk_full)  # the atomic rename fails, as on a full disk
        dialog.save_button.click()
    assert dialog.isVisible() and "Not saved" in dialog.error_label.text()
    assert dialog.next_time_edit.toPlainText() == "listen longer"
    dialog.save_button.click()  # retried once the disk has room
    assert controller.pending_reflections() == []
    assert dialog.showing_saved_line  # saved: the quiet line, no error left
    dialog.close_button.click()
    assert windows.reflection("s1") is None


def _disk_full(*_args: object) -> None:
    raise OSError(28, "No space left on device")


def test_a_notice_waits_for_the_end_of_the_session(
    windows: Windows, controller: SessionController
) -> None:
    controller.start("Ana", 30)
    windows.notice("Your data file was damaged")
    assert windows.notices == ()  # nothing pops up in front of the salesperson
    controller.end()
    assert [b.text() for b in windows.notices] == ["Your data file was damaged"]
    assert windows.notices[0].isVisible() and not windows.notices[0].isModal()
    windows.notices[0].accept()  # OK
    assert windows.notices == ()  # forgotten once closed


def test_hotkeys_mark_and_undo_silently_and_are_ignored_when_idle(
    windows: Windows, controller: SessionController, clock: FakeClock
) -> None:
    windows.on_hotkey("phone")  # no session: ignored, no error
    assert windows.last_error == ""
    controller.start("Ana", 30)
    windows.on_hotkey("phone")
    windows.on_hotkey("app")
    windows.on_hotkey("undo")
    assert [m.kind for m in controller.current.marks] == ["phone"]  # type: ignore[union-attr]
    assert not windows.session_window.isVisible()


def test_the_session_windows_undo_button_takes_back_the_last_mark(
    windows: Windows, controller: SessionController
) -> None:
    controller.start("Ana", 30)
    controller.mark("phone")
    controller.mark("app")
    windows.show_session_window()
    assert windows.session_window.undo_button.isVisible()
    windows.session_window.undo_button.click()
    assert [m.kind for m in controller.current.marks] == ["phone"]  # type: ignore[union-attr]


def test_the_session_window_explains_missing_hotkeys(windows: Windows) -> None:
    windows.session_window.show_hotkey_note("Wayland session: bind focusmate log phone")
    assert not windows.session_window.hotkey_note.isHidden()
    windows.session_window.show_hotkey_note("")
    assert windows.session_window.hotkey_note.isHidden()


def test_the_quit_question_and_export_title_in_german(
    german: InstalledLanguage,
    controller: SessionController,
    actions: AppActions,
    confirm: Answers,
    tmp_path: Path,
    *,
    clock: FakeClock,
) -> None:
    asked_titles: list[str] = []

    def ask_path(title: str, _suggested: str) -> str | None:
        asked_titles.append(title)
        return None  # the user cancels the file dialog

    review = InProcessReview(tmp_path / "data", clock, ask_path)
    windows = Windows(controller, actions, use_tray=False, confirm=confirm, review=lambda: review)
    try:
        controller.start("Ana", 30)
        actions.quit.trigger()
        assert confirm.asked == [
            "Ihr Gespräch mit Ana läuft noch.\nGespräch beenden und "
            "focusmate schließen? Sie können es beim nächsten Mal "
            "reflektieren."
        ]
        windows.open_review()
        review_window = review.window
        assert review_window is not None
        review_window.export_buttons[ExportKind.WEEK_CSV].click()
        assert asked_titles == ["Exportieren (CSV)"]
    finally:
        windows.close_all()
