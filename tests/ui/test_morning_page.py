"""Morning stillness: the quiet page, its two-minute timer, and when it may (not) appear."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from focusmate.controller import SessionController
from focusmate.core.model import Question, Reflection
from focusmate.core.morning import morning_notification
from focusmate.shell import Shell
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.ui.actions import AppActions
from focusmate.ui.morning_page import MorningPage
from tests.fake_notifier import RecordingNotifier
from tests.fakes import FakeClock, IdFactory


@pytest.fixture
def shell(controller: SessionController, actions: AppActions) -> Iterator[Shell]:
    shell = Shell(controller, actions, use_tray=False, confirm=lambda _q: False)
    shell.show()
    yield shell
    shell.close_all()


def yesterday_with_ana(controller: SessionController, clock: FakeClock) -> None:
    controller.start("Ana", 30)
    clock.advance(minutes=30)
    controller.end()
    controller.save_reflection("s1", Reflection(dict.fromkeys(Question, 4), "", "ask first",
                                                complete=True, empathy=3))  # fmt: skip
    clock.advance(days=1)


def test_the_page_shows_yesterday_and_the_four_questions(
    qtbot: QtBot, shell: Shell, actions: AppActions, controller: SessionController,
    clock: FakeClock,
) -> None:  # fmt: skip
    yesterday_with_ana(controller, clock)
    actions.morning.trigger()
    page = shell.morning_page
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
    shell: Shell, actions: AppActions, controller: SessionController
) -> None:
    controller.start("Ana", 30)
    assert not actions.morning.isVisible()
    shell.open_morning_page()  # e.g. a stray click on an old notification
    assert shell.morning_page is None
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
    qtbot: QtBot, tmp_path: Path, clock: FakeClock, shell: Shell
) -> None:
    notifier = RecordingNotifier()
    repository = TinyDBSessionRepository(tmp_path / "n")
    wired = SessionController(repository, clock, IdFactory("n"), notifier=notifier)
    note = morning_notification(datetime(2026, 11, 23, 7, 30, tzinfo=UTC))
    wired.notify(note, shell.open_morning_page)  # as app.py wires the reminder
    assert notifier.sent == [note] and shell.morning_page is None  # nothing opens by itself
    notifier.click(0)
    assert shell.morning_page is not None and shell.morning_page.isVisible()
