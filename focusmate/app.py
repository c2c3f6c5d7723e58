"""The composition root: shows the tray icon first, then builds and wires the rest.

This is the only module, with its second half root/assembly.py, that knows every layer.
Start-up shows the icon from a minimal path: lock the data directory (a second launch only
asks, and shows no icon), the QApplication, the tray icon with its tooltip. Once the icon is
painted, the event loop builds the rest (root.assembly.Assembly: the data folder's checks,
the repository, the controller, the windows and menus, the services, the local socket last:
a command sent before then waits), well before a user could open the menu (issue 18).
"""

# ruff: noqa: E402 - PySide's per-import source check is made light before focusmate's imports

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QSocketNotifier, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
from shiboken6 import isValid

from focusmate.desktop.pyside_feature import check_sources_lightly

check_sources_lightly()  # before the rest of focusmate is imported: see there

from focusmate.cli.terminal import log_to_stderr
from focusmate.core.errors import FocusmateError
from focusmate.desktop.locations import DataLocation
from focusmate.desktop.single_instance import InstanceLock
from focusmate.desktop.x_display import x_display_answers
from focusmate.root.qt_application import focusmate_application
from focusmate.services.data_lock import take_data_lock
from focusmate.ui.icons import TrayState, tray_icon

if TYPE_CHECKING:
    from PySide6.QtGui import QWindow

    from focusmate.root.assembly import Assembly

log = logging.getLogger(__name__)

TRAY_WAIT_MS = 2000
TRAY_POLL_MS = 100
#: The longest the rest waits for the icon's first paint (none where the desktop draws it).
PAINT_WAIT_MS = 150
_NO_TRAY_PLATFORMS = frozenset({"offscreen", "minimal", "vnc"})


class AlreadyRunning(Exception):  # noqa: N818 - a state, not a failure
    """Another instance owns this data directory."""


def run(location: DataLocation, dnd_backend: str | None = None, window: str | None = None) -> int:
    """Run the tray app until it quits; raise AlreadyRunning if another instance owns the
    data folder. After the user moved the data folder, it starts itself again instead.
    ``window`` ("review", "settings") is opened once the tray icon shows.

    ``dnd_backend`` (from --dnd-backend or FOCUSMATE_DND_BACKEND) overrides the settings'
    choice of do-not-disturb backend, which overrides detection.
    """
    log_to_stderr()  # names and paths in the log are escaped like all terminal output
    lock = _lock_data_dir(location.path)  # before any window system: a second launch only asks
    parts: Assembly | None = None
    try:
        _check_display()
        app = focusmate_application(quit_on_last_window_closed=False)  # a tray app
        icon = _show_tray_icon() if _tray_available(app) else None
        built: list[Assembly] = []
        failed: list[Exception] = []

        def build() -> None:
            """The rest, once the icon is drawn. A failure ends the app as it did before the
            icon showed."""
            from focusmate.root.assembly import Assembly  # noqa: PLC0415 - after the icon (issue 18)

            try:
                built.append(
                    Assembly(app, location, dnd_backend=dnd_backend, window=window, tray_icon=icon)
                )
            except Exception as error:  # raised again once the loop ended
                failed.append(error)
                app.exit(1)

        _after_first_paint(app, icon, build)
        wakeup_sockets = _quit_on_signals(app)
        code = app.exec()
        parts = built[0] if built else None
        if parts is not None:
            parts.shut_down()
        signal.set_wakeup_fd(-1)
        for sock in wakeup_sockets:
            sock.close()
        if failed:
            raise failed[0]
    finally:
        lock.release()
    if parts is not None:
        parts.restart.run_again_if_requested(dnd_backend)
    return code


