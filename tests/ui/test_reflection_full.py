"""The full reflection: every field by keyboard alone (timed), last time's questions, drafts."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from focusmate.core.checkin import CarryOver, carry_over
from focusmate.core.model import (
    CoachingSession,
    CommitmentOutcome,
    Mark,
    Question,
    Reflection,
    Worry,
)
from focusmate.ui.reflection_dialog import EMPATHY, ReflectionDialog
from tests.fakes import T0
from tests.ui.accessibility import accessible_name, tab_chain, unnamed_controls
from tests.ui.keyboard import untranslated

WEEK = timedelta(days=7)
LAST_TIME = CoachingSession(
    "s1",
    "Ana",
    T0,
    30,
    ended_at=T0 + timedelta(minutes=30),
    reflection=Reflection(
        dict.fromkeys(Question, 3),
        "worried about the quota",
        "ask two questions before advising",
        complete=True,
        empathy=2,
    ),
)
THIS_TIME = CoachingSession(
    "s2",
    "Ana",
    T0 + WEEK,
    30,
    ended_at=T0 + WEEK + timedelta(minutes=30),
    marks=(Mark("phone", T0 + WEEK),),
)


def make(qtbot: QtBot, session: CoachingSession, carry: CarryOver | None) -> ReflectionDialog:
    dialog = ReflectionDialog(session, carry)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # shortcuts (Ctrl+Enter) work in the active window
        dialog.show()
        dialog.activateWindow()
    return dialog


class Keyboard:
    """Presses keys where the focus is, as a person would, and counts them."""

    def __init__(self, qtbot: QtBot, dialog: ReflectionDialog) -> None:
        self.qtbot, self.dialog, self.presses = qtbot, dialog, 0

    @property
    def focus(self) -> QWidget:
        widget = self.dialog.focusWidget()
        assert widget is not None
        return widget

    def key(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.qtbot.keyClick(self.focus, key, modifier)
        self.presses += 1

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focus, text)
        self.presses += len(text)

    def digit(self, number: int) -> None:
        self.key(getattr(Qt.Key, f"Key_{number}"))


def test_every_field_by_keyboard_alone(qtbot: QtBot) -> None:
    carry = carry_over([LAST_TIME], "Ana", before=THIS_TIME.started_at)
    dialog = make(qtbot, THIS_TIME, carry)
    keys = Keyboard(qtbot, dialog)
    began = time.perf_counter()
    assert keys.focus is dialog.groups[Question.FULLY_PRESENT].button(1)  # the first row
    for answer in (4, 3, 4, 5):  # the four questions
        keys.digit(answer)
        keys.key(Qt.Key.Key_Tab)
    keys.digit(4)  # empathy
    assert dialog.scales[EMPATHY].checkedId() == 4
    keys.key(Qt.Key.Key_Tab)
    assert keys.focus is dialog.perspective_edit
    keys.type("relieved once the quota was split into weeks")
    keys.key(Qt.Key.Key_Tab)
    assert keys.focus in dialog.worry_row.buttons
    keys.digit(1)  # a real worry came up
    keys.key(Qt.Key.Key_Tab)
    assert keys.focus is dialog.worry_edit
    keys.type("losing the Brennan account")
    keys.key(Qt.Key.Key_Tab)
    assert keys.focus in dialog.same_row.buttons
    keys.digit(1)  # yes, the same challenge
    keys.key(Qt.Key.Key_Tab)
    assert keys.focus in dialog.commitment_row.buttons
    keys.digit(2)  # partly kept
    keys.key(Qt.Key.Key_Tab)
    assert keys.focus is dialog.next_time_edit
    keys.type("let her finish before I answer")
    with qtbot.waitSignal(dialog.saved) as saved:
        keys.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    elapsed_ms = (time.perf_counter() - began) * 1000
    typed = len(
        "relieved once the quota was split into weeks"
        "losing the Brennan account"
        "let her finish before I answer"
    )
    print(
        f"\nkeyboard-only reflection: {keys.presses} key presses ({keys.presses - typed} to "
        f"move and choose, {typed} typed) in {elapsed_ms:.0f} ms scripted (pytest-qt, offscreen)"
    )
    assert saved.args[0] == "s2"
    assert saved.args[1] == Reflection(
        {
            Question.FULLY_PRESENT: 4,
            Question.PERSON_OVER_PHONE: 3,
            Question.UNDERSTOOD_BEFORE_ADVISING: 4,
            Question.RESPECT_LIKE_TOP_CLIENT: 5,
        },
        "relieved once the quota was split into weeks",
        "let her finish before I answer",
        complete=True,
        empathy=4,
        worry=Worry.CAME_UP,
        worry_note="losing the Brennan account",
        previous_session_id="s1",
        same_challenge=True,
        commitment_outcome=CommitmentOutcome.PARTLY,
    )


def test_arrows_and_space_work_too(qtbot: QtBot) -> None:
    dialog = make(qtbot, THIS_TIME, None)
    keys = Keyboard(qtbot, dialog)
    keys.key(Qt.Key.Key_Space)  # the focused "1"
    keys.key(Qt.Key.Key_Right)
    keys.key(Qt.Key.Key_Right)
    assert dialog.groups[Question.FULLY_PRESENT].checkedId() == 3


def test_last_time_is_shown_and_asked_about(qtbot: QtBot) -> None:
    carry = carry_over([LAST_TIME], "Ana", before=THIS_TIME.started_at)
    dialog = make(qtbot, THIS_TIME, carry)
    assert dialog.asks_same_challenge and dialog.asks_commitment
    assert "ask two questions before advising" in dialog.commitment_label.text()
    assert "worried about the quota" in dialog.last_time_label.text()
    assert dialog.commitment_row.isVisible() and dialog.same_row.isVisible()
    assert "One thing I'll do differently next time with Ana" in (
        dialog.next_time_edit.accessibleName()
    )


def test_without_history_only_the_present_is_asked(qtbot: QtBot) -> None:
    dialog = make(qtbot, THIS_TIME, CarryOver("Ana"))
    assert not dialog.same_row.isVisible() and not dialog.commitment_row.isVisible()
    keys = Keyboard(qtbot, dialog)
    for _ in range(5):
        keys.digit(5)
        keys.key(Qt.Key.Key_Tab)
    keys.key(Qt.Key.Key_Tab)  # past the note
    keys.digit(2)  # they smiled and agreed
    keys.key(Qt.Key.Key_Tab)
    keys.key(Qt.Key.Key_Tab)  # past the worry note: the commitment is next
    assert keys.focus is dialog.next_time_edit
    reflection = dialog.reflection(complete=False)
    assert reflection.worry is Worry.SMILED_AND_AGREED
    assert (reflection.same_challenge, reflection.commitment_outcome) == (None, None)
    assert reflection.previous_session_id is None


def test_the_presence_line_follows_the_answers(qtbot: QtBot) -> None:
    dialog = make(qtbot, THIS_TIME, None)  # one mark was logged
    assert "not rated yet" in dialog.presence_label.text()
    assert "1 mark logged" in dialog.presence_label.text()
    for question in Question:
        dialog.set_answer(question, 5)
    dialog.set_answer(EMPATHY, 5)
    assert "<b>4.6 of 5</b>" in dialog.presence_label.text()  # 1 + 4 * 0.9
    assert "empathy counts twice" in dialog.presence_label.text()


def test_a_full_draft_comes_back_whole(qtbot: QtBot) -> None:
    draft = Reflection(
        {Question.FULLY_PRESENT: 2},
        "quiet",
        "pause",
        complete=False,
        empathy=3,
        worry=Worry.NOT_SURE,
        worry_note="hmm",
        previous_session_id="s1",
        same_challenge=False,
        commitment_outcome=CommitmentOutcome.NOT_KEPT,
    )
    session = CoachingSession("s2", "Ana", T0 + WEEK, 30, ended_at=T0 + WEEK, reflection=draft)
    carry = carry_over([LAST_TIME], "Ana", before=session.started_at)
    dialog = make(qtbot, session, carry)
    assert dialog.reflection(complete=False) == draft
    assert not dialog.editing and "Reflect on" in dialog.windowTitle()


def test_every_field_change_saves_a_draft(qtbot: QtBot) -> None:
    carry = carry_over([LAST_TIME], "Ana", before=THIS_TIME.started_at)
    dialog = make(qtbot, THIS_TIME, carry)
    for change in (
        lambda: dialog.set_answer(EMPATHY, 2),
        lambda: dialog.worry_row.choose(Worry.CAME_UP),
        lambda: qtbot.keyClicks(dialog.worry_edit, "x"),
        lambda: dialog.same_row.choose(False),
        lambda: dialog.commitment_row.choose(CommitmentOutcome.KEPT),
    ):
        with qtbot.waitSignal(dialog.draft_saved, timeout=2000) as draft:
            change()
        assert not draft.args[1].complete
    assert draft.args[1].commitment_outcome is CommitmentOutcome.KEPT


def with_history(qtbot: QtBot) -> ReflectionDialog:
    """The dialog with every row shown: last time's challenge and commitment are asked about."""
    return make(qtbot, THIS_TIME, carry_over([LAST_TIME], "Ana", before=THIS_TIME.started_at))


