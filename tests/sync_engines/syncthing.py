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
  each device knows the other at its explicit loopback address, and both share one folder,
  ``sendreceive``, watched (``fsWatcherDelayS`` 1) and rescanned every 10 s as a fallback.
  Ready is ``/rest/system/ping``; connected is ``/rest/system/connections``; in sync is
  ``/rest/db/status`` (idle, nothing needed) and ``/rest/db/completion`` (100 % for the peer).
* Stopping is ``POST /rest/system/shutdown``, then SIGTERM, then SIGKILL to the daemon's
  process group; :meth:`SyncthingPair.stop` then checks that no process still runs from
  either home and raises if one does.

Never skipped: a missing ``syncthing`` raises :class:`SyncthingError` naming the Debian package.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from tests.e2e.desktop import wait_until

FOLDER_ID = "focusmate-sync"
#: A conflict copy as Syncthing 1.19 names it (lib/model/folder_sendrecv.go, conflictName):
#: ``<stem>.sync-conflict-<YYYYMMDD>-<HHMMSS>-<device>[<ext>]`` where ``<ext>`` is the last
#: suffix of the original name (``a.log.jsonl`` gives ``a.log.sync-conflict-…-XXXXXXX.jsonl``),
#: the time is the renaming device's local time, and ``<device>`` is the first 7 characters of
#: the ID of the device that made the version kept as the copy (base32: A-Z and 2-7).
#: Observed: ``journal.sync-conflict-20261203-164512-UDVSMN2.txt``.
CONFLICT_NAME = re.compile(
    r"^(?P<stem>.+)\.sync-conflict-(?P<date>\d{8})-(?P<time>\d{6})-(?P<device>[A-Z2-7]{7})"
    r"(?P<ext>\.[^.]*)?$"
)
#: The options that keep a daemon on loopback (config.xml's <options>, set before start).
OFFLINE_OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "urAccepted": "-1",  # usage reporting declined (0 would ask in the GUI)
    "crashReportingEnabled": "false",
    "autoUpgradeIntervalH": "0",
    "startBrowser": "false",
    "announceLANAddresses": "false",
    # A peer not reachable yet (the other daemon still starting) is dialled again after this;
    # the default 60 s would hold the pair that long; 1.19 raises anything lower to 5.
    "reconnectionIntervalS": "5",
}
_START_TIMEOUT_S = 20.0
_CONNECT_TIMEOUT_S = 20.0
_STOP_GRACE_S = 5.0
_FS_WATCHER_DELAY_S = 1
_RESCAN_INTERVAL_S = 10


class SyncthingError(RuntimeError):
    """The daemon is missing, did not come up, refused a request or did not end."""


def free_port() -> int:
    """A loopback TCP port nobody listens on right now (the daemon binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def syncthing_binary() -> str:
    """The path of ``syncthing``, or SyncthingError saying how to install it."""
    found = shutil.which("syncthing")
    if found is None:
        raise SyncthingError(
            "syncthing is missing: install the Debian package syncthing "
            "(bash packaging/ensure-debian-packages.sh app test)"
        )
    return found


def daemon_env(home: Path) -> dict[str, str]:
    """This process's environment without proxies (Syncthing dials peers through ALL_PROXY),
    with ``HOME`` in the device's own folder (never the user's) and the switches Syncthing
    also reads from the environment."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["HOME"] = str(home)
    env.update(STNORESTART="1", STNOUPGRADE="1", STNODEFAULTFOLDER="1")
    env.update(STMONITORED="yes", STHASHING="minio")  # why: see the module's docstring
    return env


