"""The reflection dialog: four 1-5 answers, two notes, drafts that lose nothing."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from focusmate.core.model import CoachingSession, Question, Reflection
from focusmate.ui.reflection_dialog import ReflectionDialog
from tests.fakes import T0

SESSION = CoachingSession("s1", "Ana", T0, 30, ended_at=T0 + timedelta(minutes=30))


def make(qtbot: QtBot, session: CoachingSession = SESSION) -> ReflectionDialog:
    dialog = ReflectionDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_it_asks_the_four_questions_about_the_named_person(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    assert set(dialog.groups) == set(Question)
    assert all(len(g.buttons()) == 5 for g in dialog.groups.values())
    assert "Ana" in dialog.windowTitle()
    assert dialog.perspective_edit.accessibleName() == "What was Ana thinking or feeling?"


def test_save_needs_all_five_ratings(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    dialog.set_answer(Question.FULLY_PRESENT, 2)
    with qtbot.assertNotEmitted(dialog.saved):
        dialog.save_button.click()
    assert "4 still open" in dialog.error_label.text() and dialog.isVisible()
    for question, value in zip(Question, (2, 3, 4, 5), strict=True):
        dialog.set_answer(question, value)
    dialog.set_answer("empathy", 4)
    qtbot.keyClicks(dialog.perspective_edit, "worried about the Q4 quota")
    qtbot.keyClicks(dialog.next_time_edit, "ask before advising")
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save_button.click()
    session_id, reflection = saved.args
    assert session_id == "s1"
    assert reflection == Reflection(
        dict(zip(Question, (2, 3, 4, 5), strict=True)),
        "worried about the Q4 quota",
        "ask before advising",
        complete=True,
        empathy=4,
    )


def test_typing_saves_a_draft_soon_after(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    qtbot.keyClicks(dialog.perspective_edit, "tired")
    with qtbot.waitSignal(dialog.draft_saved, timeout=2000) as draft:
        pass
    assert draft.args[1] == Reflection({}, "tired", "", complete=False)


def test_later_and_escape_keep_a_draft(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    dialog.set_answer(Question.PERSON_OVER_PHONE, 1)
    with qtbot.waitSignal(dialog.draft_saved) as draft:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert draft.args[1].answers == {Question.PERSON_OVER_PHONE: 1}
    assert not dialog.isVisible()


def test_nothing_changed_means_no_draft_write(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    with qtbot.assertNotEmitted(dialog.draft_saved):
        dialog.later_button.click()


def test_a_draft_is_loaded_back(qtbot: QtBot) -> None:
    draft = Reflection({Question.FULLY_PRESENT: 4}, "they smiled", "pause", complete=False)
    dialog = make(qtbot, CoachingSession("s1", "Ana", T0, 30, ended_at=T0, reflection=draft))
    assert dialog.reflection(complete=False) == draft
