"""The single-instance lock: one holder at a time, and a dead holder never locks us out,
whatever its file says."""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from focusmate.desktop.single_instance import InstanceLock, holder_pid
from tests.mounts import fill, read_only, read_only_view, small_tmpfs

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
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path)], stdout=subprocess.PIPE)
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


# Issue 13, finding 6: what the lock file says never locks the user out.


def test_an_empty_lock_file_left_by_a_power_cut_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "x.lock"
    path.touch()  # the power went just after the file was made, before it was written
    lock = InstanceLock(path)
    assert lock.try_acquire()
    assert holder_pid(path) == os.getpid()
    lock.release()


def test_a_dead_apps_lock_naming_a_live_python_process_is_taken(tmp_path: Path) -> None:
    """The app died; its process number now belongs to another Python program."""
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        program = Path(f"/proc/{other.pid}/exe").readlink().name
        path = tmp_path / "x.lock"  # as QLockFile wrote it: pid, program, host
        path.write_text(f"{other.pid}\n{program}\n{socket.gethostname()}\n")
        lock = InstanceLock(path)
        assert lock.try_acquire()
        lock.release()
    finally:
        other.kill()
        other.wait()


@given(st.binary(max_size=200))
@settings(max_examples=30, deadline=None)
def test_any_bytes_in_a_lock_nobody_holds_are_taken(contents: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.lock"
        path.write_bytes(contents)
        lock = InstanceLock(path)
        assert lock.try_acquire()
        lock.release()


def test_a_read_only_folder_says_so_when_nobody_holds_it(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "disk") as disk:
        (disk / "focusmate.lock").write_text("4242\npython3.11\nhost\n")
        read_only(disk)
        with pytest.raises(OSError) as caught:
            InstanceLock(disk / "focusmate.lock").try_acquire()
        assert caught.value.strerror == os.strerror(errno.EROFS)


def test_a_read_only_folder_still_shows_who_holds_it(tmp_path: Path) -> None:
    """The disk went read-only under a running app: a second launch must find it, not fail."""
    with small_tmpfs(tmp_path / "disk") as disk:
        holder = InstanceLock(disk / "focusmate.lock")
        assert holder.try_acquire()
        with read_only_view(disk, tmp_path / "seen") as seen:
            assert not InstanceLock(seen / "focusmate.lock").try_acquire()
        holder.release()


def test_a_full_disk_gives_the_systems_reason(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "disk") as disk:
        fill(disk)
        with pytest.raises(OSError) as caught:
            InstanceLock(disk / "focusmate.lock").try_acquire()
        assert caught.value.strerror == os.strerror(errno.ENOSPC)
