"""The app's actions, shared by the tray menu and the no-tray window.

One set of QActions serves both, so a command behaves the same whichever door the
manager uses. The actions only emit intents; the app wires them to the controller.
Their texts are in context "Menu" (mnemonics unique within the menu, in every language).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QLocale, QObject, Signal
from PySide6.QtGui import QAction

from focusmate.core.describe import status_line
from focusmate.core.marks import MarkKind
from focusmate.core.text import translate
from focusmate.services.controller import SessionController

MAX_PENDING_IN_MENU = 5


class AppActions(QObject):
    """Builds the actions and keeps their visibility in step with the session state."""

    start_requested = Signal()
    mark_requested = Signal(str)  # kind id
    end_requested = Signal()
    session_window_requested = Signal()
    reflection_requested = Signal(str)  # session id
    review_requested = Signal()
    morning_requested = Signal()
    settings_requested = Signal()
    welcome_requested = Signal()
    quit_requested = Signal()
    #: The set or visibility of actions changed (menus and windows rebuild).
    changed = Signal()

    def __init__(self, controller: SessionController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.status = QAction(self)
        self.status.setEnabled(False)
        self.start = self._action(
            translate("Menu", "&Start coaching session…"), self.start_requested.emit
        )
        self.show_session = self._action(
            translate("Menu", "Show &session window"), self.session_window_requested.emit
        )
        self.log_phone = self._action(
            translate("Menu", "Log &phone check"),
            lambda: self.mark_requested.emit(MarkKind.PHONE.value),
        )
        self.log_app = self._action(
            translate("Menu", "Log &app switch"),
            lambda: self.mark_requested.emit(MarkKind.APP.value),
        )
        self.log_custom = [self._mark_action(kind) for kind in controller.kinds if not kind.builtin]
        self.end = self._action(translate("Menu", "&End session"), self.end_requested.emit)
        self.review = self._action(translate("Menu", "&Weekly review"), self.review_requested.emit)
        self.morning = self._action(
            translate("Menu", "&Morning stillness…"), self.morning_requested.emit
        )
        self.settings = self._action(translate("Menu", "Se&ttings…"), self.settings_requested.emit)
        self.welcome = self._action(
            translate("Menu", "Welcome && &how it works…"), self.welcome_requested.emit
        )
        self.quit = self._action(translate("Menu", "&Quit focusmate"), self.quit_requested.emit)
        self.reflections: list[QAction] = []
        controller.state_changed.connect(self.refresh)
        controller.ticked.connect(self._refresh_status)
        self.refresh()

    def _action(self, text: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        return action

    def _mark_action(self, kind: MarkKind) -> QAction:
        """A user's own kind, in their own words (no mnemonic: its letters are unknown)."""
        text = translate("Menu", "Log {kind}").format(kind=kind.label.replace("&", "&&"))
        return self._action(text, lambda: self.mark_requested.emit(kind.value))

    def update_kinds(self) -> None:
        """The user's kinds of marks changed (settings): new actions, menus follow."""
        for action in self.log_custom:
            action.deleteLater()  # deferred: menus drop them first, on `changed`
        kinds = self._controller.kinds
        self.log_custom = [self._mark_action(kind) for kind in kinds if not kind.builtin]
        self.refresh()

    def session_actions(self) -> list[QAction]:
        return [self.show_session, self.log_phone, self.log_app, *self.log_custom, self.end]

    def refresh(self) -> None:
        running = self._controller.current is not None
        self.start.setVisible(not running)
        self.morning.setVisible(not running)  # never during a session
        self.welcome.setVisible(not running)  # nothing opens in front of the conversation
        for action in self.session_actions():
            action.setVisible(running)
        self._refresh_status()
        self._rebuild_reflections()
        self.changed.emit()

    def menu_layout(self) -> list[QAction | None]:
        """Actions in menu order; None stands for a separator. Hidden ones are included
        (menus collapse the separators left next to them)."""
        return [
            self.status,
            None,
            self.start,
            *self.session_actions(),
            None,
            *self.reflections,
            self.review,
            self.morning,
            self.settings,
            self.welcome,
            None,
            self.quit,
        ]

    def _refresh_status(self) -> None:
        controller = self._controller
        line = status_line(controller.current, controller.timing(), controller.kinds)
        self.status.setText(line.replace("&", "&&"))  # a "&" in a name is shown, not a mnemonic

    def _rebuild_reflections(self) -> None:
        for action in self.reflections:
            action.deleteLater()
        self.reflections = []
        if not self._controller.history_loaded:
            return  # start-up reads it just after the icon shows; state_changed follows
        for session in self._controller.pending_reflections()[:MAX_PENDING_IN_MENU]:
            text = translate("Menu", "Reflect on {name} ({day})…").format(
                name=session.with_name.replace("&", "&&"), day=menu_day(session.started_at)
            )
            action = QAction(text, self)
            action.triggered.connect(
                lambda _checked=False, sid=session.id: self.reflection_requested.emit(sid)
            )
            self.reflections.append(action)


def menu_day(instant: datetime) -> str:
    """'Mon 23 Nov' in the user's language (local day of an aware instant)."""
    local = instant.astimezone()
    day_format = translate("Menu", "ddd d MMM")  # Qt's date format: German puts dots in
    return QLocale().toString(QDate(local.year, local.month, local.day), day_format)
