"""SIGTERM (logout, shutdown, `systemctl --user stop`) during a session, on the real desktop.

The app quits at once without asking, gives notifications back (dunst's paused state is what
it was before the session), and keeps the session, which resumes at the next start. With a
tray and, last in this module (it stops the module's tray host), without one: there the
fallback window used to answer with a modal "End it and quit?" and the app never quit.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import (
    RunningApp,
    installed_focusmate,
    prepare_settings,
    windows_named,
)

pytestmark = pytest.mark.timeout(120)

#: Generous: quitting takes well under a second; this only bounds a hang.
QUIT_WAIT_S = 20


def paused(desktop: HeadlessDesktop) -> bool:
    answer = desktop.run(["dunstctl", "is-paused"], check=True).stdout.strip()
    return {"true": True, "false": False}[answer]


def cli(desktop: HeadlessDesktop, data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return desktop.run([installed_focusmate(), "--data-dir", str(data), *args])


def sigterm_and_wait(proc: subprocess.Popen[bytes]) -> int:
    """SIGTERM to the app alone (not its group: the do-not-disturb guard is not asked)."""
    os.kill(proc.pid, signal.SIGTERM)
    try:
        return proc.wait(timeout=QUIT_WAIT_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"focusmate did not quit within {QUIT_WAIT_S} s of SIGTERM")


def check_quit_cleanly(desktop: HeadlessDesktop, data: Path, proc: subprocess.Popen[bytes]) -> None:
    """A session with a mark runs and dunst is paused; SIGTERM; all is as it should be."""
    assert cli(desktop, data, "start", "--with", "Lee").returncode == 0
    assert cli(desktop, data, "log", "phone").returncode == 0
    assert paused(desktop) is True
    assert sigterm_and_wait(proc) == 0
    assert paused(desktop) is False  # back as it was before the session
    assert not (data / "dnd-journal.json").exists()  # given back by the app, not left over
    assert cli(desktop, data, "status").returncode == 3  # gone, not stuck


def test_sigterm_with_a_tray_quits_keeps_the_session_and_unpauses(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    assert paused(desktop) is False
    first = RunningApp(desktop, data)
    check_quit_cleanly(desktop, data, first.proc)
    first.stop()
    again = RunningApp(desktop, data)
    try:
        session = again.status()["session"]
        assert session["with"] == "Lee" and session["marks"]["phone"] == 1
        assert paused(desktop) is True  # the resumed session is silenced again
        assert again.cli("end").returncode == 0 and paused(desktop) is False
    finally:
        again.stop()


def test_sigterm_leaves_notifications_paused_if_they_were_before(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    desktop.run(["dunstctl", "set-paused", "true"], check=True)  # the user's own choice
    try:
        app = RunningApp(desktop, data)
        assert app.cli("start", "--with", "Mo").returncode == 0
        assert sigterm_and_wait(app.proc) == 0
        assert paused(desktop) is True
        app.stop()
    finally:
        desktop.run(["dunstctl", "set-paused", "false"], check=True)


def test_sigterm_while_the_quit_question_is_open_keeps_the_session(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    """Logout while the manager looks at "End it and quit?": the unanswered question ends
    nothing; focusmate quits and the session resumes."""
    data = tmp_path / "data"
    app = RunningApp(desktop, data)
    assert app.cli("start", "--with", "Flo").returncode == 0
    app.choose_in_tray_menu("q")
    wait_until(
        lambda: app.windows_named("^focusmate$") or None, timeout_s=10, what="the quit confirmation"
    )
    assert sigterm_and_wait(app.proc) == 0
    assert paused(desktop) is False
    app.stop()
    again = RunningApp(desktop, data)
    try:
        assert again.status()["session"]["with"] == "Flo"
        assert again.cli("end").returncode == 0
    finally:
        again.stop()


def start_without_tray(desktop: HeadlessDesktop, data: Path) -> subprocess.Popen[bytes]:
    proc = desktop.spawn([installed_focusmate(), "--data-dir", str(data)], name="no-tray")
    wait_until(
        lambda: windows_named(desktop, "^focusmate$") or None,
        timeout_s=15,
        what="the focusmate window",
    )
    wait_until(
        lambda: cli(desktop, data, "status").returncode == 0 or None,
        timeout_s=10,
        what="focusmate answering on its socket",
    )
    return proc


def test_sigterm_without_a_tray_quits_without_asking(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    os.kill(desktop.pids["trayer"], signal.SIGTERM)  # from here on, this desktop has no tray
    wait_until(
        lambda: desktop.run(["xdotool", "search", "--class", "trayer"]).stdout == "" or None,
        timeout_s=10,
        what="trayer to go away",
    )
    data = tmp_path / "data"
    prepare_settings(data, morning_reminder=False)
    assert paused(desktop) is False
    first = start_without_tray(desktop, data)
    check_quit_cleanly(desktop, data, first)
    desktop.terminate(first)
    again = start_without_tray(desktop, data)
    try:
        status = cli(desktop, data, "status")
        assert status.returncode == 0 and status.stdout.startswith("Coaching Lee:")
        assert paused(desktop) is True
        assert cli(desktop, data, "end").returncode == 0 and paused(desktop) is False
    finally:
        desktop.terminate(again)
