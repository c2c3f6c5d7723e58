"""Installs focusmate into the Python environment that runs this script, with no C compiler.

    python packaging/pip_install.py --log FILE [--editable] 'PATH[extras]'

pynput declares ``evdev`` as a Linux dependency. evdev ships only as source: building it needs a
C compiler, the Python headers and the kernel headers, which a stock Debian or Ubuntu desktop does
not have, so a plain ``pip install`` stops with a compiler error. focusmate never loads evdev: it
serves only pynput's uinput backend, which needs root, while focusmate uses pynput's X11 backend
(and desktop shortcuts or the portal elsewhere). So pip still resolves everything
(``--dry-run --report``, which reads evdev's metadata without compiling it), and every resolved
package except evdev is installed at exactly the resolved version with ``--no-deps``.

pip's own output goes to the log file. On failure one plain line says what went wrong, what to
do, and where the log is; the exit code is 1 (2 for a wrong command line).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

# Dependencies of our dependencies that focusmate never imports and that cannot be installed
# without a compiler; see the module docstring.
NOT_INSTALLED = frozenset({"evdev"})


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
            check=False,
        )
    return done.returncode == 0


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
    if (pins and not _pip(["install", "--no-deps", *pins], options.log)) or not _pip(
        ["install", "--no-deps", *target], options.log
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
