"""One "rig" per do-not-disturb backend that runs for real here: its desktop, and the daemon's
own tools to check and change the state the way a person would (independently of focusmate).

A rig owns a HeadlessDesktop with the right notification daemon (or none, for the GSettings
keys, which only need the private bus and its D-Bus-activated dconf-service).  KDE runs against
fake_kde_server.py, a FAKE of Plasma's inhibition protocol (no Plasma here).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import open_dbus_connection

from focusmate.core.dnd import DoNotDisturb
from focusmate.desktop.dnd import backend_named
from tests.e2e.desktop import HeadlessDesktop, wait_until

HERE = Path(__file__).parent
FAKE_KDE_SERVER = HERE / "fake_kde_server.py"
FAKE_SWAYNC_SERVER = HERE / "fake_swaync_server.py"
FAKE_MAKOCTL = HERE / "fake_makoctl.py"
MAKO_DND_CONFIG = "[mode=do-not-disturb]\ninvisible=1\n"
SESSION_HOLDER = HERE / "session_holder.py"


class Rig:
    """A backend on its real (or faked, for KDE) daemon."""

    #: The backend's name (as --dnd-backend takes it).
    name = ""
    #: The daemon to start (see HeadlessDesktop's notification_daemon).
    daemon: str | list[str] | None = None
    #: False when the server itself undoes our change if its owner dies (KDE).
    survives_owner_death = True

    def __init__(self) -> None:
        self.desktop = HeadlessDesktop(notification_daemon=self.daemon)

    def start(self) -> None:
        self.desktop.start()

    def stop(self) -> None:
        self.desktop.stop()

    @property
    def env(self) -> dict[str, str]:
        return self.desktop.env

    def backend(self) -> DoNotDisturb:
        return backend_named(self.name, self.env)

    def run(self, *argv: str, check: bool = True) -> str:
        return self.desktop.run(list(argv), check=check, timeout_s=5).stdout.strip()

    # What each rig implements: the daemon's own view and a person's hand.
    def silenced(self) -> bool:
        raise NotImplementedError

    def set_by_hand(self, on: bool) -> None:
        raise NotImplementedError

    def pristine(self) -> None:
        """Back to a fresh user account's state (no user value, nothing held)."""
        raise NotImplementedError

    def is_pristine(self) -> bool:
        raise NotImplementedError

    # Crash tests: focusmate's session held by another process.
    def start_holder(self, journal: Path, *, guard: bool = True) -> tuple[Any, dict[str, Any]]:
        """Start session_holder.py (own process group, like the app) and wait for its report."""
        name = f"holder-{journal.parent.name}"
        proc = self.desktop.spawn(
            [sys.executable, str(SESSION_HOLDER), self.name, str(journal)]
            + ([] if guard else ["no-guard"]),
            name=name,
            extra_env={"PYTHONPATH": str(HERE.parents[2])},
        )

        def reported() -> dict[str, Any] | None:
            for line in self.desktop.read_log(name).splitlines():
                if line.startswith("{"):
                    report: dict[str, Any] = json.loads(line)
                    return report
            if proc.poll() is not None:
                raise AssertionError(f"the holder died:\n{self.desktop.read_log(name)}")
            return None

        return proc, wait_until(reported, timeout_s=10, what="the session holder's report")


class DunstRig(Rig):
    name, daemon = "dunst", "dunst"

    def silenced(self) -> bool:
        return self.run("dunstctl", "is-paused") == "true"

    def set_by_hand(self, on: bool) -> None:
        self.run("dunstctl", "set-paused", "true" if on else "false")

    def pristine(self) -> None:
        self.set_by_hand(False)
        self.run("dunstctl", "close-all")

    def is_pristine(self) -> bool:
        return not self.silenced()


class XfceRig(Rig):
    name, daemon = "xfce", "xfce4-notifyd"
    _property = ("-c", "xfce4-notifyd", "-p", "/do-not-disturb")

    def silenced(self) -> bool:
        return self.run("xfconf-query", *self._property, check=False) == "true"

    def set_by_hand(self, on: bool) -> None:
        value = "true" if on else "false"
        self.run("xfconf-query", *self._property, "-n", "-t", "bool", "-s", value)

    def pristine(self) -> None:
        self.run("xfconf-query", *self._property, "-r", check=False)

    def is_pristine(self) -> bool:
        found = self.desktop.run(["xfconf-query", *self._property], timeout_s=5)
        return found.returncode != 0 and "does not exist" in found.stderr


