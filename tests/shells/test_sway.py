"""focusmate on a real sway 1.7, with mako and with SwayNotificationCenter (issue 17's first rows).

For each daemon, with the installed focusmate and nothing faked: the do-not-disturb backend is
chosen by itself; a notification another program sends during a session is not on screen
(judged from a grim screenshot: the daemons paint notifications magenta, nothing else is) and
shows after it (mako: on screen again; swaync: in its control center, where Do Not Disturb
puts it); the state before the session comes back after ``focusmate end``, after SIGTERM and,
through the guard process, within 2 s after SIGKILL; an earlier do-not-disturb stays on; the
tray icon is a StatusNotifierItem registered with swaybar, natively on Wayland and through
Xwayland (Qt's xcb platform).
"""

from __future__ import annotations

import signal
import time

import pytest

from tests.e2e.desktop import wait_until
from tests.shells.screen import pixels_of
from tests.shells.shell_app import ShellApp
from tests.shells.sway import SwayShell

pytestmark = pytest.mark.timeout(180)

#: The issue's promise for a crash: notifications are back within 2 s of `kill -9`.
SIGKILL_RESTORE_S = 2.0


def visible(shell: SwayShell, name: str) -> int:
    """Magenta pixels on screen now: how much of a notification can be seen."""
    return pixels_of(shell.screenshot(name))


def start_session(app: ShellApp) -> float:
    """`focusmate start`, then until the daemon itself says do-not-disturb is on; seconds."""
    started = time.monotonic()
    done = app.cli("start", "--with", "Sam")
    assert done.returncode == 0, done.stderr
    wait_until(lambda: app.shell.daemon.dnd_on(app.shell), timeout_s=10, what="do-not-disturb on")
    return time.monotonic() - started


def until_off(shell: SwayShell, timeout_s: float = 10) -> float:
    started = time.monotonic()
    wait_until(
        lambda: not shell.daemon.dnd_on(shell), timeout_s=timeout_s, what="do-not-disturb off"
    )
    return time.monotonic() - started


def test_the_backend_is_chosen_by_itself_and_the_icon_is_on_swaybar(app: ShellApp) -> None:
    shell = app.shell
    dnd = app.status()["dnd"]
    assert dnd["backend"] == shell.daemon.backend, dnd
    assert dnd["engaged"] is False
    assert shell.item_property(app.item, "Id") == "focusmate"
    assert app.tray_item() in shell.registered_tray_items()


def test_a_notification_during_a_session_is_not_seen_and_shows_after(app: ShellApp) -> None:
    shell, daemon = app.shell, app.shell.daemon
    shell.notify("before the session")  # the judgement can see one: else it proves nothing
    wait_until(lambda: visible(shell, "before") > 0, timeout_s=10, what="a notification on screen")
    daemon.clear(shell)
    wait_until(lambda: visible(shell, "cleared") == 0, timeout_s=10, what="an empty screen")
    wait_until(lambda: daemon.held(shell) == 0, timeout_s=10, what=f"{daemon.name} to hold none")

    engage_s = start_session(app)
    assert app.status()["dnd"]["engaged"] is True
    shell.notify("during the session")
    wait_until(lambda: daemon.held(shell) == 1, timeout_s=10, what=f"{daemon.name} to have it")
    time.sleep(0.5)  # a notification shown is drawn within a frame or two; give it many
    assert visible(shell, "during") == 0, "the notification is on screen during the session"

    ended = time.monotonic()
    assert app.cli("end").returncode == 0
    restore_s = until_off(shell)
    daemon.reveal_held(shell)
    wait_until(
        lambda: visible(shell, "after") > 0,
        timeout_s=10,
        what=f"the held notification after the session ({daemon.after_session})",
    )
    print(
        f"\n{daemon.name}: engaged {engage_s:.2f} s after `start`; restored "
        f"{restore_s:.2f} s after `end` returned ({time.monotonic() - ended:.2f} s to seen)"
    )


def test_the_state_comes_back_after_sigterm(app: ShellApp) -> None:
    start_session(app)
    assert app.signal(signal.SIGTERM) == 0
    assert not app.shell.daemon.dnd_on(app.shell)  # restored before the app exited


def test_the_guard_restores_it_within_2_s_after_sigkill(app: ShellApp) -> None:
    start_session(app)
    killed = time.monotonic()
    app.signal(signal.SIGKILL)
    until_off(app.shell)
    restore_s = time.monotonic() - killed
    print(f"\n{app.shell.daemon.name}: restored by the guard {restore_s:.2f} s after SIGKILL")
    assert restore_s <= SIGKILL_RESTORE_S


def test_an_earlier_do_not_disturb_stays_on(app: ShellApp) -> None:
    shell = app.shell
    shell.daemon.set_dnd(shell, True)  # the user had silenced notifications already
    start_session(app)
    assert app.cli("end").returncode == 0
    wait_until(
        lambda: app.status()["dnd"]["engaged"] is False,
        timeout_s=10,
        what="focusmate to have put back the state it found",
    )
    assert shell.daemon.dnd_on(shell)


def test_the_xcb_path_through_xwayland(quiet_shell: SwayShell) -> None:
    app = ShellApp(quiet_shell, name="fm-xcb", platform="xcb")
    try:
        print(f"\nxcb through Xwayland: launch to the tray icon {app.launch_to_tray_s:.2f} s")
        assert app.status()["dnd"]["backend"] == quiet_shell.daemon.backend
        start_session(app)
        assert app.cli("end").returncode == 0
        until_off(quiet_shell)
    finally:
        app.stop()


def test_the_log_has_none_of_qts_harmless_warnings(app: ShellApp) -> None:
    """On this shell Qt warns 'Failed to register with host portal' at start (no portal runs)
    and 'QWaylandTextInputv3::disableSurface' whenever a window with a text field closes or
    loses the focus: focusmate filters both (desktop/qt_noise.py)."""
    start_session(app)
    assert app.cli("end").returncode == 0  # the reflection window opens, with text fields
    assert app.cli("review").returncode == 0  # another window takes the focus
    until_off(app.shell)
    app.stop()  # every window closes
    log = app.log()
    assert "host portal" not in log and "disableSurface" not in log, log
