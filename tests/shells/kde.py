"""A real KDE Plasma 5.27, headless, on X11 (Xvfb + kwin_x11) or on Wayland (kwin_wayland
--virtual), with plasmashell and the real xdg-desktop-portal + xdg-desktop-portal-kde.

It reuses the sway harness's private root, user switch, process groups and bus helpers
(:class:`~tests.shells.sway.SwayShell`) and replaces the shell itself:

1. A private root, the shell's user (shell_user.py: in CI's chroot, as root, a system user).
2. The whole environment is fixed before anything starts (DISPLAY, or WAYLAND_DISPLAY named in
   advance), so that what the session bus D-Bus-activates (xdg-desktop-portal, its KDE backend,
   kglobalaccel, kded) inherits it.
3. X11: ``Xvfb`` (its display number learned through ``-displayfd``), then ``kwin_x11``.
   Wayland: ``kwin_wayland --virtual``, run from a private copy of the binary: the installed one
   has the file capability ``cap_sys_resource``, and exec of a file with capabilities fails for
   the user here (no capability to give it); the copy has none.
4. The session bus, then plasmashell, which owns ``org.freedesktop.Notifications`` and hosts the
   tray (``org.kde.StatusNotifierWatcher``, kded's module, activated on demand).

Nothing here is faked. The notification "daemon" is plasmashell: :class:`PlasmaNotifications`
reads its do-not-disturb state from the ``Inhibited`` property, as focusmate's kde backend does.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from tests.e2e.desktop import wait_until
from tests.shells import kwin_keys
from tests.shells.daemons import Runs
from tests.shells.shell_app import ShellApp, app_name
from tests.shells.shell_user import ShellUser, shell_user
from tests.shells.sway import HEIGHT, WIDTH, ShellError, SwayShell

#: The Debian packages (the ones packaging/debian-packages.txt lists as test lines).
DEBIAN_PACKAGES: Final = (
    "plasma-workspace plasma-desktop kwin-x11 kwin-wayland qtwayland5 xdg-desktop-portal "
    "xdg-desktop-portal-kde qdbus-qt5 qml-module-org-kde-kcm qml-module-org-kde-kcmutils "
    "kde-cli-tools xdg-utils "
    "xvfb xdotool imagemagick libnotify-bin"
)
WAYLAND_SOCKET: Final = "wayland-kde"
# The portal's BindShortcuts asks Qt to open systemsettings://kcm_keys/...: through xdg-open
# (xdg-utils; without it "Unable to detect a web browser"), which kcmshell5 (kde-cli-tools)
# answers with the Shortcuts dialog.
COMMON_PROGRAMS: Final = (
    "plasmashell",
    "dbus-daemon",
    "dbus-send",
    "notify-send",
    "qdbus",
    "kcmshell5",
    "xdg-open",
)
PROGRAMS: Final = {
    "x11": ("Xvfb", "kwin_x11", "xdotool", "import", "compare"),
    "wayland": ("kwin_wayland",),
}
PORTAL: Final = Path("/usr/libexec/xdg-desktop-portal")


class PlasmaNotifications:
    """plasmashell's notifications, read and driven over D-Bus as focusmate's kde backend
    does (the do-not-disturb of a Plasma user is an inhibition of org.freedesktop.Notifications)."""

    name = "plasma"
    backend = "kde"
    bus_name = "org.freedesktop.Notifications"
    after_session = "the notification shows once the inhibition ends"
    tools: tuple[str, ...] = ("plasmashell", "dbus-send")

    def configure(self, config_home: Path) -> None:
        """Nothing to configure."""

    def command(self) -> list[str]:
        return ["plasmashell"]

    def dnd_on(self, shell: Runs) -> bool:
        answer = shell.run(
            [
                "dbus-send",
                "--session",
                "--print-reply=literal",
                "--dest=org.freedesktop.Notifications",
                "/org/freedesktop/Notifications",
                "org.freedesktop.DBus.Properties.Get",
                "string:org.freedesktop.Notifications",
                "string:Inhibited",
            ],
            check=True,
        ).stdout
        return "true" in answer

    def set_dnd(self, shell: Runs, on: bool) -> None:
        raise ShellError("an inhibition lasts only while its caller's connection does")

    def held(self, shell: Runs) -> int:
        return 0

    def reveal_held(self, shell: Runs) -> None:
        """Plasma shows a held notification by itself once the inhibition ends."""

    def clear(self, shell: Runs) -> None:
        """Nothing to clear between tests."""


class KdeShell(SwayShell):
    """KDE Plasma 5.27 on ``session`` "x11" or "wayland", as ``user``; a context manager."""

    def __init__(self, session: str, user: ShellUser) -> None:
        super().__init__(PlasmaNotifications(), user)
        if session not in PROGRAMS:
            raise ValueError(f"session must be x11 or wayland, not {session!r}")
        self.session = session

    def start(self) -> None:
        programs = (*COMMON_PROGRAMS, *PROGRAMS[self.session])
        missing = [p for p in programs if not shutil.which(p)]
        if not PORTAL.exists():
            missing.append(str(PORTAL))
        if missing:
            raise ShellError(
                f"cannot start KDE Plasma on {self.session}: missing {', '.join(missing)} "
                f"(Debian: apt-get install {DEBIAN_PACKAGES}; tests/run.sh installs them)"
            )
        started = time.monotonic()
        try:
            self._make_root()
            self._plasma_environment()
            if self.session == "x11":
                self._start_xvfb()
            self._start_bus()
            if self.session == "x11":
                self._start_kwin_x11()
            else:
                self._start_kwin_wayland()
            self._start_plasmashell()
        except Exception as error:
            logs = self.log_tails()
            self.stop()
            raise ShellError(
                f"KDE Plasma on {self.session} did not start: {error}{logs}"
            ) from error
        self.timings_s["total"] = time.monotonic() - started

    def _write_sway_config(self, config_home: Path) -> None:
        """No sway here."""

    def _plasma_environment(self) -> None:
        self.env.update(
            {
                "XDG_CURRENT_DESKTOP": "KDE",
                "XDG_SESSION_DESKTOP": "KDE",
                "KDE_FULL_SESSION": "true",
                "KDE_SESSION_VERSION": "5",
                "DESKTOP_SESSION": "plasma",
                "QT_QUICK_BACKEND": "software",
                "XDG_SESSION_TYPE": self.session,
            }
        )
        if self.session == "wayland":
            self.env["WAYLAND_DISPLAY"] = WAYLAND_SOCKET
            self.env["QT_QPA_PLATFORM"] = "wayland"
            self._authorize_test_clients()
        else:
            self.env["QT_QPA_PLATFORM"] = "xcb"

    def _authorize_test_clients(self) -> None:
        """Let kwin_keys.py, run by this interpreter as the shell's user, use KWin's
        fake-input protocol.

        KWin 5.27 offers its restricted protocols to a client only if a desktop file whose
        Exec is the client's executable lists them in X-KDE-Wayland-Interfaces; KWin finds it
        through KSycoca, which reads XDG_DATA_HOME/applications, so it is written before KWin
        starts. KWin reads the executable from /proc/PID/exe: the clients must run as the
        shell's user. (Screenshots do not go through this: see _start_kwin_wayland.)
        """
        folder = Path(self.env["XDG_DATA_HOME"]) / "applications"
        folder.mkdir(parents=True, exist_ok=True)
        entry = folder / "focusmate-test-keys.desktop"
        entry.write_text(
            "[Desktop Entry]\nType=Application\nName=focusmate test keys\nNoDisplay=true\n"
            f"Exec={os.path.realpath(sys.executable)}\n"
            "X-KDE-Wayland-Interfaces=org_kde_kwin_fake_input\n"
        )
        self.user.own(folder, entry)

    def _start_xvfb(self) -> None:
        started = time.monotonic()
        read_end, write_end = os.pipe()
        log = self.root / "logs" / "Xvfb.log"
        import subprocess  # noqa: PLC0415 - only here: the pipe must be passed to Xvfb

        with log.open("ab") as out:
            proc = subprocess.Popen(
                [
                    "Xvfb",
                    "-displayfd",
                    str(write_end),
                    "-screen",
                    "0",
                    f"{WIDTH}x{HEIGHT}x24",
                    "-nolisten",
                    "tcp",
                ],
                env=self.env,
                cwd=self.root,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                pass_fds=(write_end,),
                **self.user.popen_kwargs(),
            )
        os.close(write_end)
        self._children.append(("Xvfb", proc))
        with os.fdopen(read_end) as answer:
            number = answer.readline().strip()
        if not number.isdigit():
            raise ShellError(f"Xvfb gave no display number (exit {proc.poll()})")
        self.env["DISPLAY"] = f":{number}"
        self.timings_s["Xvfb"] = time.monotonic() - started

    def _start_kwin_x11(self) -> None:
        started = time.monotonic()
        self.spawn(["kwin_x11"], name="kwin_x11")
        wait_until(
            lambda: self.name_owner_pid("org.kde.KWin"),
            timeout_s=30,
            what="kwin_x11 on the bus (org.kde.KWin)",
        )
        self.timings_s["kwin_x11"] = time.monotonic() - started

    def _start_kwin_wayland(self) -> None:
        started = time.monotonic()
        bin_dir = self.root / "bin"
        bin_dir.mkdir()
        kwin = bin_dir / "kwin_wayland"  # the same name: kwin finds its helpers by it
        shutil.copy(shutil.which("kwin_wayland") or "kwin_wayland", kwin)  # no capability
        self.user.own(bin_dir, kwin)
        self.spawn(
            [
                str(kwin),
                "--virtual",
                "--width",
                str(WIDTH),
                "--height",
                str(HEIGHT),
                "--socket",
                WAYLAND_SOCKET,
                "--no-lockscreen",
            ],
            name="kwin_wayland",
            # KWin's own switches for a compositor run by tests. The first, with the desktop
            # file (_authorize_test_clients), offers the fake-input protocol to kwin_keys.py.
            # The second opens ScreenShot2 to kwin_screenshot.py without asking KSycoca who
            # the caller is: authorizing it through the desktop file as well was refused
            # (ScreenShot2.Error.NoAuthorized) in 2 of 3 fresh-root CI runs, never here.
            extra_env={
                "KWIN_WAYLAND_NO_PERMISSION_CHECKS": "1",
                "KWIN_SCREENSHOT_NO_PERMISSION_CHECKS": "1",
            },
        )
        socket = Path(self.env["XDG_RUNTIME_DIR"]) / WAYLAND_SOCKET
        wait_until(socket.exists, timeout_s=30, what=f"kwin_wayland's socket {socket}")
        wait_until(
            lambda: self.name_owner_pid("org.kde.KWin"),
            timeout_s=30,
            what="kwin_wayland on the bus (org.kde.KWin)",
        )
        self.timings_s["kwin_wayland"] = time.monotonic() - started

    def _start_plasmashell(self) -> None:
        started = time.monotonic()
        proc = self.spawn(["plasmashell", "--no-respawn"], name="plasmashell")

        def notifications() -> bool:
            if proc.poll() is not None:
                raise ShellError(f"plasmashell exited with {proc.returncode}")
            return self.name_owner_pid("org.freedesktop.Notifications") == proc.pid

        wait_until(notifications, timeout_s=60, what="plasmashell's notifications on the bus")
        self.timings_s["plasmashell"] = time.monotonic() - started
        # The tray's watcher is kded's module; plasmashell's tray applet asks for it.
        wait_until(
            lambda: self.name_owner_pid("org.kde.StatusNotifierWatcher"),
            timeout_s=60,
            what="the tray (org.kde.StatusNotifierWatcher on the bus)",
        )
        self.timings_s["tray"] = time.monotonic() - started

    @property
    def wayland_socket(self) -> Path:
        return Path(self.env["XDG_RUNTIME_DIR"]) / WAYLAND_SOCKET

    def screenshot(self, name: str) -> Path:
        """The screen as shots/<name>.png: X11's root window (``import``), or on Wayland what
        KWin composited (kwin_screenshot.py, through its ScreenShot2 API)."""
        path = self.root / "shots" / f"{name}.png"
        if self.session == "x11":
            self.run(["import", "-window", "root", str(path)], check=True, timeout_s=20)
        else:
            helper = Path(kwin_keys.__file__).with_name("kwin_screenshot.py")
            self.run([sys.executable, str(helper), str(path)], check=True, timeout_s=20)
        return path


def plasma(session: str) -> Iterator[KdeShell]:
    """KDE Plasma on ``session`` as the shells' user, for a module-scoped fixture."""
    with KdeShell(session, shell_user()) as running:
        print(running.up_line(f"KDE Plasma on {'X11' if session == 'x11' else 'Wayland'}"))
        yield running


