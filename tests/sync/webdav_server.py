"""A real WebDAV server on loopback for the sync folder's WebDAV tests: wsgidav (on cheroot)
in a child process, sharing a tmp folder, with basic authentication for one user."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

USER = "manager"
PASSWORD = "s3cret-for-tests"  # noqa: S105 - the test server's own user


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class WebDavServer:
    """wsgidav serving ``folder`` at http://127.0.0.1:<port>/ while started."""

    def __init__(self, folder: Path, work: Path) -> None:
        self.folder = folder
        self.work = work
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        config = {
            "host": "127.0.0.1",
            "port": self.port,
            "provider_mapping": {"/": str(self.folder)},
            "http_authenticator": {
                "domain_controller": None,
                "accept_basic": True,
                "accept_digest": False,
                "default_to_digest": False,
            },
            "simple_dc": {"user_mapping": {"*": {USER: {"password": PASSWORD}}}},
            "verbose": 1,
        }
        path = self.work / "wsgidav.json"
        path.write_text(json.dumps(config))
        with (self.work / "wsgidav.log").open("ab") as log:  # the child keeps its own copy
            self.process = subprocess.Popen(
                [sys.executable, "-m", "wsgidav.server.server_cli", "--config", str(path)],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"wsgidav exited: {(self.work / 'wsgidav.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("wsgidav did not listen within 15 s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