class GSettingsRig(Rig):
    """A GSettings key through the real dconf backend."""

    schema = key = dconf_path = ""
    silenced_value = ""

    def silenced(self) -> bool:
        return self.run("gsettings", "get", self.schema, self.key) == self.silenced_value

    def set_by_hand(self, on: bool) -> None:
        value = (
            self.silenced_value if on else {"true": "false", "false": "true"}[self.silenced_value]
        )
        self.run("gsettings", "set", self.schema, self.key, value)

    def pristine(self) -> None:
        self.run("gsettings", "reset", self.schema, self.key)

    def user_value(self) -> str:
        """``dconf read``: '' when the key has no user value."""
        return self.run("dconf", "read", self.dconf_path)

    def is_pristine(self) -> bool:
        return self.user_value() == ""


class GnomeRig(GSettingsRig):
    name, daemon = "gnome", None
    schema, key = "org.gnome.desktop.notifications", "show-banners"
    dconf_path, silenced_value = "/org/gnome/desktop/notifications/show-banners", "false"


class CinnamonRig(GSettingsRig):
    name, daemon = "cinnamon", None
    schema, key = "org.cinnamon.desktop.notifications", "display-notifications"
    dconf_path = "/org/cinnamon/desktop/notifications/display-notifications"
    silenced_value = "false"


class MateRig(GSettingsRig):
    name, daemon = "mate", "mate-notification-daemon"
    schema, key = "org.mate.NotificationDaemon", "do-not-disturb"
    dconf_path, silenced_value = "/org/mate/notification-daemon/do-not-disturb", "true"


class KdeRig(Rig):
    """KDE against the FAKE Plasma server; "by hand" = another app's inhibition / the switch."""

    name, daemon = "kde", [sys.executable, str(FAKE_KDE_SERVER)]
    survives_owner_death = False

    def __init__(self) -> None:
        super().__init__()
        self._hand: Any = None  # a connection holding the "user's" inhibition

    def _call(
        self, interface: str, method: str, signature: str = "", body: tuple[Any, ...] = ()
    ) -> tuple[Any, ...]:
        with open_dbus_connection(self.env["DBUS_SESSION_BUS_ADDRESS"]) as connection:
            return _fake_plasma_call(connection, interface, method, signature, body)

    def counts(self) -> tuple[int, int]:
        inhibitions, notifications = self._call("org.focusmate.test.FakePlasma", "Counts")
        return inhibitions, notifications

    def silenced(self) -> bool:
        return self.counts()[0] > 0

    def set_by_hand(self, on: bool) -> None:
        if on and self._hand is None:  # another app's inhibition, held while it runs
            self._hand = open_dbus_connection(self.env["DBUS_SESSION_BUS_ADDRESS"])
            _fake_plasma_call(
                self._hand, NOTIFICATIONS, "Inhibit", "ssa{sv}", ("by-hand", "test", {})
            )
        elif not on:
            self._call("org.focusmate.test.FakePlasma", "ClearInhibitions")

    def pristine(self) -> None:
        if self._hand is not None:
            self._hand.close()
            self._hand = None
        self._call("org.focusmate.test.FakePlasma", "ClearInhibitions")

    def is_pristine(self) -> bool:
        return not self.silenced()


class SwayncRig(Rig):
    """swaync against fake_swaync_server.py, a FAKE of its control-center D-Bus interface."""

    name, daemon = "swaync", None

    def start(self) -> None:
        super().start()
        fake = self.desktop.spawn([sys.executable, str(FAKE_SWAYNC_SERVER)], name="fake-swaync")
        wait_until(
            lambda: self.desktop.bus_name_owner_pid("org.erikreider.swaync.cc") == fake.pid,
            timeout_s=10,
            what="the fake swaync to own its name",
        )

    def _dbus_send(self, method: str, *args: str) -> str:
        return self.run(
            "dbus-send",
            "--session",
            "--print-reply=literal",
            "--dest=org.erikreider.swaync.cc",
            "/org/erikreider/swaync/cc",
            f"org.erikreider.swaync.cc.{method}",
            *args,
        )

    def silenced(self) -> bool:
        return self._dbus_send("GetDnd").split()[-1] == "true"

    def set_by_hand(self, on: bool) -> None:
        self._dbus_send("SetDnd", f"boolean:{'true' if on else 'false'}")

    def pristine(self) -> None:
        self.set_by_hand(False)

    def is_pristine(self) -> bool:
        return not self.silenced()


