"""The small window that adds one calendar: an iCalendar address or file, or a CalDAV account.

It opens only when the user asks for it from the Calendars tab. *Test connection* tries what
is typed without saving it; *Add* (the default button, so Return presses it) hands the source
to the calendar service, which saves it and fetches it at once. A refusal is said on one line
in the form and nothing typed is lost; Escape closes the form and adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from focusmate.core.calendar_sources import (
    DEFAULT_LEAD_MINUTES,
    LEAD_MINUTES_MAX,
    CalendarKind,
    CalendarSource,
    check_lead_minutes,
    check_location,
    check_source_name,
)
from focusmate.core.errors import FocusmateError, InvalidInput
from focusmate.core.text import translate
from focusmate.core.validation import check_typed
from focusmate.ui.calendar_port import CalendarPort
from focusmate.ui.connection_check import ConnectionCheck
from focusmate.ui.error_label import ErrorLabel
from focusmate.ui.error_text import shown_error
from focusmate.ui.tab_order import buttons_in_order, chain_tab_order

#: Chooses a calendar file for the form (None: the user cancelled).
ChooseFile = Callable[[QWidget], str | None]


def choose_calendar_file(parent: QWidget) -> str | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        translate("CalendarForm", "Choose a calendar file"),
        str(Path.home()),
        translate("CalendarForm", "Calendar files (*.ics);;All files (*)"),
    )
    return chosen or None


def show_refusal(label: ErrorLabel, error: FocusmateError) -> None:
    """``error`` on ``label`` as a sentence in the user's language."""
    message = shown_error(error)
    label.setText(message[:1].upper() + message[1:])
    label.show()


def lead_minutes_spin(minutes: int = DEFAULT_LEAD_MINUTES) -> QSpinBox:
    """How many minutes before a one-on-one its notification comes (0 to 120)."""
    spin = QSpinBox()
    spin.setRange(0, LEAD_MINUTES_MAX)
    spin.setSuffix(translate("CalendarForm", " min before"))
    spin.setValue(minutes)
    spin.setAccessibleName(translate("CalendarForm", "Minutes before a one-on-one to remind you"))
    return spin


