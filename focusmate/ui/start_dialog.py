"""The start dialog: with whom, for how long, an optional focus, and an optional check-in.

Fully keyboard-operable: the name field has focus, Tab moves on, Enter starts. "Check in
first" turns to a second page (the check-in, ui/checkin_page.py) for that salesperson;
Enter still starts from there, and Back returns. The dialog does not validate by itself; it
submits, and the app shows the controller's message here when the input is refused,
keeping everything typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from focusmate.core.checkin import CarryOver
from focusmate.core.dnd import DndStatus
from focusmate.core.model import SLOW_DOWN_S, CheckIn
from focusmate.core.validation import (
    DEFAULT_MINUTES,
    FOCUS_MAX_CHARS,
    MINUTES_MAX,
    MINUTES_MIN,
    NAME_MAX_CHARS,
)
from focusmate.ui.checkin_page import CheckInPage
from focusmate.ui.icons import app_icon

CarryOverSource = Callable[[str], CarryOver]
DndSource = Callable[[], DndStatus | None]


class StartDialog(QDialog):
    #: name, planned minutes, focus note (read checkin() for the check-in, if any)
    submitted = Signal(str, int, str)

    def __init__(
        self,
        past_names: Sequence[str],
        parent: QWidget | None = None,
        *,
        carry_over: CarryOverSource | None = None,
        dnd_status: DndSource | None = None,
        slow_down_s: int = SLOW_DOWN_S,
    ) -> None:
        super().__init__(parent)
        self._carry_over = carry_over
        self._dnd_status = dnd_status
        self.setWindowTitle("Start coaching session")
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(440)
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
        self.checkin_button = QPushButton("Check &in first…")
        self.checkin_button.setAutoDefault(False)  # Enter starts; this is Alt+I or a click
        self.checkin_button.clicked.connect(self.show_checkin)
        self.back_button = QPushButton("&Back")
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.show_form)
        self.checkin_page = CheckInPage(slow_down_s)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._form_page())
        self.pages.addWidget(self._checkin_page())
        self._turn_to(0)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        start_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        start_button.setText("&Start")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        start_button.setDefault(True)  # once in the dialog, so Enter starts from either page
        self.name_edit.setFocus()

    def _form_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        form.addRow("&With:", self.name_edit)
        form.addRow("&Minutes:", self.minutes_spin)
        form.addRow("&Focus:", self.focus_edit)
        row = QHBoxLayout()
        row.addWidget(QLabel("Put your phone away. Empathy first, advice second."), 1)
        row.addWidget(self.checkin_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addLayout(form)
        return page

    def _checkin_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.checkin_page)
        back = QHBoxLayout()
        back.addWidget(self.back_button)
        back.addStretch(1)
        layout.addLayout(back)
        return page

    @property
    def checking_in(self) -> bool:
        return self.pages.currentIndex() == 1

    def show_checkin(self) -> None:
        """Turn to the check-in for the salesperson typed (their name is needed first)."""
        name = self.name_edit.text().strip()
        if not name:
            self.show_error("type the salesperson's name first, then check in")
            return
        self.error_label.hide()
        carry = self._carry_over(name) if self._carry_over else CarryOver(name)
        status = self._dnd_status() if self._dnd_status else None
        self.checkin_page.show_for(name, carry, status)
        self._turn_to(1)
        self.checkin_page.checks[next(iter(self.checkin_page.checks))].setFocus()

    def show_form(self) -> None:
        self._turn_to(0)
        self.name_edit.setFocus()

    def _turn_to(self, index: int) -> None:
        """Show one page, sized to itself (a stacked widget is as tall as its tallest page)."""
        ignored, preferred = QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        for number in range(self.pages.count()):
            policy = preferred if number == index else ignored
            page = self.pages.widget(number)
            if page is not None:
                page.setSizePolicy(policy, policy)
        self.pages.setCurrentIndex(index)
        self.adjustSize()

    def checkin(self) -> CheckIn | None:
        """The check-in, when the manager turned to it; None when they skipped it."""
        return self.checkin_page.checkin() if self.checking_in else None

    def _submit(self) -> None:
        self.minutes_spin.interpretText()
        self.submitted.emit(
            self.name_edit.text(), self.minutes_spin.value(), self.focus_edit.text()
        )

    def show_error(self, message: str) -> None:
        self.error_label.setText(message[:1].upper() + message[1:] + ".")
        self.error_label.show()
        if not self.checking_in:
            self.name_edit.setFocus()

    def done(self, result: int) -> None:
        """Closing in any way stops the slow-down countdown."""
        self.checkin_page.stop()
        super().done(result)
