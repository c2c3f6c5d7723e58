"""A real GNOME Shell 43, headless, with or without the AppIndicator extension (the tray).

It reuses the sway harness's private root, user switch, process groups and bus helpers
(:class:`~tests.shells.sway.SwayShell`) and replaces the shell itself (PLATFORM-NOTES, "Real
desktop shells, headless", the GNOME row):

1. A private root, the shell's user (shell_user.py: in CI's chroot, as root, a system user).
2. The session bus, and a second dbus-daemon as the "system bus" (``DBUS_SYSTEM_BUS_ADDRESS``):
   without one gnome-shell dies looking for logind; with an empty one it carries on.
3. GSettings written before the shell starts: ``enabled-extensions`` (the AppIndicator
   extension, ``ubuntu-appindicators@ubuntu.com``, or none) is read only at start; animations
   off, so that a screenshot shows a finished frame.
4. ``gnome-shell --headless --wayland --virtual-monitor 1280x800``: no seat, no DRM device, no
   input device (rendering is Mesa's software path). Its notification service (``gjs``,
   started through the bus) owns ``org.freedesktop.Notifications``; with the extension the
   shell owns ``org.kde.StatusNotifierWatcher``. It starts in the overview; the harness
   leaves it through the shell's own ``OverviewActive`` property. Xwayland's DISPLAY is
   learned from the shell's log ("Using public X11 display :N"), its XAUTHORITY from the
   runtime folder.

Nothing is faked. Screenshots and key presses go through the shell's own D-Bus doors
(gnome_bus.py). Notifications sent by the tests carry a magenta icon (screen.NOTIFICATION_RGB),
the one thing on screen of that colour, so a screenshot says whether one can be seen.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Final

from PySide6.QtGui import QColor, QImage

from tests.e2e.desktop import wait_until
from tests.shells.daemons import Runs
from tests.shells.screen import NOTIFICATION_HEX
from tests.shells.shell_user import ShellUser
from tests.shells.sway import HEIGHT, WIDTH, ShellError, SwayShell

#: The Debian packages (packaging/debian-packages.txt lists them as test lines).
DEBIAN_PACKAGES: Final = (
    "gnome-shell xdg-desktop-portal-gnome gjs gnome-shell-extension-appindicator xwayland "
    "libnotify-bin dconf-cli libglib2.0-bin dbus tesseract-ocr"
)
PROGRAMS: Final = (
    "gnome-shell",
    "gjs",
    "Xwayland",
    "dbus-daemon",
    "dbus-send",
    "gdbus",
    "gsettings",
    "dconf",
    "notify-send",
)
APPINDICATOR: Final = "ubuntu-appindicators@ubuntu.com"
EXTENSIONS: Final = Path("/usr/share/gnome-shell/extensions")
#: The script that screenshots and presses keys, run as the shell's user.
GNOME_BUS: Final = Path(__file__).with_name("gnome_bus.py")
_SCHEMA: Final = "org.gnome.desktop.notifications"


class GnomeNotifications:
    """GNOME Shell's own notifications. Its "Do Not Disturb" is the GSettings key
    ``org.gnome.desktop.notifications show-banners`` (false = on), read and set with
    ``gsettings`` as the user's own Settings would. A notification that comes while banners are
    off goes to the notification list only: after the session it is seen there (Super+V, the
    shell's shortcut for the list), never as a late banner."""

    name = "gnome"
    backend = "gnome"
    bus_name = "org.freedesktop.Notifications"
    after_session = (
        "the notification is in the notification list (Super+V); GNOME shows no late banner"
    )
    tools: tuple[str, ...] = ("gsettings", "dconf")

    def configure(self, config_home: Path) -> None:
        """Nothing on disk: GNOME's settings are written through the bus (GnomeShell)."""

    def command(self) -> list[str]:
        return ["gnome-shell"]

    def dnd_on(self, shell: Runs) -> bool:
        answer = shell.run(["gsettings", "get", _SCHEMA, "show-banners"], check=True).stdout
        return answer.strip() == "false"

    def set_dnd(self, shell: Runs, on: bool) -> None:
        value = "false" if on else "true"
        shell.run(["gsettings", "set", _SCHEMA, "show-banners", value], check=True)

    def user_value(self, shell: Runs) -> str:
        """``show-banners`` as dconf stores it: "" while the user never set it (the default)."""
        return shell.run(["dconf", "read", f"/{_SCHEMA.replace('.', '/')}/show-banners"]).stdout

    def reset(self, shell: Runs) -> None:
        shell.run(["gsettings", "reset", _SCHEMA, "show-banners"], check=True)

    def held(self, shell: Runs) -> int:
        raise NotImplementedError("GNOME Shell does not tell; the tests judge from screenshots")

    def reveal_held(self, shell: Runs) -> None:
        """Open the notification list, as its user would (Super+V)."""
        shell.run([sys.executable, str(GNOME_BUS), "keys", "Super+v"], check=True)

    def clear(self, shell: Runs) -> None:
        """Close the notification list or any open menu (Escape)."""
        shell.run([sys.executable, str(GNOME_BUS), "keys", "Escape"], check=True)


class GnomeShell(SwayShell):
    """GNOME Shell 43, headless, as ``user``, with the AppIndicator extension enabled or not;
    a context manager."""

    def __init__(self, user: ShellUser, *, appindicator: bool) -> None:
        self.gnome = GnomeNotifications()
        super().__init__(self.gnome, user)
        self.appindicator = appindicator
        self._sent: list[int] = []

    @property
    def label(self) -> str:
        return "GNOME Shell + AppIndicator" if self.appindicator else "GNOME Shell, no tray"

    def start(self) -> None:
        missing = [p for p in PROGRAMS if not shutil.which(p)]
        if self.appindicator and not (EXTENSIONS / APPINDICATOR).is_dir():
            missing.append(str(EXTENSIONS / APPINDICATOR))
        if missing:
            raise ShellError(
                f"cannot start GNOME Shell: missing {', '.join(missing)} "
                f"(Debian: apt-get install {DEBIAN_PACKAGES}; tests/run.sh installs them)"
            )
        started = time.monotonic()
        try:
            self._make_root()
            self.env.update({"XDG_CURRENT_DESKTOP": "GNOME", "XDG_SESSION_DESKTOP": "gnome"})
            self._write_icon()
            self._start_system_bus()
            self._start_bus()
            self._configure()
            self._start_gnome_shell()
        except Exception as error:
            logs = self.log_tails()
            self.stop()
            raise ShellError(f"{self.label} did not start: {error}{logs}") from error
        self.timings_s["total"] = time.monotonic() - started

    def stop(self) -> None:
        """Stop everything, then detach what the document portal left mounted in the root.

        Qt asks xdg-desktop-portal, which starts xdg-document-portal, a FUSE file system on
        ``$XDG_RUNTIME_DIR/doc`` (where /dev/fuse exists; not in CI's chroot). Killed in the
        middle of its exit it leaves the mount, and the root could not be removed.
        """
        root = self._root
        super().stop()
        if root is None:
            return
        for mount in _mounts_under(root):
            if os.geteuid() == 0:
                subprocess.run(["umount", "--lazy", str(mount)], check=False)
            else:
                subprocess.run(["fusermount3", "-u", "-z", str(mount)], check=False)
        if not os.environ.get("FOCUSMATE_E2E_KEEP"):
            shutil.rmtree(root, ignore_errors=True)

    def _write_sway_config(self, config_home: Path) -> None:
        """No sway here."""

    # ------------------------------------------------------------------ what the tests use

    def screenshot(self, name: str) -> Path:
        """The whole screen as GNOME Shell drew it (its Screenshot interface), shots/<name>.png."""
        path = self.root / "shots" / f"{name}.png"
        self.run([sys.executable, str(GNOME_BUS), "screenshot", str(path)], check=True)
        return path

    def notify(self, summary: str, body: str = "from another program") -> None:
        """A notification from another program, with the magenta icon that makes it visible
        in a screenshot; remembered, so that :meth:`close_notifications` can close it."""
        sent = self.run(
            ["notify-send", "--print-id", f"--icon={self.icon}", "--app-name=probe", summary, body],
            check=True,
        )
        self._sent.append(int(sent.stdout.split()[0]))

    def close_notifications(self) -> None:
        """Close every notification the tests sent (GNOME's banners stay until closed while
        nobody touches the keyboard)."""
        while self._sent:
            self.run(
                [
                    "gdbus",
                    "call",
                    "--session",
                    "--dest=org.freedesktop.Notifications",
                    "--object-path=/org/freedesktop/Notifications",
                    "--method=org.freedesktop.Notifications.CloseNotification",
                    str(self._sent.pop()),
                ]
            )

    def registered_tray_items(self) -> list[str]:
        """The StatusNotifierItems the extension's watcher lists, as "service/path" each
        (it writes "service@/path")."""
        answer = self.run(
            [
                "gdbus",
                "call",
                "--session",
                "--dest=org.kde.StatusNotifierWatcher",
                "--object-path=/StatusNotifierWatcher",
                "--method=org.freedesktop.DBus.Properties.Get",
                "org.kde.StatusNotifierWatcher",
                "RegisteredStatusNotifierItems",
            ],
            check=True,
        ).stdout
        return [f"{name}{path}" for name, path in re.findall(r"'([:\w.\-]+)@?(/[\w/]+)'", answer)]

    @property
    def icon(self) -> Path:
        return self.root / "magenta.png"

    # ------------------------------------------------------------------ start-up steps

    def _write_icon(self) -> None:
        image = QImage(64, 64, QImage.Format.Format_RGB32)
        image.fill(QColor(NOTIFICATION_HEX))
        if not image.save(str(self.icon)):
            raise ShellError(f"cannot write {self.icon}")
        self.user.own(self.icon)

    def _start_system_bus(self) -> None:
        """A bus that stands in for the system bus: gnome-shell asks it for logind, polkit,
        accounts and the rest, finds nobody there, and carries on without them."""
        socket = Path(self.env["XDG_RUNTIME_DIR"]) / "system_bus"
        self.spawn(
            [
                "dbus-daemon",
                "--session",  # its rules: only this user connects; no root-only setup
                "--nofork",
                "--nopidfile",
                "--nosyslog",
                f"--address=unix:path={socket}",
            ],
            name="system-bus",
        )
        self.env["DBUS_SYSTEM_BUS_ADDRESS"] = f"unix:path={socket}"
        wait_until(
            lambda: (
                self.run(
                    [
                        "dbus-send",
                        "--system",
                        "--print-reply",
                        "--dest=org.freedesktop.DBus",
                        "/org/freedesktop/DBus",
                        "org.freedesktop.DBus.GetId",
                    ],
                ).returncode
                == 0
            ),
            timeout_s=10,
            what="the stand-in system bus to answer",
        )

    def _configure(self) -> None:
        extensions = f"['{APPINDICATOR}']" if self.appindicator else "[]"
        for schema, key, value in (
            ("org.gnome.shell", "enabled-extensions", extensions),
            ("org.gnome.desktop.interface", "enable-animations", "false"),
        ):
            self.run(["gsettings", "set", schema, key, value], check=True)

    def _start_gnome_shell(self) -> None:
        started = time.monotonic()
        shell = self.spawn(
            [
                "gnome-shell",
                "--headless",
                "--wayland",
                "--virtual-monitor",
                f"{WIDTH}x{HEIGHT}",
            ],
            name="gnome-shell",
        )

        def owned(bus_name: str) -> bool:
            if shell.poll() is not None:
                raise ShellError(f"gnome-shell exited with {shell.returncode}")
            return self.name_owner_pid(bus_name) is not None

        # The shell's notification service (gjs, org.gnome.Shell.Notifications, which the
        # shell starts through the bus) owns it: asking who does activates nothing.
        wait_until(
            lambda: owned("org.freedesktop.Notifications"),
            timeout_s=60,
            what="GNOME Shell's notifications on the bus",
        )
        self.timings_s["gnome-shell"] = time.monotonic() - started
        if self.appindicator:
            wait_until(
                lambda: self.name_owner_pid("org.kde.StatusNotifierWatcher") == shell.pid,
                timeout_s=30,
                what="the AppIndicator extension's tray (org.kde.StatusNotifierWatcher)",
            )
            self.timings_s["tray"] = time.monotonic() - started
        self._learn_displays()
        # It starts in the overview, as after a log-in; leave it, as a user would. Asked
        # before the start-up has shown it, the overview would open afterwards: so wait for
        # it first, and ask again while it is still open.
        wait_until(self._overview_active, timeout_s=15, what="the start-up overview")

        def left() -> bool:
            if self._overview_active():
                self._set_overview(False)
                return False
            return True

        wait_until(left, timeout_s=10, interval_s=0.3, what="the overview to close")
        self.timings_s["overview left"] = time.monotonic() - started

    def _learn_displays(self) -> None:
        log = self.root / "logs" / "gnome-shell.log"
        runtime = Path(self.env["XDG_RUNTIME_DIR"])

        def given() -> tuple[str, str] | None:
            text = log.read_text(errors="replace")
            wayland = re.search(r"Using Wayland display name '([^']+)'", text)
            x11 = re.search(r"Using public X11 display (:\d+)", text)
            return (wayland.group(1), x11.group(1)) if wayland and x11 else None

        wayland, display = wait_until(given, timeout_s=10, what="gnome-shell's display names")
        self.env.update({"WAYLAND_DISPLAY": wayland, "DISPLAY": display})
        auth = sorted(runtime.glob(".mutter-Xwaylandauth.*"))
        if not auth:
            raise ShellError("gnome-shell wrote no Xwayland authority file in the runtime folder")
        self.env["XAUTHORITY"] = str(auth[0])

    def _set_overview(self, active: bool) -> None:
        self.run(
            [
                "gdbus",
                "call",
                "--session",
                "--dest=org.gnome.Shell",
                "--object-path=/org/gnome/Shell",
                "--method=org.freedesktop.DBus.Properties.Set",
                "org.gnome.Shell",
                "OverviewActive",
                f"<{'true' if active else 'false'}>",
            ],
            check=True,
        )

    def _overview_active(self) -> bool:
        answer = self.run(
            [
                "gdbus",
                "call",
                "--session",
                "--dest=org.gnome.Shell",
                "--object-path=/org/gnome/Shell",
                "--method=org.freedesktop.DBus.Properties.Get",
                "org.gnome.Shell",
                "OverviewActive",
            ],
            check=True,
        ).stdout
        return "true" in answer


def _mounts_under(root: Path) -> list[Path]:
    """The mount points inside ``root`` (from /proc/self/mounts; octal escapes as written)."""
    mounts = Path("/proc/self/mounts").read_text().splitlines()
    points = [Path(line.split()[1]) for line in mounts if len(line.split()) > 1]
    return [point for point in points if point.is_relative_to(root)]
