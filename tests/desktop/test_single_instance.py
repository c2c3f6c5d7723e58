"""QLockFile single instance: one holder at a time, and a killed holder never locks us out."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from focusmate.desktop.single_instance import InstanceLock

HOLD_LOCK = """
import sys, time
from focusmate.desktop.single_instance import InstanceLock
lock = InstanceLock(__import__("pathlib").Path(sys.argv[1]))
assert lock.try_acquire()
print("locked", flush=True)
time.sleep(60)
"""


def test_only_one_holder(tmp_path: Path) -> None:
    first, second = InstanceLock(tmp_path / "x.lock"), InstanceLock(tmp_path / "x.lock")
    assert first.try_acquire()
    assert not second.try_acquire()
    first.release()
    assert second.try_acquire()
    second.release()


def test_a_lock_left_by_kill_9_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "x.lock"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path)],
                              stdout=subprocess.PIPE)  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        assert not InstanceLock(path).try_acquire()
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        assert path.exists()  # the dead process could not clean up
        deadline = time.monotonic() + 5
        lock = InstanceLock(path)
        while not lock.try_acquire():
            assert time.monotonic() < deadline, "stale lock never released"
            time.sleep(0.05)
        lock.release()
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
