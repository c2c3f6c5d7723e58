"""The short reflection of a client meeting (and of a kind the user added): three questions
worded for it, nothing else, by keyboard, in German; the quiet line after a coaching
reflection is saved (Their answers… opens the pulse, Close and Escape close, no draft)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from focusmate.core.model import CoachingSession, Question, Reflection
from focusmate.core.pulse import Concern, PulseVia, RepPulse
from focusmate.core.reflection_form import SHARED_QUESTIONS
from focusmate.core.session_kind import CLIENT
from focusmate.services.controller import SessionController
from focusmate.ui.reflection_dialog import EMPATHY, ReflectionDialog
from focusmate.ui.windows import Windows
from tests.fakes import T0

CLIENT_MEETING = CoachingSession(
    "c1", "Acme", T0, 45, ended_at=T0 + timedelta(minutes=45), kind=CLIENT
)
COACHING = CoachingSession("s1", "Jordan", T0, 30, ended_at=T0 + timedelta(minutes=30))


def make(qtbot: QtBot, session: CoachingSession) -> ReflectionDialog:
    dialog = ReflectionDialog(session)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # shortcuts (Ctrl+Enter, Alt+T) work in the active window
        dialog.show()
        dialog.activateWindow()
    return dialog


def prompts(dialog: ReflectionDialog) -> list[str]:
    """The questions' names as a screen reader hears them (one per scale, from its '1')."""
    return [
        group.buttons()[0].accessibleName().rsplit(" 1 ", 1)[0] for group in dialog.scales.values()
    ]


def test_a_client_meeting_asks_three_questions_about_the_client_and_nothing_else(
    qtbot: QtBot,
) -> None:
    dialog = make(qtbot, CLIENT_MEETING)
    assert tuple(dialog.groups) == SHARED_QUESTIONS and EMPATHY not in dialog.scales
    assert prompts(dialog) == [
        "Was I fully present?",
        "Did I pay more attention to my client than to my phone?",
        "Did I listen before I pitched or advised?",
    ]
    for hidden in (dialog.perspective_edit, dialog.worry_edit, dialog.next_time_edit):
        assert not hidden.isVisible()
    assert not dialog.same_row.isVisible() and not dialog.commitment_row.isVisible()
    assert "three ratings" in dialog.presence_label.text()


def test_a_kind_of_the_users_gets_the_short_reflection_worded_for_anyone(qtbot: QtBot) -> None:
    dialog = make(qtbot, replace(CLIENT_MEETING, kind="team-meeting"))
    assert prompts(dialog)[1:] == [
        "Did I pay more attention to the people there than to my phone?",
        "Did I listen before I gave my view?",
    ]


def test_three_ratings_by_keyboard_alone_save_it(qtbot: QtBot) -> None:
    dialog = make(qtbot, CLIENT_MEETING)
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "3 still open" in dialog.error_label.text()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_5)
    for digit in (Qt.Key.Key_4, Qt.Key.Key_3):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        qtbot.keyClick(dialog.focusWidget(), digit)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.save_button  # the words are not in the Tab chain
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saved.args == [
        "c1",
        Reflection(dict(zip(SHARED_QUESTIONS, (5, 4, 3), strict=True)), complete=True),
    ]


def test_editing_keeps_what_an_older_longer_reflection_held(qtbot: QtBot) -> None:
    older = Reflection({**dict.fromkeys(Question, 4)}, "tense", "listen", complete=True, empathy=3)
    dialog = make(qtbot, CLIENT_MEETING.with_reflection(older))
    dialog.set_answer(Question.FULLY_PRESENT, 2)
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save_button.click()
    assert saved.args[1] == replace(older, answers={**older.answers, Question.FULLY_PRESENT: 2})


def test_the_client_meetings_dialog_closes_once_saved(qtbot: QtBot) -> None:
    dialog = make(qtbot, CLIENT_MEETING)
    for question in SHARED_QUESTIONS:
        dialog.set_answer(question, 4)
    dialog.save_button.click()
    dialog.show_saved()  # what the app does once it is on disk
    assert not dialog.isVisible() and not dialog.showing_saved_line


@pytest.mark.usefixtures("german")
def test_in_german_the_short_reflection_is_german(qtbot: QtBot) -> None:
    dialog = make(qtbot, CLIENT_MEETING)
    assert prompts(dialog)[1] == "Galt meine Aufmerksamkeit mehr meinem Kunden als meinem Handy?"
    dialog.save_button.click()
    assert "drei Bewertungen" in dialog.error_label.text()


def save_coaching(dialog: ReflectionDialog) -> None:
    """Rate all five and Save; then what the app does once the reflection is on disk."""
    save_coaching_through_the_app(dialog)
    dialog.show_saved()


