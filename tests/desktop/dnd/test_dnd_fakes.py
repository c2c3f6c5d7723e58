"""mako and swaync details, against named FAKES (fake_makoctl.py, fake_swaync_server.py):
neither daemon can run here (both need a Wayland compositor with layer-shell)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from focusmate.core.dnd import DndUnavailable
from focusmate.desktop.dnd import backend_named, choose_backend
from focusmate.desktop.dnd.mako import config_hides_in_mode
from focusmate.desktop.dnd.silencer import JournaledSilencer, Phase
from tests.desktop.dnd.rigs import MAKO_DND_CONFIG, MakoRig, SwayncRig, started

pytestmark = pytest.mark.timeout(90)


@pytest.fixture(scope="module")
def mako() -> Iterator[MakoRig]:
    for rig in started(MakoRig()):
        assert isinstance(rig, MakoRig)
        yield rig


@pytest.fixture
def fresh_mako(mako: MakoRig) -> Iterator[MakoRig]:
    mako.pristine()
    mako.log.unlink(missing_ok=True)
    yield mako
    mako.pristine()


def test_mako_adds_and_removes_only_its_mode_with_plain_argument_lists(
    fresh_mako: MakoRig, tmp_path: Path
) -> None:
    fresh_mako.run("makoctl", "mode", "-a", "work")  # the user's own mode
    fresh_mako.log.unlink()
    session = JournaledSilencer(fresh_mako.backend(), tmp_path / "dnd.json", env=fresh_mako.env)

    assert session.engage().detail == "Notifications paused (mako)"
    assert fresh_mako.modes() == ["default", "do-not-disturb", "work"]
    session.restore()

    assert fresh_mako.modes() == ["default", "work"]
    writes = [call for call in fresh_mako.calls() if call != ["mode"]]
    assert writes == [["mode", "-a", "do-not-disturb"], ["mode", "-r", "do-not-disturb"]]


def test_mako_without_the_mode_in_its_config_is_not_claimed_silenced(
    fresh_mako: MakoRig, tmp_path: Path
) -> None:
    config = Path(fresh_mako.env["XDG_CONFIG_HOME"]) / "mako" / "config"
    saved = config.read_text()
    config.write_text("font=monospace 10\n")
    try:
        status = JournaledSilencer(
            fresh_mako.backend(), tmp_path / "dnd.json", env=fresh_mako.env
        ).engage()
    finally:
        config.write_text(saved)

    assert status.engaged is False
    assert "[mode=do-not-disturb]" in status.detail and "invisible=1" in status.detail
    assert fresh_mako.is_pristine()


def test_mako_failures_are_dnd_unavailable(fresh_mako: MakoRig) -> None:
    down = backend_named("mako", {**fresh_mako.env, "FAKE_MAKO_DOWN": "1"})
    with pytest.raises(DndUnavailable, match="not activatable"):
        down.is_on()
    missing = backend_named("mako", {**fresh_mako.env, "PATH": "/nonexistent"})
    with pytest.raises(DndUnavailable, match="makoctl is not installed"):
        missing.is_on()


@pytest.mark.parametrize(
    ("text", "hides"),
    [
        (MAKO_DND_CONFIG, True),
        ("[mode=do-not-disturb urgency=low]\ninvisible=true\n", True),
        ("[mode=do-not-disturb]\ninvisible=0\n", False),
        ("[mode=away]\ninvisible=1\n[mode=do-not-disturb]\nborder-size=0\n", False),
        ("invisible=1\n", False),
    ],
)
def test_mako_config_check(tmp_path: Path, text: str, hides: bool) -> None:
    config = tmp_path / "config"
    config.write_text(text)
    assert config_hides_in_mode([tmp_path / "missing", config]) is hides


def test_swaync_is_chosen_by_override_and_round_trips(swaync: SwayncRig, tmp_path: Path) -> None:
    swaync.pristine()
    backend = choose_backend("swaync", swaync.env)
    session = JournaledSilencer(backend, tmp_path / "dnd.json", env=swaync.env)

    assert session.engage().engaged is True
    assert swaync.silenced()
    swaync.set_by_hand(False)
    assert session.poll().engaged is False and session.phase is Phase.LET_GO
    session.restore()

    assert not swaync.silenced()
