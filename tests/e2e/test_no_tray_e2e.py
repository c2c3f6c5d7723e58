"""Without a tray host the app is never invisible: it shows its own small window."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import installed_focusmate, prepare_settings, windows_named

pytestmark = pytest.mark.timeout(120)


def test_the_fallback_window_appears_when_there_is_no_tray(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    os.kill(desktop.pids["trayer"], signal.SIGTERM)  # this module's desktop loses its tray
    wait_until(
        lambda: desktop.run(["xdotool", "search", "--class", "trayer"]).stdout == "" or None,
        timeout_s=10,
        what="trayer to go away",
    )
    data = tmp_path / "data"
    prepare_settings(data, morning_reminder=False)  # no welcome, no reminder: one window only
    proc = desktop.spawn([installed_focusmate(), "--data-dir", str(data)], name="no-tray")
    try:
        window = wait_until(
            lambda: windows_named(desktop, "^focusmate$") or None,
            timeout_s=15,
            what="the focusmate window",
        )
        assert len(window) == 1
        status = desktop.run([installed_focusmate(), "--data-dir", str(data), "status"])
        assert status.returncode == 0 and "Idle" in status.stdout
        assert "no system tray found" in desktop.read_log("no-tray")
    finally:
        desktop.terminate(proc)
