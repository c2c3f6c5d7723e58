"""The services that start after the tray icon shows, and the restart after a data-folder move.

root/assembly.py (the composition root's second half) builds them and wires them to the windows:

* :class:`Background` — what waits until the tray icon is up: reading and checking the whole
  history, the morning reminder, the global hotkeys, the welcome and the start-up backup;
* :class:`HotkeyService` (services/hotkey_service.py) — the global hotkeys through the desktop's
  portal or pynput, re-armed when the settings change, and their readiness for `status --json`;
* :class:`Restart` — quit, then run the same command again (after the data folder moved).

The windows are reached through :class:`StartupViews`, a port: services import no widget.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QTimer

from focusmate.core.clock import Clock
from focusmate.core.settings import Settings
from focusmate.core.status import HOTKEYS_NOT_STARTED, HotkeyReadiness
from focusmate.core.text import Worded
from focusmate.desktop.autostart import launch_command
from focusmate.desktop.heap import trim_freed_memory
from focusmate.services.calendar import CalendarService
from focusmate.services.controller import SessionController
from focusmate.services.held_notifications import HeldNotifications
from focusmate.storage.backups import check_or_recover, take_backup
from focusmate.storage.repository import TinyDBSessionRepository

if TYPE_CHECKING:  # loaded by Background.start, once the tray icon shows (issue 18)
    from focusmate.services.hotkey_service import HotkeyService
    from focusmate.services.reminders import ReminderScheduler

log = logging.getLogger(__name__)


class StartupViews(Protocol):
    """What the start-up services ask of the windows (ui.windows.Windows)."""

    def notice(self, message: str) -> None:
        """Tell the user something once (it waits while a session runs)."""
        ...

    def show_window(self, window: str | None = None) -> None: ...

    def on_hotkey(self, action: str) -> None: ...

    def show_hotkey_status(
        self,
        available: bool,
        note: str,
        *,
        bound: Mapping[str, str] | None = None,
        change: Callable[[], bool] | None = None,
    ) -> None: ...

    def welcome_on_first_run(self) -> None: ...

    def open_morning_page(self) -> None: ...


def tell_at_start(views: StartupViews, notices: tuple[Worded | None, ...]) -> None:
    """Log each notice in English and show it to the user in their language."""
    for notice in notices:
        if notice is not None:
            log.warning("%s", notice.in_english)
            views.notice(str(notice))  # worded now, in the user's language


class Background:
    """What waits until the tray icon shows: reading the whole history, the morning reminder
    and the global hotkeys (re-armed when the settings change, stopped at quit), the
    calendars (after the history: its names are the people to match), the welcome and the
    start-up backup."""

    def __init__(
        self,
        controller: SessionController,
        notifications: HeldNotifications,
        views: StartupViews,
        clock: Clock,
        data_dir: Path,
        *,
        calendar: CalendarService | None = None,
        current_settings: Callable[[], Settings] | None = None,
    ) -> None:
        """``current_settings``: the settings now, for a session started before start()."""
        self._controller, self._views, self._clock = controller, views, clock
        self._notifications = notifications
        self._data_dir = data_dir
        self._calendar = calendar
        self._current_settings = current_settings
        self._reminders: ReminderScheduler | None = None
        self._hotkeys: HotkeyService | None = None
        # pynput listens only during a session, from before its start returns (HotkeyService).
        controller.state_changed.connect(self._on_state_changed)

    def _on_state_changed(self) -> None:
        running = self._controller.current is not None
        if self._hotkeys is not None:
            self._hotkeys.follow_session(running)
        elif running and self._current_settings is not None:
            # A session started before start() (a command, a click at once): its keys count.
            self._start_hotkeys(self._current_settings())

    def _start_hotkeys(self, settings: Settings) -> None:
        from focusmate.services.hotkey_service import HotkeyService  # noqa: PLC0415 - see top

        controller = self._controller
        self._hotkeys = HotkeyService(
            self._views, settings, session_running=lambda: controller.current is not None
        )

    def start(
        self, settings: Settings, repository: TinyDBSessionRepository, window: str | None
    ) -> None:
        """Check and load the history (recovering a damaged file), arm the reminder and the
        hotkeys, then the welcome on a first run, the ``window`` asked for on the command
        line, and a backup of the history once it is known to read back whole."""
        checked, damage_notice = check_or_recover(repository, self._data_dir, self._clock.now())
        # Checked, summed up for the menu and let go at once, before anything that lives on
        # is made between its objects (they would pin the memory they leave): the history
        # waits on disk until a window or a command needs it (HISTORY_KEPT_MS).
        self._controller.load_history(None if checked is repository else checked, let_go=True)
        # What start-up made lives as long as the app: Python's full garbage collections
        # need not walk it again (tests/benchmarks/calendar_gui.py). Collected first: what
        # reading the history left in reference cycles would be frozen too, and never freed
        # (~8 MB with five years, issue 18).
        gc.collect()
        gc.freeze()
        self._start_reminders(settings)
        if self._calendar is not None:
            self._calendar.start()
        if self._hotkeys is None:
            self._start_hotkeys(settings)
        self._views.welcome_on_first_run()  # after the hotkeys: it says whether they work here
        if window is not None:  # `focusmate review` started us: the review, as asked
            self._views.show_window(window)
        tell_at_start(self._views, (damage_notice,))
        QTimer.singleShot(0, lambda: take_backup(self._data_dir, self._clock.now()))
        QTimer.singleShot(0, trim_freed_memory)  # what start-up parsed and let go (see there)

    def _start_reminders(self, settings: Settings) -> None:
        """The reminder: due times from core.reminders, held during a session by
        HeldNotifications; a click on it opens the morning page."""
        from focusmate.core.morning import morning_notification  # noqa: PLC0415 - see top
        from focusmate.services.reminders import ReminderScheduler  # noqa: PLC0415
        from focusmate.storage.reminder_log import FileReminderLog  # noqa: PLC0415

        reminders = ReminderScheduler(
            self._clock, settings.morning_reminder, FileReminderLog(self._data_dir)
        )
        reminders.due.connect(
            lambda at: self._notifications.notify(
                morning_notification(at), self._views.open_morning_page
            )
        )
        reminders.start()
        self._reminders = reminders

    def hotkey_readiness(self) -> HotkeyReadiness:
        """Whether a hotkey press would be logged now (not yet, before start())."""
        return HOTKEYS_NOT_STARTED if self._hotkeys is None else self._hotkeys.readiness()

    def apply(self, settings: Settings) -> None:
        if self._reminders is not None:
            self._reminders.set_reminder(settings.morning_reminder)
        if self._hotkeys is not None:
            self._hotkeys.apply(settings)

    def stop(self) -> None:
        for service in (self._reminders, self._hotkeys, self._calendar):
            if service is not None:
                service.stop()


class Restart:
    """After the data folder moved, focusmate starts itself again: the lock, the local
    socket's name and several parts hold the old folder's path, so the sure way to let go of
    all of them is the ordinary quit (everything released) and then the same command, which
    finds the new folder through the data location file."""

    def __init__(self) -> None:
        self.requested = False

    def request(self) -> None:
        self.requested = True
        QCoreApplication.quit()

    def run_again_if_requested(self, dnd_backend: str | None) -> None:
        """Replace this process with a new focusmate (POSIX: same process id, so whoever
        started it still sees it running); returns only if no restart was asked for."""
        if not self.requested:
            return
        command = launch_command(["--dnd-backend", dnd_backend] if dnd_backend else [])
        log.info("starting again to use the new data folder: %s", " ".join(command))
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        try:
            if os.name == "posix":
                os.execv(command[0], command)  # noqa: S606 - our own program, no shell
            import subprocess  # noqa: PLC0415 - Windows only

            subprocess.Popen(command)  # Windows has no exec: a new process, and this one ends
        except OSError as error:
            log.error("could not start focusmate again (%s); start it yourself", error)
