"""A real, headless X11 desktop for focusmate's end-to-end tests.

``HeadlessDesktop`` stands up, inside private temporary directories, everything a tray app meets
on a small Linux desktop, and tears it all down again:

1. **Xvfb** (``-screen 0 1280x800x24 -nolisten tcp -noreset``).  Xvfb picks the free display
   number itself (``-displayfd``: it tries ``:0``, ``:1``, ... and reports the first one whose
   sockets it could bind), which is race-free when several test runs share a machine, and writes
   the number once it accepts connections; we still wait until ``xdpyinfo`` answers.  Caveat: with
   ``-displayfd`` Debian's Xvfb writes no ``/tmp/.X<N>-lock``, so a tool that chooses its display by
   looking for lock files may pick ours (its server then fails; ours is unaffected).
   ``-noreset`` matters: without it the server resets when its last client disconnects and refuses
   connections meanwhile; right after the ``xdpyinfo`` probe, trayer failed with "cannot open
   display" in about 1 start of 10.
2. A temporary ``HOME``, ``XDG_CONFIG_HOME``, ``XDG_DATA_HOME``, ``XDG_CACHE_HOME`` and
   ``XDG_RUNTIME_DIR`` (mode 0700), put into :attr:`HeadlessDesktop.env` **before** the bus starts:
   D-Bus-activated services (dconf, xfconfd, ...) inherit the bus daemon's environment, not the
   caller's.
3. A private **D-Bus session bus**: ``dbus-daemon --session --nofork`` listening on
   ``$XDG_RUNTIME_DIR/bus``; its address comes back through ``--print-address=FD``.  Services it
   activates (dconf-service, ...) stay in its process group, so they die with it at teardown.
4. The XEmbed tray host **trayer** (``--edge top --align right``, 200x32 px, dock type).  Ready when
   its panel window exists *and* it owns the ``_NET_SYSTEM_TRAY_S0`` selection (the selection is
   what Qt looks for; the owner is read with libX11 through ctypes).
5. The notification daemon **dunst**, started explicitly.  Ready when
   ``org.freedesktop.Notifications`` is owned on the bus *by our dunst's PID*.  We poll with
   ``NameHasOwner`` (never with a call to the name itself: that would D-Bus-activate a second
   daemon from ``/usr/share/dbus-1/services``).  ``notification_daemon=`` starts another one
   instead (a name from :data:`NOTIFICATION_DAEMONS` such as ``"xfce4-notifyd"`` or
   ``"mate-notification-daemon"``, or any command line, e.g. a test's fake server), or none.

Every process is started in its own session (so its own process group) and is killed by process
group at teardown: SIGTERM, up to 3 s grace, then SIGKILL, then reaped.  Temporary directories are
removed.  A missing binary raises :class:`DesktopError` (a ``RuntimeError``) naming it: the e2e
tests must fail, never skip, when the desktop cannot be stood up.

Findings on Debian 12 (Xvfb 21.1, trayer 1.1.8, dunst 1.9.0, PySide6 6.12), with no window manager:

* With no ``org.kde.StatusNotifierWatcher`` on the bus, Qt uses XEmbed.  The icon is a Qt window
  (``_XEMBED_INFO`` set, ``WM_CLASS`` = (resource name = ``argv[0]`` basename, application name),
  ``_NET_WM_NAME`` = application display name, 22x22 requested) that trayer reparents into a
  GtkSocket window; in ``xwininfo -tree`` it is a *grandchild* of trayer's panel window
  (``WM_CLASS`` ``"panel", "trayer"``; the other trayer window, class ``"trayer", "Trayer"``, is a
  10x10 helper).  trayer gives it 22x30 px at the right end of the panel (x 1257, y 1 on a 1280 px
  screen).
* ``xdotool mousemove --sync X Y click 3`` on the icon's centre opens the context menu at once: a
  new override-redirect top-level window with ``_NET_WM_WINDOW_TYPE_POPUP_MENU`` and the app's
  ``WM_CLASS``.  The QMenu grabs the keyboard, so ``xdotool key Down Return`` (no window manager,
  no focus needed) works; the first ``Down`` selects the first item.  Clicking an item works too.
* xdotool 3.20160805's ``mousemove --sync`` hangs forever when the pointer is already at the
  target (a second app's icon lands where the first one was): :meth:`HeadlessDesktop.move_pointer`
  skips the move in that case.
* A left click delivers ``QSystemTrayIcon.activated`` with ``Trigger`` immediately (press);
  right click delivers ``Context`` as well as opening the menu.
* ``showMessage()`` on XEmbed draws Qt's own balloon and does not reach dunst.
* ``dunstctl set-paused true`` moves displayed notifications to "waiting" too, not only new ones.
* dbus-daemon prints "Failed to set fd limit to 65536: Operation not permitted" when it cannot
  raise its limit (containers); harmless.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import NamedTuple, Self, TypeVar

__all__ = [
    "CUSTOM_DAEMON_NAME",
    "NOTIFICATION_DAEMONS",
    "REQUIRED_BINARIES",
    "DesktopError",
    "Geometry",
    "HeadlessDesktop",
    "NotificationCounts",
    "wait_until",
]

#: Programs that must be on PATH to stand the desktop up (Debian: xvfb, x11-utils, xdotool,
#: dbus / dbus-bin, trayer, dunst).
REQUIRED_BINARIES: tuple[str, ...] = (
    "Xvfb",
    "xdpyinfo",
    "xwininfo",
    "xprop",
    "xdotool",
    "dbus-daemon",
    "dbus-send",
    "trayer",
    "dunst",
    "dunstctl",
)

#: Notification daemons the desktop can start by name (``notification_daemon=``): the
#: candidate paths of each program (the first that exists is run; a bare name is looked up on
#: PATH).  Debian: dunst, xfce4-notifyd, mate-notification-daemon.
NOTIFICATION_DAEMONS: dict[str, tuple[str, ...]] = {
    "dunst": ("dunst",),
    "xfce4-notifyd": (
        "/usr/lib/x86_64-linux-gnu/xfce4/notifyd/xfce4-notifyd",
        "/usr/lib/aarch64-linux-gnu/xfce4/notifyd/xfce4-notifyd",
        "/usr/lib/xfce4/notifyd/xfce4-notifyd",
    ),
    "mate-notification-daemon": (
        "/usr/lib/mate-notification-daemon/mate-notification-daemon",
        "/usr/libexec/mate-notification-daemon",
    ),
}
#: The log and :attr:`HeadlessDesktop.pids` name of a daemon given as a command line.
CUSTOM_DAEMON_NAME = "notification-daemon"
_DUNST_ONLY_BINARIES = ("dunst", "dunstctl")

#: Variables of the caller's session that must not leak into the private desktop.
_LEAKY_ENV_PREFIXES = ("XDG_", "DBUS_", "WAYLAND_", "GNOME_", "KDE_", "QT_", "GTK_", "AT_SPI_")
_LEAKY_ENV_NAMES = frozenset(
    {"DISPLAY", "XAUTHORITY", "SESSION_MANAGER", "DESKTOP_SESSION", "HOME", "TMUX", "STY"}
)

_NOTIFICATIONS = "org.freedesktop.Notifications"
_POPUP_MENU_TYPE = "_NET_WM_WINDOW_TYPE_POPUP_MENU"
_TERM_GRACE_S = 3.0

T = TypeVar("T")


class DesktopError(RuntimeError):
    """The headless desktop could not be stood up or driven."""


class Geometry(NamedTuple):
    """A window's rectangle in root-window (screen) coordinates."""

    x: int
    y: int
    width: int
    height: int

    @property
    def center(self) -> tuple[int, int]:
        """The middle of the rectangle, where a click lands on the window."""
        return self.x + self.width // 2, self.y + self.height // 2


