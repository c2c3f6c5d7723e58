"""The notification daemons a sway shell runs, each with what a test needs to know of it.

Each is configured to paint a notification magenta (screen.NOTIFICATION_HEX), so that a
screenshot shows whether one is visible, and each is read and driven with its own tool, as
its user would: ``makoctl`` for mako, ``swaync-client`` for SwayNotificationCenter.

Where held notifications show again differs, and the tests say so: mako keeps a notification
that arrived in its do-not-disturb mode and shows it once the mode is removed; swaync puts
one that arrived during Do Not Disturb in its control center only (no popup afterwards),
so there it "appears" when the control center is opened.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from tests.shells.screen import NOTIFICATION_HEX

#: The config a user of mako adds so that focusmate can silence it (mako's own advice).
MAKO_CONFIG = f"""\
background-color={NOTIFICATION_HEX}
border-color={NOTIFICATION_HEX}
text-color=#000000
default-timeout=0

[mode=do-not-disturb]
invisible=1
"""
SWAYNC_DEFAULTS = Path("/etc/xdg/swaync")


class Runs(Protocol):
    """Runs a short command as the shell's user, in the shell's environment."""

    def run(
        self, cmd: Sequence[str], *, check: bool = False, timeout_s: float = 10.0
    ) -> subprocess.CompletedProcess[str]: ...


class NotificationDaemon(Protocol):
    """One daemon: how to configure and start it, and how its user reads and drives it."""

    #: Its short name (the tests' ids) and the focusmate backend that should be chosen for it.
    name: str
    backend: str
    #: The bus name that is owned once the daemon is up (never activated by the waiting).
    bus_name: str
    #: What a screenshot after the session shows: the popup, or the control center's list.
    after_session: str
    #: The programs it and its tools need (checked before the shell starts).
    tools: tuple[str, ...]

    def configure(self, config_home: Path) -> None: ...

    def command(self) -> list[str]: ...

    def dnd_on(self, shell: Runs) -> bool: ...

    def set_dnd(self, shell: Runs, on: bool) -> None: ...

    def held(self, shell: Runs) -> int: ...

    def reveal_held(self, shell: Runs) -> None: ...

    def clear(self, shell: Runs) -> None: ...


class Mako:
    name = "mako"
    backend = "mako"
    bus_name = "org.freedesktop.Notifications"
    after_session = "the notification shows again when the mode is removed"
    tools: tuple[str, ...] = ("mako", "makoctl", "jq", "busctl")  # makoctl calls both

    def configure(self, config_home: Path) -> None:
        folder = config_home / "mako"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "config").write_text(MAKO_CONFIG)

    def command(self) -> list[str]:
        return ["mako"]

    def dnd_on(self, shell: Runs) -> bool:
        modes = shell.run(["makoctl", "mode"], check=True).stdout.split()
        return "do-not-disturb" in modes

    def set_dnd(self, shell: Runs, on: bool) -> None:
        shell.run(["makoctl", "mode", "-a" if on else "-r", "do-not-disturb"], check=True)

    def held(self, shell: Runs) -> int:
        """Notifications mako holds, visible or not (``makoctl list`` lists hidden ones too)."""
        listed = json.loads(shell.run(["makoctl", "list"], check=True).stdout)
        return len(listed["data"][0])

    def reveal_held(self, shell: Runs) -> None:
        """Nothing to do: mako shows a held notification again by itself."""

    def clear(self, shell: Runs) -> None:
        shell.run(["makoctl", "dismiss", "--all"], check=True)


class Swaync:
    name = "swaync"
    backend = "swaync"
    bus_name = "org.erikreider.swaync.cc"
    after_session = "the notification is in the control center (no popup after Do Not Disturb)"
    tools: tuple[str, ...] = ("swaync", "swaync-client")

    def configure(self, config_home: Path) -> None:
        folder = config_home / "swaync"
        folder.mkdir(parents=True, exist_ok=True)
        config = json.loads((SWAYNC_DEFAULTS / "config.json").read_text())
        # Popups stay until the test looks (the default is 10 s).
        config.update({"timeout": 0, "timeout-low": 0, "timeout-critical": 0})
        (folder / "config.json").write_text(json.dumps(config, indent=2))
        # The default style, then the notifications' own background (only theirs: the
        # panel's buttons share the default's colour) in magenta; a later rule of the same
        # selector wins in GTK's CSS.
        style = (SWAYNC_DEFAULTS / "style.css").read_text()
        style += (
            "\n.notification-default-action,\n.notification-default-action:hover {\n"
            f"  background: {NOTIFICATION_HEX};\n}}"
        )
        (folder / "style.css").write_text(style + "\n")

    def command(self) -> list[str]:
        return ["swaync"]

    def dnd_on(self, shell: Runs) -> bool:
        answer = shell.run(["swaync-client", "--get-dnd", "--skip-wait"], check=True).stdout
        return answer.strip() == "true"

    def set_dnd(self, shell: Runs, on: bool) -> None:
        shell.run(["swaync-client", "--dnd-on" if on else "--dnd-off", "--skip-wait"], check=True)

    def held(self, shell: Runs) -> int:
        answer = shell.run(["swaync-client", "--count", "--skip-wait"], check=True).stdout
        return int(answer.strip())

    def reveal_held(self, shell: Runs) -> None:
        shell.run(["swaync-client", "--open-panel", "--skip-wait"], check=True)

    def clear(self, shell: Runs) -> None:
        shell.run(["swaync-client", "--close-panel", "--skip-wait"], check=True)
        shell.run(["swaync-client", "--close-all", "--skip-wait"], check=True)


DAEMONS: dict[str, NotificationDaemon] = {d.name: d for d in (Mako(), Swaync())}
