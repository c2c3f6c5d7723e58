"""A real sway 1.7, headless, with its bar and a notification daemon, for end-to-end tests.

The order that works (PLATFORM-NOTES, "Real desktop shells, headless"), as an unprivileged
user (shell_user.py; sway refuses root):

1. A private root: HOME, the XDG folders, XDG_RUNTIME_DIR (0700), logs, screenshots, all the
   user's.
2. A session bus (``dbus-daemon --session``), started after the variables are set: services it
   activates (dconf for swaync) inherit them.
3. ``sway`` with ``WLR_BACKENDS=headless`` (no seat, no DRM device, no input device: nothing a
   chroot lacks), the pixman renderer, one 1280x800 output, Xwayland on demand, a bar with a
   tray (swaybar is a StatusNotifierItem host: it owns org.kde.StatusNotifierWatcher). The
   config's ``exec env`` writes the environment sway gives its clients (WAYLAND_DISPLAY,
   DISPLAY, SWAYSOCK) to a file, which is how the test learns them.
4. The notification daemon, started explicitly and waited for on the bus (several installed
   daemons are D-Bus-activatable on org.freedesktop.Notifications: a call made too early would
   start an arbitrary one).

Everything started here runs in its own process group and is killed by group at stop().
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

from tests.e2e.desktop import wait_until
from tests.shells.daemons import NotificationDaemon
from tests.shells.shell_user import ShellUser

WIDTH, HEIGHT = 1280, 800
PROGRAMS = ("sway", "swaybar", "Xwayland", "grim", "dbus-daemon", "dbus-send", "notify-send")
DEBIAN_PACKAGES = (
    "sway mako-notifier sway-notification-center grim xwayland jq systemd libnotify-bin dbus"
)
_TERM_GRACE_S = 3.0
X11_SOCKETS = Path("/tmp/.X11-unix")


class ShellError(RuntimeError):
    """The shell could not be started or driven."""


class SwayShell:
    """sway + swaybar + a notification daemon, as ``user``; a context manager."""

    def __init__(self, daemon: NotificationDaemon, user: ShellUser) -> None:
        self.daemon = daemon
        self.user = user
        self.env: dict[str, str] = {}
        self.timings_s: dict[str, float] = {}
        self._root: Path | None = None
        self._children: list[tuple[str, subprocess.Popen[bytes]]] = []

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # ------------------------------------------------------------------ lifecycle

    def up_line(self, label: str) -> str:
        """What a test module prints once the shell is up: who runs it, each part's time."""
        figures = ", ".join(f"{part} {s:.2f} s" for part, s in self.timings_s.items())
        return f"\n{label} up as {self.user.name}: {figures}"

    def start(self) -> None:
        """Start everything; on failure stop what started and raise ShellError with the logs."""
        missing = [p for p in (*PROGRAMS, *self.daemon.tools) if not shutil.which(p)]
        if missing:
            raise ShellError(
                f"cannot start a sway shell: missing {', '.join(missing)} "
                f"(Debian: apt-get install {DEBIAN_PACKAGES}; tests/run.sh installs them)"
            )
        started = time.monotonic()
        try:
            self._make_root()
            self._start_bus()
            self._start_sway()
            self._start_daemon()
        except Exception as error:
            logs = self.log_tails()
            self.stop()
            raise ShellError(f"the sway shell did not start: {error}{logs}") from error
        self.timings_s["total"] = time.monotonic() - started

    def stop(self) -> None:
        """Kill every process group started here, newest first, and remove the root."""
        while self._children:
            _, proc = self._children.pop()
            _kill_group(proc)
        if self._root is not None and not os.environ.get("FOCUSMATE_E2E_KEEP"):
            shutil.rmtree(self._root, ignore_errors=True)
        self._root = None

    @property
    def root(self) -> Path:
        if self._root is None:
            raise ShellError("the shell is not running")
        return self._root

    def private_dir(self, name: str) -> Path:
        """A new folder in the root, the user's, mode 0700."""
        path = self.root / name
        path.mkdir(mode=0o700)
        self.user.own(path)
        return path

    def log_tails(self, max_chars: int = 1500) -> str:
        if self._root is None:
            return ""
        return "".join(
            f"\n--- {path.name} ---\n{path.read_text(errors='replace')[-max_chars:].strip()}"
            for path in sorted((self._root / "logs").glob("*.log"))
        )

    # ------------------------------------------------------------------ processes

    def spawn(
        self, cmd: Sequence[str], *, name: str, extra_env: Mapping[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        """Start ``cmd`` as the user in the shell's environment, in its own process group,
        its output in logs/<name>.log; killed at stop() (or by :meth:`terminate`)."""
        log = self.root / "logs" / f"{name}.log"
        with log.open("ab") as out:
            proc = subprocess.Popen(
                list(cmd),
                env={**self.env, **(extra_env or {})},
                cwd=self.root,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **self.user.popen_kwargs(),
            )
        self._children.append((name, proc))
        return proc

    def forget(self, proc: subprocess.Popen[bytes]) -> None:
        """Stop tracking ``proc`` (it was killed by the test, and reaped)."""
        self._children = [(n, p) for n, p in self._children if p is not proc]

    def run(
        self,
        cmd: Sequence[str],
        *,
        check: bool = False,
        timeout_s: float = 10.0,
        extra_env: Mapping[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """Run a short command as the user in the shell's environment; with ``check`` a
        non-zero exit raises ShellError quoting its output."""
        done = subprocess.run(
            list(cmd),
            env={**self.env, **(extra_env or {})},
            cwd=self.root,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
            **self.user.popen_kwargs(),
        )
        if check and done.returncode != 0:
            raise ShellError(
                f"{' '.join(cmd)} exited {done.returncode}\n"
                f"stdout: {done.stdout.strip()}\nstderr: {done.stderr.strip()}"
            )
        return done

    # ------------------------------------------------------------------ the screen and bus

    def screenshot(self, name: str) -> Path:
        """The whole output as the compositor drew it (grim), as shots/<name>.png."""
        path = self.root / "shots" / f"{name}.png"
        self.run(["grim", str(path)], check=True, timeout_s=20)
        return path

    def notify(self, summary: str, body: str = "from another program") -> None:
        """A notification from another program, as the user's mail client would send one."""
        self.run(["notify-send", "--app-name=probe", summary, body], check=True)

    def name_owner_pid(self, bus_name: str) -> int | None:
        """The PID owning ``bus_name``, or None; asks only the bus, so it activates nothing."""
        owned = self._bus_call("NameHasOwner", f"string:{bus_name}")
        if "true" not in owned:
            return None
        answer = self._bus_call("GetConnectionUnixProcessID", f"string:{bus_name}")
        match = re.search(r"uint32\s+(\d+)", answer)
        return int(match.group(1)) if match else None

    def registered_tray_items(self) -> list[str]:
        """The StatusNotifierItems the bar's watcher lists ("service/path" each)."""
        answer = self.run(
            [
                "dbus-send",
                "--session",
                "--print-reply=literal",
                "--dest=org.kde.StatusNotifierWatcher",
                "/StatusNotifierWatcher",
                "org.freedesktop.DBus.Properties.Get",
                "string:org.kde.StatusNotifierWatcher",
                "string:RegisteredStatusNotifierItems",
            ],
            check=True,
        ).stdout
        return re.findall(r"([:\w.\-]+/[\w/]+)", answer)

    def item_property(self, item: str, name: str) -> str:
        """A property of a StatusNotifierItem ("service/path"), as dbus-send prints it."""
        service, _, path = item.partition("/")
        answer = self.run(
            [
                "dbus-send",
                "--session",
                "--print-reply=literal",
                f"--dest={service}",
                f"/{path}",
                "org.freedesktop.DBus.Properties.Get",
                "string:org.kde.StatusNotifierItem",
                f"string:{name}",
            ],
            check=True,
        ).stdout
        return answer.strip().removeprefix("variant").strip()

    def _bus_call(self, method: str, *arguments: str) -> str:
        return self.run(
            [
                "dbus-send",
                "--session",
                "--print-reply=literal",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                f"org.freedesktop.DBus.{method}",
                *arguments,
            ],
            timeout_s=5,
        ).stdout

    # ------------------------------------------------------------------ start-up steps

    def _make_root(self) -> None:
        # A short path: a unix socket's path (the bus, wayland-1) must stay under 108 bytes;
        # in /tmp, which every user can reach (pytest's own folders are root's alone).
        self._root = Path(tempfile.mkdtemp(prefix=f"fm-sway-{self.daemon.name}-"))
        home = self._root / "home"
        xdg = {
            "HOME": home,
            "XDG_CONFIG_HOME": home / ".config",
            "XDG_DATA_HOME": home / ".local" / "share",
            "XDG_CACHE_HOME": home / ".cache",
            "XDG_STATE_HOME": home / ".local" / "state",
        }
        for path in (*xdg.values(), self._root / "logs", self._root / "shots"):
            path.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            # As every X server run by root leaves it (a fresh root has none): else Xwayland,
            # run by the user, makes it the user's, 0755, and later root-run X servers warn.
            with contextlib.suppress(FileExistsError):
                X11_SOCKETS.mkdir()
                X11_SOCKETS.chmod(0o1777)
        runtime = self._root / "run"
        runtime.mkdir(mode=0o700)
        runtime.chmod(0o700)  # mkdir's mode went through the umask
        self._write_sway_config(xdg["XDG_CONFIG_HOME"])
        self.daemon.configure(xdg["XDG_CONFIG_HOME"])
        for path in sorted(self._root.rglob("*"), reverse=True):
            self.user.own(path)
        self.user.own(self._root)
        self._root.chmod(0o755)  # the test (root) and the user both read it
        # Only what a desktop session has: nothing of the test's own environment (its
        # QT_QPA_PLATFORM=offscreen, a developer's DISPLAY) reaches the shell.
        self.env = {
            "PATH": os.environ.get("PATH", os.defpath),
            "LANG": "C.UTF-8",
            **{key: str(path) for key, path in xdg.items()},
            "XDG_RUNTIME_DIR": str(runtime),
            "XDG_CURRENT_DESKTOP": "sway",
            "XDG_SESSION_TYPE": "wayland",
            # GTK programs (swaync) must not go looking for an accessibility bus.
            "NO_AT_BRIDGE": "1",
        }

    def _write_sway_config(self, config_home: Path) -> None:
        folder = config_home / "sway"
        folder.mkdir(parents=True)
        (folder / "config").write_text(
            f"output HEADLESS-1 resolution {WIDTH}x{HEIGHT}\n"
            "xwayland enable\n"
            "bar {\n    tray_output *\n}\n"
            f"exec env > {self.root / 'sway-env.tmp'} && mv {self.root / 'sway-env.tmp'} "
            f"{self.root / 'sway-env'}\n"
        )

    def _start_bus(self) -> None:
        started = time.monotonic()
        socket = Path(self.env["XDG_RUNTIME_DIR"]) / "bus"
        self.spawn(
            [
                "dbus-daemon",
                "--session",
                "--nofork",
                "--nopidfile",
                "--nosyslog",
                f"--address=unix:path={socket}",
            ],
            name="dbus",
        )
        self.env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={socket}"
        wait_until(
            lambda: self._bus_call("GetId").strip(),
            timeout_s=10,
            what="the session bus to answer",
        )
        self.timings_s["dbus"] = time.monotonic() - started

    def _start_sway(self) -> None:
        started = time.monotonic()
        sway = self.spawn(
            ["sway", "--config", str(Path(self.env["XDG_CONFIG_HOME"]) / "sway" / "config")],
            name="sway",
            extra_env={
                "WLR_BACKENDS": "headless",
                "WLR_LIBINPUT_NO_DEVICES": "1",
                "WLR_RENDERER": "pixman",
            },
        )
        env_file = self.root / "sway-env"

        def ready() -> dict[str, str] | None:
            if sway.poll() is not None:
                raise ShellError(f"sway exited with {sway.returncode}")
            if not env_file.exists():
                return None
            lines = dict(
                line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line
            )
            return lines if {"WAYLAND_DISPLAY", "SWAYSOCK"} <= lines.keys() else None

        given = wait_until(ready, timeout_s=15, what="sway to run its config's exec")
        for key in ("WAYLAND_DISPLAY", "DISPLAY", "SWAYSOCK"):
            if key in given:
                self.env[key] = given[key]
        if "DISPLAY" not in self.env:
            raise ShellError("sway gave its clients no DISPLAY: Xwayland is not enabled")
        self.timings_s["sway"] = time.monotonic() - started
        wait_until(
            lambda: self.name_owner_pid("org.kde.StatusNotifierWatcher"),
            timeout_s=15,
            what="swaybar's tray (org.kde.StatusNotifierWatcher on the bus)",
        )
        self.timings_s["swaybar tray"] = time.monotonic() - started

    def _start_daemon(self) -> None:
        started = time.monotonic()
        proc = self.spawn(self.daemon.command(), name=self.daemon.name)

        def owned() -> bool:
            if proc.poll() is not None:
                raise ShellError(f"{self.daemon.name} exited with {proc.returncode}")
            return self.name_owner_pid(self.daemon.bus_name) == proc.pid and (
                self.name_owner_pid("org.freedesktop.Notifications") == proc.pid
            )

        wait_until(owned, timeout_s=15, what=f"{self.daemon.name} on the bus")
        self.timings_s[self.daemon.name] = time.monotonic() - started


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process group, wait up to 3 s, SIGKILL what is left, then reap the leader.

    The leader is reaped last: until then its PID, the group's id, cannot be reused, so the
    signals cannot reach an unrelated process.
    """
    if proc.returncode is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + _TERM_GRACE_S
        while not _has_exited(proc) and time.monotonic() < deadline:
            time.sleep(0.02)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def _has_exited(proc: subprocess.Popen[bytes]) -> bool:
    """Whether ``proc`` ended, without reaping it."""
    if proc.returncode is not None:
        return True
    try:
        return os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:
        return True