class _FirstPaint(QObject):
    """Calls ``then`` once, when the tray icon's window is first painted (or after
    PAINT_WAIT_MS: a desktop's StatusNotifierItem host draws it itself, unseen here).

    It watches the icon's own windows, never the whole application: an application-wide
    event filter hands every object an event goes to over to Python, and for Qt's private
    classes (the windows' QWidgetWindow, the icon's QSystemTrayIconSys) shiboken then makes
    every QObject class of QtCore, QtGui and QtWidgets, with their enums, to find the
    nearest one: ~210 classes and ~1,400 enum members kept for good
    (ARCHITECTURE.md, "Rules of the code": the idle tray stays light)."""

    def __init__(self, app: QApplication, windows: list[QWindow], then: Callable[[], None]) -> None:
        super().__init__(app)
        self._windows = windows
        self._then: Callable[[], None] | None = then
        for window in windows:
            window.installEventFilter(self)
        QTimer.singleShot(PAINT_WAIT_MS, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._fire)  # once this paint is done
        return False

    def _fire(self) -> None:
        if self._then is None:
            return
        then, self._then = self._then, None
        for window in self._windows:
            if isValid(window):  # Qt remakes the icon's window if the tray restarts
                window.removeEventFilter(self)
        then()


def _after_first_paint(
    app: QApplication, icon: QSystemTrayIcon | None, then: Callable[[], None]
) -> None:
    """``then`` once the icon is drawn: the rest is built after the user sees it, not
    between its embedding and its first paint (the loop is busy while it is built)."""
    if icon is None:  # the control window is the app: nothing to wait for
        QTimer.singleShot(0, then)
    else:
        # Nothing else has a window yet: those there are the icon's (none where a
        # StatusNotifierItem host draws it).
        _FirstPaint(app, QGuiApplication.allWindows(), then)


def _show_tray_icon() -> QSystemTrayIcon:
    """The idle icon and its name, shown before anything else is built; the tray (ui.tray)
    takes it over with its menu and state on the loop's first turn."""
    icon = QSystemTrayIcon(tray_icon(TrayState.IDLE))
    icon.setToolTip("focusmate")
    icon.show()
    return icon


def _check_display() -> None:
    """Qt aborts the process without a display; say so plainly instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    display, wayland = os.environ.get("DISPLAY"), os.environ.get("WAYLAND_DISPLAY")
    if not (display or wayland):
        raise FocusmateError(
            "no graphical desktop found (DISPLAY and WAYLAND_DISPLAY are unset); "
            "run focusmate inside your desktop session"
        )
    if display and not wayland and not x_display_answers(display):
        raise FocusmateError(
            f"cannot connect to the X display {display!r} (DISPLAY): it is not running or "
            "refuses this user; run focusmate inside your desktop session"
        )


def _lock_data_dir(data_dir: Path) -> InstanceLock:
    lock = take_data_lock(data_dir)
    if lock is None:
        raise AlreadyRunning(str(data_dir))
    return lock


def _tray_available(app: QApplication) -> bool:
    """Wait briefly for a tray host that starts alongside us (autostart races)."""
    if app.platformName() in _NO_TRAY_PLATFORMS:
        return False
    waited = QElapsedTimer()
    waited.start()
    while not QSystemTrayIcon.isSystemTrayAvailable():
        if waited.elapsed() >= TRAY_WAIT_MS:
            log.warning("no system tray found; showing the focusmate window instead")
            return False
        app.processEvents()
        time.sleep(TRAY_POLL_MS / 1000)
    return True


def _quit_on_signals(app: QApplication) -> tuple[socket.socket, socket.socket]:
    """SIGINT/SIGTERM quit cleanly and at once (a running session is kept and resumed at the
    next start; run() gives notifications back), without asking anyone: logout, shutdown
    and `systemctl --user stop` do not wait for an answer.

    Python runs signal handlers only between bytecodes, and the Qt event loop may sleep
    for hours. Instead of a polling timer (which would wake the CPU when idle), the C
    handler writes to a socket that Qt watches, and that wakes the loop.
    """
    receiver, sender = socket.socketpair()
    sender.setblocking(False)
    signal.set_wakeup_fd(sender.fileno())
    notifier = QSocketNotifier(receiver.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda: receiver.recv(64))

    def _quit(_signum: int, _frame: object) -> None:
        # exit(), not quit(): Qt's quit() first asks every window to close, and the no-tray
        # window answers by asking "End it and quit?" during a session. exit() asks nothing
        # and ends every event loop, a modal dialog's too.
        app.exit(0)

    signal.signal(signal.SIGINT, _quit)
    signal.signal(signal.SIGTERM, _quit)
    return receiver, sender  # the caller keeps both open while the loop runs
