"""The controller lets the history go between uses (issue 18): the idle tray keeps only the
pending reflections and the running session's carry-over, reads the history again when a
window or a command needs it, and never loses what changed meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

import focusmate.services.controller as controller_module
import focusmate.storage.repository as repository_module
from focusmate.core.model import CoachingSession, Question, Reflection
from focusmate.services.controller import SessionController
from focusmate.storage.repository import TinyDBSessionRepository
from tests.fakes import FakeClock, FlakyRepository


class CountingRepository(FlakyRepository):
    """The real repository, counting the reads of the whole history."""

    reads = 0

    def all_sessions(self) -> list[CoachingSession]:
        self.reads += 1
        return super().all_sessions()


@pytest.fixture
def repo(tmp_path: Path) -> CountingRepository:
    return CountingRepository(TinyDBSessionRepository(tmp_path / "data"))


def ended(controller: SessionController, clock: FakeClock, name: str) -> str:
    session = controller.start(name, 30)
    clock.advance(minutes=20)
    controller.end()
    return session.id


@pytest.fixture
def let_go(
    repo: CountingRepository, make_controller: Callable[..., SessionController], clock: FakeClock
) -> tuple[SessionController, str]:
    """A controller with one ended session (reflection pending) that let its history go."""
    controller = make_controller(repo)
    first = ended(controller, clock, "Kim")
    controller.release_history()
    return controller, first


def test_let_go_the_menu_still_lists_pending_reflections_and_marks_read_nothing(
    repo: CountingRepository, let_go: tuple[SessionController, str], clock: FakeClock
) -> None:
    controller, first = let_go
    reads = repo.reads
    assert [s.id for s in controller.pending_reflections()] == [first]
    assert controller.history_loaded  # its summary: the menu shows the reflections
    controller.start("Max", 30)
    for _ in range(5):
        clock.advance(seconds=10)
        controller.mark("phone")
    assert repo.reads == reads  # a mark writes the running session's own file only
    assert controller.carry_over_for(controller.current.id) == controller.carry_over("Max")
    after_one = repo.reads
    for _ in range(3):
        controller.carry_over_for(controller.current.id)  # what `status` asks each time
    assert repo.reads == after_one  # kept for the running session
    clock.advance(minutes=20)
    second = controller.end().id
    assert [s.id for s in controller.pending_reflections()] == [second, first]


def test_changes_made_while_let_go_are_in_the_history_read_again(
    repo: CountingRepository, let_go: tuple[SessionController, str], clock: FakeClock
) -> None:
    controller, first = let_go
    reads = repo.reads
    second = ended(controller, clock, "Max")  # started, marked and ended while let go
    assert repo.reads == reads
    assert [s.id for s in controller.pending_reflections()] == [second, first]
    session = controller.session(second)
    assert repo.reads == reads + 1  # read again, on use
    assert session is not None and not session.running
    controller.save_reflection(first, Reflection(dict.fromkeys(Question, 4), complete=True))
    controller.release_history()
    assert [s.id for s in controller.pending_reflections()] == [second]
    saved = controller.session(first)
    assert saved is not None and saved.reflection is not None and saved.reflection.complete


def test_the_history_is_let_go_a_while_after_its_last_use(
    repo: CountingRepository,
    make_controller: Callable[..., SessionController],
    clock: FakeClock,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(controller_module, "HISTORY_KEPT_MS", 50)
    controller = make_controller(repo)
    ended(controller, clock, "Kim")
    controller.all_sessions()
    reads = repo.reads
    qtbot.wait(200)
    controller.all_sessions()
    assert repo.reads == reads + 1  # let go by the timer, then read again


def test_a_parse_kept_serves_the_next_read_once(
    tmp_path: Path,
    make_controller: Callable[..., SessionController],
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repository = TinyDBSessionRepository(tmp_path / "data")
    ended(make_controller(repository), clock, "Kim")
    parsed: list[Any] = []
    real = repository_module.session_from_record

    def counting(record: Any, **kwargs: Any) -> CoachingSession:
        parsed.append(record)
        return real(record, **kwargs)

    monkeypatch.setattr(repository_module, "session_from_record", counting)
    reader = TinyDBSessionRepository(tmp_path / "data")
    reader.all_sessions(keep=True)  # start-up's check
    reader.all_sessions()  # the controller: from the kept parse
    assert len(parsed) == 1
    reader.all_sessions()  # nothing held any more: parsed again
    assert len(parsed) == 2


def test_the_pending_reflections_kept_are_made_anew_not_kept_from_the_history(
    repo: CountingRepository, make_controller: Callable[..., SessionController], clock: FakeClock
) -> None:
    """What is kept when the history goes is a copy made after it went: an object of the
    history kept alive would keep the memory around it from going back (issue 18)."""
    controller = make_controller(repo)
    ended(controller, clock, "Kim")
    read = controller.all_sessions()  # the history, read whole
    controller.release_history()
    (kept,) = controller.pending_reflections()
    assert kept == read[0]  # the same session, field for field
    assert kept is not read[0]  # but not the history's object
