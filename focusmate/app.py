"""The composition root: builds the adapters, wires signals and runs the event loop.

This is the only module that knows every layer. Start-up is a sequence of small steps:
lock the data directory, open the repository, build the controller and the shell, listen
on the local socket, show the tray (or the fallback window), run.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
import time
import uuid
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from focusmate import __version__
from focusmate.controller import SessionController
from focusmate.core.clock import Clock
from focusmate.core.errors import FocusmateError, StorageFailure
from focusmate.core.hotkeys import HotkeyBindings
from focusmate.core.morning import morning_notification
from focusmate.core.settings import Settings
from focusmate.core.shortcut_help import shortcut_help
from focusmate.desktop.dnd import choose_backend
from focusmate.desktop.hotkeys import GlobalHotkeys
from focusmate.desktop.ipc_server import CommandServer
from focusmate.desktop.locations import APP_ID, lock_path, server_name
from focusmate.desktop.notifications import make_notifier
from focusmate.desktop.single_instance import InstanceLock
from focusmate.desktop.system_clock import clock_from_environment
from focusmate.dnd_session import DndSession
from focusmate.reminder_scheduler import ReminderScheduler
from focusmate.remote import RemoteCommands
from focusmate.shell import Shell
from focusmate.storage.atomic_files import ensure_private_dir
from focusmate.storage.backups import open_or_recover, take_backup
from focusmate.storage.reminder_log import FileReminderLog
from focusmate.storage.settings_store import load_settings
from focusmate.ui.actions import AppActions
from focusmate.ui.icons import app_icon

log = logging.getLogger(__name__)

TRAY_WAIT_MS = 2000
AFTER_SHOWN_MS = 250
#: Kept in the data folder, not the runtime dir: a desktop's stored state (GNOME, Xfce)
#: outlives a power loss, so the journal that restores it must too.
DND_JOURNAL_NAME = "dnd-journal.json"
TRAY_POLL_MS = 100
_NO_TRAY_PLATFORMS = frozenset({"offscreen", "minimal", "vnc"})


class AlreadyRunning(Exception):  # noqa: N818 - a state, not a failure
    """Another instance owns this data directory."""


def run(data_dir: Path, dnd_backend: str | None = None) -> int:
    """Run the tray app until it quits; raise AlreadyRunning if another instance owns data_dir.

    ``dnd_backend`` (from --dnd-backend or FOCUSMATE_DND_BACKEND) overrides the settings'
    choice of do-not-disturb backend, which overrides detection.
    """
    lock = _lock_data_dir(data_dir)  # before any window system: a second launch only asks
    try:
        clock = clock_from_environment()  # the system clock (FOCUSMATE_FAKE_NOW: a test hook)
        repository, recovery_notice = open_or_recover(data_dir, clock.now())
        take_backup(data_dir, clock.now())
        settings = load_settings(data_dir)
        silencer = DndSession(
            choose_backend(dnd_backend or settings.dnd_backend, os.environ),
            data_dir / DND_JOURNAL_NAME,
        )
        dnd_notice = silencer.recover()  # a journal left by a crash or power loss
        _check_display()
        app = _application()
        controller = SessionController(
            repository, clock, lambda: uuid.uuid4().hex, kinds=settings.kinds,
            notifier=make_notifier(app), silencer=silencer,
        )  # fmt: skip
        controller.session_ended.connect(lambda _id: take_backup(data_dir, clock.now()))
        actions = AppActions(controller)
        shell = Shell(controller, actions, use_tray=_tray_available(app))
        server = CommandServer(RemoteCommands(controller, shell.primary_action).handle)
        server.listen(server_name(data_dir))
        shell.quit_confirmed.connect(app.quit)
        shell.show()
        # Hotkeys (pynput's import alone is ~80 ms) and the reminder timer start once the
        # tray icon is up: nothing needs them in the first quarter second.
        services: list[ReminderScheduler | GlobalHotkeys] = []
        QTimer.singleShot(AFTER_SHOWN_MS, lambda: services.extend((
            _start_reminders(controller, shell, clock, settings, data_dir),
            _start_hotkeys(shell, settings),
        )))  # fmt: skip
        for notice in (recovery_notice, dnd_notice):
            if notice:
                log.warning("%s", notice)
                shell.notice(notice)
        wakeup_sockets = _quit_on_signals(app)
        code = app.exec()
        for service in services:
            service.stop()
        signal.set_wakeup_fd(-1)
        for sock in wakeup_sockets:
            sock.close()
        server.close()
        shell.close_all()
        return code
    finally:
        lock.release()


def _start_reminders(
    controller: SessionController, shell: Shell, clock: Clock, settings: Settings, data_dir: Path
) -> ReminderScheduler:
    """The morning reminder: due times from core.reminders, shown through the controller
    (which holds it during a session); a click on it opens the morning page."""
    scheduler = ReminderScheduler(clock, settings.morning_reminder, FileReminderLog(data_dir))
    scheduler.due.connect(
        lambda at: controller.notify(morning_notification(at), shell.open_morning_page)
    )
    scheduler.start()
    return scheduler


def _start_hotkeys(shell: Shell, settings: Settings) -> GlobalHotkeys:
    """Global hotkeys for marks and undo; where they cannot work, the session window says
    so and shows the desktop-shortcut commands to bind instead."""
    hotkeys = GlobalHotkeys()
    bindings = HotkeyBindings.from_text(settings.hotkeys)
    hotkeys.triggered.connect(shell.on_hotkey)

    def tell() -> None:
        availability = hotkeys.availability
        if availability.reason:
            log.warning("global hotkeys: %s", availability.reason)
        shell.session_window.show_hotkey_note(
            "" if availability.available and not availability.reason
            else f"{availability.reason}\n\n{shortcut_help(bindings)}"
        )  # fmt: skip

    hotkeys.availability_changed.connect(tell)
    hotkeys.start(bindings)
    tell()
    return hotkeys


def _check_display() -> None:
    """Qt aborts the process without a display; say so plainly instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise FocusmateError(
            "no graphical desktop found (DISPLAY and WAYLAND_DISPLAY are unset); "
            "run focusmate inside your desktop session"
        )


def _application() -> QApplication:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("focusmate")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)  # closing a dialog must not end a tray app
    return app


def _lock_data_dir(data_dir: Path) -> InstanceLock:
    try:
        ensure_private_dir(data_dir)
        lock = InstanceLock(lock_path(data_dir))
        acquired = lock.try_acquire()
    except OSError as error:
        raise StorageFailure(
            f"cannot use the data folder {data_dir}: {error.strerror or error}"
        ) from None
    if not acquired:
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
    """SIGINT/SIGTERM quit cleanly (a running session is kept and resumed next start).

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
        app.quit()

    signal.signal(signal.SIGINT, _quit)
    signal.signal(signal.SIGTERM, _quit)
    return receiver, sender  # the caller keeps both open while the loop runs
