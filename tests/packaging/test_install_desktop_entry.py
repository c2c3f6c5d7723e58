"""packaging/install-desktop-entry.sh: the menu entry install.sh writes validates and runs us.

Runs the real script into a temporary XDG_DATA_HOME and checks the result with
desktop-file-validate and GLib's own parser of Exec lines (``gio launch`` would start it).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from focusmate.desktop.autostart import read_desktop_entry
from tests.packaging.packaging_tools import PACKAGING, desktop_file_validate

SCRIPT = PACKAGING / "install-desktop-entry.sh"
APP_ID = "app.focusmate.Focusmate"


def install(program: str, data_home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    return subprocess.run(
        ["bash", str(SCRIPT), program],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_entry_runs_the_given_program_and_validates(tmp_path: Path) -> None:
    program = tmp_path / "my apps" / "focusmate"  # a space: Exec must quote it
    result = install(str(program), tmp_path / "share")
    assert result.returncode == 0, result.stderr
    entry_path = tmp_path / "share" / "applications" / f"{APP_ID}.desktop"
    desktop_file_validate(entry_path)
    entry = read_desktop_entry(entry_path.read_text(encoding="utf-8"))
    assert entry["Exec"] == f'"{program}"'
    assert entry["TryExec"] == str(program)
    execs = [line for line in entry_path.read_text().splitlines() if line.startswith("Exec=")]
    # The menu's actions (weekly review, settings) run the same program.
    assert execs == [f'Exec="{program}"', f'Exec="{program}" review', f'Exec="{program}" settings']
    icon = tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert icon.read_bytes() == (PACKAGING.parent / "resources/icons/focusmate.svg").read_bytes()


def test_a_relative_or_unrunnable_path_is_refused_with_exit_2(tmp_path: Path) -> None:
    for program in ("focusmate", '/opt/"odd"/focusmate'):
        result = install(program, tmp_path / "share")
        assert result.returncode == 2
        assert "install-desktop-entry.sh:" in result.stderr
    assert not (tmp_path / "share" / "applications").exists()