class NotificationCounts(NamedTuple):
    """dunst's counters, as printed by ``dunstctl count``."""

    waiting: int
    displayed: int
    history: int


def wait_until(
    predicate: Callable[[], T | None],
    *,
    timeout_s: float,
    what: str,
    interval_s: float = 0.05,
) -> T:
    """Poll ``predicate`` until it returns a truthy value, and return that value.

    Raises :class:`TimeoutError` naming ``what`` after ``timeout_s`` seconds.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout_s:.1f} s waiting for {what}")
        time.sleep(interval_s)


def _missing_binaries(names: Sequence[str], env: Mapping[str, str]) -> list[str]:
    """The programs among ``names`` not found on ``env``'s PATH (what the children will use)."""
    search_path = env.get("PATH", os.defpath)
    return [name for name in names if shutil.which(name, path=search_path) is None]


def _clean_base_env(base: Mapping[str, str]) -> dict[str, str]:
    """The caller's environment minus anything pointing at its own desktop session."""
    return {
        key: value
        for key, value in base.items()
        if key not in _LEAKY_ENV_NAMES and not key.startswith(_LEAKY_ENV_PREFIXES)
    }


def _read_line_from_fd(fd: int, timeout_s: float, what: str) -> str:
    """Read one ``\\n``-terminated line from ``fd`` within ``timeout_s`` (then close ``fd``)."""
    deadline = time.monotonic() + timeout_s
    data = b""
    try:
        while b"\n" not in data:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DesktopError(f"timed out after {timeout_s:.1f} s waiting for {what}")
            readable, _, _ = select.select([fd], [], [], remaining)
            if not readable:
                continue
            chunk = os.read(fd, 4096)
            if not chunk:
                raise DesktopError(f"{what}: the process closed the pipe without an answer")
            data += chunk
    finally:
        os.close(fd)
    return data.split(b"\n", 1)[0].decode().strip()


