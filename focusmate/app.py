"""The composition root: builds the adapters, wires signals and runs the event loop.

This is the only module that knows every layer. Start-up is a sequence of small steps:
lock the data directory, open the repository, build the controller and the windows, listen
on the local socket, show the tray (or the fallback window), run.
"""

# ruff: noqa: E402 - PySide's per-import source check is made light before focusmate's imports

from __future__ import annotations

import functools
import logging
import os
import signal
import socket
import sys
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from focusmate.desktop.pyside_feature import check_sources_lightly

check_sources_lightly()  # before the rest of focusmate is imported: see there

from focusmate import __version__
from focusmate.cli.terminal import log_to_stderr
from focusmate.core.errors import FocusmateError
from focusmate.core.protocol import import_request_bytes
from focusmate.core.settings import Settings
from focusmate.desktop.autostart import autostart_for, launch_command
from focusmate.desktop.ipc_server import CommandServer
from focusmate.desktop.locations import APP_ID, DataLocation, server_name
from focusmate.desktop.notifications import make_notifier
from focusmate.desktop.qt_noise import quiet_qt_noise
from focusmate.desktop.secrets import KeyringSecretStore
from focusmate.desktop.silencer_on_use import SilencerOnUse
from focusmate.desktop.single_instance import InstanceLock
from focusmate.desktop.system_clock import clock_from_environment, local_zone
from focusmate.desktop.x_display import x_display_answers
from focusmate.services.calendar import CalendarService
from focusmate.services.controller import SessionController
from focusmate.services.data_folder import DataFolder
from focusmate.services.data_lock import take_data_lock
from focusmate.services.held_notifications import HeldNotifications
from focusmate.services.pulse_offers import PulseOffers
from focusmate.services.settings import SettingsService
from focusmate.services.startup import Background, Restart, tell_at_start
from focusmate.services.sync_service import SyncService
from focusmate.storage.atomic_storage import MAX_STORED_BYTES
from focusmate.storage.backups import open_or_recover, take_backup
from focusmate.storage.links import unlink_data_folder
from focusmate.storage.owned_files import check_owned_files
from focusmate.storage.permissions import permissions_notice, tighten_permissions
from focusmate.storage.settings_store import load_settings
from focusmate.ui.actions import AppActions
from focusmate.ui.i18n import install_translations
from focusmate.ui.icons import app_icon
from focusmate.ui.windows import Windows

if TYPE_CHECKING:
    from focusmate.desktop.dnd.silencer import JournaledSilencer
    from focusmate.services.socket_commands import SocketCommands

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


