"""Fixtures for the end-to-end tests: the installed app on the module's desktop (one real
headless desktop per test module: `desktop`, in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.desktop import HeadlessDesktop
from tests.e2e.focusmate_app import RunningApp


@pytest.fixture
def app(desktop: HeadlessDesktop, tmp_path: Path) -> Iterator[RunningApp]:
    """The installed focusmate running on the module's desktop, with its data in tmp_path."""
    running = RunningApp(desktop, tmp_path / "data")
    print(f"\nlaunch to tray icon: {running.launch_to_icon_s:.2f} s")
    yield running
    running.stop()