def _has_exited(proc: subprocess.Popen[bytes]) -> bool:
    """True when ``proc`` has ended, *without reaping it*.

    Leaving the zombie unreaped keeps its PID (= its process-group id) reserved, so a later
    ``killpg`` at teardown cannot hit an unrelated process that reused the number.
    """
    if proc.returncode is not None:
        return True
    try:
        result = os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return True
    return result is not None


class _XLib:
    """Just enough of libX11 (through ctypes) to ask who owns an X selection."""

    def __init__(self) -> None:
        name = ctypes.util.find_library("X11") or "libX11.so.6"
        try:
            lib = ctypes.CDLL(name)
        except OSError as exc:
            raise DesktopError(f"cannot load libX11 ({name}): {exc}") from exc
        lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        lib.XOpenDisplay.restype = ctypes.c_void_p
        lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        lib.XInternAtom.restype = ctypes.c_ulong
        lib.XGetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        lib.XGetSelectionOwner.restype = ctypes.c_ulong
        lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        lib.XCloseDisplay.restype = ctypes.c_int
        self._lib = lib

    def selection_owner(self, display: str, selection: str) -> int:
        """The window id owning ``selection`` on ``display``, or 0 (none, or no connection)."""
        handle = self._lib.XOpenDisplay(display.encode())
        if not handle:
            return 0
        try:
            atom = self._lib.XInternAtom(handle, selection.encode(), 0)
            return int(self._lib.XGetSelectionOwner(handle, atom))
        finally:
            self._lib.XCloseDisplay(handle)


class _Child(NamedTuple):
    name: str
    proc: subprocess.Popen[bytes]
    log_path: Path