def run(  # noqa: PLR0915 - the composition root: one statement per service it builds and wires
    location: DataLocation, dnd_backend: str | None = None, window: str | None = None
) -> int:
    """Run the tray app until it quits; raise AlreadyRunning if another instance owns the
    data folder. After the user moved the data folder, it starts itself again instead.
    ``window`` ("review", "settings") is opened once the tray icon shows.

    ``dnd_backend`` (from --dnd-backend or FOCUSMATE_DND_BACKEND) overrides the settings'
    choice of do-not-disturb backend, which overrides detection.
    """
    log_to_stderr()  # names and paths in the log are escaped like all terminal output
    data_dir = location.path
    restart = Restart()
    lock = _lock_data_dir(data_dir)  # before any window system: a second launch only asks
    try:
        clock = clock_from_environment()  # the system clock (FOCUSMATE_FAKE_NOW: a test hook)
        # Links out of the data folder go first: nothing below may write through one.
        link_notices = unlink_data_folder(data_dir, clock.now(), (DND_JOURNAL_NAME,))
        permission_notice = permissions_notice(tighten_permissions(data_dir))
        # A damaged running-session, settings, draft or reminder file is set aside first.
        damaged_files = check_owned_files(data_dir, clock.now())
        # Every record is read and checked once the icon shows (Background.start).
        repository, recovery_notice = open_or_recover(data_dir, clock.now(), check_records=False)
        settings = SettingsService(data_dir, load_settings(data_dir))
        silencer = make_silencer(data_dir, dnd_backend or settings.current.dnd_backend)
        # A journal left by a crash or power loss is replayed now (ARCHITECTURE invariant 6).
        journal_left = (data_dir / DND_JOURNAL_NAME).exists()
        dnd_notice = silencer.recover() if journal_left else None
        _check_display()
        app = _application()
        controller = SessionController(
            repository,
            clock,
            lambda: uuid.uuid4().hex,
            kinds=settings.current.kinds,
            session_kinds=settings.current.session_kinds,
            silencer=silencer,
        )
        # Notifications focusmate sends wait while a session runs (ARCHITECTURE invariant 5).
        notifications = HeldNotifications(controller, make_notifier(app))
        # The backup waits for the next turn of the event loop: the end is on disk already, and
        # `focusmate end` is answered first (issue 18).
        controller.session_ended.connect(
            lambda _id: QTimer.singleShot(0, lambda: take_backup(data_dir, clock.now()))
        )
        calendar = CalendarService(
            settings,
            KeyringSecretStore(),
            data_dir,
            clock,
            history=controller.all_sessions,
            local_zone=local_zone,
            notifications=notifications,
            session_running=lambda: controller.current is not None,
        )
        actions = AppActions(controller, calendar=calendar)
        pulse_offers = PulseOffers.for_settings(controller, settings, clock)
        data_folder = DataFolder(
            location,
            restart=restart.request,
            session_running=lambda: controller.current is not None,
        )
        windows = Windows(
            controller,
            actions,
            use_tray=_tray_available(app),
            settings=settings,
            autostart=autostart_for(),
            autostart_command=_autostart_command(location),
            data_folder=data_folder,
            calendar=calendar,
            pulse_offers=pulse_offers,
        )
        # Reading the whole history, hotkeys (pynput's import alone is ~80 ms), the reminder
        # timer and the start-up backup wait until the tray icon is up.
        background = Background(
            controller,
            notifications,
            windows,
            clock,
            data_dir,
            calendar=calendar,
            current_settings=lambda: settings.current,
        )
        # Sync (issue 19): opened on its worker once the tray icon shows, like the calendars.
        sync = SyncService(controller, data_dir, KeyringSecretStore(), clock, settings=settings)
        windows.attach_sync(sync)

        @functools.cache
        def socket_commands() -> SocketCommands:
            """Made with the first request: its modules (storage.transfer, ...) wait until
            a command comes, after the icon (issue 18)."""
            from focusmate.services.socket_commands import SocketCommands  # noqa: PLC0415

            return SocketCommands(
                controller,
                windows.show_window,
                data_folder,
                hotkeys=background.hotkey_readiness,
                calendar=calendar,
                pulse_offers=pulse_offers,
                sync=sync,
            )

        server = CommandServer(
            lambda request: socket_commands().handle(request),
            # Imports carry a file: storage.transfer.IMPORT_MAX_BYTES, the stored file's limit.
            max_request_bytes=import_request_bytes(MAX_STORED_BYTES),
        )
        server.listen(server_name(data_dir))
        windows.quit_confirmed.connect(app.quit)
        windows.show()
        QTimer.singleShot(
            AFTER_SHOWN_MS, lambda: background.start(settings.current, repository, window)
        )
        QTimer.singleShot(AFTER_SHOWN_MS, sync.start)

        def apply_live(new: Settings) -> None:
            """New settings, applied without a restart (a new do-not-disturb backend applies
            from the next session, and not at all over --dnd-backend)."""
            controller.set_kinds(new.kinds)
            controller.set_session_kinds(new.session_kinds)
            actions.update_kinds()
            background.apply(new)
            if controller.current is None and dnd_backend is None:
                controller.set_silencer(make_silencer(data_dir, new.dnd_backend))

        settings.changed.connect(apply_live)
        tell_at_start(
            windows,
            (
                location.notice,
                *link_notices,
                permission_notice,
                *damaged_files,
                recovery_notice,
                dnd_notice,
            ),
        )
        wakeup_sockets = _quit_on_signals(app)
        code = app.exec()
        controller.shut_down()  # a session still running is kept; notifications come back
        background.stop()
        sync.stop()  # the merged state is kept; what waits stays in the outbox
        signal.set_wakeup_fd(-1)
        for sock in wakeup_sockets:
            sock.close()
        server.close()
        windows.close_all()
        pulse_offers.close()  # the page stops listening with the app
    finally:
        lock.release()
    restart.run_again_if_requested(dnd_backend)
    return code


def make_silencer(data_dir: Path, backend: str | None) -> SilencerOnUse:
    """The session's do-not-disturb (core.ports.Silencer): the ``backend`` named (or the one
    detected) behind a journal in the data folder, made on first use (desktop.dnd.on_use)."""

    def make() -> JournaledSilencer:
        from focusmate.desktop.dnd import choose_backend  # noqa: PLC0415 - on first use
        from focusmate.desktop.dnd.silencer import JournaledSilencer  # noqa: PLC0415

        return JournaledSilencer(choose_backend(backend, os.environ), data_dir / DND_JOURNAL_NAME)

    return SilencerOnUse(make)


def _autostart_command(location: DataLocation) -> list[str]:
    """What start at login runs: this installation, with this data folder unless it is the
    one focusmate finds by itself at login (a --data-dir or FOCUSMATE_DATA_DIR is kept)."""
    if location.fixed_by is None:
        return launch_command()
    return launch_command(["--data-dir", str(location.path)])


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


def _application() -> QApplication:
    quiet_qt_noise()  # before the platform plugin loads: it warns while starting
    # focusmate draws nothing with OpenGL (the review's chart is on Qt Quick's software scene
    # graph, ui.week_chart), yet Qt Graphs' one OpenGL probe would load the GL driver for good:
    # on Mesa's llvmpipe ~60 MB resident after the review was opened once (issue 18, measured
    # with tests/benchmarks/bench_loop.py). The user's own QT_XCB_GL_INTEGRATION wins.
    os.environ.setdefault("QT_XCB_GL_INTEGRATION", "none")
    app = QApplication(sys.argv[:1])
    app.setApplicationName("focusmate")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)  # closing a dialog must not end a tray app
    language = install_translations(app)
    log.debug("user interface language: %s", language.code)
    return app


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
