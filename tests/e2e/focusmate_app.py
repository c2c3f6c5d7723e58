"""Drive the installed `focusmate` command on a HeadlessDesktop: the app and its CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tests.e2e.desktop import HeadlessDesktop, wait_until

#: The console script installed next to this interpreter (pip install puts them together).
FOCUSMATE = Path(sys.executable).with_name("focusmate")
WM_CLASS = "focusmate"


def prepare_settings(data_dir: Path, *, morning_reminder: bool, welcomed: bool = True) -> None:
    """Write the settings a test app starts with: in a fresh data folder, the reminder off
    unless ``morning_reminder`` and "welcomed" unless not ``welcomed``; in a folder whose
    settings a test wrote itself, only "welcomed" is added (if ``welcomed`` and missing)."""
    settings = data_dir / "settings.json"
    record: dict[str, Any]
    if settings.exists():
        try:
            record = json.loads(settings.read_text())
        except ValueError:
            return  # damaged on purpose, for the app to set aside
        if not welcomed or "welcomed" in record:
            return
        record["welcomed"] = True
    else:
        # Written out either way: the reminder's default is off (until the user ticks it).
        record = {"version": 1, "morning_reminder": {"enabled": morning_reminder}}
        if welcomed:
            record["welcomed"] = True
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    settings.write_text(json.dumps(record))
    settings.chmod(0o600)


def installed_focusmate() -> str:
    if not FOCUSMATE.is_file():
        raise RuntimeError(f"focusmate is not installed at {FOCUSMATE}: run pip install -e .")
    return str(FOCUSMATE)


class RunningApp:
    """One focusmate tray app on the desktop, with its own data directory."""

    def __init__(
        self,
        desktop: HeadlessDesktop,
        data_dir: Path,
        *,
        morning_reminder: bool = False,
        first_run: bool = False,
        extra_env: Mapping[str, str] | None = None,
        arguments: Sequence[str] = (),
    ) -> None:
        """``morning_reminder``: the reminder follows the real clock (07:30 on weekdays), so
        tests that are not about it switch it off in a fresh data folder; otherwise a run at
        07:30 would see a notification no test asked for. ``first_run``: leave the settings
        without "welcomed", so the first-run welcome shows (other tests never see it).
        ``extra_env``: added to the app's environment (e.g. its own XDG_CONFIG_HOME).
        ``arguments``: after ``--data-dir DIR`` (e.g. "review", as the menu's action runs)."""
        self.desktop = desktop
        self.data_dir = data_dir
        prepare_settings(data_dir, morning_reminder=morning_reminder, welcomed=not first_run)
        launched = time.monotonic()
        self.proc = desktop.spawn(
            [installed_focusmate(), "--data-dir", str(data_dir), *arguments],
            name=f"focusmate-{data_dir.name}",
            extra_env=extra_env,
        )
        self.icon = desktop.wait_for_tray_icon(wm_class=WM_CLASS, timeout_s=15)
        self.launch_to_icon_s = time.monotonic() - launched
        wait_until(
            lambda: self.cli("status").returncode == 0 or None,
            timeout_s=10,
            what="focusmate answering on its socket",
        )

    def cli(self, *args: str, timeout_s: float = 20) -> subprocess.CompletedProcess[str]:
        return self.desktop.run(
            [installed_focusmate(), "--data-dir", str(self.data_dir), *args], timeout_s=timeout_s
        )

    def status(self) -> dict[str, Any]:
        result = self.cli("status", "--json")
        assert result.returncode == 0, result.stderr
        status: dict[str, Any] = json.loads(result.stdout)
        return status

    def wait_for_hotkeys(self, timeout_s: float = 10) -> dict[str, Any]:
        """Until `status --json` says the global hotkeys are ready (their listener starts once
        the tray icon shows, then connects to X): from then on a key press is logged."""

        def ready() -> dict[str, Any] | None:
            hotkeys: dict[str, Any] = self.status()["hotkeys"]
            return hotkeys if hotkeys["ready"] else None

        return wait_until(
            ready, timeout_s=timeout_s, what="the global hotkeys to be ready (status --json)"
        )

    def choose_in_tray_menu(self, mnemonic: str) -> None:
        """Open the tray menu with a right click and trigger an item by its underlined key."""
        menu = self.desktop.open_tray_menu(self.icon)
        self.desktop.key(mnemonic)
        wait_until(
            lambda: menu not in self.desktop.popup_menus() or None,
            timeout_s=5,
            what="the tray menu to close",
        )

    def icon_pixels(self) -> bytes:
        """The tray icon as raw RGB pixels, grabbed from the X server."""
        geometry = self.desktop.tray_icon_geometry(self.icon)
        crop = f"{geometry.width}x{geometry.height}+{geometry.x}+{geometry.y}"
        result = subprocess.run(
            ["import", "-window", "root", "-crop", crop, "rgb:-"],
            env=self.desktop.env,
            capture_output=True,
            timeout=20,
            check=True,
        )
        return result.stdout

    def exported_sessions(self) -> list[dict[str, Any]]:
        """Every session, oldest first, as `focusmate export` reads them from disk."""
        result = self.cli("export", "--format", "json")
        assert result.returncode == 0, result.stderr
        sessions: list[dict[str, Any]] = json.loads(result.stdout)["sessions"]
        return sessions

    def focus_window(self, title: str) -> int:
        """Wait for a window titled ``title`` and give it the focus (a window manager's job:
        this display has none)."""
        window = wait_until(
            lambda: self.windows_named(title) or None, timeout_s=10, what=f"the window {title!r}"
        )[0]
        self.desktop.run(["xdotool", "windowfocus", "--sync", str(window)], check=True)
        return window

    def windows_named(self, pattern: str) -> list[int]:
        return windows_named(self.desktop, pattern)

    def stop(self) -> int:
        return self.desktop.terminate(self.proc)


def windows_named(desktop: HeadlessDesktop, pattern: str) -> list[int]:
    """The visible windows whose title matches ``pattern`` (a regular expression)."""
    found = desktop.run(["xdotool", "search", "--onlyvisible", "--name", pattern])
    return [int(w) for w in found.stdout.split()]


def inet_sockets_of(pid: int) -> list[str]:
    """The TCP/UDP/raw sockets a process holds (Unix sockets to X and D-Bus do not count)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = fd.readlink()
        except OSError:
            continue
        if str(target).startswith("socket:["):
            inodes.add(str(target)[8:-1])
    found = []
    for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        lines = Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]
        found += [f"{table}: {line.strip()}" for line in lines if line.split()[9] in inodes]
    return found
