"""JournaledSilencer's rules with an in-memory FAKE backend (fake_backend.FakeDnd): journal
before any change, failures as statuses, the "never fight the user" rule, and start-up replay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from focusmate.core.dnd import DndStatus
from focusmate.desktop.dnd import backend_named
from focusmate.desktop.dnd.journal import Journal, read_journal
from focusmate.desktop.dnd.silencer import MAX_FAILED_REPLAYS, JournaledSilencer, Phase
from tests.desktop.dnd.fake_backend import FakeDnd


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return tmp_path / "private" / "dnd.json"


def session_with(backend: FakeDnd, journal: Path) -> JournaledSilencer:
    backend.journal = journal
    return JournaledSilencer(backend, journal, guard=False)


def test_the_journal_is_on_disk_before_the_switch_changes(journal: Path) -> None:
    backend = FakeDnd()
    session = session_with(backend, journal)

    assert session.engage() == DndStatus("fake", True, "Notifications paused (Fake)")

    assert backend.journal_seen_at_engage == [True]
    saved = json.loads(journal.read_text())
    assert saved["backend"] == "fake" and saved["previous"] == {"on": False}
    assert journal.stat().st_mode & 0o777 == 0o600
    assert journal.parent.stat().st_mode & 0o777 == 0o700


def test_engage_twice_changes_nothing_more(journal: Path) -> None:
    backend = FakeDnd()
    session = session_with(backend, journal)
    session.engage()
    calls = list(backend.calls)
    assert session.engage().engaged is True
    assert backend.calls == calls


@pytest.mark.parametrize(
    ("was_on", "user_turns_off", "on_after_restore"),
    [
        (False, False, False),  # our pause is undone
        (True, False, True),  # it was on: it stays on
        (False, True, False),  # the user turned it off: it stays off
        (True, True, False),  # the user turned it off: not turned back on either
    ],
)
def test_the_restore_rule(
    journal: Path, was_on: bool, user_turns_off: bool, on_after_restore: bool
) -> None:
    backend = FakeDnd(on=was_on)
    session = session_with(backend, journal)
    session.engage()
    assert backend.on
    if user_turns_off:
        backend.on = False
        assert session.poll().engaged is False
        assert session.phase is Phase.LET_GO
        assert not journal.exists()
    writes_before_restore = backend.calls.count("restore")

    status = session.restore()

    assert backend.on is on_after_restore
    assert status.engaged is False and session.phase is Phase.IDLE
    if was_on or user_turns_off:
        assert backend.calls.count("restore") == writes_before_restore  # nothing written
    assert not journal.exists()


def test_a_desktop_that_cannot_be_silenced_says_what_to_do(journal: Path) -> None:
    backend = FakeDnd(can_engage=False)
    session = session_with(backend, journal)
    assert session.status().detail == "This desktop cannot be silenced: Silence the fake by hand."

    status = session.engage()

    assert status == DndStatus(
        "fake", False, "This desktop could not be silenced: Silence the fake by hand."
    )
    assert backend.calls == [] and not journal.exists()


@pytest.mark.parametrize("failing", ["capture", "engage"])
def test_a_failed_engage_is_a_status_and_leaves_nothing_behind(journal: Path, failing: str) -> None:
    backend = FakeDnd()
    backend.failing.add(failing)
    session = session_with(backend, journal)

    status = session.engage()

    assert status.engaged is False and session.phase is Phase.FAILED
    assert status.detail == (
        f"This desktop could not be silenced (Fake: the fake refuses {failing}). "
        "Silence the fake by hand."
    )
    assert not backend.on and not journal.exists()


def test_an_engage_without_effect_is_reported_and_undone(journal: Path) -> None:
    backend = FakeDnd()
    backend.ignore_engage = True
    status = session_with(backend, journal).engage()
    assert "did not take effect" in status.detail and status.engaged is False
    assert backend.calls[-1] == "restore" and not journal.exists()


def test_an_unreadable_state_counts_as_off_and_is_turned_off_at_the_end(journal: Path) -> None:
    backend = FakeDnd(on=True)  # really on, but it cannot be read (like macOS)
    backend.failing.add("is_on")
    session = session_with(backend, journal)

    assert session.engage().engaged is True
    assert session.poll().engaged is True  # unreadable: nothing changes
    assert read_journal(journal) is not None
    session.restore()

    assert backend.calls.count("restore") == 1


def test_a_failed_restore_keeps_the_journal_for_the_next_start(journal: Path) -> None:
    backend = FakeDnd()
    session = session_with(backend, journal)
    session.engage()
    backend.failing.add("restore")

    status = session.restore()

    assert status.engaged is True and session.phase is Phase.RESTORE_FAILED
    assert "will try again when it next starts" in status.detail
    assert journal.exists()

    backend.failing.clear()
    message = JournaledSilencer(backend, journal, guard=False).recover()
    assert str(message) == (
        "Notifications were still paused (Fake) after focusmate stopped unexpectedly; "
        "they are back on."
    )
    assert not backend.on and not journal.exists()


def test_after_a_failed_restore_the_next_session_retries_it_first(journal: Path) -> None:
    backend = FakeDnd()
    session = session_with(backend, journal)
    session.engage()
    backend.failing.add("restore")
    session.restore()
    assert session.recover() is None  # our own journal is not "left by another run"
    backend.failing.clear()

    status = session.engage()

    assert status.detail == "Notifications paused (Fake)"
    assert backend.calls.count("restore") == 2  # the failed one, then the retry
    session.restore()
    assert not backend.on and not journal.exists()


def test_a_half_failed_engage_is_retried_by_the_next_engage(journal: Path) -> None:
    backend = FakeDnd()
    backend.ignore_engage = True  # the change does not take effect...
    backend.failing.add("restore")  # ...and cannot be undone either
    session = session_with(backend, journal)
    assert session.engage().engaged is False
    assert journal.exists()  # kept for a replay
    backend.ignore_engage = False
    backend.failing.clear()

    assert session.engage().detail == "Notifications paused (Fake)"
    session.restore()
    assert not backend.on and not journal.exists()


def test_an_engage_first_replays_a_journal_left_behind(journal: Path) -> None:
    backend = FakeDnd()
    session_with(backend, journal).engage()  # the app "crashed": journal left, switch on
    second = session_with(backend, journal)

    status = second.engage()

    assert status.detail == "Notifications paused (Fake)"  # not "already paused"
    second.restore()
    assert not backend.on


def test_an_engage_refuses_while_an_old_journal_cannot_be_replayed(journal: Path) -> None:
    backend = FakeDnd()
    session_with(backend, journal).engage()
    backend.failing.add("restore")

    status = session_with(backend, journal).engage()

    assert status.engaged is False and "earlier pause could not be undone" in status.detail


def test_replay_gives_up_after_a_few_failed_starts(journal: Path) -> None:
    backend = FakeDnd()
    session_with(backend, journal).engage()
    backend.failing.add("restore")

    messages = [JournaledSilencer(backend, journal, guard=False).recover() for _ in range(3)]

    assert messages[0] is not None and "will try again" in str(messages[0])
    assert messages[-1] is not None and "please turn them on by hand" in str(messages[-1])
    assert len(messages) == MAX_FAILED_REPLAYS and not journal.exists()


def test_a_damaged_journal_is_kept_aside_and_notifications_switched_on(journal: Path) -> None:
    """Issue 13, finding 1: the state it saved is lost, so notifications go back on."""
    journal.parent.mkdir()
    journal.write_text("{not json")
    backend = FakeDnd(on=True)  # silenced by the session whose journal this was
    message = JournaledSilencer(backend, journal, guard=False).recover()
    assert message is not None and "notifications are back on" in str(message)
    assert not backend.is_on() and not journal.exists()
    (kept,) = journal.parent.glob(f"{journal.name}.damaged-*")
    assert kept.read_text() == "{not json" and kept.name in str(message)


def test_a_damaged_journal_that_cannot_switch_back_says_check(journal: Path) -> None:
    journal.parent.mkdir()
    journal.write_text("[]")
    backend = FakeDnd(on=True)
    backend.failing.add("restore")
    message = JournaledSilencer(backend, journal, guard=False).recover()
    assert message is not None and "check your notifications" in str(message)


def test_recover_uses_the_backend_named_in_the_journal(journal: Path) -> None:
    journal.parent.mkdir()
    saved = Journal("none", "t0k3n", {}, "2026-01-01T00:00:00+00:00")
    journal.write_text(json.dumps(saved.to_json()))
    backend = FakeDnd()

    message = JournaledSilencer(backend, journal, guard=False).recover()

    assert message is not None and "(no notification server)" in str(message)
    assert backend.calls == [] and not journal.exists()


def test_the_null_backend_reports_no_backend_name(journal: Path) -> None:
    session = JournaledSilencer(backend_named("none", {}), journal, guard=False)
    status = session.engage()
    assert status.backend is None and status.engaged is False
    assert status.as_json()["detail"].startswith("This desktop could not be silenced: No supported")
