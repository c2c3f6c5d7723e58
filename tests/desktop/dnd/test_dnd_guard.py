"""The guard process on its own (with the "none" backend, whose restore changes nothing): what
it does on "done", on end of file, with another session's or a damaged journal, and that it
stays small.  Its restores on real daemons are in test_dnd_backends.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from focusmate.desktop.dnd.guard import (
    DONE,
    FROZEN_ARGUMENT,
    GuardProcess,
    guard_command,
    wait_until_ready,
)
from focusmate.desktop.dnd.journal import Journal

pytestmark = pytest.mark.timeout(60)


class Guard:
    def __init__(self, journal: Path, token: str) -> None:
        read_fd, self.pipe = os.pipe()
        self.proc = subprocess.Popen(
            guard_command(journal, "none", token),
            stdin=read_fd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        os.close(read_fd)

    def wait_ready(self) -> None:
        """Until the guard says it watches its pipe (what GuardProcess.start waits for)."""
        assert self.proc.stdout is not None
        assert wait_until_ready(self.proc.stdout.fileno(), timeout_s=20), (
            "the guard never said ready"
        )

    def close_pipe(self) -> None:
        if self.pipe >= 0:
            os.close(self.pipe)
            self.pipe = -1

    def finish(self) -> tuple[int, str]:
        _, said = self.proc.communicate(timeout=5)
        return self.proc.returncode, said.decode()


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "dnd.json"
    path.write_text(json.dumps(Journal("none", "mine", {}, "2026-01-01T00:00:00+00:00").to_json()))
    return path


@pytest.fixture
def guards() -> Iterator[list[Guard]]:
    started: list[Guard] = []
    yield started
    for guard in started:
        guard.close_pipe()
        if guard.proc.poll() is None:
            guard.proc.kill()
        guard.proc.communicate(timeout=5)


def start(guards: list[Guard], journal: Path, session: str = "mine") -> Guard:
    guard = Guard(journal, session)
    guards.append(guard)
    return guard


def test_done_means_exit_without_restoring(journal: Path, guards: list[Guard]) -> None:
    guard = start(guards, journal)
    os.write(guard.pipe, DONE)
    guard.close_pipe()
    assert guard.finish() == (0, "")
    assert journal.exists()


def test_end_of_file_replays_this_sessions_journal(journal: Path, guards: list[Guard]) -> None:
    guard = start(guards, journal)
    guard.wait_ready()  # it blocks on the pipe now
    started = time.monotonic()
    guard.close_pipe()  # what the kernel does when the app dies
    returncode, said = guard.finish()
    print(f"\nguard replayed the journal {(time.monotonic() - started) * 1000:.0f} ms after EOF")
    assert returncode == 0 and "notifications restored" in said
    assert not journal.exists()


def test_another_sessions_journal_is_left_alone(journal: Path, guards: list[Guard]) -> None:
    guard = start(guards, journal, session="older")
    guard.close_pipe()
    assert guard.finish() == (0, "")
    assert journal.exists()


def test_a_damaged_journal_is_left_for_the_next_start(journal: Path, guards: list[Guard]) -> None:
    journal.write_text("{")
    guard = start(guards, journal)
    guard.close_pipe()
    returncode, said = guard.finish()
    assert returncode == 1 and "not valid JSON" in said
    assert journal.exists()


def test_sigint_and_sighup_do_not_stop_it(journal: Path, guards: list[Guard]) -> None:
    guard = start(guards, journal)
    guard.wait_ready()  # its handlers are set: a signal now tests them, not Python's start-up
    for sig in (signal.SIGINT, signal.SIGHUP):
        guard.proc.send_signal(sig)
    # An ignored signal is dropped when sent; one that ended the guard would end it before it
    # reads the end of file below, and it would then neither exit 0 nor replay the journal.
    guard.close_pipe()
    returncode, said = guard.finish()
    assert returncode == 0 and "notifications restored" in said and not journal.exists()


def test_start_returns_once_the_guard_is_ready(journal: Path) -> None:
    """GuardProcess.start (what engage() calls) waits for the guard's word; done() ends it."""
    guard = GuardProcess.start(journal, "none", "mine")
    try:
        assert guard.ready is True and guard.exited() is None
    finally:
        guard.done()
    assert guard.exited() == 0 and journal.exists()  # done: nothing restored


def test_the_guard_stays_small() -> None:
    probe = (
        "import sys, time; t = time.perf_counter(); import focusmate.desktop.dnd.guard; "
        "print(round((time.perf_counter() - t) * 1000), sorted({m.split('.')[0] for m in "
        "sys.modules} & {'PySide6', 'shiboken6', 'tinydb', 'pynput', 'plyer', 'platformdirs'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=20
    )
    import_ms, heavy = result.stdout.split(" ", 1)
    print(f"\nguard imports in {import_ms} ms")
    assert heavy.strip() == "[]"


def test_a_frozen_build_starts_the_guard_through_its_own_program(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    command = guard_command(tmp_path / "dnd.json", "dunst", "t")
    assert command[:2] == [sys.executable, FROZEN_ARGUMENT]
    assert command[2:] == [
        "--journal",
        str(tmp_path / "dnd.json"),
        "--backend",
        "dunst",
        "--token",
        "t",
    ]
