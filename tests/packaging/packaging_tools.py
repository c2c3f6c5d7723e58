"""The external validators the packaging tests run, found or failed (never skipped).

They are Debian packages of the "test" group in packaging/debian-packages.txt. When one is
missing, the tests that need it fail and name the package.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"

#: Program -> the Debian package that has it.
TOOLS = {
    "desktop-file-validate": "desktop-file-utils",
    "appstreamcli": "appstream",
    "gio": "libglib2.0-bin",
}


def tool(name: str) -> str:
    """The path of a required program; fails the test (never skips) when it is missing."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} is missing: install the Debian package {TOOLS[name]} "
            "(bash packaging/ensure-debian-packages.sh app test)"
        )
    return path


def run_tool(*command: str, timeout_s: float = 60) -> subprocess.CompletedProcess[str]:
    """Run a validator (found with :func:`tool`) and capture its text output."""
    return subprocess.run(
        [tool(command[0]), *command[1:]],
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )


def desktop_file_validate(path: Path) -> None:
    """desktop-file-validate accepts ``path`` with no error, warning or hint at all."""
    result = run_tool("desktop-file-validate", str(path))
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and not output, f"desktop-file-validate {path}:\n{output}"
