"""Moving the data folder in the real app: through `focusmate move-data` and through the
settings window's Move… button and Qt's folder dialog (typed with xdotool). Each time the app
copies, verifies, switches the data location file, empties the old folder and restarts
itself (the same process id: it replaces itself), and then answers from the new folder with
the whole history.

The app runs as a user's would: no --data-dir and no FOCUSMATE_DATA_DIR, only its own
XDG_DATA_HOME (the default folder) and XDG_CONFIG_HOME (the data location file).
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from focusmate.core.records import export_document
from tests.benchmarks.make_history import history
from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import WM_CLASS, RunningApp, installed_focusmate, prepare_settings

pytestmark = pytest.mark.timeout(180)

SETTINGS_WINDOW = "focusmate settings"
FOLDER_DIALOG = "Choose a new folder for your focusmate data"


class UsersApp(RunningApp):
    """RunningApp started without --data-dir, in its own XDG folders."""

    def __init__(self, desktop: HeadlessDesktop, home: Path) -> None:
        self.desktop = desktop
        self.env = {"XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
        self.data_dir = home / "data" / "focusmate"  # the platform default, until it moves
        prepare_settings(self.data_dir, morning_reminder=False)
        self.proc = desktop.spawn(
            [installed_focusmate()], name="focusmate-mover", extra_env=self.env
        )
        self.icon = desktop.wait_for_tray_icon(wm_class=WM_CLASS, timeout_s=15)
        self.wait_answering()

    def wait_answering(self) -> None:
        wait_until(
            lambda: self.cli("status").returncode == 0 or None,
            timeout_s=20,
            what="focusmate answering on its socket",
        )

    def after_restart(self) -> None:
        """The restarted process is a new X client with a new tray icon window (X may or may
        not hand out the old window id again): find the icon afresh."""
        self.wait_answering()
        self.icon = self.desktop.wait_for_tray_icon(wm_class=WM_CLASS, timeout_s=15)

    def cli(self, *args: str, timeout_s: float = 30) -> Any:
        return self.desktop.run(
            [installed_focusmate(), *args], timeout_s=timeout_s, extra_env=self.env
        )

    def sessions(self) -> list[dict[str, Any]]:
        result = self.cli("export", "--format", "json")
        assert result.returncode == 0, result.stderr
        sessions: list[dict[str, Any]] = json.loads(result.stdout)["sessions"]
        return sessions

    def log(self) -> str:
        return self.desktop.read_log("focusmate-mover")


def data_files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def pointer(home: Path) -> dict[str, Any]:
    record: dict[str, Any] = json.loads((home / "config/focusmate/data-location.json").read_text())
    return record


def test_the_data_moves_and_the_app_restarts_on_the_new_folder(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    app = UsersApp(desktop, home)
    pid = app.proc.pid
    try:
        export = tmp_path / "history.json"
        past = history(1, seed=7, end=datetime.now(UTC))
        export.write_text(json.dumps(export_document(past)))
        assert app.cli("import", str(export)).returncode == 0
        assert app.cli("start", "--with", "Ana", "--minutes", "30").returncode == 0
        assert app.cli("log", "phone").returncode == 0

        # Refused while the session runs, and into a folder with other files in it.
        refused = app.cli("move-data", str(tmp_path / "new"))
        assert refused.returncode == 4 and "end the session first" in refused.stderr
        busy = tmp_path / "busy"
        busy.mkdir()
        (busy / "notes.txt").write_text("mine")
        assert app.cli("end").returncode == 0
        refused = app.cli("move-data", str(busy))
        assert refused.returncode == 2 and "already holds other files (notes.txt)" in refused.stderr
        assert not (tmp_path / "new").exists()

        before = app.sessions()
        assert len(before) == len(past) + 1
        old_files = data_files(app.data_dir)
        started = time.monotonic()
        moved = app.cli("move-data", str(tmp_path / "new"))
        took_s = time.monotonic() - started
        assert moved.returncode == 0, moved.stderr
        assert moved.stdout.strip() == (
            f"Moved your focusmate data from {app.data_dir} to {tmp_path / 'new'}; "
            "focusmate restarted to use it."
        )
        print(f"\nmove-data of {len(before)} sessions, app restart included: {took_s:.2f} s")

        # The same process (it replaced itself), one tray icon, answering from the new folder.
        assert app.proc.poll() is None and app.proc.pid == pid
        app.after_restart()
        assert len(desktop.tray_icon_windows(WM_CLASS)) == 1
        assert app.cli("status", "--json").returncode == 0
        assert pointer(home) == {"version": 1, "data_dir": str(tmp_path / "new")}
        assert app.sessions() == before
        assert data_files(tmp_path / "new") == old_files  # its own lock now, like the old
        assert data_files(app.data_dir) == []  # the lock went with the old process

        # The restarted app writes to the new folder, and its global hotkeys work.
        app.wait_for_hotkeys()  # the new process starts its listener after its tray icon
        assert app.cli("start", "--with", "Ben", "--minutes", "20").returncode == 0
        desktop.key("ctrl+alt+p")
        wait_until(
            lambda: app.status()["session"]["marks"]["phone"] == 1 or None,
            timeout_s=5,
            what="a mark from the hotkey after the restart",
        )
        assert app.cli("end").returncode == 0
        assert [s["with"] for s in app.sessions()][-1] == "Ben"
        assert data_files(app.data_dir) == []

        move_with_the_settings_window(app, tmp_path / "third")
        assert app.proc.poll() is None and app.proc.pid == pid
        assert pointer(home)["data_dir"] == str(tmp_path / "third")
        after = app.sessions()
        assert [s["id"] for s in after] == [s["id"] for s in before] + [after[-1]["id"]]
        assert data_files(tmp_path / "new") == []
        assert len(desktop.tray_icon_windows(WM_CLASS)) == 1
    finally:
        app.stop()


def move_with_the_settings_window(app: UsersApp, target: Path) -> None:
    """Tray menu › Settings, Alt+V (Move…), type the folder into Qt's folder dialog, Enter."""
    target.mkdir()  # the folder dialog picks an existing folder (it can make one, too)
    app.choose_in_tray_menu("t")  # Se&ttings…
    focus(app, SETTINGS_WINDOW)
    app.desktop.key("alt+v")
    focus(app, FOLDER_DIALOG)
    app.desktop.key("ctrl+a")
    app.desktop.run(["xdotool", "type", "--delay", "20", str(target)], check=True, timeout_s=30)
    app.desktop.key("Return")
    wait_until(
        lambda: pointer_of(app) == str(target) or None,
        timeout_s=20,
        what="the data location file to name the new folder",
    )
    wait_until(
        lambda: not app.windows_named(SETTINGS_WINDOW) or None,
        timeout_s=20,
        what="the old process's settings window to go",
    )
    app.after_restart()


def pointer_of(app: UsersApp) -> str | None:
    try:
        return str(pointer(Path(app.env["XDG_CONFIG_HOME"]).parent)["data_dir"])
    except (OSError, ValueError):
        return None


def focus(app: RunningApp, title: str) -> int:
    window = wait_until(
        lambda: app.windows_named(title) or None, timeout_s=15, what=f"the window {title!r}"
    )[0]
    app.desktop.run(["xdotool", "windowfocus", "--sync", str(window)], check=True)
    return window