class SourceForm(QDialog):
    """Adds a source of ``kind``; closes itself (accepted) once the service took it."""

    def __init__(
        self,
        kind: CalendarKind,
        service: CalendarPort,
        choose_file: ChooseFile = choose_calendar_file,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self._service = service
        self._choose_file = choose_file
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(translate("CalendarForm", "Calendar name"))
        self.location_edit = QLineEdit()
        self.choose_button = QPushButton(translate("CalendarForm", "&Choose file…"))
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.user_edit = QLineEdit()
        self.user_edit.setAccessibleName(translate("CalendarForm", "User name"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(translate("CalendarForm", "Password"))
        self.lead_spin = lead_minutes_spin()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = ErrorLabel()
        self.test_button = QPushButton(translate("CalendarForm", "&Test connection"))
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self._on_test_clicked)
        self.check = ConnectionCheck(service, self.test_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton(
            translate("CalendarForm", "&Add"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self._on_add_clicked)
        self.buttons.rejected.connect(self.reject)
        if kind is CalendarKind.ICS:
            self._layout_ics()
        else:
            self._layout_caldav(service.secret_store_problem())

    def _layout_ics(self) -> None:
        self.setWindowTitle(translate("CalendarForm", "Add an iCalendar address"))
        self.location_edit.setAccessibleName(translate("CalendarForm", "Address or file"))
        self.location_edit.setPlaceholderText("https://…/basic.ics")
        self.note.setText(
            translate(
                "CalendarForm",
                "Google Calendar: Settings, your calendar, Integrate calendar, “Secret address "
                "in iCal format”. Outlook: Settings, Calendar, Shared calendars, Publish a "
                "calendar, the ICS link. A saved .ics file works too.",
            )
        )
        where = QHBoxLayout()
        where.addWidget(self.location_edit, 1)
        where.addWidget(self.choose_button)
        # A row holding a layout gets no buddy from the form: the label is given its own.
        label = QLabel(translate("CalendarForm", "A&ddress or file:"))
        label.setBuddy(self.location_edit)
        form = self._form()
        form.insertRow(1, label, where)
        self._finish(form, [self.name_edit, self.location_edit, self.choose_button])

    def _layout_caldav(self, secret_store_problem: str | None) -> None:
        self.setWindowTitle(translate("CalendarForm", "Add a CalDAV account"))
        self.location_edit.setAccessibleName(translate("CalendarForm", "Server address"))
        self.location_edit.setPlaceholderText("https://")
        self.choose_button.hide()
        form = self._form()
        form.insertRow(1, translate("CalendarForm", "&Server address:"), self.location_edit)
        form.insertRow(2, translate("CalendarForm", "&User name:"), self.user_edit)
        form.insertRow(3, translate("CalendarForm", "&Password:"), self.password_edit)
        if secret_store_problem is None:
            self.note.setText(
                translate(
                    "CalendarForm",
                    "The password goes to your system's secret store, never into focusmate's "
                    "files. Use an app password where your provider offers one.",
                )
            )
        else:
            self.note.setText(
                translate(
                    "CalendarForm",
                    "There is no secret store to keep the password in ({reason}), so focusmate "
                    "keeps it only while it runs and asks for it again at each start.",
                ).format(reason=secret_store_problem)
            )
        self._finish(form, [self.name_edit, self.location_edit, self.user_edit, self.password_edit])

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.addRow(translate("CalendarForm", "&Name:"), self.name_edit)
        form.addRow(translate("CalendarForm", "&Lead time:"), self.lead_spin)
        return form

    def _finish(self, form: QFormLayout, fields: list[QWidget]) -> None:
        """The form, its note, the test line, the error and the buttons; Tab in that order."""
        tests = QHBoxLayout()
        tests.addWidget(self.test_button)
        tests.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addLayout(tests)
        layout.addWidget(self.check)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        # Return adds; set once the button is in the dialog (a button outside one has no default).
        self.add_button.setDefault(True)
        chain_tab_order(
            [*fields, self.lead_spin, self.test_button, *buttons_in_order(self.buttons)]
        )
        self.name_edit.setFocus()

    # -- what is typed -----------------------------------------------------------------------

    def source(self) -> CalendarSource:
        """The source as typed; InvalidInput naming what is wrong."""
        user = ""
        if self.kind is CalendarKind.CALDAV:
            user = check_typed(self.user_edit.text().strip(), "the user name")
            if not user:
                raise InvalidInput("the user name is empty")
        return CalendarSource(
            check_source_name(self.name_edit.text()),
            self.kind,
            check_location(self.location_edit.text()),
            user,
            check_lead_minutes(self.lead_spin.value()),
        )

    def password(self) -> str | None:
        """The typed password (None for iCalendar, or when nothing is typed)."""
        if self.kind is CalendarKind.ICS:
            return None
        return self.password_edit.text() or None

    # -- buttons -----------------------------------------------------------------------------

    def _on_choose_clicked(self) -> None:
        chosen = self._choose_file(self)
        if chosen is not None:
            self.location_edit.setText(chosen)
            if not self.name_edit.text().strip():
                self.name_edit.setText(Path(chosen).stem)

    def _on_test_clicked(self) -> None:
        try:
            source = self.source()
        except FocusmateError as error:
            self._show_error(error)
            return
        self.error_label.hide()
        self.check.start(source, self.password())

    def _on_add_clicked(self) -> None:
        try:
            self._service.add_source(self.source(), self.password())
        except FocusmateError as error:
            self._show_error(error)
            return
        self.accept()

    def _show_error(self, error: FocusmateError) -> None:
        show_refusal(self.error_label, error)
