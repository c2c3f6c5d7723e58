"""The GSettings backends (GNOME, Cinnamon, MATE) through the real dconf: a key the user never
set is reset, not set; a key the user did set gets its user value back; without the dconf tool
the effective value is restored."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from focusmate.desktop.dnd import backend_named
from tests.desktop.dnd.rigs import CinnamonRig, GnomeRig, GSettingsRig, MateRig, started

pytestmark = pytest.mark.timeout(90)


@pytest.fixture(scope="module", params=[GnomeRig, CinnamonRig, MateRig], ids=lambda r: r.name)
def keys(request: pytest.FixtureRequest) -> Iterator[GSettingsRig]:
    for rig in started(request.param()):
        assert isinstance(rig, GSettingsRig)
        rig.pristine()
        yield rig
        rig.pristine()


def test_a_key_without_user_value_is_reset_not_set(keys: GSettingsRig) -> None:
    backend = keys.backend()
    previous = backend.capture()
    assert previous["user_value"] is None and previous["user_value_known"] is True

    backend.engage()
    assert keys.user_value() == keys.silenced_value  # engaging writes a user value
    backend.restore(previous)

    assert keys.user_value() == ""  # reset: the key follows the schema default again
    assert not keys.silenced()


def test_a_key_the_user_set_gets_its_user_value_back(keys: GSettingsRig) -> None:
    keys.set_by_hand(False)  # an explicit user value equal to the default
    explicit = keys.user_value()
    assert explicit != ""
    backend = keys.backend()
    previous = backend.capture()

    backend.engage()
    backend.restore(previous)

    assert keys.user_value() == explicit


def test_without_the_dconf_tool_the_effective_value_is_set_back(
    keys: GSettingsRig, tmp_path: Path
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gsettings = shutil.which("gsettings", path=keys.env["PATH"])
    assert gsettings is not None
    (bin_dir / "gsettings").symlink_to(gsettings)
    backend = backend_named(keys.name, {**keys.env, "PATH": str(bin_dir)})
    previous = backend.capture()
    assert previous["user_value_known"] is False

    backend.engage()
    assert keys.silenced()
    backend.restore(previous)

    assert not keys.silenced()
    assert keys.user_value() != ""  # set explicitly: "follows the default" could not be known
    assert os.environ.get("PATH") != str(bin_dir)
