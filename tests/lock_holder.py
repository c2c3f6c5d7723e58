"""Another process holding a data folder's lock and answering nobody (an app still starting,
a command working offline) until the test lets it go."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

HOLD_LOCK = """
import sys
from pathlib import Path
from focusmate.desktop.single_instance import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
assert lock.try_acquire()
print("locked", flush=True)
sys.stdin.read()
"""


@contextlib.contextmanager
def holding(lock_file: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A process that holds ``lock_file`` until its standard input is closed (or the block
    ends)."""
    command = [sys.executable, "-c", HOLD_LOCK, str(lock_file)]
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert proc.stdout is not None and proc.stdout.readline() == b"locked\n"
        yield proc
    finally:
        proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()


def let_go(holder: subprocess.Popen[bytes]) -> None:
    """The holder finishes: its lock is free once it has ended."""
    assert holder.stdin is not None
    holder.stdin.close()
    holder.wait(timeout=10)
