"""Running the installed `focusmate calendar ...` as a user does, for the command-line tests:
in a process of its own, at a fixed instant (the app's FOCUSMATE_FAKE_NOW hook) in Berlin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from focusmate.desktop.system_clock import FAKE_NOW_ENV

FOCUSMATE = str(Path(sys.executable).with_name("focusmate"))
#: A Monday, 09:00 in Berlin: the next one-on-one is Tuesday's at 10:00 Berlin time.
NOW = "2026-11-23T08:00:00+00:00"
#: Where a D-Bus session's address is given to the command (none by default: no secret store).
BUS_ENV = "DBUS_SESSION_BUS_ADDRESS"

#: A CalDAV calendar's arguments, all but the password's.
CALDAV = ["add-caldav", "Dav", "https://dav.example.com/", "--user", "ana"]


def focusmate(
    data: Path, *argv: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``focusmate --data-dir DATA calendar ARGV...`` as a user runs it, at NOW in Berlin,
    with no D-Bus session unless ``env`` names one: so no secret store, as on a server."""
    return any_command(data, "calendar", *argv, stdin=stdin, env=env)


def any_command(
    data: Path, *argv: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``focusmate --data-dir DATA ARGV...``, the same way as ``focusmate``."""
    inherited = {k: v for k, v in os.environ.items() if k != BUS_ENV}
    environment = {**inherited, "TZ": "Europe/Berlin", FAKE_NOW_ENV: NOW, **(env or {})}
    return subprocess.run(
        [FOCUSMATE, "--data-dir", str(data), *argv],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def one_line_error(ran: subprocess.CompletedProcess[str], code: int, needle: str) -> None:
    """Refused as the contract says (ARCHITECTURE invariant 11): exit ``code``, nothing on
    standard output, one line on standard error that holds ``needle``."""
    assert (ran.returncode, ran.stdout) == (code, ""), ran.stderr
    assert ran.stderr.startswith("focusmate: ") and ran.stderr.count("\n") == 1
    assert needle in ran.stderr
