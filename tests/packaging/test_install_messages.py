"""A failing set-up step says in one line what went wrong and what to do, and exits 1.

The failures are staged with named fakes on PATH, standing in for what this machine cannot be
made to do on demand: `apt-get` failing as it does offline, `dpkg-query` reporting packages as
missing, and an old `python3` (3.10, as on Ubuntu 22.04).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def fake(bin_dir: Path, name: str, script: str) -> None:
    path = bin_dir / name
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(0o755)


def run(command: list[str], bin_dir: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "HOME": str(home)}
    env["TMPDIR"] = str(home)
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_apt_failing_is_one_line_naming_the_log(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake(bin_dir, "dpkg-query", "exit 1")  # every package missing
    fake(bin_dir, "apt-get", 'echo "E: Failed to fetch (fake: no network)" >&2; exit 100')
    fake(bin_dir, "sudo", 'exec "$@"')  # when the suite does not run as root
    script = REPO / "packaging" / "ensure-debian-packages.sh"
    done = run(["bash", str(script), "app"], bin_dir, tmp_path)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("focusmate: apt-get could not install the system packages")
    assert "check the internet connection" in done.stderr
    log = Path(done.stderr.rsplit("the log: ", 1)[1].rstrip(")\n"))
    assert "fake: no network" in log.read_text()


def test_a_python_older_than_3_11_is_one_line(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake(bin_dir, "dpkg-query", "echo 'install ok installed'")  # nothing to install
    fake(bin_dir, "python3", 'case "$*" in *version_info*) exit 1;; *) echo 3.10.12;; esac')
    done = run(["bash", str(REPO / "packaging" / "install.sh")], bin_dir, tmp_path)
    assert done.returncode == 1
    assert (
        done.stderr == "focusmate: focusmate needs Python 3.11 or newer, this python3 is 3.10.12\n"
    )
    assert not (tmp_path / ".local" / "share" / "focusmate-app" / "venv").exists()
