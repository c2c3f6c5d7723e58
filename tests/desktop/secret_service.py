"""A real Secret Service for tests (issue 15, "How to test it for real"): GNOME Keyring,
unlocked, on a private D-Bus session bus, with its keyrings under a temporary home.

Two pieces, each a small class with ``start``/``stop`` and a context manager, no pytest
fixture inside (the e2e desktop rig, tests/e2e/desktop.py, calls them too):

- :class:`PrivateSessionBus`: ``dbus-daemon --session --nofork`` on a socket under ``home``,
  started with ``HOME`` and the XDG folders under ``home`` (services the bus activates
  inherit the bus daemon's environment, never the machine's home). ``bare=True`` gives a bus
  that activates nothing, where no Secret Service can appear.
- :func:`start_unlocked_keyring`: ``gnome-keyring-daemon --foreground --unlock
  --components=secrets`` on the bus named by ``env["DBUS_SESSION_BUS_ADDRESS"]`` (a private
  bus; the machine's own is refused), the unlock password written to its standard input, its
  keyrings in ``home/.local/share/keyrings``; returns once org.freedesktop.secrets is owned
  on that bus. Without a bus address in ``env`` it starts a PrivateSessionBus of its own,
  stopped with the keyring.

Every process runs in its own session and is ended by process group: SIGTERM, then SIGKILL
after a grace period, then reaped.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path

from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

SECRETS_NAME = "org.freedesktop.secrets"
_READY_TIMEOUT_S = 15.0
_STOP_GRACE_S = 3.0

_BARE_BUS_CONFIG = """<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def private_environment(home: Path, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this process's environment) with HOME and the XDG folders under
    ``home``, which is created; XDG_RUNTIME_DIR is kept if ``base`` names one."""
    env = dict(os.environ if base is None else base)
    folders = {
        "HOME": home,
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CACHE_HOME": home / ".cache",
    }
    if "XDG_RUNTIME_DIR" not in env or base is None:
        folders["XDG_RUNTIME_DIR"] = home / "runtime"
    for name, folder in folders.items():
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    Path(env["XDG_RUNTIME_DIR"]).chmod(0o700)
    return env


class PrivateSessionBus:
    """A session bus of the test's own; ``address`` once started."""

    def __init__(self, home: Path, *, bare: bool = False) -> None:
        self.env = private_environment(home)
        self.socket = Path(self.env["XDG_RUNTIME_DIR"]) / "bus"
        self.bare = bare
        self.address = ""
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> PrivateSessionBus:
        if self.bare:
            config = self.socket.with_name("bare-bus.conf")
            config.write_text(_BARE_BUS_CONFIG.format(socket=self.socket), encoding="utf-8")
            how = [f"--config-file={config}"]
        else:
            how = ["--session", f"--address=unix:path={self.socket}"]
        self._process = subprocess.Popen(
            ["dbus-daemon", "--nofork", "--nopidfile", "--nosyslog", "--print-address=1", *how],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            env=self.env,
            start_new_session=True,
        )
        assert self._process.stdout is not None
        # dbus-daemon prints its address once it listens (its first and only line).
        self.address = self._process.stdout.readline().decode().strip()
        self._process.stdout.close()  # it prints nothing more
        if not self.address:
            self.stop()
            raise RuntimeError("dbus-daemon did not start (no address printed)")
        return self

    def stop(self) -> None:
        _end(self._process)
        self._process = None

    def __enter__(self) -> PrivateSessionBus:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


class UnlockedKeyring:
    """A running, unlocked gnome-keyring-daemon; ``env`` is the environment it runs in (its
    bus address included) and ``bus_address`` the bus it serves."""

    def __init__(
        self, process: subprocess.Popen[bytes], env: dict[str, str], bus: PrivateSessionBus | None
    ) -> None:
        self.process = process
        self.env = env
        self.bus_address = env["DBUS_SESSION_BUS_ADDRESS"]
        self._own_bus = bus

    def stop(self) -> None:
        _end(self.process)
        if self._own_bus is not None:
            self._own_bus.stop()

    def __enter__(self) -> UnlockedKeyring:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def start_unlocked_keyring(env: Mapping[str, str], home: Path) -> UnlockedKeyring:
    """GNOME Keyring's Secret Service, unlocked, on the private bus of ``env`` (or on a new
    private bus when ``env`` names none), keeping its keyrings under ``home``. Returns once
    org.freedesktop.secrets is owned on that bus; RuntimeError with the daemon's output if
    it exits or does not appear within 15 s. Stop it with ``.stop()`` (or ``with``)."""
    own_bus = None
    daemon_env = private_environment(home, env)
    if "DBUS_SESSION_BUS_ADDRESS" not in env:
        own_bus = PrivateSessionBus(home).start()
        daemon_env["DBUS_SESSION_BUS_ADDRESS"] = own_bus.address
    elif env["DBUS_SESSION_BUS_ADDRESS"] == os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        raise RuntimeError("refusing to start a keyring on this machine's own session bus")
    output = home / "gnome-keyring.log"
    with output.open("wb") as log:
        process = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=daemon_env,
            start_new_session=True,
        )
    assert process.stdin is not None
    # What the keyring file is encrypted with: any non-empty text, never typed by a test.
    process.stdin.write(secrets.token_urlsafe(16).encode())
    process.stdin.close()  # the daemon reads the password up to end of file
    keyring = UnlockedKeyring(process, daemon_env, own_bus)
    try:
        _wait_for_name(keyring.bus_address, SECRETS_NAME, process, output)
    except BaseException:
        keyring.stop()
        raise
    return keyring


def _wait_for_name(address: str, name: str, process: subprocess.Popen[bytes], output: Path) -> None:
    """Polls NameHasOwner (which never activates ``name``) until someone owns it;
    RuntimeError with the process's ``output`` if it exits or the time is up first."""
    deadline = time.monotonic() + _READY_TIMEOUT_S
    with open_dbus_connection(address) as connection:
        while True:
            reply = connection.send_and_get_reply(message_bus.NameHasOwner(name), timeout=5)
            if reply.body[0]:
                return
            if process.poll() is not None or time.monotonic() > deadline:
                said = output.read_text(errors="replace")
                raise RuntimeError(f"{name} did not appear on the bus; the daemon said:\n{said}")
            time.sleep(0.05)


def _end(process: subprocess.Popen[bytes] | None) -> None:
    """SIGTERM to the process's group, SIGKILL after the grace period, then reaped."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=_STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:  # gone between poll and kill
        process.wait()