class HeadlessDesktop:
    """Xvfb + private D-Bus session + trayer + dunst, for end-to-end tests.

    Use it as a context manager (or call :meth:`start` / :meth:`stop`)::

        with HeadlessDesktop() as desktop:
            app = desktop.spawn(["focusmate"], name="focusmate")
            icon = desktop.wait_for_tray_icon(wm_class="focusmate")
            menu = desktop.open_tray_menu(icon)
            desktop.key("Down", "Return")

    Attributes valid after :meth:`start`: :attr:`env` (the full environment for child processes),
    :attr:`display`, :attr:`bus_address`, :attr:`home`, :attr:`runtime_dir`, :attr:`log_dir`,
    :attr:`panel_window` (trayer's panel) and :attr:`timings_s` (start-up time of each part).
    """

    def __init__(
        self,
        *,
        screen: str = "1280x800x24",
        startup_timeout_s: float = 15.0,
        keep_dir: bool = False,
        base_env: Mapping[str, str] | None = None,
        notification_daemon: str | Sequence[str] | None = "dunst",
    ) -> None:
        """Configure (but do not start) the desktop.

        ``screen`` is Xvfb's ``WxHxDEPTH``; ``startup_timeout_s`` bounds each start-up wait;
        ``keep_dir`` keeps the temporary directory (logs, HOME) after teardown for debugging;
        ``base_env`` is the environment to start from (default ``os.environ``, cleaned of the
        caller's desktop session variables); ``notification_daemon`` is the daemon to start and
        wait for: a key of :data:`NOTIFICATION_DAEMONS` (default ``"dunst"``), a command line
        (a sequence; it must own ``org.freedesktop.Notifications`` itself, under the PID it was
        started with; logged as :data:`CUSTOM_DAEMON_NAME`), or None for no daemon.
        """
        self._screen = screen
        self._startup_timeout_s = startup_timeout_s
        self._keep_dir = keep_dir
        self._base_env = dict(os.environ if base_env is None else base_env)
        if isinstance(notification_daemon, str) and notification_daemon not in (
            NOTIFICATION_DAEMONS
        ):
            raise DesktopError(
                f"unknown notification daemon {notification_daemon!r}; known: "
                + ", ".join(NOTIFICATION_DAEMONS)
            )
        self._daemon = notification_daemon
        self._children: list[_Child] = []
        self._root: Path | None = None
        self._xlib: _XLib | None = None
        self.env: dict[str, str] = {}
        self.display = ""
        self.bus_address = ""
        self.panel_window = 0
        self.timings_s: dict[str, float] = {}

    # ----------------------------------------------------------------- lifecycle

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

    def start(self) -> None:
        """Stand up the whole desktop; on any failure, tear down what started and raise."""
        if self._root is not None:
            raise DesktopError("HeadlessDesktop.start() called twice")
        missing = _missing_binaries(self._required_binaries(), self._base_env)
        if missing:
            raise DesktopError(
                "cannot stand up the headless desktop: missing program(s) "
                + ", ".join(missing)
                + " (Debian: apt-get install xvfb x11-utils xdotool dbus dbus-bin trayer dunst"
                + " xfce4-notifyd mate-notification-daemon)"
            )
        started = time.monotonic()
        try:
            self._make_dirs()
            self._start_xvfb()
            self._start_bus()
            self._start_trayer()
            self._start_notification_daemon()
        except Exception as exc:
            logs = self._log_tails()
            self.stop()
            raise DesktopError(f"the headless desktop did not start: {exc}{logs}") from exc
        except BaseException:
            self.stop()
            raise
        self.timings_s["total"] = time.monotonic() - started

    def stop(self) -> None:
        """Kill everything started here (newest first, by process group) and remove temp dirs."""
        while self._children:
            child = self._children.pop()
            self._kill_group(child.proc)
        if self._root is not None and not self._keep_dir:
            shutil.rmtree(self._root, ignore_errors=True)
        self._root = None

    def _log_tails(self, max_chars: int = 1500) -> str:
        """The end of every log so far, for error messages (the logs go with the temp dir)."""
        if self._root is None or not self.log_dir.is_dir():
            return ""
        parts = [
            f"\n--- {path.name} ---\n{path.read_text(errors='replace')[-max_chars:].strip()}"
            for path in sorted(self.log_dir.glob("*.log"))
        ]
        return "".join(parts)

    # --------------------------------------------------------------- directories

    @property
    def root_dir(self) -> Path:
        """The temporary directory holding HOME, XDG_RUNTIME_DIR and the logs."""
        if self._root is None:
            raise DesktopError("the desktop is not running")
        return self._root

    @property
    def home(self) -> Path:
        """The temporary ``HOME``."""
        return self.root_dir / "home"

    @property
    def runtime_dir(self) -> Path:
        """The temporary ``XDG_RUNTIME_DIR`` (mode 0700; holds the bus socket)."""
        return self.root_dir / "run"

    @property
    def log_dir(self) -> Path:
        """Where each started process's stdout and stderr go, as ``<name>.log``."""
        return self.root_dir / "logs"

    @property
    def pids(self) -> dict[str, int]:
        """PID of each process started here and still tracked, by its log name."""
        return {child.name: child.proc.pid for child in self._children}

    def log_path(self, name: str) -> Path:
        """The log file of the process started under ``name``."""
        return self.log_dir / f"{name}.log"

    def read_log(self, name: str) -> str:
        """The log of the process started under ``name`` so far ('' if none)."""
        path = self.log_path(name)
        return path.read_text(errors="replace") if path.exists() else ""

    def _make_dirs(self) -> None:
        # A short path: unix socket paths (the bus lives in XDG_RUNTIME_DIR) max out at 107 bytes.
        self._root = Path(tempfile.mkdtemp(prefix="fm-e2e-"))
        home = self.home
        xdg = {
            "HOME": home,
            "XDG_CONFIG_HOME": home / ".config",
            "XDG_DATA_HOME": home / ".local" / "share",
            "XDG_CACHE_HOME": home / ".cache",
            "XDG_STATE_HOME": home / ".local" / "state",
        }
        for path in [*xdg.values(), self.log_dir]:
            path.mkdir(parents=True, exist_ok=True)
        self._configure_dunst_menu(xdg["XDG_CONFIG_HOME"])
        self.runtime_dir.mkdir(mode=0o700)
        self.runtime_dir.chmod(0o700)  # mkdir's mode is filtered by the umask
        env = _clean_base_env(self._base_env)
        env.update({key: str(path) for key, path in xdg.items()})
        env.update(
            {
                "XDG_RUNTIME_DIR": str(self.runtime_dir),
                "QT_QPA_PLATFORM": "xcb",
                # GTK programs (trayer) must not go looking for an accessibility bus.
                "NO_AT_BRIDGE": "1",
            }
        )
        self.env = env

    # ----------------------------------------------------------------- processes

    def spawn(
        self,
        cmd: Sequence[str],
        *,
        name: str,
        extra_env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
        pass_fds: Sequence[int] = (),
    ) -> subprocess.Popen[bytes]:
        """Start ``cmd`` in the desktop's environment, in its own process group.

        Its stdout and stderr go to :meth:`log_path` ``(name)``.  It is killed (with its whole
        process group) at teardown, or earlier with :meth:`terminate`.
        """
        env = dict(self.env)
        if extra_env:
            env.update(extra_env)
        log_path = self.log_path(name)
        with log_path.open("ab") as log:
            proc = subprocess.Popen(
                list(cmd),
                env=env,
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                pass_fds=tuple(pass_fds),
            )
        self._children.append(_Child(name, proc, log_path))
        return proc

    def terminate(self, proc: subprocess.Popen[bytes]) -> int:
        """Kill a process started with :meth:`spawn` (and its process group) now; its exit code."""
        for index, child in enumerate(self._children):
            if child.proc is proc:
                del self._children[index]
                break
        else:
            raise DesktopError(f"process {proc.pid} was not started by this desktop")
        return self._kill_group(proc)

    @staticmethod
    def _kill_group(proc: subprocess.Popen[bytes]) -> int:
        """SIGTERM the process group, wait up to 3 s for the leader, SIGKILL the group, reap."""
        pgid = proc.pid  # start_new_session=True: the child leads its own group
        if proc.returncode is None:  # not reaped yet, so the pgid cannot have been reused
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, signal.SIGTERM)
            deadline = time.monotonic() + _TERM_GRACE_S
            while not _has_exited(proc) and time.monotonic() < deadline:
                time.sleep(0.02)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, signal.SIGKILL)  # stragglers of the group, or a stuck leader
        return proc.wait()

    @staticmethod
    def _child_died(proc: subprocess.Popen[bytes], name: str) -> None:
        """Raise if ``proc`` has ended (start() adds the logs' tails to the message)."""
        if _has_exited(proc):
            raise DesktopError(f"{name} exited during start-up")

    def run(
        self,
        cmd: Sequence[str],
        *,
        check: bool = False,
        timeout_s: float = 10.0,
        input_text: str | None = None,
        extra_env: Mapping[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """Run a short command in the desktop's environment and capture its text output.

        Like ``subprocess.run``, ``check`` defaults to False; with ``check=True`` a non-zero exit
        raises :class:`DesktopError` quoting stdout and stderr.
        """
        env = dict(self.env)
        if extra_env:
            env.update(extra_env)
        result = subprocess.run(
            list(cmd),
            env=env,
            input=input_text,
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
            stdin=None if input_text is not None else subprocess.DEVNULL,
        )
        if check and result.returncode != 0:
            raise DesktopError(
                f"{' '.join(cmd)} exited {result.returncode}\n"
                f"stdout: {result.stdout.strip()}\nstderr: {result.stderr.strip()}"
            )
        return result

    # -------------------------------------------------------------------- Xvfb

    def _start_xvfb(self) -> None:
        started = time.monotonic()
        proc, number = self._spawn_reporting(
            lambda fd: [
                "Xvfb",
                "-displayfd",
                str(fd),
                "-screen",
                "0",
                self._screen,
                "-nolisten",
                "tcp",
                "-noreset",  # see the module docstring
            ],
            name="xvfb",
            what="Xvfb's display number",
        )
        self.display = f":{number}"
        self.env["DISPLAY"] = self.display

        def answers() -> bool:
            self._child_died(proc, "xvfb")
            return self.run(["xdpyinfo"], timeout_s=5).returncode == 0

        wait_until(answers, timeout_s=self._startup_timeout_s, what=f"xdpyinfo on {self.display}")
        self.timings_s["xvfb"] = time.monotonic() - started

    def _spawn_reporting(
        self, command: Callable[[int], list[str]], *, name: str, what: str
    ) -> tuple[subprocess.Popen[bytes], str]:
        """Spawn a daemon that writes one line (its display or address) to a pipe we pass it."""
        read_fd, write_fd = os.pipe()
        try:
            proc = self.spawn(command(write_fd), name=name, pass_fds=(write_fd,))
        except BaseException:
            os.close(read_fd)
            raise
        finally:
            os.close(write_fd)
        try:
            return proc, _read_line_from_fd(read_fd, self._startup_timeout_s, what)
        except DesktopError:
            self._child_died(proc, name)
            raise

    # ------------------------------------------------------------------- D-Bus

    def _start_bus(self) -> None:
        started = time.monotonic()
        socket = self.runtime_dir / "bus"
        _, address = self._spawn_reporting(
            lambda fd: [
                "dbus-daemon",
                "--session",
                "--nofork",
                "--nopidfile",
                "--nosyslog",
                f"--address=unix:path={socket}",
                f"--print-address={fd}",
            ],
            name="dbus",
            what="the bus address",
        )
        self.bus_address = address
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address
        self.timings_s["dbus"] = time.monotonic() - started

    def bus_name_owner_pid(self, bus_name: str) -> int | None:
        """The PID of the process owning ``bus_name`` on the session bus, or None if unowned.

        Uses only org.freedesktop.DBus methods, so it never D-Bus-activates ``bus_name``.
        """
        has_owner = self.run(
            [
                "dbus-send",
                "--session",
                "--print-reply=literal",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                f"string:{bus_name}",
            ],
            timeout_s=5,
        )
        if has_owner.returncode != 0 or "true" not in has_owner.stdout:
            return None
        pid = self.run(
            [
                "dbus-send",
                "--session",
                "--print-reply=literal",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.GetConnectionUnixProcessID",
                f"string:{bus_name}",
            ],
            timeout_s=5,
        )
        match = re.search(r"uint32\s+(\d+)", pid.stdout)
        return int(match.group(1)) if match else None

    # ------------------------------------------------------------------ trayer

    def _start_trayer(self) -> None:
        started = time.monotonic()
        proc = self.spawn(
            [
                "trayer",
                "--edge",
                "top",
                "--align",
                "right",
                "--widthtype",
                "pixel",
                "--width",
                "200",
                "--heighttype",
                "pixel",
                "--height",
                "32",
                "--SetDockType",
                "true",
            ],
            name="trayer",
        )
        if self._xlib is None:
            self._xlib = _XLib()
        xlib = self._xlib

        def ready() -> int | None:
            self._child_died(proc, "trayer")
            if not xlib.selection_owner(self.display, "_NET_SYSTEM_TRAY_S0"):
                return None
            found = self.run(["xdotool", "search", "--classname", "^panel$"], timeout_s=5)
            ids = [int(word) for word in found.stdout.split()]
            return ids[0] if ids else None

        self.panel_window = wait_until(
            ready, timeout_s=self._startup_timeout_s, what="trayer's panel and tray selection"
        )
        self.timings_s["trayer"] = time.monotonic() - started

    # ---------------------------------------------------- the notification daemon

    def _required_binaries(self) -> tuple[str, ...]:
        """REQUIRED_BINARIES, with the chosen notification daemon in place of dunst."""
        if self._daemon == "dunst":
            return REQUIRED_BINARIES
        base = tuple(name for name in REQUIRED_BINARIES if name not in _DUNST_ONLY_BINARIES)
        if isinstance(self._daemon, str):
            return (*base, self._daemon_command()[0])
        return base

    def _daemon_command(self) -> list[str]:
        """The command line of the chosen daemon (a known one: its first installed path)."""
        if not isinstance(self._daemon, str):
            return list(self._daemon or ())
        candidates = NOTIFICATION_DAEMONS[self._daemon]
        return [next((path for path in candidates if Path(path).exists()), candidates[0])]

    @property
    def notification_daemon_name(self) -> str | None:
        """The log / :attr:`pids` name of the notification daemon (None when there is none)."""
        if self._daemon is None:
            return None
        return self._daemon if isinstance(self._daemon, str) else CUSTOM_DAEMON_NAME

    def _start_notification_daemon(self) -> None:
        name = self.notification_daemon_name
        if name is None:
            return
        started = time.monotonic()
        proc = self.spawn(self._daemon_command(), name=name)

        def owned() -> bool:
            self._child_died(proc, name)
            owner = self.bus_name_owner_pid(_NOTIFICATIONS)
            if owner is not None and owner != proc.pid:
                raise DesktopError(
                    f"{_NOTIFICATIONS} is owned by PID {owner}, not by our {name} ({proc.pid})"
                )
            return owner == proc.pid

        wait_until(owned, timeout_s=self._startup_timeout_s, what=f"{name} to own {_NOTIFICATIONS}")
        self.timings_s[name] = time.monotonic() - started

    def _configure_dunst_menu(self, config_home: Path) -> None:
        """dunst's own configuration with one change: its context menu (the buttons of a
        notification) asks a script instead of dmenu, which picks the label a test wrote
        into :attr:`_button_choice` (see :meth:`press_notification_button`)."""
        system = Path("/etc/xdg/dunst/dunstrc")
        text = system.read_text() if system.exists() else "[global]\n"
        picker = self.root_dir / "pick-button"
        picker.write_text(
            "#!/bin/sh\n"
            "# dunst lists one button per line on stdin: '#Label (summary) [id,action]'\n"
            f'want=$(cat "{self._button_choice}" 2>/dev/null)\n'
            '[ -n "$want" ] && grep -m1 -F "#$want (" || cat >/dev/null\n'
        )
        picker.chmod(0o755)
        lines = [
            f"    dmenu = {picker}" if line.strip().startswith("dmenu =") else line
            for line in text.splitlines()
        ]
        if not any(line.strip().startswith("dmenu =") for line in text.splitlines()):
            lines = ["[global]", f"    dmenu = {picker}", *lines]
        folder = config_home / "dunst"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "dunstrc").write_text("\n".join(lines) + "\n")

    @property
    def _button_choice(self) -> Path:
        return self.root_dir / "button-choice"

    def press_notification_button(self, label: str) -> None:
        """Press the button ``label`` of dunst's newest notification, as a user would in its
        context menu (``dunstctl context``)."""
        self._button_choice.write_text(label)
        self.run(["dunstctl", "context"], check=True, timeout_s=5)

    def notification_counts(self) -> NotificationCounts:
        """dunst's waiting / displayed / history counters (``dunstctl count``)."""
        output = self.run(["dunstctl", "count"], check=True, timeout_s=5).stdout
        values: dict[str, int] = {}
        for line in output.splitlines():
            label, _, number = line.rpartition(":")
            if number.strip().isdigit():
                values[label.strip().split()[-1].lower()] = int(number)
        try:
            return NotificationCounts(values["waiting"], values["displayed"], values["history"])
        except KeyError as exc:
            raise DesktopError(f"unexpected `dunstctl count` output: {output!r}") from exc

    # ------------------------------------------------------------------ windows

    def window_geometry(self, window: int) -> Geometry:
        """A window's rectangle in root coordinates (from ``xwininfo -id``)."""
        info = self._xwininfo(window)
        return Geometry(
            int(info["Absolute upper-left X"]),
            int(info["Absolute upper-left Y"]),
            int(info["Width"]),
            int(info["Height"]),
        )

    def is_viewable(self, window: int) -> bool:
        """True when the window and all its ancestors are mapped; False if it is gone."""
        try:
            return self._xwininfo(window).get("Map State") == "IsViewable"
        except DesktopError:
            return False

    def _xwininfo(self, window: int) -> dict[str, str]:
        result = self.run(["xwininfo", "-id", str(window)], timeout_s=5)
        if result.returncode != 0:
            raise DesktopError(f"no window {window:#x}: {result.stderr.strip()}")
        info: dict[str, str] = {}
        for line in result.stdout.splitlines():
            key, sep, value = line.partition(":")
            if sep:
                info[key.strip()] = value.strip()
        return info

    def window_property(self, window: int, name: str) -> str:
        """The value part of ``xprop -id WINDOW NAME`` ('' when the property is not set)."""
        result = self.run(["xprop", "-id", str(window), name], timeout_s=5)
        _, sep, value = result.stdout.partition("=")
        return value.strip() if sep and result.returncode == 0 else ""

    def wm_class(self, window: int) -> tuple[str, str]:
        """A window's ``WM_CLASS`` as (instance, class); ('', '') when unset."""
        names = re.findall(r'"((?:[^"\\]|\\.)*)"', self.window_property(window, "WM_CLASS"))
        return (names[0], names[1]) if len(names) >= 2 else ("", "")

    def visible_windows(self) -> list[int]:
        """Ids of the viewable top-level windows (children of the root), bottom to top."""
        found = self.run(
            ["xdotool", "search", "--onlyvisible", "--maxdepth", "1", "--name", ""], timeout_s=5
        )
        return [int(word) for word in found.stdout.split()]

    def popup_menus(self) -> list[int]:
        """Viewable top-level windows of type ``_NET_WM_WINDOW_TYPE_POPUP_MENU`` (open menus)."""
        return [
            window
            for window in self.visible_windows()
            if _POPUP_MENU_TYPE in self.window_property(window, "_NET_WM_WINDOW_TYPE")
        ]

    def screenshot(self, path: Path | str) -> Path:
        """Save the whole screen as an image (format from the suffix; PNG is best)."""
        if _missing_binaries(["import"], self.env):
            raise DesktopError("missing program: import (Debian: apt-get install imagemagick)")
        target = Path(path)
        self.run(["import", "-window", "root", str(target)], check=True, timeout_s=20)
        return target

    # -------------------------------------------------------------------- tray

    def tray_icon_windows(self, wm_class: str | None = None) -> list[int]:
        """X ids of the icon windows embedded in trayer (the apps' own windows).

        trayer wraps each XEmbed client in a GtkSocket child of its panel, so the icons are the
        panel's grandchildren in ``xwininfo -tree``.  With ``wm_class``, keep only icons whose
        ``WM_CLASS`` instance or class equals it.
        """
        result = self.run(["xwininfo", "-tree", "-id", str(self.panel_window)], timeout_s=5)
        if result.returncode != 0:
            raise DesktopError(f"trayer's panel window is gone: {result.stderr.strip()}")
        # Lines look like '        0x600007 "title": ("inst" "Class")  22x30+0+0  +1257+1';
        # the indentation grows by one step per level of the tree.
        entry = re.compile(r"^(\s+)(0x[0-9a-fA-F]+)\s")
        parents: list[tuple[int, int]] = []  # (indent, window) of the current ancestors
        icons: list[int] = []
        for line in result.stdout.splitlines():
            match = entry.match(line)
            if match is None:
                continue
            indent, window = len(match.group(1)), int(match.group(2), 16)
            while parents and parents[-1][0] >= indent:
                parents.pop()
            if len(parents) == 1:  # parent is a direct child of the panel: a socket
                icons.append(window)
            parents.append((indent, window))
        if wm_class is not None:
            icons = [icon for icon in icons if wm_class in self.wm_class(icon)]
        return icons

    def tray_icon_geometry(self, window: int) -> Geometry:
        """Where a tray icon is on the screen, as (x, y, width, height) in root coordinates."""
        return self.window_geometry(window)

    def wait_for_tray_icon(self, *, wm_class: str | None = None, timeout_s: float = 10.0) -> int:
        """Wait until an icon (optionally of ``wm_class``) is embedded, viewable and sized."""

        def embedded() -> int | None:
            for icon in self.tray_icon_windows(wm_class):
                if self.is_viewable(icon) and min(self.window_geometry(icon)[2:]) > 1:
                    return icon
            return None

        return wait_until(embedded, timeout_s=timeout_s, what=f"a tray icon ({wm_class or 'any'})")

    def open_tray_menu(self, icon: int, *, timeout_s: float = 5.0) -> int:
        """Right-click the icon's centre and wait for its context menu; return the menu window.

        Choose an item with :meth:`key` (``"Down"`` selects the first item, then ``"Return"``)
        or click it via :meth:`window_geometry` of the returned menu.
        """
        before = set(self.popup_menus())
        self.click(*self.tray_icon_geometry(icon).center, button=3)
        return wait_until(
            lambda: next((menu for menu in self.popup_menus() if menu not in before), None),
            timeout_s=timeout_s,
            what=f"the context menu of tray icon {icon:#x}",
        )

    # ------------------------------------------------------------------- input

    def pointer_position(self) -> tuple[int, int]:
        """Where the pointer is, in root coordinates."""
        output = self.run(["xdotool", "getmouselocation", "--shell"], check=True, timeout_s=5)
        values = dict(line.split("=", 1) for line in output.stdout.split() if "=" in line)
        return int(values["X"]), int(values["Y"])

    def move_pointer(self, x: int, y: int) -> None:
        """Move the pointer to (x, y) in root coordinates and wait until it is there.

        xdotool 3.20160805's ``mousemove --sync`` waits *forever* when the pointer is already at
        the target (e.g. a new app's icon in the same place as the last one), so that case is
        skipped here.
        """
        if self.pointer_position() != (x, y):
            self.run(["xdotool", "mousemove", "--sync", str(x), str(y)], check=True, timeout_s=5)

    def click(self, x: int, y: int, button: int = 1) -> None:
        """Move the pointer to (x, y) in root coordinates and click ``button`` (1 left, 3 right)."""
        self.move_pointer(x, y)
        self.run(["xdotool", "click", str(button)], check=True, timeout_s=5)

    def type_text(self, text: str, delay_ms: int = 40) -> None:
        """Type ``text`` into the focused window, key by key."""
        self.run(["xdotool", "type", "--delay", str(delay_ms), text], check=True, timeout_s=20)

    def key(self, *keys: str, delay_ms: int = 30) -> None:
        """Press and release each key in turn (xdotool names: ``Down``, ``Return``, ``ctrl+alt+p``).

        Keys go to whoever holds the keyboard: an open QMenu grabs it, so no focus is needed.
        """
        if not keys:
            return
        self.run(["xdotool", "key", "--delay", str(delay_ms), *keys], check=True, timeout_s=10)