class SyncthingDevice:
    """One Syncthing daemon: its home, its copy of the shared folder and its REST API."""

    def __init__(self, name: str, root: Path) -> None:
        self.name = name
        self.home = root / name / "home"
        #: This device's copy of the shared folder.
        self.folder = root / name / "sync"
        self.log_path = root / name / "syncthing.log"
        self.gui_port = free_port()
        self.listen_port = free_port()
        self.api_key = "fm-" + secrets.token_urlsafe(24)
        self.device_id = ""
        self.started_to_ready_s = 0.0
        self._launched_at = 0.0
        self._process: subprocess.Popen[bytes] | None = None
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    @property
    def listen_address(self) -> str:
        return f"tcp://127.0.0.1:{self.listen_port}"

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    # -- life -------------------------------------------------------------------------------

    def launch(self) -> None:
        """Generate its keys and offline config and start the daemon (see :meth:`wait_ready`)."""
        binary = syncthing_binary()
        self.folder.mkdir(parents=True)
        generated = subprocess.run(
            [binary, "generate", f"--home={self.home}", "--no-default-folder"],
            capture_output=True,
            text=True,
            env=daemon_env(self.home.parent),
            check=False,
        )
        if generated.returncode != 0:
            raise SyncthingError(f"syncthing generate failed: {generated.stdout}{generated.stderr}")
        self._write_offline_config(self.home / "config.xml")
        self._launched_at = time.monotonic()
        with self.log_path.open("wb") as log:
            self._process = subprocess.Popen(
                [
                    binary,
                    "serve",
                    f"--home={self.home}",
                    f"--gui-address=http://127.0.0.1:{self.gui_port}",
                    f"--gui-apikey={self.api_key}",
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                    "--logflags=3",
                ],
                env=daemon_env(self.home.parent),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: killed whole at the end
            )

    def wait_ready(self) -> None:
        """Return once REST answers and the daemon confirms its offline options."""
        self.wait_for(self._answers_ping, _START_TIMEOUT_S, "its REST API (/rest/system/ping)")
        self.started_to_ready_s = time.monotonic() - self._launched_at
        self.device_id = self.rest("GET", "/rest/system/status")["myID"]
        self._check_offline()

    def _write_offline_config(self, config: Path) -> None:
        """Its name, and the options that keep it on loopback (see the module's docstring)."""
        tree = ET.parse(config)  # noqa: S314 - the file syncthing generate has just written
        for device in tree.getroot().findall("device"):  # only itself, just generated
            device.set("name", self.name)
        options = tree.getroot().find("options")
        assert options is not None, f"{config} has no <options>"
        for listen in options.findall("listenAddress"):
            options.remove(listen)
        ET.SubElement(options, "listenAddress").text = self.listen_address
        for key, value in OFFLINE_OPTIONS.items():
            element = options.find(key)
            if element is None:
                element = ET.SubElement(options, key)
            element.text = value
        tree.write(config)

    def _check_offline(self) -> None:
        """What the running daemon says of its options: every switch to the outside off."""
        options = self.rest("GET", "/rest/config/options")
        wrong = {
            key: options[key]
            for key, value in OFFLINE_OPTIONS.items()
            if json.dumps(options[key]) != value
        }
        if options["listenAddresses"] != [self.listen_address]:
            wrong["listenAddresses"] = options["listenAddresses"]
        if wrong:
            raise SyncthingError(f"{self.name} did not take its offline options: {wrong}")

    def _answers_ping(self) -> bool:
        try:
            return bool(self.rest("GET", "/rest/system/ping") == {"ping": "pong"})
        except (urllib.error.URLError, ConnectionError):
            return False

    def request_shutdown(self) -> None:
        """Ask it to shut down (``POST /rest/system/shutdown``); :meth:`stop` waits for it."""
        if self._process is not None and self._process.poll() is None:
            with contextlib.suppress(urllib.error.URLError, ConnectionError, SyncthingError):
                self.rest("POST", "/rest/system/shutdown")

    def stop(self) -> None:
        """Wait for it to end after :meth:`request_shutdown`, then SIGTERM, then SIGKILL its
        group; reaped in every case."""
        process = self._process
        if process is None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=_STOP_GRACE_S)
                break
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
        process.wait()

    def wait_for(self, ready: Any, timeout_s: float, what: str) -> None:
        """wait_until(ready), failing at once with the log's tail if the daemon ends."""

        def ready_or_dead() -> bool:
            if self._process is not None and self._process.poll() is not None:
                raise SyncthingError(
                    f"{self.name} exited while waiting for {what}{self.log_tail()}"
                )
            return bool(ready())

        try:
            wait_until(ready_or_dead, timeout_s=timeout_s, what=f"{self.name}: {what}")
        except TimeoutError as timed_out:
            raise SyncthingError(f"{timed_out}{self.log_tail()}") from None

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return ""
        tail = self.log_path.read_text(errors="replace").splitlines()[-lines:]
        return f"\n{self.name}'s log ({self.log_path}), last lines:\n" + "\n".join(tail)

    # -- REST -------------------------------------------------------------------------------

    def rest(self, method: str, path: str, body: Any = None, **query: str) -> Any:
        """One REST call with the API key; the decoded JSON answer (None when empty)."""
        url = f"http://127.0.0.1:{self.gui_port}{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method)  # noqa: S310 - http, built here
        request.add_header("X-API-Key", self.api_key)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with self._opener.open(request, timeout=10) as answer:
                raw = answer.read()
        except urllib.error.HTTPError as refused:
            said = refused.read().decode(errors="replace").strip()
            raise SyncthingError(f"{self.name}: {method} {path} → {refused.code} {said}") from None
        return json.loads(raw) if raw.strip() else None

    def add_device(self, other: SyncthingDevice, *, paused: bool = False) -> None:
        """Know ``other`` at its loopback listen address (no discovery to find it)."""
        self.rest(
            "PUT",
            f"/rest/config/devices/{other.device_id}",
            {
                "deviceID": other.device_id,
                "name": other.name,
                "addresses": [other.listen_address],
                "paused": paused,
            },
        )

    def share_folder(self, peers: list[SyncthingDevice]) -> None:
        """The shared folder, with this device and ``peers``."""
        devices = [{"deviceID": d.device_id} for d in [self, *peers]]
        self.rest(
            "PUT",
            f"/rest/config/folders/{FOLDER_ID}",
            {
                "id": FOLDER_ID,
                "label": "focusmate",
                "path": str(self.folder),
                "type": "sendreceive",
                "devices": devices,
                "fsWatcherEnabled": True,
                "fsWatcherDelayS": _FS_WATCHER_DELAY_S,
                "rescanIntervalS": _RESCAN_INTERVAL_S,
            },
        )

    def connected_to(self, other: SyncthingDevice) -> bool:
        connections = self.rest("GET", "/rest/system/connections")["connections"]
        return bool(connections.get(other.device_id, {}).get("connected"))

    def folder_status(self) -> dict[str, Any]:
        status: dict[str, Any] = self.rest("GET", "/rest/db/status", folder=FOLDER_ID)
        return status

    def scan(self) -> None:
        """Scan the folder now (returns when the scan is done)."""
        self.rest("POST", "/rest/db/scan", folder=FOLDER_ID)

    def in_sync_with(self, other: SyncthingDevice) -> bool:
        """Idle here, nothing needed here, and ``other`` has all of this device's folder."""
        status = self.folder_status()
        if status["state"] != "idle" or status["needTotalItems"] or status["pullErrors"]:
            return False
        theirs = self.rest("GET", "/rest/db/completion", folder=FOLDER_ID, device=other.device_id)
        return bool(theirs["completion"] == 100 and theirs["needItems"] == 0)

    def pause(self, other: SyncthingDevice) -> None:
        """Cut the connection to ``other`` (until resume): edits on both sides stay local."""
        self.rest("POST", "/rest/system/pause", device=other.device_id)

    def resume(self, other: SyncthingDevice) -> None:
        self.rest("POST", "/rest/system/resume", device=other.device_id)


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
            # Each learns of the other paused, and is resumed once both know each other: a
            # daemon that dials a peer not yet told of it is refused, then waits out its
            # 20 s hello timeout before dialling again (seen: 20 s to connect instead of 1).
            for device, other in ((self.a, self.b), (self.b, self.a)):
                device.add_device(other, paused=True)
                device.share_folder([other])
            for device, other in ((self.a, self.b), (self.b, self.a)):
                device.resume(other)
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

    def wait_connected(self, timeout_s: float = _CONNECT_TIMEOUT_S) -> None:
        self.a.wait_for(
            lambda: self.a.connected_to(self.b) and self.b.connected_to(self.a),
            timeout_s,
            "a and b connected to each other",
        )

    def wait_in_sync(self, timeout_s: float = 20.0) -> float:
        """Both idle, each with all of the other's folder; the seconds it took."""
        began = time.monotonic()
        self.a.wait_for(
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
        its side, and each side's scan is done on leaving; then they reconnect."""
        self.a.pause(self.b)
        self.b.pause(self.a)
        self.a.wait_for(
            lambda: not self.a.connected_to(self.b) and not self.b.connected_to(self.a),
            _CONNECT_TIMEOUT_S,
            "a and b disconnected",
        )
        try:
            yield
            for device in self.devices:
                device.scan()  # the edits indexed before the peers meet again
        finally:
            self.a.resume(self.b)
            self.b.resume(self.a)
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