def test_once_saved_one_quiet_line_offers_their_side_in_place(qtbot: QtBot) -> None:
    dialog = make(qtbot, COACHING)
    with qtbot.assertNotEmitted(dialog.draft_saved, wait=0):
        save_coaching(dialog)
    assert dialog.isVisible() and dialog.showing_saved_line
    assert not dialog.form_part.isVisible()
    assert dialog.saved_label.text() == "Saved. Ask Jordan for their side?"
    assert dialog.focusWidget() is dialog.close_button and dialog.close_button.isDefault()
    with qtbot.waitSignal(dialog.pulse_requested) as asked:
        qtbot.keyClick(
            dialog.focusWidget(), Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier
        )  # &Their answers…
    assert asked.args == ["s1"] and not dialog.isVisible()


@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_Return])
def test_escape_or_enter_on_the_saved_line_closes_without_a_draft(
    qtbot: QtBot, key: Qt.Key
) -> None:
    dialog = make(qtbot, COACHING)
    save_coaching(dialog)
    with (
        qtbot.assertNotEmitted(dialog.draft_saved, wait=0),
        qtbot.assertNotEmitted(dialog.pulse_requested, wait=0),
        qtbot.assertNotEmitted(dialog.saved, wait=0),
    ):
        qtbot.keyClick(dialog.focusWidget(), key)
    assert not dialog.isVisible()
    assert dialog.result() == ReflectionDialog.DialogCode.Accepted  # saved, not Later


def test_a_session_that_has_their_answers_just_closes(qtbot: QtBot) -> None:
    pulse = RepPulse(4, Concern.YES, 5, "", PulseVia.TYPED, T0)
    dialog = make(qtbot, replace(COACHING, rep_pulse=pulse))
    save_coaching(dialog)
    assert not dialog.isVisible()


def test_their_answers_opens_the_pulse_through_the_app(
    qtbot: QtBot, windows: Windows, controller: SessionController
) -> None:
    controller.start("Jordan", 30)
    controller.end()
    dialog = windows.reflection("s1")
    assert dialog is not None
    save_coaching_through_the_app(dialog)
    assert dialog.showing_saved_line and controller.pending_reflections() == []
    assert windows.pulse("s1") is None  # nothing opens unasked
    dialog.their_answers_button.click()
    assert windows.reflection("s1") is None
    pulse = windows.pulse("s1")
    assert pulse is not None and pulse.isVisible()


def save_coaching_through_the_app(dialog: ReflectionDialog) -> None:
    for question in Question:
        dialog.set_answer(question, 4)
    dialog.set_answer(EMPATHY, 4)
    dialog.save_button.click()  # the app saves it and calls show_saved


def test_tab_on_the_saved_line_reaches_both_buttons(qtbot: QtBot) -> None:
    dialog = make(qtbot, COACHING)
    save_coaching(dialog)
    seen: set[QWidget | None] = set()
    for _ in range(3):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        seen.add(dialog.focusWidget())
    assert {dialog.their_answers_button, dialog.close_button} <= seen


def test_a_client_meetings_reflection_drafts_saves_and_edits_again_through_the_app(
    qtbot: QtBot, windows: Windows, controller: SessionController
) -> None:
    session = controller.start("Acme", 45, kind=CLIENT)
    controller.end()
    dialog = windows.reflection(session.id)
    assert dialog is not None and tuple(dialog.groups) == SHARED_QUESTIONS
    dialog.set_answer(Question.FULLY_PRESENT, 5)
    with qtbot.waitSignal(dialog.draft_saved, timeout=2000):
        pass  # a draft, as for coaching
    draft = controller.session(session.id)
    assert draft is not None and draft.reflection is not None and draft.reflection_pending
    for question in SHARED_QUESTIONS[1:]:
        dialog.set_answer(question, 3)
    dialog.save_button.click()
    assert windows.reflection(session.id) is None  # closed at once: no pulse for a client
    assert controller.pending_reflections() == []
    windows.edit_reflection(session.id)  # as from the weekly review
    again = windows.reflection(session.id)
    assert again is not None and again.editing
    assert again.reflection(complete=True).answers == dict(
        zip(SHARED_QUESTIONS, (5, 3, 3), strict=True)
    )


@pytest.mark.usefixtures("german")
def test_in_german_the_quiet_line_is_german(qtbot: QtBot) -> None:
    dialog = make(qtbot, COACHING)
    save_coaching(dialog)
    assert dialog.saved_label.text() == "Gespeichert. Jordan nach der eigenen Sicht fragen?"
    assert dialog.their_answers_button.text() == "Antworten des &Gegenübers…"
    assert dialog.close_button.text() == "&Schließen"
