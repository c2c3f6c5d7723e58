"""The app's window manager: opens the right window for each intent and calls the controller.

It is wiring, not logic: every state change still goes through SessionController, and
no window is ever opened during a session unless the manager asked for it.

It also owns the first-run welcome: shown at start-up to a new user (no history, never
welcomed), never during a session; its two choices are applied here (start at login through
the OS adapter, the reminder through the SettingsService), and it counts as seen however it
is closed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from focusmate.core.dnd import BACKEND_NAMES
from focusmate.core.errors import FocusmateError
from focusmate.core.hotkeys import UNDO_ACTION, HotkeyBindings
from focusmate.core.model import Reflection
from focusmate.core.ports import StartAtLogin
from focusmate.core.settings import Settings
from focusmate.core.text import translate
from focusmate.core.weekly import IsoWeek, WeekStats
from focusmate.services.controller import SessionController
from focusmate.services.exports import (
    SessionsFormat,
    WeekFormat,
    sessions_text,
    write_text,
    write_week,
)
from focusmate.services.settings import SettingsService
from focusmate.ui.actions import AppActions
from focusmate.ui.error_text import shown_error
from focusmate.ui.session_window import SessionWindow
from focusmate.ui.tray import Tray
from focusmate.ui.welcome_dialog import HotkeyStatus, WelcomeChoices, WelcomeDialog

if TYPE_CHECKING:  # imported lazily at run time, when first opened
    from focusmate.ui.control_window import ControlWindow  # only where there is no tray
    from focusmate.ui.data_folder_box import DataFolderPort
    from focusmate.ui.morning_page import MorningPage
    from focusmate.ui.reflection_dialog import ReflectionDialog
    from focusmate.ui.review_window import ReviewWindow  # it brings Qt Quick
    from focusmate.ui.settings_dialog import SettingsDialog
    from focusmate.ui.start_dialog import StartDialog

log = logging.getLogger(__name__)

Confirm = Callable[[str], bool]


def ask_save_path(title: str, suggested_name: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(None, title, str(Path.home() / suggested_name))
    return path or None


def ask_user(question: str) -> bool:
    answer = QMessageBox.question(None, "focusmate", question)
    return answer == QMessageBox.StandardButton.Yes


class Windows(QObject):
    """Creates windows lazily, reuses them, and raises them only on the user's request."""

    #: The user confirmed quitting.
    quit_confirmed = Signal()

    def __init__(
        self,
        controller: SessionController,
        actions: AppActions,
        *,
        use_tray: bool,
        confirm: Confirm = ask_user,
        ask_path: Callable[[str, str], str | None] = ask_save_path,
        settings: SettingsService | None = None,
        autostart: StartAtLogin | None = None,
        autostart_command: Sequence[str] = (),
        data_folder: DataFolderPort | None = None,
    ) -> None:
        """``autostart`` is this system's start-at-login entry (None: not offered), and
        ``autostart_command`` what it runs (this installation of focusmate, from the app);
        ``data_folder`` shows and moves the data folder in the settings (None: not offered)."""
        super().__init__()
        self._controller = controller
        self._actions = actions
        self._confirm = confirm
        self._ask_path = ask_path
        self._settings = settings
        self._autostart = autostart
        self._autostart_command = autostart_command
        self._data_folder = data_folder
        self.settings_dialog: SettingsDialog | None = None
        self.tray: Tray | None = Tray(controller, actions) if use_tray else None
        self.control_window: ControlWindow | None = None
        if not use_tray:
            from focusmate.ui.control_window import ControlWindow  # noqa: PLC0415 - no tray

            self.control_window = ControlWindow(controller, actions)
        self.session_window = SessionWindow(controller, actions)
        self.session_window.undo_requested.connect(
            lambda: self._attempt(self._controller.undo_mark)
        )
        self.start_dialog: StartDialog | None = None
        self.reflection_dialogs: dict[str, ReflectionDialog] = {}
        self.review_window: ReviewWindow | None = None
        self.morning_page: MorningPage | None = None
        self.welcome_dialog: WelcomeDialog | None = None
        #: What the global hotkeys last said (the welcome shows it).
        self.hotkeys = HotkeyStatus()
        self.last_error = ""
        self._pending_notices: list[str] = []
        self.notice_boxes: list[QMessageBox] = []
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
        controller.state_changed.connect(self._on_state_changed)

    def show(self) -> None:
        """Make the app visible: the tray icon, or the control window where there is no tray."""
        if self.tray is not None:
            self.tray.show()
        elif self.control_window is not None:
            self.control_window.show()

    def notice(self, message: str) -> None:
        """Tell the user something once, but never during a session: then it waits."""
        if self._controller.current is not None:
            self._pending_notices.append(message)
            return
        box = QMessageBox(QMessageBox.Icon.Information, "focusmate", message)  # the app's name
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        box.show()
        self.notice_boxes.append(box)

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
            if self.control_window is not None:
                _bring_forward(self.control_window)
            self.open_start_dialog()
        else:
            self.show_session_window()

    def open_start_dialog(self) -> None:
        if self._controller.current is not None:
            return
        if self.start_dialog is None:
            from focusmate.ui.start_dialog import StartDialog  # noqa: PLC0415 - on first use

            dialog = StartDialog(
                self._controller.past_names(),
                carry_over=self._controller.carry_over,
                dnd_status=self._controller.dnd_status,
            )
            dialog.submitted.connect(self._on_start_submitted)
            dialog.finished.connect(self._forget_start_dialog)
            self.start_dialog = dialog
        _bring_forward(self.start_dialog)

    def _forget_start_dialog(self) -> None:
        if self.start_dialog is not None:
            self.start_dialog.deleteLater()
            self.start_dialog = None

    def _on_start_submitted(self, with_name: str, minutes: int, focus: str) -> None:
        try:
            self._controller.start(with_name, minutes, focus)
        except FocusmateError as error:
            if self.start_dialog is not None:
                self.start_dialog.show_error(shown_error(error))
            return
        checkin = None if self.start_dialog is None else self.start_dialog.checkin()
        if checkin is not None:  # the session runs either way; a failure shows there
            self._attempt(lambda: self._controller.check_in(checkin))
        if self.start_dialog is not None:
            self.start_dialog.accept()

    def show_session_window(self) -> None:
        if self._controller.current is not None:
            _bring_forward(self.session_window)

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
            self.last_error = str(error)
            log.error("%s", error)
            shown = shown_error(error)
        else:
            self.last_error = ""
        self.session_window.show_error(shown)

    def open_reflection(self, session_id: str) -> None:
        """The reflection of a session that waits for one (after End, or from the menu)."""
        session = self._controller.session(session_id)
        if session_id in self.reflection_dialogs or (
            session is not None and session.reflection_pending
        ):
            self._show_reflection(session_id)

    def edit_reflection(self, session_id: str) -> None:
        """Any ended session's reflection, waiting or saved (from the weekly review)."""
        session = self._controller.session(session_id)
        if session is not None and not session.running:
            self._show_reflection(session_id)

    def _show_reflection(self, session_id: str) -> None:
        dialog = self.reflection_dialogs.get(session_id)
        if dialog is None:
            session = self._controller.session(session_id)
            if session is None:
                return
            from focusmate.ui.reflection_dialog import ReflectionDialog  # noqa: PLC0415

            dialog = ReflectionDialog(session, self._controller.carry_over_for(session_id))
            dialog.draft_saved.connect(self._save_draft)
            dialog.saved.connect(self._save_reflection)
            dialog.finished.connect(lambda _result, sid=session_id: self._forget_reflection(sid))
            self.reflection_dialogs[session_id] = dialog
        _bring_forward(dialog)

    def _save_draft(self, session_id: str, reflection: Reflection) -> None:
        self._attempt(lambda: self._controller.save_reflection(session_id, reflection))

    def _save_reflection(self, session_id: str, reflection: Reflection) -> None:
        dialog = self.reflection_dialogs.get(session_id)
        try:
            self._controller.save_reflection(session_id, reflection)
        except FocusmateError as error:
            log.error("%s", error)
            if dialog is not None:
                dialog.show_error(shown_error(error))
            return
        if dialog is not None:
            dialog.accept()

    def _forget_reflection(self, session_id: str) -> None:
        dialog = self.reflection_dialogs.pop(session_id, None)
        if dialog is not None:
            dialog.deleteLater()

    def open_review(self) -> None:
        if self.review_window is None:
            from focusmate.ui.review_window import ReviewWindow  # noqa: PLC0415 - lazy

            this_week = self._controller.current_week()
            review = ReviewWindow(
                self._controller.week_review, this_week, this_week, self._controller.kinds
            )
            review.export_requested.connect(self._on_export_requested)
            review.session_activated.connect(self.edit_reflection)
            self._controller.state_changed.connect(review.refresh_if_visible)
            self.review_window = review
        else:
            self.review_window.refresh()
        _bring_forward(self.review_window)

    def _on_export_requested(self, kind: str, week: IsoWeek) -> None:
        """An export button of the review: ask where, then write the file atomically."""
        suffix = {"png": "png", "week-csv": "csv", "week-json": "json", "ics": "ics"}[kind]
        name = f"focusmate-{week}.{suffix}" if kind != "ics" else "focusmate-sessions.ics"
        title = translate("Shell", "Export ({format})").format(format=suffix.upper())
        chosen = self._ask_path(title, name)
        if not chosen:
            return
        target = Path(chosen)
        try:
            if kind == "ics":
                write_text(
                    target, sessions_text(self._controller.all_sessions(), SessionsFormat.ICS)
                )
            else:
                fmt = {"png": WeekFormat.PNG, "week-csv": WeekFormat.CSV}.get(kind, WeekFormat.JSON)
                write_week(self._controller.week_review(week), fmt, target, render_png=_render_png)
        except FocusmateError as error:
            reason = shown_error(error)
            self.notice(translate("Shell", "The export failed: {reason}").format(reason=reason))

    def open_settings(self) -> None:
        if self._settings is None:
            return
        if self.settings_dialog is None:
            from focusmate.ui.settings_dialog import (  # noqa: PLC0415 - on demand
                SettingsDialog,
                SystemParts,
            )

            dialog = SettingsDialog(self._settings.current, BACKEND_NAMES)
            if self._autostart is not None and self._data_folder is not None:
                command = self._autostart_command
                dialog.attach_system(SystemParts(self._autostart, command, self._data_folder))
            dialog.submitted.connect(self._on_settings_submitted)
            dialog.finished.connect(self._forget_settings_dialog)
            self.settings_dialog = dialog
        _bring_forward(self.settings_dialog)

    def _on_settings_submitted(self, settings: Settings) -> None:
        dialog = self.settings_dialog
        if self._settings is None or dialog is None:
            return
        try:
            self._settings.apply(settings)
        except FocusmateError as error:
            dialog.show_error(shown_error(error))
            return
        dialog.accept()

    def _forget_settings_dialog(self) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.deleteLater()
            self.settings_dialog = None

    def open_morning_page(self) -> None:
        """The quiet morning page (from the reminder or the menu); never during a session."""
        if self._controller.current is not None:
            return
        if self.morning_page is None:
            from focusmate.ui.morning_page import MorningPage  # noqa: PLC0415 - lazy

            self.morning_page = MorningPage()
        self.morning_page.show_digest(self._controller.morning_digest())
        _bring_forward(self.morning_page)

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

    def show_hotkey_status(self, available: bool, note: str) -> None:
        """The global hotkeys started, or changed: ``note`` is why they do not work (or a
        limit), with the desktop-shortcut commands; "" when they simply work."""
        self.hotkeys = HotkeyStatus(available, note)
        self.session_window.show_hotkey_note(note)
        if self.welcome_dialog is not None:
            self.welcome_dialog.show_hotkeys(self.hotkeys)

    def welcome_on_first_run(self) -> None:
        """At start-up: the welcome for someone new to focusmate. Someone upgrading, with
        sessions already, is only noted as welcomed (they know the method)."""
        if self._settings is None or self._settings.current.welcomed:
            return
        if self._controller.current is not None or self._controller.all_sessions():
            self._note_welcomed()
            return
        self.open_welcome()

    def open_welcome(self) -> None:
        """The welcome (first run, or the menu); never during a session."""
        if self._controller.current is not None:
            return
        if self.welcome_dialog is None:
            settings = self._settings.current if self._settings is not None else Settings()
            dialog = WelcomeDialog(
                bindings=_bindings(settings),
                kinds=self._controller.kinds,
                hotkeys=self.hotkeys,
                dnd=self._controller.dnd_status(),
                start_at_login=None if self._autostart is None else self._autostart.is_enabled(),
                reminder=settings.morning_reminder,
            )
            dialog.submitted.connect(self._on_welcome_submitted)
            dialog.finished.connect(self._on_welcome_finished)
            self.welcome_dialog = dialog
        _bring_forward(self.welcome_dialog)

    def _on_welcome_submitted(self, choices: WelcomeChoices) -> None:
        """On "Get started": start at login as ticked (only if it changed), then the reminder
        and "welcomed" saved together; a failure is shown in the window, which stays open."""
        dialog = self.welcome_dialog
        if dialog is None:
            return
        if self._autostart is not None and choices.start_at_login != dialog.initial_start_at_login:
            try:
                if choices.start_at_login:
                    self._autostart.enable(self._autostart_command)
                else:
                    self._autostart.disable()
            except FocusmateError as error:
                log.error("%s", error)
                dialog.show_error(
                    translate("Welcome", "Start at login could not be changed: {reason}").format(
                        reason=shown_error(error)
                    )
                )
                return
            dialog.initial_start_at_login = choices.start_at_login  # done, even if more fails
        if self._settings is not None:
            current = self._settings.current
            reminder = replace(current.morning_reminder, enabled=choices.morning_reminder)
            chosen = replace(current, morning_reminder=reminder, welcomed=True)
            try:
                if chosen != current:
                    self._settings.apply(chosen)
            except FocusmateError as error:
                log.error("%s", error)
                dialog.show_error(
                    translate("Welcome", "Your choices could not be saved: {reason}").format(
                        reason=shown_error(error)
                    )
                )
                return
        dialog.accept()

    def _on_welcome_finished(self) -> None:
        """However it was closed (Escape too), the welcome was seen: not shown again."""
        self._note_welcomed()
        if self.welcome_dialog is not None:
            self.welcome_dialog.deleteLater()
            self.welcome_dialog = None

    def _note_welcomed(self) -> None:
        if self._settings is None or self._settings.current.welcomed:
            return
        try:
            self._settings.apply(replace(self._settings.current, welcomed=True))
        except FocusmateError as error:  # shown once more at the next start; no harm done
            log.warning("could not note that the welcome was seen: %s", error)

    def _on_state_changed(self) -> None:
        if self._controller.current is not None and self.welcome_dialog is not None:
            self.welcome_dialog.reject()  # a session started: nothing stays open in front of it

    def close_all(self) -> None:
        for widget in (
            self.start_dialog,
            self.session_window,
            self.review_window,
            self.control_window,
            self.morning_page,
            self.welcome_dialog,
            *self.reflection_dialogs.values(),
        ):
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        if self.tray is not None:
            self.tray.hide()


def _bring_forward(widget: QWidget) -> None:
    widget.show()
    widget.raise_()
    widget.activateWindow()


def _bindings(settings: Settings) -> HotkeyBindings:
    """The hotkeys as set (none if the settings hold one that cannot be parsed)."""
    try:
        return HotkeyBindings.from_text(settings.hotkeys)
    except FocusmateError:
        return HotkeyBindings()


def _render_png(stats: WeekStats, target: Path) -> None:
    from focusmate.ui.chart_png import render_week_png  # noqa: PLC0415 - Qt Quick, on demand

    render_week_png(stats, target)
