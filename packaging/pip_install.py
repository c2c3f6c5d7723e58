"""Installs focusmate into the Python environment that runs this script, with no C compiler.

    python packaging/pip_install.py --log FILE [--editable] 'PATH[extras]'

pynput declares ``evdev`` as a Linux dependency. evdev ships only as source: building it needs a
C compiler, the Python headers and the kernel headers, which a stock Debian or Ubuntu desktop does
not have, so a plain ``pip install`` stops with a compiler error. focusmate never loads evdev: it
serves only pynput's uinput backend, which needs root, while focusmate uses pynput's X11 backend
(and desktop shortcuts or the portal elsewhere). So pip still resolves everything
(``--dry-run --report``, which reads evdev's metadata without compiling it), and every resolved
package except evdev is installed at exactly the resolved version with ``--no-deps``.

urllib3-future (caldav 2.2 -> niquests -> urllib3-future) is built from its source
distribution with ``URLLIB3_NO_OVERRIDE=1``, the opt-out its own .pth file names: pure Python,
no compiler, a few seconds. Its wheel ships ``urllib3_future.pth``, which Python runs on every
start in the environment: it imports shutil (-> fnmatch -> re -> enum) and copies
urllib3-future over the ``urllib3`` package (which the original urllib3, where installed, loses).
That costs ~15-20 ms on each start (measured: ``python -c pass`` 24-35 ms with it, 12-14 ms
without). ``focusmate log phone`` (issue 18) imports re, enum and shutil itself today (argparse,
tempfile), so it saves only the .pth's own work (~2 ms) until it stops doing so. niquests
uses ``urllib3_future`` by its own name when ``urllib3`` is absent or the original. An
environment installed before this keeps the .pth until urllib3-future is reinstalled, so it is
reinstalled then (and urllib3, whose files the copy overwrote, if it is installed).

pip's own output goes to the log file. On failure one plain line says what went wrong, what to
do, and where the log is; the exit code is 1 (2 for a wrong command line).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

# Dependencies of our dependencies that focusmate never imports and that cannot be installed
# without a compiler; see the module docstring.
NOT_INSTALLED = frozenset({"evdev"})

#: urllib3-future without the .pth file that runs on every Python start; see the docstring.
NO_OVERRIDE = ("--no-binary", "urllib3-future")
NO_OVERRIDE_ENV = {"URLLIB3_NO_OVERRIDE": "1"}


def _canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def pinned_requirements(report: dict[str, object]) -> list[str]:
    """``name==version`` for each package of a pip installation report, less local folders.

    Local folders (the project itself) are installed from their path instead, and the packages
    in NOT_INSTALLED are left out.
    """
    pins: list[str] = []
    items = report.get("install", [])
    assert isinstance(items, list)
    for item in items:
        download = item.get("download_info", {})
        if "dir_info" in download:
            continue
        name, version = item["metadata"]["name"], item["metadata"]["version"]
        if _canonical(name) not in NOT_INSTALLED:
            pins.append(f"{name}=={version}")
    return sorted(pins)


def _pip(args: Sequence[str], log: Path) -> bool:
    with log.open("a", encoding="utf-8") as out:
        out.write(f"\n$ pip {' '.join(args)}\n")
        out.flush()
        done = subprocess.run(
            [sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **NO_OVERRIDE_ENV},
            check=False,
        )
    return done.returncode == 0


def stale_override(site_packages: Path) -> list[str]:
    """What to reinstall, in this order, when an earlier install left urllib3_future.pth."""
    if not (site_packages / "urllib3_future.pth").exists():
        return []
    pins: list[str] = []
    for name in ("urllib3-future", "urllib3"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            pins.append(f"{name}=={metadata.version(name)}")
    return pins


def remove_copy_marker(site_packages: Path) -> None:
    """The .pth's marker in urllib3/, which no RECORD names; urllib3/ too if nothing else is
    left there (else ``import urllib3`` finds an empty namespace package)."""
    copy = site_packages / "urllib3"
    (copy / ".u3f_sync").unlink(missing_ok=True)
    if copy.is_dir() and {child.name for child in copy.iterdir()} <= {"__pycache__"}:
        shutil.rmtree(copy)


def _remove_override(log: Path) -> bool:
    # One at a time: removing urllib3-future removes its copy in urllib3/ too.
    site_packages = Path(sysconfig.get_paths()["purelib"])
    stale = stale_override(site_packages)
    for pin in stale:
        if not _pip(["install", "--no-deps", "--force-reinstall", *NO_OVERRIDE, pin], log):
            return False
        remove_copy_marker(site_packages)
    return True


def _plan(target: list[str], log: Path) -> list[str] | None:
    with tempfile.TemporaryDirectory() as scratch:
        report_file = Path(scratch) / "report.json"
        resolved = _pip(["install", "--dry-run", "--report", str(report_file), *target], log)
        if not resolved:
            return None
        return pinned_requirements(json.loads(report_file.read_text(encoding="utf-8")))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", type=Path, required=True, help="where pip's output goes")
    parser.add_argument("--editable", action="store_true", help="install the project editable")
    parser.add_argument("--plan", action="store_true", help="print what would be installed")
    parser.add_argument("project", help="the project's folder, optionally with [extras]")
    options = parser.parse_args(argv)
    target = ["-e", options.project] if options.editable else [options.project]
    options.log.parent.mkdir(parents=True, exist_ok=True)

    pins = _plan(target, options.log)
    if pins is None:
        print(
            "focusmate: pip could not find the Python packages focusmate needs; check the "
            f"internet connection and run this again (pip's log: {options.log})",
            file=sys.stderr,
        )
        return 1
    if options.plan:
        print("\n".join(pins))
        return 0
    if (
        not _remove_override(options.log)
        or (pins and not _pip(["install", "--no-deps", *NO_OVERRIDE, *pins], options.log))
        or not _pip(["install", "--no-deps", *target], options.log)
    ):
        print(
            "focusmate: pip could not install the Python packages focusmate needs; check the "
            f"internet connection and free disk space, then run this again (pip's log: "
            f"{options.log})",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
