"""One real Syncthing 1.19 daemon for the tests: its home, its copy of the shared folder, its
REST API, and the start and stop that keep it on loopback and leave nothing running.

How and why it is set up so is told in tests/sync_engines/syncthing.py, which pairs two.
"""

from __future__ import annotations

import contextlib
import json
import os
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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tests.e2e.desktop import wait_until

FOLDER_ID = "focusmate-sync"
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
    # A dropped connection (a test paused it, a daemon restarted) is dialled again after
    # this; the default 60 s would hold a test that long; 1.19 raises anything lower to 5.
    "reconnectionIntervalS": "5",
}
_START_TIMEOUT_S = 20.0
CONNECT_TIMEOUT_S = 20.0
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
    env.update(STMONITORED="yes", STHASHING="minio")  # why: see syncthing.py's docstring
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
        self._shutdown_requested = False
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    @property
    def listen_address(self) -> str:
        """Where it listens for its peers, and where a peer that dials it is told to."""
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
        """Its name, and the options that keep it on loopback (see syncthing.py's docstring)."""
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
        """Ask it to shut down (``POST /rest/system/shutdown``), once; :meth:`stop` waits."""
        if self._shutdown_requested or self._process is None or self._process.poll() is not None:
            return
        self._shutdown_requested = True
        with contextlib.suppress(urllib.error.URLError, ConnectionError, SyncthingError):
            self.rest("POST", "/rest/system/shutdown")

    def stop(self) -> None:
        """Shut it down through REST, and if it has not ended within the grace period SIGTERM,
        then SIGKILL its group; reaped in every case."""
        process = self._process
        if process is None:
            return
        self.request_shutdown()
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=_STOP_GRACE_S)
                break
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
        process.wait()

    def wait_for(self, ready: Callable[[], object], timeout_s: float, what: str) -> None:
        """wait_for() of this device alone."""
        wait_for([self], ready, timeout_s, what)

    @property
    def ended(self) -> bool:
        return self._process is not None and self._process.poll() is not None

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

    def add_device(self, other: SyncthingDevice, *, dial: bool) -> None:
        """Know ``other``: at its loopback listen address when this device is the one that
        ``dial``s, else as ``dynamic`` (with discovery off: never dialled, only accepted)."""
        address = other.listen_address if dial else "dynamic"
        self.rest(
            "PUT",
            f"/rest/config/devices/{other.device_id}",
            {"deviceID": other.device_id, "name": other.name, "addresses": [address]},
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


def wait_for(
    devices: Sequence[SyncthingDevice], ready: Callable[[], object], timeout_s: float, what: str
) -> None:
    """wait_until(ready); SyncthingError with the devices' log tails when the time is up, at
    once if one of the daemons ends."""

    def ready_or_dead() -> bool:
        for device in devices:
            if device.ended:
                raise SyncthingError(f"{device.name} exited while waiting for {what}{tails()}")
        return bool(ready())

    def tails() -> str:
        return "".join(device.log_tail() for device in devices)

    try:
        wait_until(ready_or_dead, timeout_s=timeout_s, what=what)
    except TimeoutError as timed_out:
        raise SyncthingError(f"{timed_out}{tails()}") from None
