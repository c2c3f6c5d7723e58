"""Start-up failures of the installed focusmate: a clear line and an exit code, data untouched."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from focusmate.desktop.x_display import x_display_answers
from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import installed_focusmate


def launch(data_dir: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [installed_focusmate(), "--data-dir", str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def bare_env() -> dict[str, str]:
    keep = ("PATH", "HOME", "LANG", "XDG_RUNTIME_DIR")
    return {k: v for k, v in os.environ.items() if k in keep}


def test_no_display_is_a_clear_error_not_a_qt_abort(tmp_path: Path) -> None:
    result = launch(tmp_path / "data", bare_env())
    assert result.returncode == 1
    assert "no graphical desktop found" in result.stderr
    assert result.stderr.count("\n") == 1


def test_without_a_display_the_app_runs_and_says_hotkeys_are_off(tmp_path: Path) -> None:
    env = bare_env() | {"QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(tmp_path)}
    log = tmp_path / "app.log"
    command = [installed_focusmate(), "--data-dir", str(tmp_path / "data")]
    with log.open("w") as sink:
        proc = subprocess.Popen(command, env=env, stderr=sink)
    try:

        def hotkeys_tried() -> dict[str, Any] | None:
            """`status --json`'s hotkeys once the app tried to start them (else None)."""
            asked = subprocess.run(
                [*command, "status", "--json"], env=env, capture_output=True, text=True, check=False
            )
            if asked.returncode != 0:
                return None
            hotkeys: dict[str, Any] = json.loads(asked.stdout)["hotkeys"]
            return None if hotkeys["reason"] == "global hotkeys are not started" else hotkeys

        hotkeys = wait_until(hotkeys_tried, timeout_s=20, what="the app to try its hotkeys")
        assert hotkeys["ready"] is False
        assert hotkeys["reason"].startswith("no X display (DISPLAY is not set)")
        status = subprocess.run(
            [*command, "status"], env=env, capture_output=True, text=True, check=False
        )
        assert status.returncode == 0 and "Idle" in status.stdout
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert "global hotkeys: no X display" in log.read_text()
    assert "focusmate log phone" in log.read_text()


def test_a_display_that_does_not_answer_is_a_clear_error_not_a_qt_abort(tmp_path: Path) -> None:
    """A stale DISPLAY (the X server is gone) made Qt abort the process with a core dump."""
    result = launch(tmp_path / "data", bare_env() | {"DISPLAY": ":4095"})
    assert result.returncode == 1
    assert "cannot connect to the X display ':4095'" in result.stderr
    assert result.stderr.count("\n") == 1


def test_the_display_probe_sees_a_running_x_server(desktop: HeadlessDesktop) -> None:
    assert x_display_answers(desktop.display)
    assert not x_display_answers(":4095")