class MakoRig(Rig):
    """mako through fake_makoctl.py, a FAKE ``makoctl`` on PATH (state in a file)."""

    name, daemon = "mako", None

    def start(self) -> None:
        super().start()
        bin_dir = self.desktop.root_dir / "fake-bin"
        bin_dir.mkdir()
        makoctl = bin_dir / "makoctl"
        makoctl.write_text(f"#!{sys.executable}\n" + FAKE_MAKOCTL.read_text())
        makoctl.chmod(0o755)
        self.state = self.desktop.root_dir / "mako-modes.json"
        self.log = self.desktop.root_dir / "makoctl-calls.jsonl"
        self.desktop.env["PATH"] = f"{bin_dir}{os.pathsep}{self.desktop.env.get('PATH', '')}"
        self.desktop.env["FAKE_MAKO_STATE"] = str(self.state)
        self.desktop.env["FAKE_MAKO_LOG"] = str(self.log)
        config = Path(self.desktop.env["XDG_CONFIG_HOME"]) / "mako" / "config"
        config.parent.mkdir(parents=True)
        config.write_text("font=monospace 10\n\n" + MAKO_DND_CONFIG)

    def modes(self) -> list[str]:
        return self.run("makoctl", "mode").split()

    def silenced(self) -> bool:
        return "do-not-disturb" in self.modes()

    def set_by_hand(self, on: bool) -> None:
        self.run("makoctl", "mode", "-a" if on else "-r", "do-not-disturb")

    def pristine(self) -> None:
        self.run("makoctl", "mode", "-s", "default")

    def is_pristine(self) -> bool:
        return self.modes() == ["default"]

    def calls(self) -> list[list[str]]:
        """Every argument list makoctl received so far."""
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]


NOTIFICATIONS = "org.freedesktop.Notifications"


def _fake_plasma_call(
    connection: Any, interface: str, method: str, signature: str, body: tuple[Any, ...]
) -> tuple[Any, ...]:
    address = DBusAddress(
        "/org/freedesktop/Notifications", bus_name=NOTIFICATIONS, interface=interface
    )
    reply = connection.send_and_get_reply(
        new_method_call(address, method, signature or None, body), timeout=5
    )
    return tuple(reply.body)


RIGS: dict[str, type[Rig]] = {
    rig.name: rig
    for rig in (DunstRig, XfceRig, MateRig, GnomeRig, CinnamonRig, KdeRig, SwayncRig, MakoRig)
}
#: How each rig is verified, for the test report.
VERIFIED_BY = {
    "dunst": "real daemon",
    "xfce": "real daemon (xfce4-notifyd + xfconfd)",
    "mate": "real daemon (mate-notification-daemon) + dconf",
    "gnome": "key only (real dconf)",
    "cinnamon": "key only (real dconf)",
    "kde": "fake Plasma server",
    "swaync": "fake swaync D-Bus server",
    "mako": "fake makoctl",
}


def started(rig: Rig) -> Iterator[Rig]:
    """Start a rig for a fixture, and stop it afterwards."""
    rig.start()
    try:
        yield rig
    finally:
        rig.stop()


@dataclass
class Timed:
    """How long a condition took to come true, in seconds."""

    seconds: float


def time_until(condition: Any, *, timeout_s: float, what: str) -> Timed:
    started = time.monotonic()
    wait_until(condition, timeout_s=timeout_s, what=what, interval_s=0.01)
    return Timed(time.monotonic() - started)


def kill_group(proc: Any) -> None:
    """SIGKILL a spawned process's whole group (it leads it), as a test teardown does."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
