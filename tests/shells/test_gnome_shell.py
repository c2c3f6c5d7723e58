"""focusmate on a real GNOME Shell 43, with the AppIndicator extension and without it (issue 17).

For each, with the installed focusmate and nothing faked, started as a GNOME user's launcher
would start it (no QT_QPA_PLATFORM: Qt picks Wayland by itself, which the tests check): the
GNOME do-not-disturb backend is chosen by itself; a notification another program sends during
a session is not on screen (judged from GNOME Shell's own screenshot: the notification's icon
is magenta, nothing else is) and is in the notification list after it (GNOME shows no late
banner); ``show-banners`` comes back after ``focusmate end``, after SIGTERM and, through the
guard process, within 2 s after SIGKILL, including "never set by the user" and an earlier Do
Not Disturb; with the extension the tray icon is a StatusNotifierItem; without it the
fallback window shows, and its whole status can be read on the screen (Tesseract reads both
halves of the wrapped line from the screenshot). The xcb path (Qt through Xwayland, for a user
who forces X11) is checked too: same backend, engaged and put back.
"""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.desktop import wait_until
from tests.shells.gnome import GnomeShell
from tests.shells.ocr import words_in
from tests.shells.screen import pixels_of
from tests.shells.shell_app import ShellApp, app_name
from tests.shells.shell_user import shell_user

pytestmark = pytest.mark.timeout(240)

#: The issue's promise for a crash: notifications are back within 2 s of `kill -9`.
SIGKILL_RESTORE_S = 2.0
ROWS = {"appindicator": True, "no-tray": False}


@pytest.fixture(scope="module", params=sorted(ROWS))
def gnome(request: pytest.FixtureRequest) -> Iterator[GnomeShell]:
    """A headless GNOME Shell 43, with the AppIndicator extension or without it."""
    with GnomeShell(shell_user(), appindicator=ROWS[request.param]) as running:
        print(running.up_line(running.label))
        yield running


@pytest.fixture
def quiet_gnome(gnome: GnomeShell) -> Iterator[GnomeShell]:
    """The shell with nothing of the tests' on screen and show-banners at its default."""
    reset(gnome)
    yield gnome
    reset(gnome)


def reset(shell: GnomeShell) -> None:
    shell.close_notifications()
    shell.gnome.clear(shell)
    shell.gnome.reset(shell)
    wait_until(lambda: visible(shell, "reset") == 0, timeout_s=10, what="no notification shown")


@pytest.fixture
def gnome_app(quiet_gnome: GnomeShell, request: pytest.FixtureRequest) -> Iterator[ShellApp]:
    """The installed focusmate in the shell, on the Qt platform it picks by itself."""
    running = ShellApp(
        quiet_gnome,
        name=app_name(request.node.name),
        platform="",
        tray=quiet_gnome.appindicator,
    )
    print(f"\nlaunch to answering (and to the tray icon, if any): {running.launch_to_tray_s:.2f} s")
    yield running
    running.stop()


def visible(shell: GnomeShell, name: str) -> int:
    """Magenta pixels on screen now: how much of a test's notification can be seen."""
    return pixels_of(shell.screenshot(name))


def banners_off(shell: GnomeShell) -> bool:
    return shell.gnome.dnd_on(shell)


def start_session(app: ShellApp) -> float:
    """`focusmate start`, then until GNOME's own setting says banners are off; seconds."""
    started = time.monotonic()
    done = app.cli("start", "--with", "Sam")
    assert done.returncode == 0, done.stderr
    shell = gnome_of(app)
    wait_until(lambda: banners_off(shell), timeout_s=10, what="show-banners false")
    return time.monotonic() - started


def until_banners_on(shell: GnomeShell, timeout_s: float = 10) -> float:
    started = time.monotonic()
    wait_until(lambda: not banners_off(shell), timeout_s=timeout_s, what="show-banners true")
    return time.monotonic() - started


def gnome_of(app: ShellApp) -> GnomeShell:
    assert isinstance(app.shell, GnomeShell)
    return app.shell


def qt_platform_plugin(pid: int) -> str:
    """The Qt platform plugin the process loaded (libqwayland, libqxcb, ...)."""
    maps = Path(f"/proc/{pid}/maps").read_text()
    found = set(re.findall(r"plugins/platforms/(libq\w+)\.so", maps))
    assert len(found) == 1, found
    return found.pop()


def test_the_gnome_backend_is_chosen_by_itself_on_wayland(gnome_app: ShellApp) -> None:
    dnd = gnome_app.status()["dnd"]
    assert dnd["backend"] == "gnome", dnd
    assert dnd["engaged"] is False
    # What a GNOME user gets from the launcher: Qt's own choice on this session is Wayland.
    assert qt_platform_plugin(gnome_app.proc.pid) == "libqwayland"


