"""The loop between one-on-ones through the controller: carry-over, check-in, and the
notifications held while a session runs (HeldNotifications)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from focusmate.core.errors import InvalidInput, NotPossibleNow
from focusmate.core.model import CheckIn, ChecklistItem, CommitmentOutcome, Question, Reflection
from focusmate.core.ports import Notification
from focusmate.core.status import HOTKEYS_NOT_STARTED
from focusmate.services.controller import SessionController
from focusmate.services.held_notifications import HeldNotifications
from focusmate.services.status import status_of
from focusmate.storage.repository import TinyDBSessionRepository
from tests.fake_notifier import RecordingNotifier
from tests.fakes import T0, FakeClock, IdFactory

NOTE = Notification("morning:1", "Morning stillness", "Before you check your phone")


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
def held(controller: SessionController, notifier: RecordingNotifier) -> HeldNotifications:
    """The notifications as app.py wires them: held while the controller runs a session."""
    return HeldNotifications(controller, notifier)


def full(commitment: str, **extra: object) -> Reflection:
    return Reflection(
        dict.fromkeys(Question, 4),
        "worried about quota",
        commitment,
        complete=True,
        empathy=4,
        **extra,
    )  # type: ignore[arg-type]


def test_two_sessions_in_a_row_carry_the_commitment(
    controller: SessionController, clock: FakeClock
) -> None:
    controller.start("Ana", 30)
    clock.advance(minutes=30)
    controller.end()
    controller.save_reflection("s1", full("ask two questions before advising"))
    clock.advance(days=7)
    carry = controller.carry_over("Ana")  # what the check-in shows
    assert carry.commitment == "ask two questions before advising"
    assert carry.last_session_at == T0
    controller.start("Ana", 30)
    status = status_of(controller, HOTKEYS_NOT_STARTED)["session"]
    assert status["carry_over"] == {
        "commitment": "ask two questions before advising",
        "last_session_at": "2026-11-23T09:00:00+00:00",
    }
    clock.advance(minutes=30)
    controller.end()
    carry_for_reflection = controller.carry_over_for("s2")  # what the reflection asks about
    assert carry_for_reflection.previous_session_id == "s1"
    assert carry_for_reflection.commitment == "ask two questions before advising"
    controller.save_reflection(
        "s2",
        full(
            "let her finish",
            previous_session_id="s1",
            same_challenge=True,
            commitment_outcome=CommitmentOutcome.PARTLY,
        ),
    )
    clock.advance(days=7)
    carry = controller.carry_over("ana")
    assert carry.commitment == "let her finish" and carry.recurring == 2


def test_status_of_someone_new_has_an_empty_carry_over(controller: SessionController) -> None:
    controller.start("Ben", 30)
    carry = status_of(controller, HOTKEYS_NOT_STARTED)["session"]["carry_over"]
    assert carry == {"commitment": None, "last_session_at": None}


def test_the_checkin_is_kept_with_the_running_session(
    controller: SessionController, tmp_path: Path, clock: FakeClock
) -> None:
    with pytest.raises(NotPossibleNow):
        controller.check_in(CheckIn())
    controller.start("Ana", 30)
    checkin = CheckIn("  Listen first ", frozenset({ChecklistItem.PHONE_AWAY}), 45)
    controller.check_in(checkin)
    reopened = SessionController(TinyDBSessionRepository(tmp_path / "data"), clock, IdFactory())
    assert reopened.current is not None
    assert reopened.current.checkin == CheckIn("Listen first", checkin.checked, 45)
    with pytest.raises(InvalidInput):
        controller.check_in(CheckIn("x" * 500))


def test_editing_a_complete_reflection_never_demotes_it(controller: SessionController) -> None:
    controller.start("Ana", 30)
    controller.end()
    controller.save_reflection("s1", full("pause"))
    draft_of_edit = Reflection(dict.fromkeys(Question, 2), "", "pause longer", complete=False)
    controller.save_reflection("s1", draft_of_edit)
    saved = controller.session("s1")
    assert saved is not None and saved.reflection is not None
    assert saved.reflection.complete and saved.reflection.next_time == "pause longer"
    assert controller.pending_reflections() == []


def test_notifications_are_held_during_a_session_and_sent_after_it(
    controller: SessionController,
    held: HeldNotifications,
    notifier: RecordingNotifier,
    qtbot: QtBot,
) -> None:
    assert held.notify(NOTE) is True
    assert notifier.sent == [NOTE]
    controller.start("Ana", 30)
    assert held.notify(NOTE) is False
    assert held.notify(NOTE) is False  # the same one is held once
    assert held.held == [NOTE] and notifier.sent == [NOTE]
    controller.end()
    assert notifier.sent == [NOTE]  # not from inside end(): after it, on the event loop
    qtbot.waitUntil(lambda: notifier.sent == [NOTE, NOTE], timeout=2000)
    assert held.held == []


def test_a_click_callback_survives_the_hold(
    controller: SessionController,
    held: HeldNotifications,
    notifier: RecordingNotifier,
    qtbot: QtBot,
) -> None:
    clicked: list[str] = []
    controller.start("Ana", 30)
    held.notify(NOTE, lambda: clicked.append("opened"))
    controller.end()
    qtbot.waitUntil(lambda: len(notifier.sent) == 1, timeout=2000)
    notifier.click(0)
    assert clicked == ["opened"]


def test_held_notifications_wait_for_the_next_session_too(
    controller: SessionController,
    held: HeldNotifications,
    notifier: RecordingNotifier,
    qtbot: QtBot,
) -> None:
    controller.start("Ana", 30)
    held.notify(NOTE)
    controller.end()
    controller.start("Ben", 30)  # before the event loop delivered: keep holding
    qtbot.wait(50)
    assert notifier.sent == [] and held.held == [NOTE]
    controller.end()
    qtbot.waitUntil(lambda: notifier.sent == [NOTE], timeout=2000)


def test_without_a_notifier_nothing_is_sent(
    qapp: QApplication, tmp_path: Path, clock: FakeClock
) -> None:
    controller = SessionController(TinyDBSessionRepository(tmp_path / "d"), clock, IdFactory())
    assert HeldNotifications(controller, None).notify(NOTE) is False


def test_the_morning_digest_looks_at_yesterday(
    controller: SessionController, clock: FakeClock
) -> None:
    controller.start("Ana", 30)
    clock.advance(minutes=30)
    controller.end()
    controller.save_reflection("s1", full("ask first"))
    clock.advance(days=1)
    digest = controller.morning_digest()
    assert digest.day_label == "yesterday" and [s.id for s in digest.sessions] == ["s1"]
    assert digest.commitments == (("Ana", "ask first"),)
    assert clock.now() - T0 == timedelta(days=1, minutes=30)
