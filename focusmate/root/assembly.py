"""The composition root's second half: everything app.py builds once the tray icon shows.

app.py shows the icon from a minimal path (QApplication, the instance lock, the icon) and
builds an :class:`Assembly` on the event loop's first turn: the data folder's checks, the
repository, the do-not-disturb journal's replay, the controller, the windows and menus, the
services and the local socket (issue 18). A command sent meanwhile waits: the lock is held and
nobody listens yet, which the command line reads as an app still starting.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from focusmate.core.protocol import import_request_bytes
from focusmate.core.settings import Settings
from focusmate.desktop.autostart import autostart_for, launch_command
from focusmate.desktop.client_paths import default_server_name
from focusmate.desktop.ipc_server import CommandServer
from focusmate.desktop.locations import DataLocation, server_name
from focusmate.desktop.notifications import make_notifier
from focusmate.desktop.secrets import KeyringSecretStore
from focusmate.desktop.silencer_on_use import SilencerOnUse
from focusmate.desktop.system_clock import clock_from_environment, local_zone
from focusmate.services.calendar import CalendarService
from focusmate.services.controller import SessionController
from focusmate.services.data_folder import DataFolder
from focusmate.services.held_notifications import HeldNotifications
from focusmate.services.memory import give_back_soon
from focusmate.services.pulse_offers import PulseOffers
from focusmate.services.settings import SettingsService
from focusmate.services.startup import Background, Restart, tell_at_start
from focusmate.services.sync_on_use import SyncOnUse
from focusmate.storage.atomic_storage import MAX_STORED_BYTES
from focusmate.storage.backups import open_or_recover, take_backup
from focusmate.storage.links import unlink_data_folder
from focusmate.storage.owned_files import check_owned_files
from focusmate.storage.permissions import permissions_notice, tighten_permissions
from focusmate.storage.settings_store import load_settings
from focusmate.ui.actions import AppActions
from focusmate.ui.windows import Windows

if TYPE_CHECKING:
    from focusmate.desktop.dnd.silencer import JournaledSilencer
    from focusmate.services.socket_commands import SocketCommands
    from focusmate.services.sync_service import SyncService
    from focusmate.ui.review_process import ReviewProcess

log = logging.getLogger(__name__)

AFTER_SHOWN_MS = 250
#: Kept in the data folder, not the runtime dir: a desktop's stored state (GNOME, Xfce)
#: outlives a power loss, so the journal that restores it must too.
DND_JOURNAL_NAME = "dnd-journal.json"


class Assembly:
    """The app's parts, built and wired, and their orderly stop at quit."""

    def __init__(
        self,
        app: QApplication,
        location: DataLocation,
        *,
        dnd_backend: str | None,
        window: str | None,
        tray_icon: QSystemTrayIcon | None,
    ) -> None:
        """``tray_icon``: the icon app.py already shows (None: no tray, the control window
        is shown instead); the tray's menu and state take it over."""
        data_dir = location.path
        self.restart = Restart()
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
        # A journal left by a crash or power loss is replayed before any session can start
        # (ARCHITECTURE invariant 6): the controller is made below.
        journal_left = (data_dir / DND_JOURNAL_NAME).exists()
        dnd_notice = silencer.recover() if journal_left else None
        controller = SessionController(
            repository,
            clock,
            _new_session_id,
            kinds=settings.current.kinds,
            session_kinds=settings.current.session_kinds,
            silencer=silencer,
        )
        # What the history held goes back to the system once it is let go (issue 18).
        controller.history_let_go.connect(give_back_soon)
        # Notifications focusmate sends wait while a session runs (ARCHITECTURE invariant 5).
        notifications = HeldNotifications(controller, make_notifier(app))
        # The backup waits for the next turn of the event loop: the end is on disk already, and
        # `focusmate end` is answered first (issue 18).
        self._backup: Callable[[], Path | None] = lambda: take_backup(data_dir, clock.now())
        controller.session_ended.connect(lambda _id: QTimer.singleShot(0, self._backup))
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
            restart=self.restart.request,
            session_running=lambda: controller.current is not None,
        )
        windows = Windows(
            controller,
            actions,
            use_tray=tray_icon is not None,
            tray_icon=tray_icon,
            settings=settings,
            autostart=autostart_for(),
            autostart_command=_autostart_command(location),
            data_folder=data_folder,
            calendar=calendar,
            pulse_offers=pulse_offers,
            review=lambda: _review_process(data_dir),
        )
        # Reading the whole history, hotkeys (pynput's import alone is ~80 ms), the reminder
        # timer and the start-up backup wait a little more.
        background = Background(
            controller,
            notifications,
            windows,
            clock,
            data_dir,
            calendar=calendar,
            current_settings=lambda: settings.current,
        )

        # Sync (issue 19): opened on its worker a moment later, like the calendars; its
        # service is made only where sync is set up or turned on (issue 18).
        def make_sync() -> SyncService:
            from focusmate.services.sync_service import SyncService  # noqa: PLC0415

            return SyncService(controller, data_dir, KeyringSecretStore(), clock, settings=settings)

        sync = SyncOnUse(make_sync, data_dir)
        windows.attach_sync(sync)

        @functools.cache
        def socket_commands() -> SocketCommands:
            """Made with the first request: its modules (storage.transfer, ...) wait until
            a command comes (issue 18)."""
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
        # Last: a command waits (the command line retries) until everything it needs is built.
        # The default data folder's app answers on the default socket too: a command given no
        # folder asks there before working the folder out (client_paths.DEFAULT_SOCKET).
        default = default_server_name() if location.fixed_by is None else None
        server.listen(server_name(data_dir), also_as=default)
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
        self._controller, self._background, self._sync = controller, background, sync
        self._server, self._windows, self._pulse_offers = server, windows, pulse_offers

    def shut_down(self) -> None:
        """After the event loop ended: a session still running is kept (resumed at the next
        start) and notifications come back; sync's merged state is kept, what waits stays in
        the outbox; the pulse page stops listening with the app."""
        self._controller.shut_down()
        # A quit right after a session's end (SIGTERM at logout) may come before the deferred
        # backup ran: taken now (nothing is written if the newest backup is the same).
        self._backup()
        self._background.stop()
        self._sync.stop()
        self._server.close()
        self._windows.close_all()
        self._pulse_offers.close()


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


def _review_process(data_dir: Path) -> ReviewProcess:
    """The weekly review's process, made when first opened (issue 18: QProcess and the pipe's
    modules wait until then)."""
    from focusmate.core.review_pipe import FROZEN_ARGUMENT, REVIEW_MODULE  # noqa: PLC0415
    from focusmate.desktop.python_child import python_child  # noqa: PLC0415
    from focusmate.ui.review_process import ReviewProcess  # noqa: PLC0415

    return ReviewProcess(data_dir, python_child(REVIEW_MODULE, FROZEN_ARGUMENT))


def _new_session_id() -> str:
    """A new session's id. uuid (and the platform module it loads) waits for the first
    session (issue 18)."""
    import uuid  # noqa: PLC0415

    return uuid.uuid4().hex
