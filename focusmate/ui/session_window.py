"""The session window: who, how long, how many marks, and the session's buttons.

It only appears when the manager asks for it (left click on the tray icon) and never
raises itself; it updates quietly once a second.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from focusmate.controller import SessionController
from focusmate.core.describe import marks_text, time_text
from focusmate.ui.actions import AppActions
from focusmate.ui.icons import app_icon


class SessionWindow(QWidget):
    def __init__(self, controller: SessionController, actions: AppActions) -> None:
        super().__init__()
        self._controller = controller
        self.setWindowTitle("focusmate: coaching session")
        self.setWindowIcon(app_icon())
        self.with_label = QLabel()
        self.focus_label = QLabel()
        self.focus_label.setWordWrap(True)
        self.time_label = QLabel()
        self.time_label.setAccessibleName("Time")
        big = QFont(self.time_label.font())
        big.setPointSizeF(big.pointSizeF() * 2.2)
        self.time_label.setFont(big)
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.marks_label = QLabel()
        self.marks_label.setAccessibleName("Marks")
        self.dnd_label = QLabel()
        self.dnd_label.setWordWrap(True)
        self.dnd_label.setAccessibleName("Notifications")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        self.hotkey_note = QLabel()
        self.hotkey_note.setWordWrap(True)
        self.hotkey_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hotkey_note.setAccessibleName("Hotkeys")
        self.hotkey_note.hide()
        self._actions = actions
        self._button_row = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        self._build_buttons()
        actions.changed.connect(self._on_actions_changed)
        layout = QVBoxLayout(self)
        labels = (self.with_label, self.focus_label, self.time_label, self.marks_label,
                  self.dnd_label, self.error_label, self.hotkey_note)  # fmt: skip
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
        self.with_label.setText(f"Coaching <b>{html.escape(session.with_name)}</b>")
        self.focus_label.setText(f"Focus: {html.escape(session.focus)}" if session.focus else "")
        self.focus_label.setVisible(bool(session.focus))
        self.time_label.setText(time_text(timing))
        self.time_label.setProperty("overtime", timing.overtime)
        self.marks_label.setText(marks_text(session, self._controller.kinds))
        self.dnd_label.setText(self._controller.dnd_status().detail)

    def _session_buttons(self) -> list[QAction]:
        actions = self._actions
        return [actions.log_phone, actions.log_app, *actions.log_custom, actions.end]

    def _build_buttons(self) -> None:
        for button in self.buttons:
            self._button_row.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        self._shown_actions = self._session_buttons()
        for action in self._shown_actions:
            button = QPushButton(action.text().replace("&", ""), self)
            button.clicked.connect(action.trigger)
            self._button_row.addWidget(button)
            self.buttons.append(button)

    def _on_actions_changed(self) -> None:
        if self._shown_actions != self._session_buttons():  # kinds changed in settings
            self._build_buttons()

    def show_hotkey_note(self, text: str) -> None:
        """Why global hotkeys do not work here and what to bind instead (or nothing)."""
        self.hotkey_note.setText(text)
        self.hotkey_note.setVisible(bool(text))

    def show_error(self, message: str) -> None:
        """Keep the last failure here for when the manager looks (never raised by itself)."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
