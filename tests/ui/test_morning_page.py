"""Morning stillness: the quiet page, its two-minute timer, and when it may (not) appear."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from focusmate.core.model import Question, Reflection
from focusmate.core.morning import MorningDigest, morning_notification
from focusmate.services.controller import SessionController
from focusmate.services.held_notifications import HeldNotifications
from focusmate.ui.actions import AppActions
from focusmate.ui.morning_page import MorningPage
from focusmate.ui.windows import Windows
from tests.fake_notifier import RecordingNotifier
from tests.fakes import FakeClock
from tests.ui.accessibility import accessible_name, tab_chain, unnamed_controls
from tests.ui.keyboard import reading_order, texts, untranslated


def yesterday_with_ana(controller: SessionController, clock: FakeClock) -> None:
    controller.start("Ana", 30)
    clock.advance(minutes=30)
    controller.end()
    controller.save_reflection(
        "s1", Reflection(dict.fromkeys(Question, 4), "", "ask first", complete=True, empathy=3)
    )
    clock.advance(days=1)


def test_the_page_shows_yesterday_and_the_four_questions(
    qtbot: QtBot,
    windows: Windows,
    actions: AppActions,
    controller: SessionController,
    clock: FakeClock,
) -> None:
    yesterday_with_ana(controller, clock)
    actions.morning.trigger()
    page = windows.window(MorningPage)
    assert page is not None and page.isVisible()
    assert "yesterday's one-on-ones" in page.intro.text()
    assert "<b>Ana</b> · 30 min · 0 marks · presence 3.7" in page.sessions_label.text()
    questions = page.questions_label.text()
    assert all(q.prompt in questions for q in Question)
    assert "you answered 4.0 on average" in questions and "you answered 3.0" in questions
    assert "Ana: “ask first”" in page.commitments_label.text()
    assert page.counting and page.timer_label.text() in {"2:00", "1:59"}
    page.close()
    assert not page.counting  # no ticking while nobody looks


def test_never_during_a_session(
    windows: Windows, actions: AppActions, controller: SessionController
) -> None:
    controller.start("Ana", 30)
    assert not actions.morning.isVisible()
    windows.open_morning_page()  # e.g. a stray click on an old notification
    assert windows.window(MorningPage) is None
    controller.end()
    assert actions.morning.isVisible()


def test_the_timer_ends_quietly(qtbot: QtBot) -> None:
    page = MorningPage(stillness_s=1)
    qtbot.addWidget(page)
    page.show()
    assert page.timer_label.text() == "0:01"
    qtbot.waitUntil(lambda: not page.counting, timeout=3000)
    assert page.timer_label.text() == "Carry this stillness into your day."


def test_a_click_on_the_reminder_opens_the_page(
    qtbot: QtBot, controller: SessionController, windows: Windows
) -> None:
    notifier = RecordingNotifier()
    notifications = HeldNotifications(controller, notifier)
    note = morning_notification(datetime(2026, 11, 23, 7, 30, tzinfo=UTC))
    notifications.notify(note, windows.open_morning_page)  # as app.py wires the reminder
    assert notifier.sent == [note] and windows.window(MorningPage) is None  # nothing opens itself
    notifier.click(0)
    page = windows.window(MorningPage)
    assert page is not None and page.isVisible()


def test_the_page_is_named_and_closes_by_keyboard(
    qtbot: QtBot,
    windows: Windows,
    actions: AppActions,
    controller: SessionController,
    clock: FakeClock,
) -> None:
    yesterday_with_ana(controller, clock)
    actions.morning.trigger()
    page = windows.window(MorningPage)
    assert page is not None
    qtbot.waitExposed(page)
    assert unnamed_controls(page) == []
    assert tab_chain(page) == reading_order(page) == [page.close_button]
    assert page.focusWidget() is page.close_button
    assert accessible_name(page.timer_label) == "Time left: 2 minutes"  # not "2:00"
    assert accessible_name(page.sessions_label).endswith("presence 3.7")  # read by its text
    qtbot.keyClick(page.close_button, Qt.Key.Key_Return)
    assert not page.isVisible()
    actions.morning.trigger()
    with qtbot.waitActive(page):  # shortcuts work in the active window
        page.activateWindow()
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    assert not page.isVisible()


def test_an_older_day_is_named_by_its_date(qtbot: QtBot) -> None:
    friday = date(2026, 11, 20)
    page = MorningPage()
    qtbot.addWidget(page)
    page.show_digest(MorningDigest(today=date(2026, 11, 23), day=friday))
    assert "Look back on the one-on-ones of Friday 20 November." in page.intro.text()
    page.show_digest(MorningDigest(today=date(2026, 11, 23), day=None))
    assert "Look back on the last few days." in page.intro.text()
    assert page.sessions_label.text().startswith("No one-on-ones in the last week.")


def test_in_german_no_english_is_left(
    qtbot: QtBot,
    controller: SessionController,
    clock: FakeClock,
    request: pytest.FixtureRequest,
) -> None:
    yesterday_with_ana(controller, clock)
    english_page = MorningPage()
    qtbot.addWidget(english_page)
    english_page.show_digest(controller.morning_digest())
    english_page.show()
    english = texts(english_page)
    request.getfixturevalue("german")
    page = MorningPage()
    qtbot.addWidget(page)
    page.show_digest(controller.morning_digest())
    page.show()
    assert untranslated(english, page, allowed={"2:00", "1:59"}) == []
    assert "Denken Sie an die Einzelgespräche von gestern zurück." in page.intro.text()
    assert "<b>Ana</b> · 30 Min. · 0 Vermerke · Präsenz 3,7" in page.sessions_label.text()
    assert "Ihre Antwort im Schnitt: 4,0" in page.questions_label.text()
    assert "Ana: „ask first“" in page.commitments_label.text()
    assert accessible_name(page.timer_label) == "Restzeit: 2 Minuten"
    page.show_digest(MorningDigest(today=date(2026, 11, 23), day=date(2026, 11, 20)))
    assert "Einzelgespräche vom Freitag, 20. November zurück." in page.intro.text()
