"""The start dialog: with whom, for how long, an optional focus, the kind of session
(coaching by default, a client meeting, or a kind the user added) and an optional check-in.

Fully keyboard-operable: the name field has focus, Tab moves on in reading order, Enter
starts, Escape cancels, and fields and buttons have mnemonics (Alt+letter). "Check in
first" turns to a second page (the check-in, ui/checkin_page.py) for that salesperson;
Enter still starts from there, and Back returns. The only refusal typing can cause (an
empty name) is caught here, in the user's language; anything else the controller refuses
is shown here too, keeping everything typed.

A client meeting keeps the check-in: putting the phone away and silencing notifications
prepare a client meeting just as well, and the weekly comparison of the two kinds
(core.kind_stats) is only fair when both can start the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
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
from focusmate.core.session_kind import COACHING, SessionKinds
from focusmate.core.text import translate
from focusmate.core.validation import (
    DEFAULT_MINUTES,
    FOCUS_MAX_CHARS,
    MINUTES_MAX,
    MINUTES_MIN,
    NAME_MAX_CHARS,
)
from focusmate.ui.checkin_page import CheckInPage
from focusmate.ui.error_label import ErrorLabel
from focusmate.ui.icons import app_icon

CarryOverSource = Callable[[str], CarryOver]
DndSource = Callable[[], DndStatus | None]


class StartDialog(QDialog):
    #: name, planned minutes, focus note (read session_kind() for the kind, checkin() for the
    #: check-in, if any)
    submitted = Signal(str, int, str)

    def __init__(
        self,
        past_names: Sequence[str],
        parent: QWidget | None = None,
        *,
        carry_over: CarryOverSource | None = None,
        dnd_status: DndSource | None = None,
        slow_down_s: int = SLOW_DOWN_S,
        session_kinds: SessionKinds | None = None,
    ) -> None:
        """``session_kinds`` offers the kinds of the settings (None: the built-in ones)."""
        super().__init__(parent)
        self._carry_over = carry_over
        self._dnd_status = dnd_status
        self.setWindowTitle(translate("StartDialog", "Start coaching session"))
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(440)
        self.name_edit = _name_edit(past_names, self)
        self.minutes_spin = _minutes_spin()
        self.focus_edit = _focus_edit()
        self.kind_combo = _kind_combo(session_kinds or SessionKinds())
        self.error_label = ErrorLabel()
        self.checkin_button = QPushButton(translate("StartDialog", "Check &in first…"))
        self.checkin_button.setAutoDefault(False)  # Enter starts; this is Alt+I or a click
        self.checkin_button.clicked.connect(self.show_checkin)
        self.back_button = QPushButton(translate("StartDialog", "&Back"))
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
        start_button.setText(translate("StartDialog", "&Start"))
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
        form.addRow(translate("StartDialog", "&With:"), self.name_edit)
        form.addRow(translate("StartDialog", "&Minutes:"), self.minutes_spin)
        form.addRow(translate("StartDialog", "&Focus:"), self.focus_edit)
        form.addRow(translate("StartDialog", "&Kind:"), self.kind_combo)
        # Below the fields, so that reading order and Tab order agree: who and how long
        # first, then the optional check-in.
        hint = QLabel(
            translate("StartDialog", "Put your phone away. Empathy first, advice second.")
        )
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.checkin_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(row)
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

    def prefill(self, with_name: str, minutes: int) -> None:
        """Fill in who and how long (from a calendar one-on-one)."""
        self.name_edit.setText(with_name)
        self.minutes_spin.setValue(minutes)

    @property
    def checking_in(self) -> bool:
        return self.pages.currentIndex() == 1

    def show_checkin(self) -> None:
        """Turn to the check-in for the salesperson typed (their name is needed first)."""
        name = self.name_edit.text().strip()
        if not name:
            self._show_message(
                translate("StartDialog", "Type the salesperson's name first, then check in.")
            )
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

    def session_kind(self) -> str:
        """The id of the kind chosen: coaching unless the manager picked another."""
        chosen = self.kind_combo.currentData()
        return chosen if isinstance(chosen, str) else COACHING

    def checkin(self) -> CheckIn | None:
        """The check-in, when the manager turned to it; None when they skipped it."""
        return self.checkin_page.checkin() if self.checking_in else None

    def _submit(self) -> None:
        if not self.name_edit.text().strip():  # said here, in the user's language
            self._show_message(translate("StartDialog", "The salesperson's name is empty."))
            return
        self.minutes_spin.interpretText()
        self.submitted.emit(
            self.name_edit.text(), self.minutes_spin.value(), self.focus_edit.text()
        )

    def show_error(self, message: str) -> None:
        """A refusal from the controller (worded by focusmate.ui.error_text), as a sentence."""
        end = "" if message.endswith((".", "!", "?")) else "."
        self._show_message(message[:1].upper() + message[1:] + end)

    def _show_message(self, sentence: str) -> None:
        self.error_label.setText(sentence)
        self.error_label.show()
        if not self.checking_in:
            self.name_edit.setFocus()

    def done(self, result: int) -> None:
        """Closing in any way stops the slow-down countdown."""
        self.checkin_page.stop()
        super().done(result)


def _name_edit(past_names: Sequence[str], dialog: QDialog) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(translate("StartDialog", "Salesperson's name"))
    edit.setMaxLength(NAME_MAX_CHARS)
    edit.setAccessibleName(translate("StartDialog", "Salesperson"))
    completer = QCompleter(list(past_names), dialog)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    edit.setCompleter(completer)
    return edit


def _minutes_spin() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(MINUTES_MIN, MINUTES_MAX)
    spin.setValue(DEFAULT_MINUTES)
    spin.setSuffix(translate("StartDialog", " min"))
    spin.setAccessibleName(translate("StartDialog", "Planned minutes"))
    return spin


def _focus_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(translate("StartDialog", "Optional, e.g. listen first"))
    edit.setMaxLength(FOCUS_MAX_CHARS)
    edit.setAccessibleName(translate("StartDialog", "Focus note"))
    return edit


def _kind_combo(kinds: SessionKinds) -> QComboBox:
    combo = QComboBox()
    for kind in kinds.offered:  # coaching first: the default
        combo.addItem(kind.label, kind.value)
    combo.setAccessibleName(translate("StartDialog", "Kind of session"))
    return combo