def test_the_tray_icon_or_the_readable_fallback_window(gnome_app: ShellApp) -> None:
    shell = gnome_of(gnome_app)
    if shell.appindicator:
        assert gnome_app.item in shell.registered_tray_items()
        assert shell.item_property(gnome_app.item, "Id") == "focusmate"
        return
    assert shell.name_owner_pid("org.kde.StatusNotifierWatcher") is None  # no host at all
    start_session(gnome_app)  # the long status: it wraps in the window's width
    status = gnome_app.status()
    print(f"\nthe session's status: {status['session']}")
    # Both halves of "Coaching Sam: 30 min left; 0 phone checks, 0 app switches", read from
    # the screen: the second was hidden behind the buttons before control_window's fix.
    words = wait_until(
        lambda: (text := words_in(shell.screenshot("fallback"))) and "switches" in text and text,
        timeout_s=15,
        what="the fallback window's whole status on the screen",
    )
    assert re.search(r"coaching sam: \d+ min left", words), words
    assert "0 phone checks, 0 app switches" in words, words
    assert gnome_app.cli("end").returncode == 0
    until_banners_on(shell)


def test_a_notification_during_a_session_is_not_seen_and_is_listed_after(
    gnome_app: ShellApp,
) -> None:
    shell = gnome_of(gnome_app)
    sent = time.monotonic()
    shell.notify("before the session")  # the judgement can see one: else it proves nothing
    wait_until(lambda: visible(shell, "before") > 0, timeout_s=10, what="a banner on screen")
    shown_s = time.monotonic() - sent
    shell.close_notifications()
    wait_until(lambda: visible(shell, "closed") == 0, timeout_s=10, what="the banner gone")

    engage_s = start_session(gnome_app)
    assert gnome_app.status()["dnd"]["engaged"] is True
    shell.notify("during the session")
    time.sleep(max(1.0, 3 * shown_s))  # a banner shows within shown_s: give it far longer
    assert visible(shell, "during") == 0, "the notification's banner is on screen in a session"

    ended = time.monotonic()
    assert gnome_app.cli("end").returncode == 0
    restore_s = until_banners_on(shell)
    time.sleep(max(1.0, 3 * shown_s))
    assert visible(shell, "after-no-banner") == 0  # GNOME shows no late banner: it lists it
    shell.gnome.reveal_held(shell)
    wait_until(
        lambda: visible(shell, "after") > 0,
        timeout_s=10,
        what=f"the held notification after the session ({shell.gnome.after_session})",
    )
    print(
        f"\n{shell.label}: a banner on screen {shown_s:.2f} s after notify-send; engaged "
        f"{engage_s:.2f} s after `start`; restored {restore_s:.2f} s after `end` returned "
        f"({time.monotonic() - ended:.2f} s to the list seen)"
    )


def test_the_state_comes_back_after_end_as_it_was(gnome_app: ShellApp) -> None:
    """Never set by the user: after the session it follows the default again (dconf has no
    value), not a copy of it."""
    shell = gnome_of(gnome_app)
    assert shell.gnome.user_value(shell).strip() == ""
    start_session(gnome_app)
    assert gnome_app.cli("end").returncode == 0
    until_banners_on(shell)
    assert shell.gnome.user_value(shell).strip() == ""


def test_an_earlier_do_not_disturb_stays_on(gnome_app: ShellApp) -> None:
    shell = gnome_of(gnome_app)
    shell.gnome.set_dnd(shell, True)  # the user had turned on Do Not Disturb already
    start_session(gnome_app)
    assert gnome_app.cli("end").returncode == 0
    wait_until(
        lambda: gnome_app.status()["dnd"]["engaged"] is False,
        timeout_s=10,
        what="focusmate to have put back the state it found",
    )
    assert banners_off(shell)


def test_the_state_comes_back_after_sigterm(gnome_app: ShellApp) -> None:
    shell = gnome_of(gnome_app)
    start_session(gnome_app)
    assert gnome_app.signal(signal.SIGTERM) == 0
    assert not banners_off(shell)  # restored before the app exited


def test_the_guard_restores_it_within_2_s_after_sigkill(gnome_app: ShellApp) -> None:
    shell = gnome_of(gnome_app)
    start_session(gnome_app)
    killed = time.monotonic()
    gnome_app.signal(signal.SIGKILL)
    until_banners_on(shell)
    restore_s = time.monotonic() - killed
    print(f"\n{shell.label}: restored by the guard {restore_s:.2f} s after SIGKILL")
    assert restore_s <= SIGKILL_RESTORE_S


def test_the_xcb_path_through_xwayland(quiet_gnome: GnomeShell) -> None:
    """QT_QPA_PLATFORM=xcb, as a user who forces X11 has it: the same backend, engaged and put
    back; with the extension the icon registers through Xwayland as well."""
    app = ShellApp(quiet_gnome, name="fm-xcb", platform="xcb", tray=quiet_gnome.appindicator)
    try:
        assert qt_platform_plugin(app.proc.pid) == "libqxcb"
        assert app.status()["dnd"]["backend"] == "gnome"
        engage_s = start_session(app)
        assert app.cli("end").returncode == 0
        restore_s = until_banners_on(quiet_gnome)
        print(
            f"\n{quiet_gnome.label}, xcb through Xwayland: launch {app.launch_to_tray_s:.2f} s, "
            f"engaged {engage_s:.2f} s, restored {restore_s:.2f} s after `end` returned"
        )
    finally:
        app.stop()
