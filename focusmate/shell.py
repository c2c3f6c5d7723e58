"""The app's window manager: opens the right window for each intent and calls the controller.

It is wiring, not logic: every state change still goes through SessionController, and
no window is ever opened during a session unless the manager asked for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from focusmate.controller import SessionController
from focusmate.core.dnd import BACKEND_NAMES
from focusmate.core.errors import FocusmateError
from focusmate.core.hotkeys import UNDO_ACTION
from focusmate.core.model import Reflection
from focusmate.core.settings import Settings
from focusmate.core.weekly import IsoWeek
from focusmate.exports import SessionsFormat, WeekFormat, sessions_text, write_text, write_week
from focusmate.settings_service import SettingsService
from focusmate.ui.actions import AppActions
from focusmate.ui.control_window import ControlWindow
from focusmate.ui.reflection_dialog import ReflectionDialog
from focusmate.ui.session_window import SessionWindow
from focusmate.ui.start_dialog import StartDialog
from focusmate.ui.tray import Tray

if TYPE_CHECKING:  # imported lazily at run time, when first opened
    from focusmate.ui.morning_page import MorningPage
    from focusmate.ui.review_window import ReviewWindow  # it brings Qt Quick
    from focusmate.ui.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)

Confirm = Callable[[str], bool]


def ask_save_path(title: str, suggested_name: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(None, title, str(Path.home() / suggested_name))
    return path or None


def ask_user(question: str) -> bool:
    answer = QMessageBox.question(None, "focusmate", question)
    return answer == QMessageBox.StandardButton.Yes


class Shell(QObject):
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
    ) -> None:
        super().__init__()
        self._controller = controller
        self._actions = actions
        self._confirm = confirm
        self._ask_path = ask_path
        self._settings = settings
        self.settings_dialog: SettingsDialog | None = None
        self.tray: Tray | None = Tray(controller, actions) if use_tray else None
        self.control_window: ControlWindow | None = (
            None if use_tray else ControlWindow(controller, actions)
        )
        self.session_window = SessionWindow(controller, actions)
        self.start_dialog: StartDialog | None = None
        self.reflection_dialogs: dict[str, ReflectionDialog] = {}
        self.review_window: ReviewWindow | None = None
        self.morning_page: MorningPage | None = None
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
        controller.session_ended.connect(self._on_session_ended)

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
        box = QMessageBox(QMessageBox.Icon.Information, "focusmate", message)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        box.show()
        self.notice_boxes.append(box)

    def _on_session_ended(self, session_id: str) -> None:
        while self._pending_notices:
            self.notice(self._pending_notices.pop(0))
        self.open_reflection(session_id)

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
                self.start_dialog.show_error(str(error))
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
        """Run a change; a failure is logged and shown in the session window, never popped up."""
        try:
            change()
        except FocusmateError as error:
            self.last_error = str(error)
            log.error("%s", error)
        else:
            self.last_error = ""
        self.session_window.show_error(self.last_error)

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
                dialog.show_error(str(error))
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
        chosen = self._ask_path(f"Export ({suffix.upper()})", name)
        if not chosen:
            return
        target = Path(chosen)
        try:
            if kind == "ics":
                write_text(target, sessions_text(self._controller.all_sessions(),
                                                 SessionsFormat.ICS))  # fmt: skip
            else:
                fmt = {"png": WeekFormat.PNG, "week-csv": WeekFormat.CSV}.get(kind, WeekFormat.JSON)
                write_week(self._controller.week_review(week), fmt, target)
        except FocusmateError as error:
            self.notice(f"The export failed: {error}")

    def open_settings(self) -> None:
        if self._settings is None:
            return
        if self.settings_dialog is None:
            from focusmate.ui.settings_dialog import SettingsDialog  # noqa: PLC0415 - on demand

            dialog = SettingsDialog(self._settings.current, BACKEND_NAMES)
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
            dialog.show_error(str(error))
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
            question = (
                f"Your session with {session.with_name} is still running.\n"
                "End it and quit? You can reflect on it next time."
            )
            if not self._confirm(question):
                return
            self._attempt(self._controller.end)
        self.quit_confirmed.emit()

    def close_all(self) -> None:
        for widget in (self.start_dialog, self.session_window, self.review_window,
                       self.control_window, self.morning_page,
                       *self.reflection_dialogs.values()):  # fmt: skip
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        if self.tray is not None:
            self.tray.hide()


def _bring_forward(widget: QWidget) -> None:
    widget.show()
    widget.raise_()
    widget.activateWindow()