def plasma_app(kde: KdeShell, test_name: str, platform: str) -> Iterator[ShellApp]:
    """The installed focusmate on Plasma for one test, on Qt's ``platform``; after it, no
    inhibition of the test's is left for the next."""
    running = ShellApp(kde, name=app_name(test_name), platform=platform)
    print(f"\nlaunch to the tray icon on Plasma: {running.launch_to_tray_s:.2f} s")
    yield running
    running.stop()
    wait_until(lambda: not kde.daemon.dnd_on(kde), timeout_s=10, what="no inhibition left")


def hotkeys_ready(app: ShellApp) -> dict[str, Any]:
    return wait_until(
        lambda: ((hotkeys := app.status()["hotkeys"])["ready"] and hotkeys) or None,
        timeout_s=15,
        what="focusmate's hotkeys ready",
    )


def start_session(app: ShellApp) -> float:
    started = time.monotonic()
    assert app.cli("start", "--with", "Sam").returncode == 0
    wait_until(lambda: app.shell.daemon.dnd_on(app.shell), timeout_s=10, what="the inhibition")
    return time.monotonic() - started


def until_off(shell: SwayShell, timeout_s: float = 10) -> float:
    started = time.monotonic()
    wait_until(lambda: not shell.daemon.dnd_on(shell), timeout_s=timeout_s, what="no inhibition")
    return time.monotonic() - started


