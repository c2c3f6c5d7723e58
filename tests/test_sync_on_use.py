"""services.sync_on_use: the sync service is made only where sync is set up or turned on
(issue 18), and then answers as before (issue 19)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from focusmate.core.settings import Settings
from focusmate.desktop.secrets import MemorySecretStore
from focusmate.services.controller import SessionController
from focusmate.services.settings import SettingsService
from focusmate.services.sync_files import CONFIG_FILE
from focusmate.services.sync_on_use import SyncOnUse
from focusmate.services.sync_service import SyncService
from focusmate.storage.repository import TinyDBSessionRepository
from tests.fakes import FakeClock, IdFactory


class Install:
    """One data folder, its controller, and the front with the count of services it made."""

    def __init__(self, data: Path, clock: FakeClock, secrets: MemorySecretStore) -> None:
        self.data = data
        self.controller = SessionController(TinyDBSessionRepository(data), clock, IdFactory())
        self.settings = SettingsService(data, Settings())
        self.made: list[SyncService] = []

        def make() -> SyncService:
            service = SyncService(self.controller, data, secrets, clock, settings=self.settings)
            self.made.append(service)
            return service

        self.sync = SyncOnUse(make, data)


@pytest.fixture
def installs(qapp: object, clock: FakeClock) -> Iterator[list[Install]]:
    gc.collect()  # earlier tests' Qt objects go here, not on a sync worker
    made: list[Install] = []
    yield made
    for install in made:
        install.sync.stop()
        install.controller.release_history()
    gc.collect()


def test_without_sync_set_up_no_service_is_made(
    installs: list[Install], tmp_path: Path, clock: FakeClock
) -> None:
    install = Install(tmp_path / "data", clock, MemorySecretStore())
    installs.append(install)
    install.sync.start()
    install.controller.start("Jordan", 30)
    install.sync.check_start("Jordan")  # nothing runs elsewhere
    assert install.sync.running_with("Jordan") is None
    assert install.sync.running_elsewhere() == []
    assert install.sync.status() == {"enabled": False}
    assert install.sync.enabled is False
    install.sync.stop()
    assert install.made == [] and install.sync.made is False


def test_turned_on_it_is_made_and_after_a_restart_it_goes_on(
    installs: list[Install], tmp_path: Path, clock: FakeClock, qtbot: QtBot
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    secrets = MemorySecretStore()
    first = Install(tmp_path / "data", clock, secrets)
    installs.append(first)
    first.sync.start()
    assert first.made == []
    with qtbot.waitSignal(first.sync.changed, timeout=10_000):  # the service's, passed on
        answer = first.sync.service().enable(str(share), "a passphrase", "Laptop")
    assert answer["enabled"] is True and len(first.made) == 1
    assert first.sync.enabled and (first.data / CONFIG_FILE).exists()
    qtbot.waitUntil(lambda: first.sync.status().get("state") == "in sync", timeout=10_000)
    first.sync.stop()

    again = Install(first.data, clock, secrets)  # the next start of the app
    installs.append(again)
    again.sync.start()
    assert len(again.made) == 1
    qtbot.waitUntil(lambda: again.sync.status().get("state") == "in sync", timeout=10_000)
    again.sync.service().disable()
    assert again.sync.status() == {"enabled": False}
    assert not (again.data / CONFIG_FILE).exists()
