"""Past reflections open from the weekly review; editing a saved one never makes it a draft."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from focusmate.core.model import Question, Reflection
from focusmate.services.controller import SessionController
from focusmate.ui.actions import AppActions
from focusmate.ui.reflection_dialog import EMPATHY
from focusmate.ui.review_window import ReviewWindow
from focusmate.ui.windows import Windows
from tests.fakes import FakeClock
from tests.ui.review_rig import InProcessReview


def saved_session(controller: SessionController, clock: FakeClock, name: str) -> str:
    session = controller.start(name, 30)
    clock.advance(minutes=30)
    controller.end()
    reflection = Reflection(dict.fromkeys(Question, 4), "tired", "pause", complete=True, empathy=4)
    controller.save_reflection(session.id, reflection)
    return session.id


def open_review(review_process: InProcessReview, actions: AppActions) -> ReviewWindow:
    actions.review.trigger()
    review = review_process.window
    assert isinstance(review, ReviewWindow)
    return review


def activate_row(qtbot: QtBot, review: ReviewWindow, row: int) -> None:
    """Double-click the row, as the manager would."""
    rect = review.table.visualRect(review.table.model().index(row, 2))
    viewport = review.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # the first press
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_saved_reflection_opens_from_the_review_and_stays_complete(
    qtbot: QtBot,
    windows: Windows,
    actions: AppActions,
    controller: SessionController,
    clock: FakeClock,
    *,
    review_process: InProcessReview,
) -> None:
    sid = saved_session(controller, clock, "Ana")
    opened = windows.reflection(sid)  # opened by the end of the session
    assert opened is not None
    opened.accept()
    review = open_review(review_process, actions)
    assert review.table.item(0, 7).text() == "4.0"
    activate_row(qtbot, review, 0)
    dialog = windows.reflection(sid)
    assert dialog is not None and dialog.isVisible() and dialog.editing
    assert "Your reflection on the session with Ana" in dialog.windowTitle()
    assert dialog.later_button.text() == "&Close"
    assert dialog.reflection(complete=True).next_time == "pause"
    dialog.set_answer(Question.FULLY_PRESENT, 2)  # an honest second look
    qtbot.keyClicks(dialog.next_time_edit, " longer")
    with qtbot.waitSignal(dialog.draft_saved, timeout=2000):
        pass  # the edit is saved as the manager types ...
    saved = controller.session(sid)
    assert saved is not None and saved.reflection is not None
    assert saved.reflection.complete  # ... and is never demoted to a draft
    assert saved.reflection.next_time == "pause longer"
    assert controller.pending_reflections() == []
    assert review.table.item(0, 7).text() == "3.7"  # the review follows: (2+4+4+4+2*4)/6
    dialog.later_button.click()
    assert windows.reflection(sid) is None


def test_a_pending_reflection_opens_from_the_review_too(
    qtbot: QtBot,
    windows: Windows,
    actions: AppActions,
    controller: SessionController,
    review_process: InProcessReview,
) -> None:
    session = controller.start("Ben", 30)
    controller.end()
    opened = windows.reflection(session.id)
    assert opened is not None
    opened.reject()  # Later
    review = open_review(review_process, actions)
    assert review.table.item(0, 7).text() == "pending"
    activate_row(qtbot, review, 0)
    dialog = windows.reflection(session.id)
    assert dialog is not None and not dialog.editing and dialog.later_button.text() == "&Later"
    for question in Question:
        dialog.set_answer(question, 5)
    dialog.set_answer(EMPATHY, 5)
    dialog.save_button.click()
    assert controller.pending_reflections() == []
    assert review.table.item(0, 7).text() == "5.0"


def test_enter_on_a_row_opens_it(
    qtbot: QtBot,
    windows: Windows,
    actions: AppActions,
    controller: SessionController,
    clock: FakeClock,
    *,
    review_process: InProcessReview,
) -> None:
    sid = saved_session(controller, clock, "Cy")
    review = open_review(review_process, actions)
    with qtbot.waitSignal(review.session_activated) as activated:
        review.table.setCurrentCell(0, 0)
        review.table.activated.emit(review.table.currentIndex())  # Enter, on most styles
    assert activated.args == [sid]


def test_a_running_session_has_no_reflection_to_open(
    qtbot: QtBot,
    windows: Windows,
    actions: AppActions,
    controller: SessionController,
    review_process: InProcessReview,
) -> None:
    session = controller.start("Dee", 30)
    review = open_review(review_process, actions)
    assert review.table.item(0, 3).text() == "running"
    activate_row(qtbot, review, 0)
    assert windows.reflection(session.id) is None
