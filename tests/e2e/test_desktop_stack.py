"""Tests of the e2e harness itself (tests/e2e/desktop.py), with a throwaway PySide6 tray app.

The probe app below is written to ``tmp_path`` and run as a separate process with
``QT_QPA_PLATFORM=xcb`` on the harness's Xvfb.  It reports through files in its output
directory, which the tests poll:

* ``ready``               written after ``QSystemTrayIcon.show()`` (content: isSystemTrayAvailable)
* ``hello``               the first menu action ("Say hello") was triggered
* ``action``              the second menu action ("Write file") was triggered
* ``activated-<Reason>``  ``QSystemTrayIcon.activated`` fired with that reason (Trigger, Context)

Findings (Debian 12, PySide6 6.12, no window manager): the icon is embedded 0.2-0.4 s after the
process starts (most of it is Python + Qt start-up); the context menu appears within ~0.1 s of
the right click; ``Down`` selects the first item of a freshly opened menu.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.desktop import DesktopError, HeadlessDesktop, NotificationCounts, wait_until

PROBE_APP = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from PySide6.QtGui import QColor, QIcon, QPixmap
    from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

    out = Path(sys.argv[1])
    app = QApplication(sys.argv[:1])
    app.setApplicationName(sys.argv[2])
    app.setQuitOnLastWindowClosed(False)

    pixmap = QPixmap(22, 22)
    pixmap.fill(QColor(255, 0, 0))
    tray = QSystemTrayIcon(QIcon(pixmap))
    menu = QMenu()
    hello = menu.addAction("Say hello")
    hello.triggered.connect(lambda: (out / "hello").write_text("hello"))
    write = menu.addAction("Write file")
    write.triggered.connect(lambda: (out / "action").write_text("triggered"))
    tray.setContextMenu(menu)
    tray.activated.connect(lambda reason: (out / f"activated-{reason.name}").write_text("1"))
    tray.show()
    (out / "ready").write_text(str(QSystemTrayIcon.isSystemTrayAvailable()))
    sys.exit(app.exec())
    """
)

ICON_RGB = (255, 0, 0)


@dataclass
class Probe:
    """A running probe app: its process, output directory, tray icon and start-up timing."""

    proc: subprocess.Popen[bytes]
    out: Path
    app_name: str
    icon: int
    icon_after_s: float

    def wait_for_file(self, name: str, timeout_s: float = 5.0) -> Path:
        path = self.out / name
        return wait_until(
            lambda: path if path.exists() else None, timeout_s=timeout_s, what=f"file {name}"
        )


@pytest.fixture
def probe(
    desktop: HeadlessDesktop, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Probe]:
    """Start the probe tray app (a unique WM_CLASS per test) and wait for its icon."""
    script = tmp_path / "probe_tray.py"
    script.write_text(PROBE_APP)
    out = tmp_path / "out"
    out.mkdir()
    app_name = f"probe-{request.node.name}".replace("[", "-").replace("]", "")
    started = time.monotonic()
    proc = desktop.spawn([sys.executable, str(script), str(out), app_name], name=app_name)
    try:
        try:
            icon = desktop.wait_for_tray_icon(wm_class=app_name, timeout_s=10)
        except TimeoutError as exc:
            raise AssertionError(f"{exc}; probe log:\n{desktop.read_log(app_name)}") from exc
        yield Probe(proc, out, app_name, icon, time.monotonic() - started)
    finally:
        desktop.terminate(proc)


def pixel_rgb(image: Path, x: int, y: int) -> tuple[int, int, int]:
    """One pixel of an image, as 8-bit RGB (ImageMagick's ``convert``)."""
    result = subprocess.run(
        ["convert", str(image), "-crop", f"1x1+{x}+{y}", "-depth", "8", "rgb:-"],
        capture_output=True,
        check=True,
        timeout=20,
    )
    red, green, blue = result.stdout[:3]
    return red, green, blue


@pytest.mark.timeout(60)
def test_tray_icon_appears_in_trayer(
    desktop: HeadlessDesktop, probe: Probe, tmp_path: Path
) -> None:
    print(f"\ntray icon {probe.icon:#x} embedded {probe.icon_after_s:.2f} s after launch")
    assert probe.wait_for_file("ready").read_text() == "True"
    assert probe.icon in desktop.tray_icon_windows()
    assert desktop.wm_class(probe.icon)[1] == probe.app_name
    assert desktop.window_property(probe.icon, "_XEMBED_INFO")  # an XEmbed client

    icon = desktop.tray_icon_geometry(probe.icon)
    panel = desktop.window_geometry(desktop.panel_window)
    assert (panel.x, panel.y, panel.width, panel.height) == (1080, 0, 200, 32)
    assert icon.width >= 16 and icon.height >= 16
    assert panel.x <= icon.x and icon.x + icon.width <= panel.x + panel.width
    assert panel.y <= icon.y and icon.y + icon.height <= panel.y + panel.height

    # The icon is really painted: the centre of the screen capture is the probe's red.
    shot = tmp_path / "screen.png"

    def painted_red() -> bool:
        desktop.screenshot(shot)
        return pixel_rgb(shot, *icon.center) == ICON_RGB

    wait_until(painted_red, timeout_s=5, interval_s=0.2, what="the red icon on screen")


