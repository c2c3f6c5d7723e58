"""packaging/pip_install.py: everything pip resolves is installed, except evdev (no compiler)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pip_install

REPO = Path(__file__).resolve().parents[2]


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    script = REPO / "packaging" / "pip_install.py"
    return subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def report_item(name: str, version: str, download: dict[str, object]) -> dict[str, object]:
    return {"metadata": {"name": name, "version": version}, "download_info": download}


def test_the_plan_pins_what_pip_resolved_less_evdev_and_the_project_folder() -> None:
    from_index = {"url": "https://files.example/x.whl", "archive_info": {}}
    report = {
        "install": [
            report_item("pynput", "1.8.2", from_index),
            report_item("evdev", "2.0.0", from_index),
            report_item("python-xlib", "0.33", from_index),
            report_item("focusmate", "0.1.0", {"url": "file:///src", "dir_info": {}}),
        ]
    }
    assert pip_install.pinned_requirements(report) == ["pynput==1.8.2", "python-xlib==0.33"]


def test_a_real_resolution_of_focusmate_drops_evdev(tmp_path: Path) -> None:
    """pip itself resolves the project (its dry run reads evdev's metadata, builds nothing)."""
    log = tmp_path / "pip.log"
    done = run_script("--plan", "--log", str(log), "--editable", f"{REPO}[test,bundle]")
    assert done.returncode == 0, done.stderr
    assert "evdev" not in done.stdout
    # pip wanted it: the filter has something to drop (this environment never had evdev).
    assert "evdev" in log.read_text()


def test_a_failing_resolution_is_one_plain_line(tmp_path: Path) -> None:
    log = tmp_path / "pip.log"
    done = run_script("--log", str(log), str(tmp_path / "no-such-project"))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("focusmate: pip could not find the Python packages")
    assert str(log) in done.stderr and log.stat().st_size > 0
