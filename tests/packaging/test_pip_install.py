"""packaging/pip_install.py: everything pip resolves is installed, except evdev (no compiler)."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pip_install
import pytest

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


def test_an_override_left_by_an_earlier_install_is_reinstalled_away(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """urllib3-future first (its removal takes its copy in urllib3/ along), then urllib3."""
    installed = {"urllib3-future": "2.25.904", "urllib3": "2.8.0"}

    def version(name: str) -> str:
        if name not in installed:
            raise metadata.PackageNotFoundError(name)
        return installed[name]

    monkeypatch.setattr(pip_install.metadata, "version", version)
    assert pip_install.stale_override(tmp_path) == []
    (tmp_path / "urllib3_future.pth").write_text("import os, sys, site, shutil\n")
    assert pip_install.stale_override(tmp_path) == ["urllib3-future==2.25.904", "urllib3==2.8.0"]
    del installed["urllib3"]  # a user's install: nothing else needs the original
    assert pip_install.stale_override(tmp_path) == ["urllib3-future==2.25.904"]


def test_the_override_s_marker_goes_and_an_emptied_urllib3_folder_with_it(tmp_path: Path) -> None:
    copy = tmp_path / "urllib3"
    (copy / "__pycache__").mkdir(parents=True)
    (copy / ".u3f_sync").write_text("2.25.904")
    pip_install.remove_copy_marker(tmp_path)
    assert not copy.exists()
    copy.mkdir()
    (copy / ".u3f_sync").write_text("2.25.904")
    (copy / "__init__.py").write_text("")  # the original urllib3, installed after
    pip_install.remove_copy_marker(tmp_path)
    assert [child.name for child in copy.iterdir()] == ["__init__.py"]
    pip_install.remove_copy_marker(tmp_path / "elsewhere")  # nothing there: nothing to do
