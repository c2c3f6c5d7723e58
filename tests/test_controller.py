"""SessionController with a fake clock and the real repository on disk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer
from pytestqt.qtbot import QtBot

import focusmate.services.controller as controller_module
from focusmate.core.dnd import DndStatus
from focusmate.core.errors import InvalidInput, NotPossibleNow, StorageFailure
from focusmate.core.marks import MarkKind, MarkKinds
from focusmate.core.model import CoachingSession, Question, Reflection
from focusmate.core.status import HOTKEYS_NOT_STARTED
from focusmate.desktop.dnd.silencer import JournaledSilencer
from focusmate.services.controller import SessionController
from focusmate.services.status import status_of
from focusmate.storage.repository import TinyDBSessionRepository
from tests.desktop.dnd.fake_backend import FakeDnd
from tests.fakes import T0, FakeClock, FlakyRepository, IdFactory


@pytest.fixture
def repo(tmp_path: Path) -> FlakyRepository:
    return FlakyRepository(TinyDBSessionRepository(tmp_path / "data"))


@pytest.fixture
def flaky_controller(
    make_controller: Callable[..., SessionController], repo: FlakyRepository
) -> SessionController:
    """The controller on `repo`, whose writes the test can make fail."""
    return make_controller(repo)


def reopened(repo: FlakyRepository, clock: FakeClock) -> SessionController:
    """A controller in a 'new process' reading the same file."""
    return SessionController(TinyDBSessionRepository(repo.real.path.parent), clock, IdFactory("n"))


def test_the_whole_session_is_on_disk_at_every_step(
    controller: SessionController, repo: FlakyRepository, clock: FakeClock, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(controller.state_changed):
        controller.start("Ana", 30, "listen")
    clock.advance(minutes=4)
    controller.mark("phone")
    assert reopened(repo, clock).current == controller.current  # durable before return
    clock.advance(minutes=30)
    with qtbot.waitSignal(controller.session_ended) as ended:
        controller.end()
    assert ended.args == ["s1"]
    saved = reopened(repo, clock).session("s1")
    assert saved is not None and saved.ended_at == T0 + timedelta(minutes=34)
    assert saved.reflection_pending and controller.current is None


def test_status_document(controller: SessionController, clock: FakeClock) -> None:
    no_dnd = {"backend": None, "engaged": False, "detail": "do-not-disturb is not set up"}
    hotkeys = {
        "via": "none",
        "ready": False,
        "bindings": {},
        "reason": "global hotkeys are not started",
    }
    assert status_of(controller, HOTKEYS_NOT_STARTED) == {
        "state": "idle",
        "session": None,
        "dnd": no_dnd,
        "hotkeys": hotkeys,
    }
    controller.start("Ana", 30)
    clock.advance(minutes=31, seconds=5)
    controller.mark("app")
    assert status_of(controller, HOTKEYS_NOT_STARTED) == {
        "state": "running",
        "session": {
            "id": "s1",
            "with": "Ana",
            "kind": "coaching",
            "started_at": "2026-11-23T09:00:00+00:00",
            "planned_minutes": 30,
            "elapsed_s": 1865,
            "remaining_s": -65,
            "marks": {"phone": 0, "app": 1},
            "carry_over": {"commitment": None, "last_session_at": None},
        },
        "dnd": no_dnd,
        "hotkeys": hotkeys,
    }


def test_rules_are_enforced(controller: SessionController) -> None:
    with pytest.raises(NotPossibleNow):
        controller.mark("phone")
    with pytest.raises(NotPossibleNow):
        controller.end()
    with pytest.raises(InvalidInput):
        controller.start("  ", 30)
    controller.start("Ana", 30)
    with pytest.raises(NotPossibleNow, match="already running"):
        controller.start("Ben", 30)


def test_a_failed_write_changes_nothing_and_loses_nothing(
    flaky_controller: SessionController, repo: FlakyRepository, clock: FakeClock
) -> None:
    flaky_controller.start("Ana", 30)
    flaky_controller.mark("phone")
    repo.fail_writes = True
    with pytest.raises(StorageFailure, match="No space left"):
        flaky_controller.mark("phone")
    with pytest.raises(StorageFailure):
        flaky_controller.end()
    assert flaky_controller.current is not None and len(flaky_controller.current.marks) == 1
    repo.fail_writes = False
    flaky_controller.mark("phone")  # retried once the disk has room
    assert len(reopened(repo, clock).current.marks) == 2  # type: ignore[union-attr]


def test_a_running_session_resumes_after_a_restart(
    controller: SessionController, repo: FlakyRepository, clock: FakeClock, qtbot: QtBot
) -> None:
    controller.start("Ana", 30)
    clock.advance(minutes=40)
    again = reopened(repo, clock)
    assert again.current is not None and again.current.id == "s1"
    assert again.timing() is not None and again.timing().overtime  # type: ignore[union-attr]
    again.show_seconds(QObject(again), shown=True)  # the session window opens
    with qtbot.waitSignal(again.ticked, timeout=3000):
        pass  # the clock ticks again with the resumed session


class CountingRepository(FlakyRepository):
    """Counts how often the whole history is read."""

    reads = 0

    def all_sessions(self) -> list[CoachingSession]:
        self.reads += 1
        return super().all_sessions()


def test_start_up_resumes_the_running_session_without_reading_the_history(
    controller: SessionController, repo: FlakyRepository, clock: FakeClock, qtbot: QtBot
) -> None:
    """The tray icon need not wait for years of history: the running session has its own file.
    The history is read once, when asked for (start-up does so after the icon shows)."""
    controller.start("Ana", 30)
    controller.end()
    controller.start("Ben", 30)
    counting = CountingRepository(TinyDBSessionRepository(repo.real.path.parent))
    again = SessionController(counting, clock, IdFactory("n"))
    assert again.current is not None and again.current.with_name == "Ben"
    assert counting.reads == 0 and not again.history_loaded
    with qtbot.waitSignal(again.state_changed):
        again.load_history()
    assert counting.reads == 1 and again.history_loaded
    assert [s.with_name for s in again.pending_reflections()] == ["Ana"]
    assert again.past_names() == ["Ben", "Ana"]
    assert counting.reads == 1


def test_a_session_left_running_in_the_history_file_is_resumed_when_it_is_read(
    tmp_path: Path, clock: FakeClock
) -> None:
    """An older focusmate kept the running session in the history file itself."""
    legacy = TinyDBSessionRepository(tmp_path / "legacy")
    running = CoachingSession(id="old", with_name="Cy", started_at=clock.now(), planned_minutes=30)
    legacy.save_many([running])  # straight into the history file, as before
    assert legacy.current() is None
    again = SessionController(legacy, clock, IdFactory())
    assert again.current is None
    again.load_history()
    assert again.current is not None and again.current.id == "old"


def test_reflections_draft_then_complete(controller: SessionController, clock: FakeClock) -> None:
    controller.start("Ana", 30)
    controller.end()
    assert [s.id for s in controller.pending_reflections()] == ["s1"]
    draft = Reflection({Question.FULLY_PRESENT: 2}, "tired", complete=False)
    controller.save_reflection("s1", draft)
    assert controller.pending_reflections()[0].reflection == draft
    controller.save_reflection("s1", Reflection(dict.fromkeys(Question, 4), complete=True))
    assert controller.pending_reflections() == []
    with pytest.raises(NotPossibleNow):
        controller.save_reflection("nope", draft)


def test_past_names_most_recent_first(controller: SessionController, clock: FakeClock) -> None:
    for name in ("Ana", "Ben", "Ana", "Cy"):
        controller.start(name, 30)
        controller.end()
        clock.advance(hours=1)
    assert controller.past_names() == ["Cy", "Ana", "Ben"]


def test_import_never_touches_the_running_session(
    controller: SessionController, clock: FakeClock
) -> None:
    running = controller.start("Ana", 30)
    other = CoachingSession("x1", "Ben", T0 - timedelta(days=1), 30, ended_at=T0)
    same_id_but_ended = CoachingSession(running.id, "Ana", T0, 30, ended_at=T0)
    result = controller.import_sessions([same_id_but_ended, other])
    assert (result.added, result.updated) == (1, 0)
    assert controller.current is not None and controller.current.running
    assert controller.session("x1") == other


def test_week_uses_the_clock(controller: SessionController, clock: FakeClock) -> None:
    controller.start("Ana", 30)
    clock.advance(minutes=20)
    controller.end()
    assert str(controller.current_week()) == "2026-W48"
    assert controller.week(controller.current_week()).total_minutes == 20


def test_custom_kinds_are_marked_and_unknown_ones_refused(
    make_controller: Callable[..., SessionController],
) -> None:
    controller = make_controller(kinds=MarkKinds([MarkKind.custom("Mind wandered")]))
    controller.start("Ana", 30)
    controller.mark("mind-wandered")
    with pytest.raises(InvalidInput, match="unknown kind of mark 'nap'"):
        controller.mark("nap")
    assert status_of(controller, HOTKEYS_NOT_STARTED)["session"]["marks"] == {
        "phone": 0,
        "app": 0,
        "mind-wandered": 1,
    }


def test_undo_takes_back_only_a_recent_mark(
    controller: SessionController, clock: FakeClock, qtbot: QtBot
) -> None:
    with pytest.raises(NotPossibleNow):
        controller.undo_mark()
    controller.start("Ana", 30)
    with pytest.raises(NotPossibleNow, match="no mark"):
        controller.undo_mark()
    controller.mark("phone")
    clock.advance(seconds=30)
    controller.mark("app")
    clock.advance(seconds=59)
    with qtbot.waitSignal(controller.marked) as flashed:
        controller.undo_mark()
    assert flashed.args == [""]
    assert [m.kind for m in controller.current.marks] == ["phone"]  # type: ignore[union-attr]
    with pytest.raises(NotPossibleNow, match="89 s old"):
        controller.undo_mark()


def test_do_not_disturb_follows_the_session(
    make_controller: Callable[..., SessionController],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a real JournaledSilencer over a fake backend (tests/desktop/dnd/fake_backend.py)."""
    monkeypatch.setattr(controller_module, "DND_POLL_S", 0)  # 30 s in the app
    backend = FakeDnd()
    silencer = JournaledSilencer(backend, tmp_path / "dnd-journal.json", guard=False)
    controller = make_controller(silencer=silencer)
    assert status_of(controller, HOTKEYS_NOT_STARTED)["dnd"]["engaged"] is False
    controller.start("Ana", 30)
    controller.show_seconds(QObject(controller), shown=True)  # ticks every second
    assert backend.on and status_of(controller, HOTKEYS_NOT_STARTED)["dnd"]["engaged"] is True
    assert status_of(controller, HOTKEYS_NOT_STARTED)["dnd"]["backend"] == "fake"
    backend.on = False  # the manager turns it off by hand mid-session
    with qtbot.waitSignal(controller.state_changed, timeout=3000):
        pass  # noticed at the next tick
    assert status_of(controller, HOTKEYS_NOT_STARTED)["dnd"]["engaged"] is False
    controller.end()
    assert backend.on is False  # not turned back on: focusmate does not fight the user


