"""SyncService (issue 19): two controllers, each with its own data folder and service, share
one sync folder on disk (no sync engine: tests/e2e/test_sync_e2e.py has two real Syncthing
daemons). What one controller does reaches the other's store through the services' workers."""

from __future__ import annotations

import gc
import itertools
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from focusmate.core.errors import InvalidInput, NotPossibleNow
from focusmate.core.marks import MarkKind
from focusmate.core.one_on_ones import Person
from focusmate.core.settings import Settings
from focusmate.desktop.secrets import MemorySecretStore
from focusmate.services.controller import SessionController
from focusmate.services.settings import SettingsService
from focusmate.services.sync_config import CONFIG_FILE, load_config
from focusmate.services.sync_service import SyncService
from focusmate.storage.repository import TinyDBSessionRepository
from tests.fakes import FakeClock
from tests.sync.webdav_server import PASSWORD, USER, WebDavServer

PASSPHRASE = "the test folder's passphrase"  # noqa: S105 - a test's throwaway folder


class Desk:
    """One computer: its data folder, settings, controller and sync service."""

    def __init__(self, root: Path, name: str, clock: FakeClock) -> None:
        self.data = root / name
        numbers = itertools.count(1)
        self.controller = SessionController(
            TinyDBSessionRepository(self.data), clock, lambda: f"{name}-{next(numbers)}"
        )
        self.secrets = MemorySecretStore()
        self.settings = SettingsService(self.data, Settings())
        self.sync = SyncService(
            self.controller, self.data, self.secrets, clock, settings=self.settings
        )

    def joined(self, qtbot: QtBot) -> None:
        qtbot.waitUntil(lambda: self.sync.status().get("state") == "in sync", timeout=10_000)

    def sessions(self) -> dict[str, object]:
        return {s.id: s for s in TinyDBSessionRepository(self.data).all_sessions()}


@pytest.fixture
def desks(qapp: object, tmp_path: Path, clock: FakeClock) -> Iterator[Callable[[str], Desk]]:
    # Earlier tests' Qt objects are freed here, on their own thread, not on the sync worker.
    gc.collect()
    made: list[Desk] = []

    def make(name: str) -> Desk:
        desk = Desk(tmp_path, name, clock)
        made.append(desk)
        return desk

    yield make
    for desk in made:
        desk.sync.stop()
        desk.controller.release_history()  # no active timer left for another thread to stop
    gc.collect()


