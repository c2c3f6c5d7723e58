"""The do-not-disturb guard: puts notifications back within moments of focusmate's death.

Started by JournaledSilencer.engage() as ``python -m focusmate.desktop.dnd.guard --journal PATH
--backend NAME --token TOKEN`` with the read end of a pipe as its standard input; the app keeps
the write end. Once it ignores the signals below and is about to block on that pipe, it writes
one byte, ``r`` ("ready"), to its standard output (a second pipe) and closes it:
GuardProcess.start() waits for that byte (at most READY_TIMEOUT_S), so from then on the app's
death is seen. Then the guard blocks reading its standard input:

* ``d`` ("done") — the app restored the state itself and deleted the journal: exit quietly;
* end of file without ``d`` — the app is gone (crash, ``kill -9``, power to the process cut):
  the kernel closed its end of the pipe.  If the journal is still there and still belongs to
  this session (same token), restore the previous state from it with backend NAME and delete
  it.  No polling, so the restore starts at once; a backend call is bounded by 1 s.

Choices, for a process that must outlive the app it protects:

* It runs in its own session and process group (``start_new_session``): tests and terminals
  that kill the app's process group, or a Ctrl+C (SIGINT) in the app's terminal, do not take it
  down with the app.  It also ignores SIGINT and SIGHUP.  SIGTERM (shutdown) ends it without a
  restore: the journal stays and the next start replays it.
* It imports no Qt and nothing of the UI: the standard library, jeepney and the backends.
* The app reaps it (waits for it after sending ``d``; JournaledSilencer.poll() reaps an early exit),
  and once the app is dead it is re-parented to init, which reaps it: no zombies.
* Messages go to the standard error it inherited (the app's log); write errors are ignored.

:class:`GuardProcess` is the app's side: it starts a guard, waits until it is ready, says
"done" and reaps it.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import select
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from focusmate.core.dnd import DndUnavailable
from focusmate.core.errors import InvalidData, InvalidInput
from focusmate.desktop.dnd import backend_named
from focusmate.desktop.dnd.journal import read_journal, remove_journal
from focusmate.desktop.python_child import python_child

log = logging.getLogger(__name__)

#: The byte the app sends when it restored the state itself.
DONE = b"d"
#: The byte the guard writes to its standard output once it watches the app.
READY = b"r"
#: How long GuardProcess.start() waits for READY (a guard starts in ~0.1 s; a busy machine is
#: slower). Past it the app goes on: the journal still protects, and poll() reaps a dead guard.
READY_TIMEOUT_S = 3.0
MODULE = "focusmate.desktop.dnd.guard"
#: In a frozen (PyInstaller) build there is no ``-m``: the program itself is started with this
#: first argument, and its entry point must hand the rest to main() before importing Qt.
FROZEN_ARGUMENT = "--dnd-guard"
#: How long done() waits for the guard to exit before killing it.
EXIT_TIMEOUT_S = 1.0


def guard_command(journal: Path, backend: str, token: str) -> list[str]:
    """The command line that starts a guard for one session."""
    program = python_child(MODULE, FROZEN_ARGUMENT)
    return [*program, "--journal", str(journal), "--backend", backend, "--token", token]


class GuardProcess:
    """A running guard, seen from the app: the child process and our end of its pipe."""

    def __init__(self, proc: subprocess.Popen[bytes], pipe: int, *, ready: bool) -> None:
        self._proc = proc
        self._pipe: int | None = pipe
        #: Whether the guard said it watches the app (False: it did not in time, or died).
        self.ready = ready

    @classmethod
    def start(
        cls, journal: Path, backend: str, token: str, env: Mapping[str, str] | None = None
    ) -> GuardProcess:
        """Start a guard for one session and wait until it is ready, at most
        READY_TIMEOUT_S (OSError if it cannot be started)."""
        read_fd, write_fd = os.pipe()  # both ends close-on-exec: no other child inherits them
        try:
            proc = subprocess.Popen(
                guard_command(journal, backend, token),
                stdin=read_fd,
                stdout=subprocess.PIPE,
                env=None if env is None else dict(env),
                start_new_session=True,
            )
        except OSError:
            os.close(write_fd)
            raise
        finally:
            os.close(read_fd)
        assert proc.stdout is not None  # stdout=PIPE
        with proc.stdout:  # only READY comes through it; closed once read
            ready = wait_until_ready(proc.stdout.fileno(), READY_TIMEOUT_S)
        if not ready and os.name == "posix":
            log.warning(
                "do-not-disturb: the guard did not say it is ready within %.0f s", READY_TIMEOUT_S
            )
        return cls(proc, write_fd, ready=ready)

    @property
    def pid(self) -> int:
        return self._proc.pid

    def exited(self) -> int | None:
        """The guard's exit status if it has ended (it is then reaped and released), else None."""
        returncode = self._proc.poll()
        if returncode is not None:
            self._close_pipe()
        return returncode

    def done(self) -> None:
        """Tell the guard the app restored the state itself; wait for it to exit (reaped)."""
        if self._pipe is not None:
            with contextlib.suppress(OSError):
                os.write(self._pipe, DONE)
        self._close_pipe()
        try:
            self._proc.wait(timeout=EXIT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()

    def _close_pipe(self) -> None:
        pipe, self._pipe = self._pipe, None
        if pipe is not None:
            os.close(pipe)


def wait_until_ready(fd: int, timeout_s: float) -> bool:
    """Wait (at most ``timeout_s``) for a guard's READY on ``fd``, the read end of its standard
    output; False if it did not come in time or the guard ended first.

    Not awaited off POSIX (always False there): select() takes no pipe on Windows, and no
    do-not-disturb backend there starts a guard today."""
    if os.name != "posix":
        return False
    readable, _, _ = select.select([fd], [], [], timeout_s)
    if not readable:
        return False
    try:
        return os.read(fd, 1) == READY
    except OSError:
        return False


def say_ready() -> None:
    """Tell the app (through standard output) that the guard now watches it, and close it."""
    # No reader (the app gave up waiting), or no standard output at all (a windowed bundle).
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stdout.buffer.write(READY)
        sys.stdout.buffer.flush()
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stdout.close()


def wait_for_parent(fd: int) -> bytes:
    """Block until the app says ``d`` or its end of the pipe closes (returns b"")."""
    try:
        return os.read(fd, 1)
    except OSError:
        return b""


def restore_from_journal(journal_path: Path, backend_name: str, token: str | None) -> int:
    """Replay the journal if it is still this session's; the exit status (0 = nothing left)."""
    try:
        journal = read_journal(journal_path)
    except InvalidData as error:
        _say(f"focusmate guard: {error}")
        return 1
    if journal is None or (token is not None and journal.token != token):
        return 0
    try:
        backend = backend_named(backend_name or journal.backend, os.environ)
        backend.restore(journal.previous)
    except (DndUnavailable, InvalidInput) as error:
        _say(f"focusmate guard: could not restore notifications ({backend_name}): {error}")
        return 1
    remove_journal(journal_path, journal.token)
    _say(f"focusmate guard: focusmate ended mid-session; notifications restored ({backend_name})")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=MODULE, description=__doc__.splitlines()[0])
    parser.add_argument("--journal", type=Path, required=True)
    parser.add_argument("--backend", required=True)
    parser.add_argument("--token", default=None)
    args = parser.parse_args(argv)
    for name in ("SIGINT", "SIGHUP"):  # SIGHUP does not exist on Windows
        ignored = getattr(signal, name, None)
        if ignored is not None:
            signal.signal(ignored, signal.SIG_IGN)
    say_ready()  # from here on, the app's death (EOF below) is seen
    if wait_for_parent(sys.stdin.fileno()) == DONE:
        return 0
    return restore_from_journal(args.journal, args.backend, args.token)


def _say(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
