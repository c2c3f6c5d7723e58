"""The app's window manager: opens the right window for each intent and calls the controller.

It is wiring, not logic: every state change still goes through SessionController, and
no window is ever opened during a session unless the manager asked for it. Every window lives
in a :class:`~focusmate.ui.window_slot.WindowSlot` (opened lazily, brought forward if open,
forgotten on close); the first-run welcome is :class:`~focusmate.ui.first_run.FirstRun`; the
weekly review is a process of its own, :class:`~focusmate.ui.review_process.ReviewProcess`.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QSystemTrayIcon, QWidget

from focusmate.core.dnd_names import BACKEND_NAMES
from focusmate.core.errors import FocusmateError
from focusmate.core.hotkeys import UNDO_ACTION
from focusmate.core.model import Reflection
from focusmate.core.one_on_ones import UpcomingOneOnOne
from focusmate.core.ports import StartAtLogin
from focusmate.core.pulse import RepPulse
from focusmate.core.session_kind import COACHING
from focusmate.core.settings import Settings
from focusmate.core.text import translate
from focusmate.core.weekly import IsoWeek
from focusmate.services.controller import SessionController
from focusmate.services.settings import SettingsService
from focusmate.ui.actions import AppActions
from focusmate.ui.error_text import shown_error
from focusmate.ui.first_run import FirstRun
from focusmate.ui.hotkey_status import HotkeyStatus
from focusmate.ui.tray import Tray
from focusmate.ui.window_slot import WindowSlot, WindowSlots

if TYPE_CHECKING:  # imported lazily at run time, when first opened
    from focusmate.services.calendar import CalendarService
    from focusmate.services.pulse_offers import EndedOffer, PulseOffers, ShownOffer
    from focusmate.services.sync_on_use import SyncOnUse
    from focusmate.ui.control_window import ControlWindow  # only where there is no tray
    from focusmate.ui.data_folder_box import DataFolderPort
    from focusmate.ui.morning_page import MorningPage
    from focusmate.ui.pulse_code_window import PulseCodeWindow
    from focusmate.ui.pulse_dialog import PulseDialog
    from focusmate.ui.reflection_dialog import ReflectionDialog
    from focusmate.ui.review_process import ReviewProcess
    from focusmate.ui.session_window import SessionWindow
    from focusmate.ui.settings_dialog import SettingsDialog
    from focusmate.ui.start_dialog import StartDialog

log = logging.getLogger(__name__)

#: The widest span there is: every matched one-on-one, past and coming.
_EVER = (datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC))

Confirm = Callable[[str], bool]
W = TypeVar("W", bound=QWidget)


def ask_user(question: str) -> bool:
    answer = QMessageBox.question(None, "focusmate", question)
    return answer == QMessageBox.StandardButton.Yes


class Windows(QObject):
    """Creates windows lazily, reuses them, and raises them only on the user's request."""

    #: The user confirmed quitting.
    quit_confirmed = Signal()

    # Through the desktop's portal: its triggers and what opens its dialog (see
    # show_hotkey_status); None with pynput or none.
    _system_shortcuts: tuple[dict[str, str], Callable[[], bool] | None] | None = None
    #: The week the last review showed: the next one opens on it (None: this week).
    _review_week: IsoWeek | None = None

    def __init__(
        self,
        controller: SessionController,
        actions: AppActions,
        *,
        use_tray: bool,
        tray_icon: QSystemTrayIcon | None = None,
        confirm: Confirm = ask_user,
        settings: SettingsService | None = None,
        autostart: StartAtLogin | None = None,
        autostart_command: Sequence[str] = (),
        data_folder: DataFolderPort | None = None,
        calendar: CalendarService | None = None,
        pulse_offers: PulseOffers | None = None,
        review: Callable[[], ReviewProcess] | None = None,
    ) -> None:
        """``autostart`` is this system's start-at-login entry (None: not offered), and
        ``autostart_command`` what it runs (this installation of focusmate, from the app);
        ``data_folder`` shows and moves the data folder in the settings (None: not offered);
        ``calendar`` the calendars' one-on-ones (None: no calendar features);
        ``pulse_offers`` the pulse page for the salesperson's phone (None: not offered);
        ``review`` makes the weekly review's process, on first use (None: not offered);
        ``tray_icon`` an icon already shown, for the tray to take over (app.py)."""
        super().__init__()
        self._controller = controller
        self._actions = actions
        self._confirm = confirm
        self._settings = settings
        self._autostart = autostart
        self._autostart_command = autostart_command
        self._data_folder = data_folder
        self._calendar = calendar
        self._last_error = ""
        self._pending_notices: list[str] = []
        self._notice_numbers = itertools.count()
        self._tray = Tray(controller, actions, tray_icon) if use_tray else None
        # Kept, and built now: the control window is the app where there is no tray. The
        # session window is kept once built, on first use (issue 18: its module and widgets
        # are not the idle tray's); until then the hotkey note and the last error wait here.
        self._control: WindowSlot[ControlWindow] | None = None
        if not use_tray:
            self._control = WindowSlot(self._build_control_window, keep=True)
            self._control.built()
        self._session = WindowSlot(self._build_session_window, keep=True)
        self._hotkey_note = self._shown_error = ""
        self._start: WindowSlot[StartDialog] = WindowSlot(self._build_start_dialog)
        self._reflections: WindowSlots[str, ReflectionDialog] = WindowSlots(self._build_reflection)
        self._pulses: WindowSlots[str, PulseDialog] = WindowSlots(self._build_pulse)
        # A process of its own, which ends when its window closes (issue 18); it opens again
        # on the week the user looked at last. Made on first use: QProcess and the pipe's
        # modules are not the idle tray's.
        self._make_review = review
        self._review: ReviewProcess | None = None
        self._settings_dialog: WindowSlot[SettingsDialog] | None = None
        if settings is not None:  # no settings to show without the service
            self._settings_dialog = WindowSlot(lambda: self._build_settings(settings))
        self._morning: WindowSlot[MorningPage] = WindowSlot(
            self._build_morning_page, keep=True, refresh=self._show_digest
        )
        #: One box per notice, told apart by its number (the same words may come twice).
        self._notices: WindowSlots[tuple[int, str], QMessageBox] = WindowSlots(
            lambda notice: _notice_box(notice[1])
        )
        self._pulse_offers = pulse_offers
        # Closing the QR window stops the page listening (ARCHITECTURE invariant 9).
        self._pulse_code: WindowSlot[PulseCodeWindow] = WindowSlot(
            self._build_pulse_code, on_forget=self._on_pulse_code_closed
        )
        if pulse_offers is not None:
            pulse_offers.offered.connect(self._on_pulse_offered)
            pulse_offers.finished.connect(self._on_pulse_offer_ended)
        self._first_run = FirstRun(controller, settings, autostart, autostart_command)
        actions.start_requested.connect(self.open_start_dialog)
        actions.mark_requested.connect(self._on_mark_requested)
        actions.end_requested.connect(self._on_end_requested)
        actions.session_window_requested.connect(self.show_session_window)
        actions.reflection_requested.connect(self.open_reflection)
        actions.review_requested.connect(self.open_review)
        actions.morning_requested.connect(self.open_morning_page)
        actions.quit_requested.connect(self._on_quit_requested)
        actions.settings_requested.connect(self.open_settings)
        actions.welcome_requested.connect(self.open_welcome)
        controller.session_ended.connect(self._on_session_ended)
        if calendar is not None:
            from focusmate.ui.meeting_flow import MeetingFlow  # noqa: PLC0415 - with calendars

            self._meetings = MeetingFlow(
                controller,
                calendar,
                actions,
                open_check_in=self.open_check_in,
                attempt=self._attempt,
                parent=self,
            )

    # -- what tests and the app may read (only Windows opens and closes windows) --

    def window(self, kind: type[W]) -> W | None:
        """The window of class ``kind`` while it is open (built and not closed), else None."""
        for slot in self._slots():
            if isinstance(window := slot.window, kind):
                return window
        return None

    def reflection(self, session_id: str) -> ReflectionDialog | None:
        """The reflection dialog open for this session, else None."""
        return self._reflections.window(session_id)

    def pulse(self, session_id: str) -> PulseDialog | None:
        """The salesperson's pulse dialog open for this session, else None."""
        return self._pulses.window(session_id)

    @property
    def session_window(self) -> SessionWindow:
        """The session window, built now if it was not (with the hotkey note and the last
        error kept meanwhile)."""
        return self._session.built()

    @property
    def notices(self) -> tuple[QMessageBox, ...]:
        """The notice boxes on screen, oldest first."""
        return self._notices.windows()

    @property
    def hotkeys(self) -> HotkeyStatus:
        """What the global hotkeys last said (the welcome shows it)."""
        return self._first_run.hotkeys

    @property
    def last_error(self) -> str:
        """The last failed change, in English as logged; "" after a change that worked."""
        return self._last_error

    def _slots(self) -> tuple[WindowSlot[Any], ...]:
        slots = (
            self._control,
            self._session,
            self._start,
            self._settings_dialog,
            self._morning,
            self._pulse_code,
            self._first_run.slot,
        )
        return tuple(slot for slot in slots if slot is not None)

    # -- the app's intents --

    def show(self) -> None:
        """Make the app visible: the tray icon, or the control window where there is no tray."""
        if self._tray is not None:
            self._tray.show()
        elif self._control is not None:
            self._control.built().show()

    def notice(self, message: str) -> None:
        """Tell the user something once, but never during a session: then it waits."""
        if self._controller.current is not None:
            self._pending_notices.append(message)
            return
        self._notices.open((next(self._notice_numbers), message))

    def _on_session_ended(self, session_id: str) -> None:
        while self._pending_notices:
            self.notice(self._pending_notices.pop(0))
        self.open_reflection(session_id)

    def show_window(self, window: str | None = None) -> None:
        """A second launch: ``window`` ("review", "settings") forward, else the primary action."""
        if window == "review":
            self.open_review()
        elif window == "settings":
            self.open_settings()
        else:
            self.primary_action()

    def primary_action(self) -> None:
        """What a left click on the tray does; also what a second `focusmate` asks for."""
        if self._controller.current is None:
            if self._control is not None:
                self._control.open()
            self.open_start_dialog()
        else:
            self.show_session_window()

    def open_start_dialog(self) -> None:
        if self._controller.current is None:
            self._start.open()

    def open_check_in(self, with_name: str, minutes: int) -> None:
        """The start dialog at its check-in, prefilled (a calendar one-on-one's Check in)."""
        if self._controller.current is None:
            self._start.open()
            dialog = self._start.window
            if dialog is not None:
                dialog.prefill(with_name, minutes)
                dialog.show_checkin()

    def _build_start_dialog(self) -> StartDialog:
        from focusmate.ui.start_dialog import StartDialog  # noqa: PLC0415 - on first use

        dialog = StartDialog(
            self._controller.past_names(),
            carry_over=self._controller.carry_over,
            dnd_status=self._controller.dnd_status,
            session_kinds=self._controller.session_kinds,
        )
        dialog.submitted.connect(self._on_start_submitted)
        return dialog

    def _on_start_submitted(self, with_name: str, minutes: int, focus: str) -> None:
        dialog = self._start.window
        if dialog is not None and self._running_elsewhere(with_name):
            return
        try:
            kind = COACHING if dialog is None else dialog.session_kind()
            self._controller.start(with_name, minutes, focus, kind)
        except FocusmateError as error:
            if dialog is not None:
                dialog.show_error(shown_error(error))
            return
        self._told_elsewhere = None
        checkin = None if dialog is None else dialog.checkin()
        if checkin is not None:  # the session runs either way; a failure shows there
            self._attempt(lambda: self._controller.check_in(checkin))
        if dialog is not None:
            dialog.accept()

    #: The person the start dialog was told about (rule S6): Start again starts anyway.
    _told_elsewhere: str | None = None

    def _running_elsewhere(self, with_name: str) -> bool:
        """A session with ``with_name`` runs on another computer (sync, issue 19): say so
        in the start dialog once; the same name submitted again starts here as well."""
        found = None if self._sync is None else self._sync.running_with(with_name)
        if found is None or self._told_elsewhere == found[1].casefold():
            return False
        self._told_elsewhere = found[1].casefold()
        dialog = self._start.window
        if dialog is not None:
            dialog.show_error(
                translate(
                    "Windows",
                    "{name} is in a session on {device}. Choose Start again to start one "
                    "here as well",
                ).format(name=found[1], device=found[0])
            )
        return True

    def _build_session_window(self) -> SessionWindow:
        from focusmate.ui.session_window import SessionWindow  # noqa: PLC0415 - on first use

        window = SessionWindow(self._controller, self._actions)
        window.undo_requested.connect(lambda: self._attempt(self._controller.undo_mark))
        window.show_hotkey_note(self._hotkey_note)
        window.show_error(self._shown_error)
        return window

    def _build_control_window(self) -> ControlWindow:
        from focusmate.ui.control_window import ControlWindow  # noqa: PLC0415 - no tray

        return ControlWindow(self._controller, self._actions)

    def show_session_window(self) -> None:
        if self._controller.current is not None:
            self._session.open()

    def on_hotkey(self, action: str) -> None:
        """A global hotkey: a mark or undo, silently; ignored when no session runs."""
        if self._controller.current is None:
            return
        if action == UNDO_ACTION:
            self._attempt(self._controller.undo_mark)
        else:
            self._attempt(lambda: self._controller.mark(action))

    def _on_mark_requested(self, kind: str) -> None:
        self._attempt(lambda: self._controller.mark(kind))

    def _on_end_requested(self) -> None:
        self._attempt(self._controller.end)

    def _attempt(self, change: Callable[[], object]) -> None:
        """Run a change; a failure is logged (``last_error``, English) and shown in the session
        window (in the user's language), never popped up."""
        shown = ""
        try:
            change()
        except FocusmateError as error:
            self._last_error = str(error)
            log.error("%s", error)
            shown = shown_error(error)
        else:
            self._last_error = ""
        self._shown_error = shown
        window = self._session.window
        if window is not None:
            window.show_error(shown)

    def open_reflection(self, session_id: str) -> None:
        """The reflection of a session that waits for one (after End, or from the menu)."""
        session = self._controller.session(session_id)
        if self._reflections.window(session_id) is not None or (
            session is not None and session.reflection_pending
        ):
            self._reflections.open(session_id)

    def edit_reflection(self, session_id: str) -> None:
        """Any ended session's reflection, waiting or saved (from the weekly review)."""
        session = self._controller.session(session_id)
        if session is not None and not session.running:
            self._reflections.open(session_id)

    def _build_reflection(self, session_id: str) -> ReflectionDialog | None:
        session = self._controller.session(session_id)
        if session is None:
            return None
        from focusmate.ui.reflection_dialog import ReflectionDialog  # noqa: PLC0415

        dialog = ReflectionDialog(session, self._controller.carry_over_for(session_id))
        dialog.draft_saved.connect(self._save_draft)
        dialog.saved.connect(self._save_reflection)
        dialog.pulse_requested.connect(self.open_pulse)  # "Their answers…" on the saved line
        return dialog

    def _save_draft(self, session_id: str, reflection: Reflection) -> None:
        self._attempt(lambda: self._controller.save_reflection(session_id, reflection))

    def _save_reflection(self, session_id: str, reflection: Reflection) -> None:
        dialog = self._reflections.window(session_id)
        try:
            self._controller.save_reflection(session_id, reflection)
        except FocusmateError as error:
            log.error("%s", error)
            if dialog is not None:
                dialog.show_error(shown_error(error))
            return
        if dialog is not None:
            dialog.show_saved()  # the quiet line, or closed

    def open_pulse(self, session_id: str) -> None:
        """The salesperson's answers for an ended session, new or saved (issue 16): only when
        the manager asks (the review, the reflection's line); a running session has none."""
        session = self._controller.session(session_id)
        if session is not None and not session.running:
            self._pulses.open(session_id)

    def _build_pulse(self, session_id: str) -> PulseDialog | None:
        session = self._controller.session(session_id)
        if session is None:
            return None
        from focusmate.ui.pulse_dialog import PulseDialog  # noqa: PLC0415 - on first use

        dialog = PulseDialog(session, self._controller.now, offer_page=self._pulse_page_offered())
        dialog.saved.connect(self._save_pulse)
        dialog.page_requested.connect(self.offer_pulse_page)
        return dialog

    def _pulse_page_offered(self) -> bool:
        """The pulse dialog shows the phone's code only where the settings turned it on."""
        return self._settings is not None and self._settings.current.pulse_page_enabled

    def _save_pulse(self, session_id: str, pulse: RepPulse) -> None:
        dialog = self._pulses.window(session_id)
        try:
            self._controller.record_pulse(session_id, pulse)
        except FocusmateError as error:
            log.error("%s", error)
            if dialog is not None:
                dialog.show_error(shown_error(error))
            return
        if dialog is not None:
            dialog.accept()

    def open_review(self) -> None:
        """The weekly review, in a process of its own (ui.review_process): started, or brought
        forward if it runs."""
        if self._review is None and self._make_review is not None:
            self._review = self._attach_review(self._make_review())
        if self._review is None:
            self.notice(translate("ReviewProcess", "The weekly review is not available here."))
            return
        self._review.open(self._review_week, self._scheduled())

    def _scheduled(self) -> list[UpcomingOneOnOne]:
        """Every matched one-on-one of the calendars, for the review's attendance figures
        (issue 15, deliverable 7); none without a calendar."""
        if self._calendar is None:
            return []
        return self._calendar.scheduled(_EVER[0], _EVER[1])

    def _attach_review(self, review: ReviewProcess) -> ReviewProcess:
        """What the review asks is done here, where the writes and the session's rules are;
        what changes here is told to it."""
        review.reflection_asked.connect(self.edit_reflection)
        review.pulse_asked.connect(self.open_pulse)
        review.notice_asked.connect(self.notice)
        review.week_shown.connect(self._remember_review_week)
        self._controller.state_changed.connect(review.refresh)
        if self._settings is not None:
            self._settings.changed.connect(lambda _new: review.refresh())
        if self._calendar is not None:
            self._calendar.upcoming_changed.connect(self._on_upcoming_changed)
        return review

    def _on_upcoming_changed(self) -> None:
        """The calendar's one-on-ones changed: sent to the review only while it runs (the
        calendars refresh every few minutes, the review is rarely open)."""
        if self._review is not None and self._review.running:
            self._review.send_scheduled(self._scheduled())

    def _remember_review_week(self, week: IsoWeek) -> None:
        self._review_week = week

    def offer_pulse_page(self, session_id: str) -> None:
        """Show the QR code of the pulse page for this ended session (the pulse dialog's
        button); a refusal (the setting off, no local network, ...) is a quiet notice."""
        if self._pulse_offers is None:
            self.notice(translate("PulseCodeWindow", "Answering on the phone is not available."))
            return
        try:
            self._pulse_offers.offer(session_id)  # its ``offered`` opens the window
        except FocusmateError as error:
            log.info("no pulse page: %s", error)
            self.notice(shown_error(error))

    def _build_pulse_code(self) -> PulseCodeWindow:
        from focusmate.ui.pulse_code_window import PulseCodeWindow  # noqa: PLC0415 - on demand

        return PulseCodeWindow()

    def _on_pulse_offered(self, shown: ShownOffer) -> None:
        self._pulse_code.built().show_offer(shown)
        self._pulse_code.open()

    def _on_pulse_offer_ended(self, ended: EndedOffer) -> None:
        window = self._pulse_code.window
        if window is not None:
            window.show_ended(ended)

    def _on_pulse_code_closed(self) -> None:
        if self._pulse_offers is not None:
            self._pulse_offers.close()

    #: Sync across computers (attach_sync), for the settings' Sync tab.
    _sync: SyncOnUse | None = None

    def attach_sync(self, sync: SyncOnUse) -> None:
        """Sync across computers (issue 19): the settings get their Sync tab."""
        self._sync = sync

    def open_settings(self) -> None:
        if self._settings_dialog is not None:
            self._settings_dialog.open()

    def _build_settings(self, service: SettingsService) -> SettingsDialog:
        from focusmate.ui.calendars_tab import CalendarParts  # noqa: PLC0415
        from focusmate.ui.settings_dialog import (  # noqa: PLC0415 - on demand
            SettingsDialog,
            SystemParts,
        )

        calendars = None
        if self._calendar is not None:
            calendars = CalendarParts(self._calendar, lambda: service.current)
        dialog = SettingsDialog(service.current, BACKEND_NAMES, calendars=calendars)
        if self._sync is not None:
            dialog.attach_sync(self._sync)
        if self._autostart is not None and self._data_folder is not None:
            command = self._autostart_command
            dialog.attach_system(SystemParts(self._autostart, command, self._data_folder))
        dialog.submitted.connect(self._on_settings_submitted)
        if self._system_shortcuts is not None:
            dialog.show_system_shortcuts(*self._system_shortcuts)
        return dialog

    def _on_settings_submitted(self, settings: Settings) -> None:
        dialog = None if self._settings_dialog is None else self._settings_dialog.window
        if self._settings is None or dialog is None:
            return
        try:
            self._settings.apply(settings)
        except FocusmateError as error:
            dialog.show_error(shown_error(error))
            return
        dialog.accept()

    def open_morning_page(self) -> None:
        """The quiet morning page (from the reminder or the menu); never during a session."""
        if self._controller.current is None:
            self._morning.open()

    def _build_morning_page(self) -> MorningPage:
        from focusmate.ui.morning_page import MorningPage  # noqa: PLC0415 - lazy

        page = MorningPage()
        self._show_digest(page)
        return page

    def _show_digest(self, page: MorningPage) -> None:
        page.show_digest(self._controller.morning_digest())

    def _on_quit_requested(self) -> None:
        session = self._controller.current
        if session is not None:
            question = translate(
                "Shell",
                "Your session with {name} is still running.\n"
                "End it and quit? You can reflect on it next time.",
            ).format(name=session.with_name)
            if not self._confirm(question):
                return
            self._attempt(self._controller.end)
        self.quit_confirmed.emit()

    def show_hotkey_status(
        self,
        available: bool,
        note: str,
        *,
        bound: Mapping[str, str] | None = None,
        change: Callable[[], bool] | None = None,
    ) -> None:
        """The global hotkeys started, or changed: ``note`` is why they do not work (or a
        limit), with the desktop-shortcut commands; "" when they simply work.  Through the
        desktop's portal, ``bound`` is what the desktop fires each action on and ``change``
        opens its dialog to change them (the settings offer it)."""
        self._hotkey_note = note
        window = self._session.window
        if window is not None:
            window.show_hotkey_note(note)
        self._first_run.show_hotkeys(HotkeyStatus(available, note, bound))
        self._system_shortcuts = None if bound is None else (dict(bound), change)
        dialog = None if self._settings_dialog is None else self._settings_dialog.window
        if dialog is not None:
            dialog.show_system_shortcuts(bound, change)

    def welcome_on_first_run(self) -> None:
        """At start-up: the welcome for someone new to focusmate (see FirstRun)."""
        self._first_run.welcome_if_new()

    def open_welcome(self) -> None:
        """The welcome (first run, or the menu); never during a session."""
        self._first_run.open()

    def close_all(self) -> None:
        """The app quits: every window hidden and deleted, the tray icon hidden."""
        for slot in self._slots():
            slot.close()
        self._reflections.close()
        self._pulses.close()
        self._notices.close()
        if self._review is not None:
            self._review.close()
        if self._tray is not None:
            self._tray.hide()


def _notice_box(message: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, "focusmate", message)  # the app's name
    box.setModal(False)
    return box