@pytest.fixture
def share(tmp_path: Path) -> Path:
    """The sync folder both desks use (a sync engine would give each its own copy)."""
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def test_what_one_desk_does_reaches_the_other(
    desks: Callable[[str], Desk], share: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    laptop, office = desks("laptop"), desks("office")
    laptop.controller.start("Jordan", 30)
    laptop.controller.mark("phone")
    laptop.controller.end()
    laptop.sync.enable(str(share), None, "Laptop")  # its history is published on joining
    laptop.joined(qtbot)
    office.sync.enable(str(share), None, "Office")
    office.joined(qtbot)
    assert office.sessions() == laptop.sessions()

    # A running session stays on its device (rule S6): shown, refused, not stored elsewhere.
    laptop.controller.start("Sam", 25)
    office.sync.poll_now()
    qtbot.waitUntil(lambda: office.sync.status()["running_elsewhere"] != [], timeout=10_000)
    assert office.sync.status()["running_elsewhere"] == ["in session on Laptop with Sam"]
    with pytest.raises(NotPossibleNow, match="in session on Laptop with Sam"):
        office.sync.check_start("sam")
    assert "laptop-2" not in office.sessions()

    laptop.controller.mark("app")
    laptop.controller.end()
    office.sync.poll_now()
    qtbot.waitUntil(lambda: "laptop-2" in office.sessions(), timeout=10_000)
    assert office.sessions()["laptop-2"] == laptop.sessions()["laptop-2"]
    assert office.controller.session("laptop-2") == laptop.sessions()["laptop-2"]
    office.sync.check_start("Sam")  # ended: no refusal

    # And back, from the office computer.
    office.controller.start("Priya", 20)
    office.controller.end()
    # No poll asked for: the laptop's watcher sees the office's segment grow.
    qtbot.waitUntil(lambda: "office-1" in laptop.sessions(), timeout=10_000)

    # Off: the sessions stay, sync's own files go.
    office.sync.disable()
    assert not (office.data / CONFIG_FILE).exists()
    assert set(office.sessions()) == {"laptop-1", "laptop-2", "office-1"}
    assert office.sync.status() == {"enabled": False}


def test_a_wrong_passphrase_is_refused_and_nothing_is_written(
    desks: Callable[[str], Desk], share: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    laptop, office = desks("laptop"), desks("office")
    laptop.sync.enable(str(share), PASSPHRASE, "Laptop")
    laptop.joined(qtbot)
    assert laptop.secrets.load(load_config(laptop.data).secret_key) == PASSPHRASE  # type: ignore[union-attr]
    format_json = (share / "focusmate-sync" / "format.json").read_bytes()
    laptop_id = load_config(laptop.data).device_id  # type: ignore[union-attr]
    with pytest.raises(InvalidInput, match="passphrase"):
        office.sync.enable(str(share), "not it", "Office")
    with pytest.raises(InvalidInput, match="encrypted"):
        office.sync.enable(str(share), None, "Office")
    assert (share / "focusmate-sync" / "format.json").read_bytes() == format_json
    assert [p.name for p in (share / "focusmate-sync" / "devices").iterdir()] == [laptop_id]
    assert not (office.data / CONFIG_FILE).exists()
    assert office.sync.status() == {"enabled": False}
    with pytest.raises(NotPossibleNow, match="not there"):
        office.sync.enable(str(tmp_path / "missing"), PASSPHRASE, "Office")
    with pytest.raises(InvalidInput, match="https"):
        office.sync.enable("http://example.com/dav", PASSPHRASE, "Office")


def test_a_change_kept_before_the_outbox_is_published_at_the_next_start(
    desks: Callable[[str], Desk], share: Path, qtbot: QtBot, clock: FakeClock
) -> None:
    """The app killed between the store's write and the outbox: the next start finds the
    session the merged state does not show, and publishes it."""
    laptop, office = desks("laptop"), desks("office")
    laptop.sync.enable(str(share), None, "Laptop")
    laptop.joined(qtbot)
    laptop.sync.stop()
    laptop.controller.start("Chen", 30)  # not published: sync is stopped, as if killed
    laptop.controller.end()
    restarted = SyncService(laptop.controller, laptop.data, laptop.secrets, clock)
    restarted.start()
    qtbot.waitUntil(lambda: restarted.status().get("state") == "in sync", timeout=10_000)
    office.sync.enable(str(share), None, "Office")
    office.joined(qtbot)
    qtbot.waitUntil(lambda: "laptop-1" in office.sessions(), timeout=10_000)
    restarted.stop()


def test_a_snapshot_at_most_daily_across_runs(
    desks: Callable[[str], Desk], share: Path, qtbot: QtBot, clock: FakeClock
) -> None:
    laptop = desks("laptop")
    laptop.controller.start("Jordan", 30)
    laptop.controller.end()
    laptop.sync.enable(str(share), None, "Laptop")
    laptop.joined(qtbot)
    laptop.sync.stop()  # waits for the worker: the snapshot is written
    device = share / "focusmate-sync" / "devices" / load_config(laptop.data).device_id  # type: ignore[union-attr]

    def snapshots() -> list[str]:
        return sorted(p.name for p in device.glob("snapshot-*"))

    first = snapshots()
    assert len(first) == 1
    again = SyncService(laptop.controller, laptop.data, laptop.secrets, clock)
    again.start()
    qtbot.waitUntil(lambda: again.status().get("state") == "in sync", timeout=10_000)
    laptop.controller.start("Sam", 30)
    laptop.controller.end()  # the same day: no new snapshot
    again.stop()
    assert snapshots() == first
    clock.advance(days=1, minutes=1)
    later = SyncService(laptop.controller, laptop.data, laptop.secrets, clock)
    later.start()
    qtbot.waitUntil(lambda: later.status().get("state") == "in sync", timeout=10_000)
    later.stop()
    assert len(snapshots()) == 1 and snapshots() != first


def test_through_a_webdav_share_with_a_password(
    desks: Callable[[str], Desk], tmp_path: Path, qtbot: QtBot, clock: FakeClock
) -> None:
    """A real wsgidav on loopback asking for a user and password: the password goes to the
    secret store with the passphrase, and the next start opens the share with both."""
    (tmp_path / "served").mkdir()
    server = WebDavServer(tmp_path / "served", tmp_path)
    server.start()
    try:
        laptop, office = desks("laptop"), desks("office")
        with pytest.raises(NotPossibleNow, match="cannot be reached"):
            laptop.sync.enable(server.url, PASSPHRASE, "Laptop", USER, "not the password")
        assert not (laptop.data / CONFIG_FILE).exists()
        laptop.controller.start("Jordan", 30)
        laptop.controller.end()
        laptop.sync.enable(server.url, PASSPHRASE, "Laptop", USER, PASSWORD)
        laptop.joined(qtbot)
        config = load_config(laptop.data)
        assert config is not None and config.user == USER
        assert laptop.secrets.load(config.password_key) == PASSWORD
        assert PASSWORD not in (laptop.data / CONFIG_FILE).read_text()
        laptop.sync.stop()
        again = SyncService(laptop.controller, laptop.data, laptop.secrets, clock)
        again.start()
        qtbot.waitUntil(lambda: again.status().get("state") == "in sync", timeout=10_000)
        office.sync.enable(server.url, PASSPHRASE, "Office", USER, PASSWORD)
        office.joined(qtbot)
        assert office.sessions() == laptop.sessions()
        again.stop()
    finally:
        server.stop()


def test_custom_kinds_and_people_follow_the_user(
    desks: Callable[[str], Desk], share: Path, qtbot: QtBot
) -> None:
    """Rule S7: the lists that follow the user, item by item; hotkeys stay per device."""
    laptop, office = desks("laptop"), desks("office")
    coffee = MarkKind.custom("Coffee")
    current = laptop.settings.current
    laptop.settings.apply(
        replace(
            current,
            custom_kinds=(coffee,),
            calendar=replace(current.calendar, people=(Person("Jordan", ("jo@example.com",)),)),
        )
    )
    laptop.sync.enable(str(share), None, "Laptop")
    laptop.joined(qtbot)
    hotkeys = {"phone": "Ctrl+Alt+1", "app": "Ctrl+Alt+2", "undo": "Ctrl+Alt+3"}
    office.settings.apply(replace(office.settings.current, hotkeys=hotkeys))
    office.sync.enable(str(share), None, "Office")
    office.joined(qtbot)
    qtbot.waitUntil(lambda: office.settings.current.custom_kinds == (coffee,), timeout=10_000)
    assert [p.name for p in office.settings.current.calendar.people] == ["Jordan"]

    # Removed on the office computer: gone on the laptop too; hotkeys stayed apart.
    office.settings.apply(replace(office.settings.current, custom_kinds=()))
    qtbot.waitUntil(lambda: laptop.settings.current.custom_kinds == (), timeout=10_000)
    assert office.settings.current.hotkeys == hotkeys != laptop.settings.current.hotkeys
