"""The session window: who, how long, how many marks, and the session's buttons.

It only appears when the manager asks for it (left click on the tray icon) and never
raises itself; it updates quietly once a second.

By keyboard: Tab goes through the buttons left to right (the marks, Undo, End), each with
its mnemonic where the action has one (Alt+P, Alt+A, Alt+U, Alt+E). The labels are read by
their text; the time is read as whole minutes ("Time left: 12 minutes"), and that name
changes once a minute, not every second, so a screen reader is not kept busy.
"""

from __future__ import annotations

import html
from itertools import pairwise

from PySide6.QtCore import QMetaMethod, Qt, Signal
from PySide6.QtGui import QAction, QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from focusmate.core.describe import marks_text, time_spoken, time_text
from focusmate.core.text import translate
from focusmate.services.controller import SessionController
from focusmate.ui.actions import AppActions
from focusmate.ui.error_label import ErrorLabel
from focusmate.ui.icons import app_icon


class SessionWindow(QWidget):
    #: The manager asked to take back the newest mark (the Undo button).
    undo_requested = Signal()

    def __init__(self, controller: SessionController, actions: AppActions) -> None:
        super().__init__()
        self._controller = controller
        self.setWindowTitle(translate("SessionWindow", "focusmate: coaching session"))
        self.setWindowIcon(app_icon())
        self.with_label = QLabel()
        self.focus_label = QLabel()
        self.focus_label.setWordWrap(True)
        self.time_label = QLabel()
        big = QFont(self.time_label.font())
        big.setPointSizeF(big.pointSizeF() * 2.2)
        self.time_label.setFont(big)
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Labels that change are read by their text (an accessible name would replace it);
        # the description says what they are.
        self.marks_label = QLabel()
        self.marks_label.setAccessibleDescription(translate("SessionWindow", "Marks"))
        self.dnd_label = QLabel()
        self.dnd_label.setWordWrap(True)
        self.dnd_label.setAccessibleDescription(translate("SessionWindow", "Do-not-disturb"))
        self.error_label = ErrorLabel()
        self.hotkey_note = QLabel()
        self.hotkey_note.setWordWrap(True)
        self.hotkey_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hotkey_note.setAccessibleDescription(translate("SessionWindow", "Hotkeys"))
        self.hotkey_note.hide()
        self._actions = actions
        self._button_row = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        self.undo_button = QPushButton(translate("SessionWindow", "&Undo last mark"), self)
        self.undo_button.setAutoDefault(True)
        self.undo_button.clicked.connect(self._on_undo_clicked)
        self._build_buttons()
        actions.changed.connect(self._on_actions_changed)
        layout = QVBoxLayout(self)
        labels = (
            self.with_label,
            self.focus_label,
            self.time_label,
            self.marks_label,
            self.dnd_label,
            self.error_label,
            self.hotkey_note,
        )
        for widget in labels:
            layout.addWidget(widget)
        layout.addLayout(self._button_row)
        controller.state_changed.connect(self.refresh)
        controller.ticked.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        session = self._controller.current
        timing = self._controller.timing()
        if session is None or timing is None:
            self.hide()  # the session ended: this window has nothing left to show
            return
        self.with_label.setText(
            translate("SessionWindow", "Coaching <b>{name}</b>").format(
                name=html.escape(session.with_name)
            )
        )
        self.focus_label.setText(
            translate("SessionWindow", "Focus: {focus}").format(focus=html.escape(session.focus))
            if session.focus
            else ""
        )
        self.focus_label.setVisible(bool(session.focus))
        self.time_label.setText(time_text(timing))
        spoken = time_spoken(timing)
        if self.time_label.accessibleName() != spoken:  # each change is announced: once a minute
            self.time_label.setAccessibleName(spoken)
        self.time_label.setProperty("overtime", timing.overtime)
        self.marks_label.setText(marks_text(session, self._controller.kinds))
        self.dnd_label.setText(self._controller.dnd_status().detail)
        self._update_undo()

    def _update_undo(self) -> None:
        """Undo is offered once something handles it (ui.windows wires it to the controller),
        so the window never shows a button that does nothing. It is never disabled: a
        disabled button with the focus hands it to the next one, End session, where a
        second Enter would end the conversation."""
        undo_signal = QMetaMethod.fromSignal(self.undo_requested)
        self.undo_button.setVisible(self.isSignalConnected(undo_signal))

    def _on_undo_clicked(self) -> None:
        if self._controller.can_undo():
            self.undo_requested.emit()
        else:  # said here, in the user's language, rather than as the controller's refusal
            self.show_error(
                translate(
                    "SessionWindow",
                    "Nothing to undo: only the newest mark can be taken back, within a minute.",
                )
            )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self._update_undo()  # wired after the last refresh, perhaps
        self._controller.show_seconds(self, shown=True)  # its clock shows seconds
        self.refresh()  # the time may be up to a minute old: the tray's ticks are minutes
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self._controller.show_seconds(self, shown=False)
        super().hideEvent(event)

    def _session_actions(self) -> list[QAction]:
        actions = self._actions
        return [actions.log_phone, actions.log_app, *actions.log_custom]

    def _build_buttons(self) -> None:
        """One button per mark action, then Undo, then End: Tab follows this order."""
        for button in self.buttons:
            self._button_row.removeWidget(button)
            if button is not self.undo_button:
                button.hide()  # out of the Tab chain now; deleted once the event loop runs
                button.deleteLater()
        self._shown_actions = self._session_actions()
        self.buttons = [self._action_button(action) for action in self._shown_actions]
        self.buttons += [self.undo_button, self._action_button(self._actions.end)]
        for previous, button in pairwise(self.buttons):
            QWidget.setTabOrder(previous, button)  # a rebuilt button would otherwise go last
        for button in self.buttons:
            self._button_row.addWidget(button)

    def _action_button(self, action: QAction) -> QPushButton:
        button = QPushButton(action.text(), self)  # the action's "&" is the button's mnemonic
        button.setAutoDefault(True)  # outside a dialog, Enter presses a button only then
        button.clicked.connect(action.trigger)
        return button

    def _on_actions_changed(self) -> None:
        if self._shown_actions != self._session_actions():  # kinds changed in settings
            self._build_buttons()

    def show_hotkey_note(self, text: str) -> None:
        """Why global hotkeys do not work here and what to bind instead (or nothing)."""
        self.hotkey_note.setText(text)
        self.hotkey_note.setVisible(bool(text))

    def show_error(self, message: str) -> None:
        """Keep the last failure here for when the manager looks (never raised by itself)."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
