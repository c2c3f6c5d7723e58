"""Shared test set-up: Qt offscreen, and no test ever reaches the user's real data.

The end-to-end tests start their own real X server and pass its environment to the
processes they launch; everything in this process renders offscreen.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import, whatever the host has


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
