"""Stands in for the focusmate app in crash tests: holds a JournaledSilencer until it is killed.

``python session_holder.py BACKEND JOURNAL [no-guard]`` builds the named backend from its
environment (the test desktop's), engages a JournaledSilencer (with the guard unless "no-guard"),
prints one JSON line
``{"status": {...}, "guard_pid": N, "engaged_in_s": X}`` and then waits forever, as an app in
the middle of a session does.  Tests kill it (and sometimes its guard) and check what the
guard, or a later recover(), puts back.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

from focusmate.desktop.dnd import backend_named
from focusmate.desktop.dnd.silencer import JournaledSilencer


def main() -> None:
    backend_name, journal = sys.argv[1], Path(sys.argv[2])
    guard = sys.argv[3:] != ["no-guard"]
    session = JournaledSilencer(backend_named(backend_name, os.environ), journal, guard=guard)
    started = time.monotonic()
    status = session.engage()
    report = {
        "status": status.as_json(),
        "guard_pid": session.guard_pid,
        "engaged_in_s": time.monotonic() - started,
    }
    print(json.dumps(report), flush=True)
    while True:
        signal.pause()


if __name__ == "__main__":
    main()
