"""Shared test set-up: Qt offscreen, no test ever reaches the user's real data, and the
fixtures every folder shares (the one `clock`, `controller`, `pointer` and `desktop`).

The end-to-end tests start their own real X server (`desktop`) and pass its environment to the
processes they launch; everything in this process renders offscreen. Set
``FOCUSMATE_E2E_KEEP=1`` to keep the desktop's temporary directory (HOME, logs) after the run;
its path is printed. The desktop is never skipped: if it cannot be stood up, the tests that use
it fail with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from focusmate.desktop.locations import POINTER_FILE_NAME, DataPointer
from focusmate.storage.repository import TinyDBSessionRepository
from tests.e2e.desktop import HeadlessDesktop
from tests.fakes import FakeClock, IdFactory

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import, whatever the host has

if TYPE_CHECKING:  # imported by the fixtures themselves: no Qt module before the line above
    from PySide6.QtWidgets import QApplication

    from focusmate.core.ports import SessionRepository
    from focusmate.services.controller import SessionController
    from focusmate.services.pulse_offers import PulseOffers
    from tests.pulse_offer_rig import Switch


@pytest.fixture(autouse=True)
def private_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Point every user directory at a private temp folder (apart from the test's tmp_path)."""
    root = tmp_path_factory.mktemp("env")
    home = root / "home"
    runtime = root / "run"
    for directory in (home, runtime):
        directory.mkdir(mode=0o700)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.delenv("FOCUSMATE_DATA_DIR", raising=False)
    yield


@pytest.fixture
def clock() -> FakeClock:
    """The test's clock: time moves only when the test advances it."""
    return FakeClock()


@pytest.fixture
def make_controller(
    qapp: QApplication, tmp_path: Path, clock: FakeClock
) -> Iterator[Callable[..., SessionController]]:
    """Builds a SessionController on the test's clock, with session ids s1, s2, ...: on the real
    repository in tmp_path / "data" unless given another, and with any other port as a keyword
    (silencer=, kinds=, ...). For a test that needs a controller unlike `controller`.

    Needs the QApplication first: Qt objects created without one crash the process."""
    from focusmate.services.controller import SessionController  # noqa: PLC0415 (Qt: see top)

    made: list[SessionController] = []

    def make(repository: SessionRepository | None = None, **ports: Any) -> SessionController:
        if repository is None:
            repository = TinyDBSessionRepository(tmp_path / "data")
        made.append(SessionController(repository, clock, IdFactory(), **ports))
        return made[-1]

    yield make
    # Their timer that lets the history go stops here: a controller freed later by the
    # garbage collector on another test's worker thread must hold no active timer (Qt
    # refuses to stop it there, and a sync test crashed in CI on that).
    for controller in made:
        controller.release_history()


@pytest.fixture
def controller(make_controller: Callable[..., SessionController]) -> SessionController:
    """A SessionController on a real data file in tmp_path / "data" and the test's clock."""
    return make_controller()


@pytest.fixture
def pointer(tmp_path: Path) -> DataPointer:
    """The pointer to a moved data folder, in the test's own configuration folder."""
    return DataPointer(tmp_path / "config" / POINTER_FILE_NAME)


@pytest.fixture
def pulse_switch() -> Switch:
    """The pulse page's setting as `pulse_offers` reads it: on, until the test says."""
    from tests.pulse_offer_rig import Switch  # noqa: PLC0415 (Qt: see top)

    return Switch()


@pytest.fixture
def pulse_offers(
    controller: SessionController, clock: FakeClock, pulse_switch: Switch
) -> Iterator[PulseOffers]:
    """The pulse page's offers on loopback and the test's clock; closed afterwards."""
    from tests.pulse_offer_rig import loopback_offers  # noqa: PLC0415 (Qt: see top)

    offers = loopback_offers(controller, clock, pulse_switch)
    yield offers
    offers.close()


@pytest.fixture(scope="module")
def desktop() -> Iterator[HeadlessDesktop]:
    """Xvfb + private session bus + trayer + dunst, shared by the tests of one module."""
    keep = os.environ.get("FOCUSMATE_E2E_KEEP") == "1"
    with HeadlessDesktop(keep_dir=keep) as running:
        timings = ", ".join(f"{part} {secs:.2f} s" for part, secs in running.timings_s.items())
        print(f"\nheadless desktop {running.display} up: {timings}")
        if keep:
            print(f"keeping {running.root_dir}")
        yield running