def cpu_seconds(pid: int) -> float:
    """The user + system CPU time a process has used (/proc/PID/stat), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def press_keys(shell: KdeShell, chord: str) -> float:
    """Press ``chord`` (e.g. "ctrl+alt+p") on kwin_wayland as a keyboard would, through KWin's
    fake-input protocol (kwin_keys.py), run as the shell's user by this interpreter: KWin
    reads the client's executable from /proc, which it can only do for its own user's
    processes, and finds it in the desktop file kde.py wrote. The time.monotonic() at which
    the keys went out."""
    done = shell.run(
        [sys.executable, str(Path(kwin_keys.__file__)), str(shell.wayland_socket), chord],
        check=True,
    )
    return float(done.stdout.strip())


def marks_on_disk(data_dir: Path) -> int:
    """The running session's marks as saved (current-session.json): durable ones only."""
    path = data_dir / "current-session.json"
    try:
        return len(json.loads(path.read_text())["marks"])
    except (OSError, ValueError, KeyError):
        return 0


def until_marks_on_disk(data_dir: Path, count: int, since: float, timeout_s: float = 10) -> float:
    """Wait (reading the file every 2 ms) until ``count`` marks are saved; seconds since
    ``since`` (a time.monotonic())."""
    deadline = since + timeout_s
    while marks_on_disk(data_dir) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"no durable mark {timeout_s} s after the key")
        time.sleep(0.002)
    return time.monotonic() - since


