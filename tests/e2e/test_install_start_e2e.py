"""install.sh's last step, packaging/start-focusmate.sh, with the installed focusmate.

It starts the app only where there is a desktop session, reports success only once the app
answers on its socket, and when the app cannot start it says why and where the log is.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from pathlib import Path

import pytest

from tests.e2e.desktop import HeadlessDesktop
from tests.e2e.focusmate_app import installed_focusmate, prepare_settings

pytestmark = pytest.mark.timeout(120)

SCRIPT = Path(__file__).resolve().parents[2] / "packaging" / "start-focusmate.sh"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder with settings that show no welcome and no morning reminder."""
    folder = tmp_path / "data"
    prepare_settings(folder, morning_reminder=False)
    return folder


def start_script(
    desktop: HeadlessDesktop, data_dir: Path, log: Path, env_changes: dict[str, str | None]
) -> tuple[int, str, subprocess.Popen[bytes]]:
    """Run the script in the desktop's environment changed by ``env_changes`` (None removes a
    variable); its exit code and output. It runs in its own process group, so the app it leaves
    running is killed with that group at teardown."""
    env = {**desktop.env, "FOCUSMATE_DATA_DIR": str(data_dir)}
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    name = f"start-script-{data_dir.name}"
    proc = subprocess.Popen(
        ["bash", str(SCRIPT), installed_focusmate(), str(log)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    output, _ = proc.communicate(timeout=60)
    desktop.log_path(name).write_bytes(output)
    return proc.returncode, output.decode(), proc


def status_code(desktop: HeadlessDesktop, data_dir: Path) -> int:
    return desktop.run([installed_focusmate(), "--data-dir", str(data_dir), "status"]).returncode


def stop_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)


def test_starts_on_a_desktop_and_reports_only_once_the_app_answers(
    desktop: HeadlessDesktop, data_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "app" / "focusmate.log"
    code, output, proc = start_script(desktop, data_dir, log, {})
    try:
        assert code == 0, output
        assert "focusmate is running" in output and str(log) in output
        assert status_code(desktop, data_dir) == 0
        # An update while it runs: nothing second is started, and the user is told what happens.
        again, said, _ = start_script(desktop, data_dir, log, {})
        assert again == 0
        assert "already running" in said and "Quit" in said
        assert len(desktop.tray_icon_windows(wm_class="focusmate")) == 1
    finally:
        stop_group(proc)


def test_without_a_desktop_session_nothing_is_started(
    desktop: HeadlessDesktop, data_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "focusmate.log"
    code, output, _ = start_script(
        desktop, data_dir, log, {"DISPLAY": None, "WAYLAND_DISPLAY": None}
    )
    assert code == 0
    assert "No desktop session here" in output
    assert not log.exists()
    assert status_code(desktop, data_dir) == 3  # not running


def test_an_app_that_cannot_start_is_reported_with_its_reason_and_log(
    desktop: HeadlessDesktop, data_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "focusmate.log"
    # A display that does not exist: the app stops at once with its own one-line reason.
    code, output, _ = start_script(desktop, data_dir, log, {"DISPLAY": ":4095"})
    assert code == 1
    assert output.startswith("focusmate could not start: ")
    last_line = log.read_text().strip().splitlines()[-1]
    assert last_line in output and f"Its log: {log}" in output
    assert status_code(desktop, data_dir) == 3
