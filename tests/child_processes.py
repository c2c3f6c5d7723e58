"""The child processes of a process, read from /proc (Linux): for tests of the processes
focusmate starts (the weekly review's, ui.review_process)."""

from __future__ import annotations

from pathlib import Path

#: What the weekly review's process has on its command line.
REVIEW_MODULE = b"focusmate.root.review_main"


def children_running(parent_pid: int, marker: bytes = REVIEW_MODULE) -> list[int]:
    """The pids of ``parent_pid``'s children whose command line holds ``marker``."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if ppid == parent_pid and marker in command:
            found.append(int(entry.name))
    return found
