"""The first-run welcome with the installed focusmate on a real X server: keyboard only.

A fresh data folder shows the welcome once; ticking "Start focusmate when I log in" and
pressing Enter writes a real XDG autostart entry (in the test's own XDG_CONFIG_HOME) that
desktop-file-validate accepts; the next launch shows no welcome, and the tray menu's
"Welcome & how it works" opens it again.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import RunningApp

pytestmark = pytest.mark.timeout(120)

WELCOME = "^Welcome to focusmate$"
ENTRY_NAME = "app.focusmate.Focusmate.desktop"
#: Longer than the app takes to start its hotkeys and decide on the welcome (~0.3 s).
SETTLE_S = 2.5


def test_the_welcome_once_by_keyboard_then_from_the_menu(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    data, config = tmp_path / "data", tmp_path / "config"
    env = {"XDG_CONFIG_HOME": str(config)}
    entry = config / "autostart" / ENTRY_NAME

    first = RunningApp(desktop, data, first_run=True, extra_env=env)
    try:
        windows = wait_until(
            lambda: first.windows_named(WELCOME) or None,
            timeout_s=10,
            what="the welcome on first run",
        )
        assert len(windows) == 1
        assert not entry.exists()  # nothing is written before the user chooses
        desktop.key("space")  # the first control has the focus: start at login
        desktop.key("Return")  # "Get started", the default button
        wait_until(
            lambda: not first.windows_named(WELCOME) or None,
            timeout_s=10,
            what="the welcome to close",
        )
        assert entry.is_file()
        validated = desktop.run(["desktop-file-validate", str(entry)])
        assert validated.returncode == 0, validated.stdout + validated.stderr
        assert "error" not in validated.stdout.lower()
        exec_line = next(
            line for line in entry.read_text().splitlines() if line.startswith("Exec=")
        )
        assert exec_line.endswith(f" --data-dir {data}")  # this data folder at login too
        assert json.loads((data / "settings.json").read_text())["welcomed"] is True
    finally:
        first.stop()

    second = RunningApp(desktop, data, first_run=True, extra_env=env)  # settings as saved
    try:
        time.sleep(SETTLE_S)
        assert second.windows_named(WELCOME) == []
        second.choose_in_tray_menu("h")  # "Welcome && &how it works…"
        wait_until(
            lambda: second.windows_named(WELCOME) or None,
            timeout_s=10,
            what="the welcome from the menu",
        )
        desktop.key("Escape")  # closes it and changes nothing
        wait_until(
            lambda: not second.windows_named(WELCOME) or None,
            timeout_s=10,
            what="the welcome to close on Escape",
        )
        assert entry.is_file()
    finally:
        second.stop()