def test_every_control_has_a_name_a_screen_reader_can_say(qtbot: QtBot) -> None:
    dialog = with_history(qtbot)
    assert unnamed_controls(dialog) == []
    low = dialog.groups[Question.FULLY_PRESENT].button(1)
    assert accessible_name(low) == "Was I fully present? 1 of 5"
    assert low.accessibleDescription() == "1 = half-present"
    assert accessible_name(dialog.scales[EMPATHY].button(5)).endswith("gave advice? 5 of 5")
    assert accessible_name(dialog.commitment_row.buttons[1]) == "Last time's commitment Partly"


def test_tab_goes_down_the_ratings_then_down_the_words_then_to_the_buttons(
    qtbot: QtBot,
) -> None:
    dialog = with_history(qtbot)
    expected = [
        *(dialog.scales[key].button(1) for key in (*Question, EMPATHY)),
        dialog.perspective_edit,
        dialog.worry_row.buttons[0],
        dialog.worry_edit,
        dialog.same_row.buttons[0],
        dialog.commitment_row.buttons[0],
        dialog.next_time_edit,
        dialog.save_button,
        dialog.later_button,
    ]
    chain = tab_chain(dialog)
    start = chain.index(expected[0])
    assert chain[start:] + chain[:start] == expected


@pytest.mark.parametrize("editing", [False, True], ids=["new", "editing"])
def test_in_german_no_english_is_left(
    qtbot: QtBot, request: pytest.FixtureRequest, editing: bool
) -> None:
    reflection = LAST_TIME.reflection if editing else None
    session = THIS_TIME.with_reflection(reflection) if reflection else THIS_TIME
    carry = carry_over([LAST_TIME], "Ana", before=THIS_TIME.started_at)
    english = make(qtbot, session, carry)
    english.show_error("disk full")  # the same widgets shown in both
    request.getfixturevalue("german")
    german = make(qtbot, session, carry)
    german.show_error("disk full")
    assert untranslated(english, german, allowed={"Ana", "1", "2", "3", "4", "5"}) == []
    if editing:  # dates in German order and words
        assert german.windowTitle() == "Ihre Reflexion zum Gespräch mit Ana (Mo. 30. Nov.)"
        assert german.later_button.text() == "&Schließen"
    else:
        assert german.windowTitle() == "Reflexion zu Ihrem Gespräch mit Ana"
    assert german.last_time_label.text().startswith("Letztes Mal (Mo. 23. Nov.)")
    assert german.commitment_row.buttons[0].text() == "Umgesetzt"
    assert accessible_name(german.groups[Question.FULLY_PRESENT].button(1)) == (
        "War ich voll präsent? 1 von 5"
    )
    for question in Question:
        german.set_answer(question, 5)
    german.set_answer(EMPATHY, 5)
    assert "<b>4,6 von 5</b> (1 Vermerk erfasst)" in german.presence_label.text()
