"""Fixtures for the end-to-end tests: one real headless desktop per test module.

Set ``FOCUSMATE_E2E_KEEP=1`` to keep the desktop's temporary directory (HOME, logs) after the
run; its path is printed.  The desktop is never skipped: if it cannot be stood up, the tests
that use it fail with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.desktop import HeadlessDesktop
from tests.e2e.focusmate_app import RunningApp


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


@pytest.fixture
def app(desktop: HeadlessDesktop, tmp_path: Path) -> Iterator[RunningApp]:
    """The installed focusmate running on the module's desktop, with its data in tmp_path."""
    running = RunningApp(desktop, tmp_path / "data")
    print(f"\nlaunch to tray icon: {running.launch_to_icon_s:.2f} s")
    yield running
    running.stop()
