"""KDE's inhibition protocol, against fake_kde_server.py — a FAKE of Plasma's notification
server (no Plasma here): our inhibition lives exactly as long as our connection."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from focusmate.desktop.dnd import choose_backend
from focusmate.desktop.dnd.silencer import JournaledSilencer, Phase
from tests.desktop.dnd.rigs import KdeRig, kill_group, started, time_until

pytestmark = pytest.mark.timeout(90)


@pytest.fixture(scope="module")
def kde() -> Iterator[KdeRig]:
    for rig in started(KdeRig()):
        assert isinstance(rig, KdeRig)
        yield rig


@pytest.fixture
def plasma(kde: KdeRig) -> Iterator[KdeRig]:
    kde.pristine()
    yield kde
    kde.pristine()


def test_plasma_is_detected_and_our_inhibition_is_ours_alone(plasma: KdeRig) -> None:
    backend = choose_backend(None, plasma.env)
    assert backend.name == "kde"
    plasma.set_by_hand(True)  # another app already inhibits
    previous = backend.capture()
    assert previous == {"on": True}

    backend.engage()
    assert plasma.counts()[0] == 2
    backend.restore(previous)

    assert plasma.counts()[0] == 1  # only ours was withdrawn: still inhibited, as before


def test_plasma_releases_the_inhibition_of_a_killed_app_even_without_a_guard(
    plasma: KdeRig, tmp_path: Path
) -> None:
    holder, report = plasma.start_holder(tmp_path / "dnd.json", guard=False)
    assert report["status"]["engaged"] is True and report["guard_pid"] is None
    assert plasma.silenced()

    kill_group(holder)
    took = time_until(lambda: not plasma.silenced(), timeout_s=2.0, what="the release")

    print(f"\nkde (fake): released by the server {took.seconds * 1000:.0f} ms after SIGKILL")
    holder.wait(timeout=5)


def test_the_user_clearing_inhibitions_lets_focusmate_go(plasma: KdeRig, tmp_path: Path) -> None:
    session = JournaledSilencer(plasma.backend(), tmp_path / "dnd.json", env=plasma.env)
    session.engage()
    assert plasma.counts()[0] == 1

    plasma.set_by_hand(False)  # Plasma's Do not disturb switched off
    assert session.poll().engaged is False
    assert session.phase is Phase.LET_GO
    session.restore()
    time.sleep(0.1)

    assert plasma.counts()[0] == 0  # nothing re-inhibited
