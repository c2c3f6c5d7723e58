"""Two real Syncthing daemons on loopback sharing one folder: the sync engine of issue 19's tests.

:class:`SyncthingPair` starts Debian's ``syncthing`` twice (devices ``a`` and ``b``), each with
its own home (keys, config, database, log) and its own copy of the shared folder under a folder
the caller owns, and ends both (also as a context manager)::

    with SyncthingPair(tmp_path) as pair:
        (pair.a.folder / "x.log").write_bytes(b"...")
        seconds = pair.wait_synced("x.log")          # on b, with a's bytes

How they are set up, and why:

* ``syncthing generate`` writes each home's key and config; before the first start the harness
  turns off in ``config.xml`` everything that would reach beyond this machine: global and
  local discovery, relays, NAT, usage and crash reports, upgrades (Debian's build cannot
  upgrade itself anyway), and sets the one listen address ``tcp://127.0.0.1:PORT``. These act
  at start-up, before any REST call could switch them off, hence the file; the daemon's own
  answer (``GET /rest/config/options``) is then checked.
* Each daemon serves its GUI/REST on ``127.0.0.1:PORT`` with an API key made here
  (``--gui-address``, ``--gui-apikey``), with ``--no-restart``, ``--no-browser``,
  ``--no-upgrade`` and ``STNODEFAULTFOLDER``. ``STMONITORED=yes`` makes it one process: else
  1.19 runs a monitor whose child, the daemon itself, leads a process group of its own that
  ending the monitor's group would miss. ``STHASHING=minio`` skips the hash benchmark it
  otherwise runs at each start (about a second). Root is fine: 1.19 only logs a warning
  about running as a privileged user (CI runs as root).
* Through the REST API of 1.19 (``/rest/config/devices/ID``, ``/rest/config/folders/ID``):
  each device knows the other (``a`` knows ``b`` at its explicit loopback address and dials
  it, ``b`` accepts ``a``: why only one dials, see :meth:`SyncthingPair.start`); both share
  one folder, ``sendreceive``, watched (``fsWatcherDelayS`` 1) and rescanned every 10 s as a
  fallback. Ready is ``/rest/system/ping``; connected is ``/rest/system/connections``; in sync is
  ``/rest/db/status`` (idle, nothing needed) and ``/rest/db/completion`` (100 % for the peer).
* Stopping is ``POST /rest/system/shutdown``, then SIGTERM, then SIGKILL to the daemon's
  process group; :meth:`SyncthingPair.stop` then checks that no process still runs from
  either home and raises if one does.

One daemon alone is tests/sync_engines/syncthing_device.py's :class:`SyncthingDevice`.

Never skipped: a missing ``syncthing`` raises :class:`SyncthingError` naming the Debian package.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Self

from tests.sync_engines.syncthing_device import (
    CONNECT_TIMEOUT_S,
    FOLDER_ID,
    SyncthingDevice,
    SyncthingError,
    wait_for,
)

__all__ = ["CONFLICT_NAME", "FOLDER_ID", "SyncthingDevice", "SyncthingError", "SyncthingPair"]

#: A conflict copy as Syncthing 1.19 names it (lib/model/folder_sendrecv.go, conflictName), in
#: the original's folder: ``<stem>.sync-conflict-<YYYYMMDD>-<HHMMSS>-<device><ext>``.
#: ``<ext>`` is the original's last suffix, if any (``a.log.jsonl`` gives
#: ``a.log.sync-conflict-…-XXXXXXX.jsonl``, ``.hidden`` ``.sync-conflict-…-XXXXXXX.hidden``);
#: the time is the local time of the device that renamed it; ``<device>`` is the first 7
#: characters (base32: A-Z, 2-7) of the ID of the device whose version *won* and kept the
#: name. The copy holds the version that lost: the older modification time (on a tie, by
#: Syncthing's documentation, the one from the device with the larger ID).
#: Observed here: ``log-000003.sync-conflict-20261203-163550-KWTDUVC.jsonl``.
CONFLICT_NAME = re.compile(
    r"^(?P<stem>.*)\.sync-conflict-(?P<date>\d{8})-(?P<time>\d{6})-(?P<device>[A-Z2-7]{7})"
    r"(?P<ext>\.[^.]*)?$"
)


class SyncthingPair:
    """Devices ``a`` and ``b`` sharing one folder, connected, in sync; ``timings_s`` says how
    long each step of the start took."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.a = SyncthingDevice("a", root)
        self.b = SyncthingDevice("b", root)
        self.timings_s: dict[str, float] = {}

    @property
    def devices(self) -> tuple[SyncthingDevice, SyncthingDevice]:
        return self.a, self.b

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> Self:
        try:
            for device in self.devices:  # both at once: each takes half a second to start
                device.launch()
            for device in self.devices:
                device.wait_ready()
                self.timings_s[f"{device.name} start to ready"] = device.started_to_ready_s
            began = time.monotonic()
            # Only a dials, and b is told of a first, so a's first dial is accepted. When
            # both dial each other at one moment, 1.19 stalls for 20 s: each daemon takes its
            # new connections' Hello exchanges one at a time (service.handleConns), so each
            # waits on the other's Hello on one connection while that other waits on it on
            # the second (seen in 1 start of 3 with both addresses explicit).
            for device, other in ((self.b, self.a), (self.a, self.b)):
                device.add_device(other, dial=device is self.a)
                device.share_folder([other])
            self.wait_connected()
            self.timings_s["configured to connected"] = time.monotonic() - began
            self.wait_in_sync()
            self.timings_s["configured to in sync"] = time.monotonic() - began
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """End both daemons; SyncthingError if a process still runs from either home."""
        for device in self.devices:  # both at once: each takes about a second to close
            device.request_shutdown()
        for device in self.devices:
            device.stop()
        left = leftover_processes([d.home for d in self.devices])
        if left:
            raise SyncthingError(f"syncthing processes left after stop: {left}")

    # -- waiting ----------------------------------------------------------------------------

    def other(self, device: SyncthingDevice) -> SyncthingDevice:
        return self.b if device is self.a else self.a

    def wait_connected(self, timeout_s: float = CONNECT_TIMEOUT_S) -> None:
        wait_for(
            self.devices,
            lambda: self.a.connected_to(self.b) and self.b.connected_to(self.a),
            timeout_s,
            "a and b connected to each other",
        )

    def wait_in_sync(self, timeout_s: float = 20.0) -> float:
        """Both idle, each with all of the other's folder; the seconds it took."""
        began = time.monotonic()
        wait_for(
            self.devices,
            lambda: self.a.in_sync_with(self.b) and self.b.in_sync_with(self.a),
            timeout_s,
            "both folders idle and complete",
        )
        return time.monotonic() - began

    def wait_synced(
        self, name: str, timeout_s: float = 20.0, *, source: SyncthingDevice | None = None
    ) -> float:
        """Wait until ``name`` (relative to the folder) on the other device holds the same bytes
        as on ``source`` (default ``a``) now; the seconds it took from this call."""
        source = source or self.a
        target = self.other(source)
        expected = (source.folder / name).read_bytes()
        began = time.monotonic()
        target.wait_for(
            lambda: _read_or_none(target.folder / name) == expected,
            timeout_s,
            f"{name} with {source.name}'s {len(expected)} bytes",
        )
        return time.monotonic() - began

    def wait_gone(
        self, name: str, timeout_s: float = 20.0, *, source: SyncthingDevice | None = None
    ) -> float:
        """Wait until ``name``, deleted on ``source`` (default ``a``), is gone on the other."""
        target = self.other(source or self.a)
        began = time.monotonic()
        target.wait_for(lambda: not (target.folder / name).exists(), timeout_s, f"{name} deleted")
        return time.monotonic() - began

    @contextlib.contextmanager
    def disconnected(self) -> Iterator[None]:
        """Inside, a and b do not talk (each has paused the other): what each writes stays on
        its side. On leaving, each scans its folder (so that both sides' edits are indexed
        before they meet, whatever the watcher's delay), then they reconnect."""
        self.a.pause(self.b)
        self.b.pause(self.a)
        wait_for(
            self.devices,
            lambda: not self.a.connected_to(self.b) and not self.b.connected_to(self.a),
            CONNECT_TIMEOUT_S,
            "a and b disconnected",
        )
        try:
            yield
            for device in self.devices:
                device.scan()  # the edits indexed before the peers meet again
        finally:
            self.b.resume(self.a)  # b first: a dials on resuming, b must accept by then
            self.a.resume(self.b)
            self.wait_connected()

    def files(self, device: SyncthingDevice) -> dict[str, bytes]:
        """The folder's files on ``device`` (relative name → bytes), without Syncthing's own
        (the ``.stfolder`` marker, ``.syncthing.*.tmp`` files being pulled)."""
        found = {}
        for path in sorted(device.folder.rglob("*")):
            name = path.relative_to(device.folder).as_posix()
            if path.is_file() and not name.startswith(".stfolder") and ".syncthing." not in name:
                found[name] = path.read_bytes()
        return found


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def leftover_processes(homes: list[Path]) -> list[str]:
    """Processes (``pid: command line``) whose command line names one of ``homes``."""
    wanted = [f"--home={home}" for home in homes]
    left = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:  # ended meanwhile
            continue
        if any(arg in wanted for arg in args):
            left.append(f"{entry.name}: {' '.join(args).strip()}")
    return left
