"""The start dialog: with whom, for how long, and an optional focus for the conversation.

Fully keyboard-operable: the name field has focus, Tab moves on, Enter starts. The dialog
does not validate by itself; it submits, and the app shows the controller's message
here when the input is refused, keeping everything typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from focusmate.core.validation import (
    DEFAULT_MINUTES,
    FOCUS_MAX_CHARS,
    MINUTES_MAX,
    MINUTES_MIN,
    NAME_MAX_CHARS,
)
from focusmate.ui.icons import app_icon


class StartDialog(QDialog):
    #: name, planned minutes, focus note
    submitted = Signal(str, int, str)

    def __init__(self, past_names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Start coaching session")
        self.setWindowIcon(app_icon())
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Salesperson's name")
        self.name_edit.setMaxLength(NAME_MAX_CHARS)
        self.name_edit.setAccessibleName("Salesperson")
        completer = QCompleter(list(past_names), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.name_edit.setCompleter(completer)
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(MINUTES_MIN, MINUTES_MAX)
        self.minutes_spin.setValue(DEFAULT_MINUTES)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setAccessibleName("Planned minutes")
        self.focus_edit = QLineEdit()
        self.focus_edit.setPlaceholderText("Optional, e.g. listen first")
        self.focus_edit.setMaxLength(FOCUS_MAX_CHARS)
        self.focus_edit.setAccessibleName("Focus note")
        self.error_label = QLabel()
        self.error_label.setAccessibleName("Error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        form = QFormLayout()
        form.addRow("&With:", self.name_edit)
        form.addRow("&Minutes:", self.minutes_spin)
        form.addRow("&Focus:", self.focus_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        start_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        start_button.setText("&Start")
        start_button.setDefault(True)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Put your phone away. Empathy first, advice second."))
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.name_edit.setFocus()

    def _submit(self) -> None:
        self.minutes_spin.interpretText()
        self.submitted.emit(
            self.name_edit.text(), self.minutes_spin.value(), self.focus_edit.text()
        )

    def show_error(self, message: str) -> None:
        self.error_label.setText(message[:1].upper() + message[1:] + ".")
        self.error_label.show()
        self.name_edit.setFocus()
