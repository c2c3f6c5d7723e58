"""The installed focusmate running inside a real shell, as the shell's user.

The command is the installed one (tests/e2e/focusmate_app.installed_focusmate: the console
script beside this interpreter), its data in a private folder of the shell's root, and its
command line run as the same user (the local socket and the session bus take only their own
user).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from typing import Any

from tests.e2e.desktop import wait_until
from tests.e2e.focusmate_app import installed_focusmate, prepare_settings
from tests.shells.sway import SwayShell


def app_name(test_name: str) -> str:
    """A name for the app of the test ``test_name``: its data folder and its log file."""
    return re.sub(r"\W+", "-", f"fm-{test_name}")[:60]


class ShellApp:
    """One focusmate tray app in ``shell``, on Qt's ``platform`` (wayland, or xcb through
    Xwayland; "" for the one Qt picks by itself). Without ``tray`` (a shell with no
    StatusNotifierItem host) it is not waited for, and ``item`` is ""."""

    def __init__(
        self, shell: SwayShell, *, name: str, platform: str = "wayland", tray: bool = True
    ) -> None:
        self.shell = shell
        self.name = name
        self.data_dir = shell.private_dir(name)
        prepare_settings(self.data_dir, morning_reminder=False)  # welcomed: no welcome window
        shell.user.own(self.data_dir / "settings.json")
        launched = time.monotonic()
        try:
            self.proc = shell.spawn(
                [installed_focusmate(), "--data-dir", str(self.data_dir)],
                name=name,
                extra_env={"QT_QPA_PLATFORM": platform} if platform else None,
            )
        except PermissionError as error:
            raise AssertionError(
                f"the shell's user {shell.user.name} cannot run the installed focusmate "
                f"({error.filename}; its interpreter is {os.path.realpath(sys.executable)}): "
                "install it with a Python every user can run, e.g. python3 -m venv .venv"
            ) from None
        wait_until(
            lambda: self._alive() and self.cli("status").returncode == 0,
            timeout_s=20,
            what=f"focusmate ({platform}) answering on its socket",
        )
        self.item = (
            wait_until(self.tray_item, timeout_s=15, what="focusmate's StatusNotifierItem")
            if tray
            else ""
        )
        #: From launch to the tray icon registered with swaybar.
        self.launch_to_tray_s = time.monotonic() - launched

    def _alive(self) -> bool:
        if self.proc.poll() is not None:
            raise AssertionError(
                f"focusmate exited with {self.proc.returncode}:\n{self.log()[-2000:]}"
            )
        return True

    def log(self) -> str:
        path = self.shell.root / "logs" / f"{self.name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def cli(self, *args: str, timeout_s: float = 20) -> subprocess.CompletedProcess[str]:
        return self.shell.run(
            [installed_focusmate(), "--data-dir", str(self.data_dir), *args], timeout_s=timeout_s
        )

    def status(self) -> dict[str, Any]:
        done = self.cli("status", "--json")
        assert done.returncode == 0, done.stderr
        status: dict[str, Any] = json.loads(done.stdout)
        return status

    def tray_item(self) -> str | None:
        """The StatusNotifierItem swaybar's watcher lists for this process, if any."""
        for item in self.shell.registered_tray_items():
            if self.shell.name_owner_pid(item.partition("/")[0]) == self.proc.pid:
                return item
        return None

    def signal(self, signum: signal.Signals) -> int:
        """Send ``signum`` to focusmate alone (not its guard) and reap it; its exit code."""
        os.kill(self.proc.pid, signum)
        code = self.proc.wait(timeout=20)
        self.shell.forget(self.proc)
        return code

    def stop(self) -> None:
        """Quit it the way a desktop's log-out does (SIGTERM), if it still runs."""
        if self.proc.poll() is None:
            self.signal(signal.SIGTERM)
        else:
            self.shell.forget(self.proc)