#: Pixels a Plasma notification popup changes on screen (it is ~360x100); far above noise.
POPUP_PIXELS: Final = 2000

#: Where Plasma puts a notification popup: the bottom right corner above its panel (the panel's
#: clock and tray change by themselves; focusmate's own windows open in the middle).
POPUP_CORNER: Final = f"420x250+{WIDTH - 420}+{HEIGHT - 60 - 250}"


def changed_pixels(shell: SwayShell, before: Path, after: Path) -> int:
    """How many pixels of the popup corner differ between two screenshots (ImageMagick's
    ``compare -metric AE``): whether a notification appeared in between."""
    done = shell.run(
        [
            "compare",
            "-metric",
            "AE",
            f"{before}[{POPUP_CORNER}]",
            f"{after}[{POPUP_CORNER}]",
            "null:",
        ],
        timeout_s=30,
    )
    if done.returncode not in {0, 1}:  # 1: they differ
        raise ShellError(f"compare failed: {done.stderr.strip()}")
    return int(float(done.stderr.split()[0]))


def notify(shell: SwayShell, summary: str) -> int:
    """A notification from another program (notify-send); its id."""
    done = shell.run(
        ["notify-send", "--app-name=probe", "--print-id", summary, "from another program"],
        check=True,
    )
    return int(done.stdout.split()[0])


def close_notification(shell: SwayShell, notification: int) -> None:
    shell.run(
        [
            "dbus-send",
            "--session",
            "--type=method_call",
            "--dest=org.freedesktop.Notifications",
            "/org/freedesktop/Notifications",
            "org.freedesktop.Notifications.CloseNotification",
            f"uint32:{notification}",
        ],
        check=True,
    )


def notification_held_during_a_session(app: ShellApp, where: str) -> None:
    """A notification from another program is on screen before a session (so the judgement
    can see one), not during it (judged from screenshots of the popup corner) and shows after
    it; prints the engage and restore times."""
    shell = app.shell
    quiet = shell.screenshot("quiet")
    # The judgement must be able to see one: a notification before the session shows.
    shown = notify(shell, "before the session")
    wait_until(
        lambda: changed_pixels(shell, quiet, shell.screenshot("before")) > POPUP_PIXELS,
        timeout_s=10,
        what="a notification popup on screen",
    )
    close_notification(shell, shown)
    wait_until(
        lambda: changed_pixels(shell, quiet, shell.screenshot("closed")) == 0,
        timeout_s=10,
        what="the screen as before",
    )

    engage_s = start_session(app)
    quiet = shell.screenshot("session")  # the session's own windows, if any, are the baseline
    notify(shell, "during the session")
    time.sleep(1.5)  # Plasma shows a popup within a few frames: give it many
    during = changed_pixels(shell, quiet, shell.screenshot("during"))
    assert during == 0, f"{during} pixels changed on screen during the session"

    ended = time.monotonic()
    assert app.cli("end").returncode == 0
    restore_s = until_off(shell)
    wait_until(
        lambda: changed_pixels(shell, quiet, shell.screenshot("after")) > POPUP_PIXELS,
        timeout_s=10,
        what="Plasma showing what arrived during the session",
    )
    print(
        f"\n{where}: inhibited {engage_s:.2f} s after `start`; released {restore_s:.2f} s after "
        f"`end` returned; shown on screen {time.monotonic() - ended:.2f} s after `end`"
    )