def test_a_session_wakes_the_app_only_when_the_time_shown_changes(
    make_controller: Callable[..., SessionController],
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 18: one timer while a session runs, set for the next change of the time shown:
    whole minutes of the session's own deadline while only the tray shows it, seconds while a
    view shows seconds; the do-not-disturb check rides on a tick at most every DND_POLL_S."""
    silencer = JournaledSilencer(FakeDnd(), tmp_path / "dnd-journal.json", guard=False)
    polls: list[int] = []
    poll = silencer.poll

    def counted_poll() -> DndStatus:
        polls.append(1)
        return poll()

    monkeypatch.setattr(silencer, "poll", counted_poll)
    controller = make_controller(silencer=silencer)

    def armed() -> list[int]:
        """The intervals of the controller's active timers, but the history's."""
        return [
            t.interval()
            for t in controller.findChildren(QTimer)
            if t.isActive() and t.interval() != controller_module.HISTORY_KEPT_MS
        ]

    assert armed() == []
    controller.start("Ana", 30)
    margin = controller_module.TICK_MARGIN_MS
    assert armed() == [59_000 + margin]  # 30 min left until 29:00 is 28:59
    clock.advance(seconds=25.5)
    controller._on_tick()  # noqa: SLF001 - a tick now, without waiting for it
    assert armed() == [33_500 + margin]  # the next change of the minutes shown
    window = QObject(controller)
    controller.show_seconds(window, shown=True)
    assert armed() == [500 + margin]  # the next whole second
    ticked_s = 0.0
    while ticked_s < 60:
        clock.advance(seconds=1)
        ticked_s += 1
        controller._on_tick()  # noqa: SLF001
    assert len(polls) == 2  # at 30 s and 60 s since the start's own check
    controller.show_seconds(window, shown=False)
    assert armed() == [33_500 + margin]
    window.deleteLater()
    controller.end()
    assert armed() == []


def test_the_tray_says_overtime_at_its_first_second(
    make_controller: Callable[..., SessionController], clock: FakeClock
) -> None:
    """Minute ticks still catch the deadline: timing() shows overtime from a whole second
    over, and a tick lands there, so the tray never says "1 min left" a minute too long."""
    controller = make_controller()
    controller.start("Ana", 1)
    margin = controller_module.TICK_MARGIN_MS
    # 1:00 left shows "1 min left" down to a whole second over: the first tick is at 61 s.
    (tick,) = [t for t in controller.findChildren(QTimer) if t.interval() == 61_000 + margin]
    clock.advance(seconds=59.2)
    controller._on_tick()  # noqa: SLF001 - the tick that the timer sets off
    assert tick.interval() == 1800 + margin  # "1 min left" until a whole second over
    clock.advance(seconds=1.81)
    timing = controller.timing()
    assert timing is not None and timing.overtime
    controller._on_tick()  # noqa: SLF001
    assert tick.interval() == 59_990 + margin  # then "+2 min" at 1:01 over
    controller.end()


def test_a_resumed_session_silences_again(
    repo: FlakyRepository, clock: FakeClock, tmp_path: Path
) -> None:
    SessionController(repo, clock, IdFactory()).start("Ana", 30)
    backend = FakeDnd()
    silencer = JournaledSilencer(backend, tmp_path / "dnd-journal.json", guard=False)
    SessionController(repo, clock, IdFactory("n"), silencer=silencer)
    assert backend.on