@pytest.mark.timeout(60)
def test_right_click_opens_menu_and_keyboard_chooses_action(
    desktop: HeadlessDesktop, probe: Probe
) -> None:
    started = time.monotonic()
    menu = desktop.open_tray_menu(probe.icon)
    print(f"\nmenu {menu:#x} open {time.monotonic() - started:.2f} s after the right click")
    assert desktop.wm_class(menu)[1] == probe.app_name
    assert not (probe.out / "action").exists()

    desktop.key("Down", "Down", "Return")  # the first Down selects "Say hello"

    probe.wait_for_file("action")
    wait_until(lambda: not desktop.popup_menus(), timeout_s=5, what="the menu to close")
    assert not (probe.out / "hello").exists()


@pytest.mark.timeout(60)
def test_right_click_opens_menu_and_click_chooses_action(
    desktop: HeadlessDesktop, probe: Probe
) -> None:
    menu = desktop.open_tray_menu(probe.icon)
    area = desktop.window_geometry(menu)
    # Two items of equal height: the second one's middle is three quarters down the menu.
    desktop.click(area.x + area.width // 2, area.y + area.height * 3 // 4, button=1)

    probe.wait_for_file("action")
    wait_until(lambda: not desktop.popup_menus(), timeout_s=5, what="the menu to close")
    assert not (probe.out / "hello").exists()


@pytest.mark.timeout(60)
def test_left_click_activates_with_trigger(desktop: HeadlessDesktop, probe: Probe) -> None:
    desktop.click(*desktop.tray_icon_geometry(probe.icon).center, button=1)

    probe.wait_for_file("activated-Trigger")
    assert not desktop.popup_menus()  # a left click opens no menu
    assert not (probe.out / "activated-Context").exists()


def counts_if(
    desktop: HeadlessDesktop, condition: Callable[[NotificationCounts], bool]
) -> NotificationCounts | None:
    """dunst's counters if they meet ``condition``, else None (for wait_until)."""
    counts = desktop.notification_counts()
    return counts if condition(counts) else None


@pytest.mark.timeout(60)
def test_notify_send_reaches_dunst_and_pause_holds_it(desktop: HeadlessDesktop) -> None:
    info = desktop.run(
        [
            "dbus-send",
            "--session",
            "--print-reply=literal",
            "--dest=org.freedesktop.Notifications",
            "/org/freedesktop/Notifications",
            "org.freedesktop.Notifications.GetServerInformation",
        ],
        check=True,
    )
    assert info.stdout.split()[0] == "dunst"

    def shown(counts: NotificationCounts) -> int:
        return counts.displayed + counts.history

    before = desktop.notification_counts()
    desktop.run(["notify-send", "-t", "60000", "e2e", "first"], check=True)
    wait_until(
        lambda: shown(desktop.notification_counts()) > shown(before),
        timeout_s=5,
        what="dunst to show the notification",
    )

    desktop.run(["dunstctl", "set-paused", "true"], check=True)
    try:
        assert desktop.run(["dunstctl", "is-paused"], check=True).stdout.strip() == "true"
        paused = desktop.notification_counts()
        desktop.run(["notify-send", "-t", "60000", "e2e", "held"], check=True)
        held = wait_until(
            lambda: counts_if(desktop, lambda c: c.waiting > paused.waiting),
            timeout_s=5,
            what="dunst to hold the notification",
        )
        assert shown(held) == shown(paused)  # nothing new on screen while paused
    finally:
        desktop.run(["dunstctl", "set-paused", "false"], check=True)

    released = wait_until(
        lambda: counts_if(desktop, lambda c: c.waiting == 0),
        timeout_s=5,
        what="dunst to release held notifications",
    )
    assert shown(released) > shown(held)
    desktop.run(["dunstctl", "close-all"], check=True)


@pytest.mark.timeout(60)
def test_teardown_kills_every_process_and_removes_temp_dirs(tmp_path: Path) -> None:
    pid_file = tmp_path / "grandchild.pid"
    with HeadlessDesktop() as own:
        root = own.root_dir
        # A child that ignores SIGTERM, with a grandchild (inherits the ignore) in its group.
        stubborn = own.spawn(
            ["sh", "-c", f'trap "" TERM; sleep 300 & echo $! > {pid_file}; wait'], name="stubborn"
        )
        grandchild = int(
            wait_until(
                lambda: pid_file.read_text().strip() if pid_file.exists() else None,
                timeout_s=5,
                what="the grandchild's pid",
            )
        )
        pids = [*own.pids.values(), grandchild]
        assert set(own.pids) == {"xvfb", "dbus", "trayer", "dunst", "stubborn"}
        # Xvfb -displayfd creates no /tmp/.X<N>-lock; its socket is the trace it leaves.
        display_socket = Path(f"/tmp/.X11-unix/X{own.display.lstrip(':')}")
        assert display_socket.is_socket()
        assert stat_mode(own.runtime_dir) == 0o700
    assert stubborn.returncode is not None
    assert not root.exists()
    assert not display_socket.exists()
    # The children were reaped by Popen.wait(); the grandchild (re-parented to init) was killed
    # with its group but may linger as a zombie until init reaps it, so zombies count as ended.
    assert [pid for pid in pids if is_running(pid)] == []


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def is_running(pid: int) -> bool:
    """True for a live process; False for a missing one or a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


@pytest.mark.timeout(60)
def test_missing_binary_raises_naming_it(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("Xvfb", "xdpyinfo", "xwininfo", "xprop", "xdotool", "dbus-daemon", "dbus-send"):
        found = shutil.which(name)
        assert found is not None
        (bin_dir / name).symlink_to(found)
    env = {**os.environ, "PATH": str(bin_dir)}
    with pytest.raises(RuntimeError, match=r"trayer, dunst, dunstctl") as caught:
        HeadlessDesktop(base_env=env).start()
    assert isinstance(caught.value, DesktopError)
