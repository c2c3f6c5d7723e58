"""The settings window's Calendars tab (issue 15, deliverable 8): the calendar sources and how
each is doing, adding one (ui.calendar_form), removing, testing, refreshing, each source's
lead time, passwords the secret store could not keep, the people list (ui.people_editor) and
the recurring meetings, each marked once as coaching or not (ui.series_list).

Sources change at once through the calendar service (it saves them and fetches in its
worker thread), so they are not part of what the window's Save submits: Save takes the
people list and the user's addresses from here, and the sources and series choices from the
settings as saved at that moment (``calendar_settings``), so it never undoes an add or a
removal made while the window was open; a series' choice, too, is saved at once. Without a
calendar service the tab says calendars are not available; the people list still works.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from focusmate.core.calendar_sources import CalendarKind, CalendarSettings, CalendarSource
from focusmate.core.calendar_status import SourceStatus
from focusmate.core.errors import FocusmateError
from focusmate.core.settings import Settings
from focusmate.core.text import translate
from focusmate.ui.calendar_form import (
    ChooseFile,
    SourceForm,
    choose_calendar_file,
    lead_minutes_spin,
    show_refusal,
)
from focusmate.ui.calendar_port import CalendarPort
from focusmate.ui.calendar_status_text import is_pending, status_text
from focusmate.ui.connection_check import ConnectionCheck
from focusmate.ui.error_label import ErrorLabel
from focusmate.ui.people_editor import PeopleEditor
from focusmate.ui.series_list import SeriesList
from focusmate.ui.window_slot import WindowSlots

#: Asks for the password of the named source (None: the user cancelled).
AskPassword = Callable[[QWidget, str], str | None]


def ask_password(parent: QWidget, name: str) -> str | None:
    password, ok = QInputDialog.getText(
        parent,
        translate("CalendarsTab", "Calendar password"),
        translate("CalendarsTab", "Password for {name}:").format(name=name),
        QLineEdit.EchoMode.Password,
    )
    return password if ok and password else None


@dataclass(frozen=True)
class CalendarParts:
    """What the Calendars tab works through (injected by the app)."""

    service: CalendarPort
    #: The settings as saved at this moment (SettingsService.current).
    saved_settings: Callable[[], Settings]
    ask_password: AskPassword = ask_password
    choose_file: ChooseFile = choose_calendar_file


class CalendarsTab(QWidget):
    """The tab's page; ``parts`` None: calendars are not available in this window."""

    def __init__(self, calendar: CalendarSettings, parts: CalendarParts | None = None) -> None:
        super().__init__()
        self._parts = parts
        self._last_people: list[str] = [person.name for person in calendar.people]
        self.people = PeopleEditor(calendar.people, calendar.me)
        self.unavailable_note = QLabel(
            translate("CalendarsTab", "Calendars are not available in this window.")
        )
        self.unavailable_note.setWordWrap(True)
        self.sources_list = QListWidget()
        self.sources_list.setAccessibleName(translate("CalendarsTab", "Calendars"))
        self.sources_list.setMaximumHeight(110)
        self.ics_button = QPushButton(translate("CalendarsTab", "Add &iCalendar address…"))
        self.caldav_button = QPushButton(translate("CalendarsTab", "Add CalDAV &account…"))
        self.remove_button = QPushButton(translate("CalendarsTab", "Re&move calendar"))
        self.test_button = QPushButton(translate("CalendarsTab", "&Test connection"))
        self.refresh_button = QPushButton(translate("CalendarsTab", "Re&fresh now"))
        self.lead_label = QLabel(translate("CalendarsTab", "&Lead time:"))
        self.lead_spin: QSpinBox = lead_minutes_spin()
        self.lead_spin.setKeyboardTracking(False)  # one change per value, not per digit typed
        self.lead_label.setBuddy(self.lead_spin)
        self.password_label = QLabel()
        self.password_button = QPushButton(translate("CalendarsTab", "Enter pass&word…"))
        self.error_label = ErrorLabel()
        self.check = None if parts is None else ConnectionCheck(parts.service, self.test_button)
        self._sources = QWidget()
        self.series = (
            None
            if parts is None
            else SeriesList(parts.service, self._people_names, after=self.people.me_edit)
        )
        self._layout()
        self._forms: WindowSlots[CalendarKind, SourceForm] = WindowSlots(self._build_form)
        if parts is None:
            self._sources.hide()
            return
        self.unavailable_note.hide()
        self.ics_button.clicked.connect(self._on_ics_clicked)
        self.caldav_button.clicked.connect(self._on_caldav_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.test_button.clicked.connect(self._on_test_clicked)
        self.refresh_button.clicked.connect(self._on_refresh_clicked)
        self.lead_spin.valueChanged.connect(self._on_lead_changed)
        self.password_button.clicked.connect(self._on_password_clicked)
        self.sources_list.currentRowChanged.connect(self._on_source_chosen)
        people = self.people.list.model()  # a name typed, a person added or removed
        people.dataChanged.connect(self._on_people_edited)
        people.rowsInserted.connect(self._on_people_edited)
        people.rowsRemoved.connect(self._on_people_edited)
        parts.service.statuses_changed.connect(self._on_statuses_changed)
        self._on_statuses_changed()

    def _layout(self) -> None:
        actions = QHBoxLayout()
        for button in (self.ics_button, self.caldav_button, self.remove_button):
            actions.addWidget(button)
        actions.addStretch(1)
        checks = QHBoxLayout()
        checks.addWidget(self.test_button)
        checks.addWidget(self.refresh_button)
        checks.addStretch(1)
        checks.addWidget(self.lead_label)
        checks.addWidget(self.lead_spin)
        password = QHBoxLayout()
        password.addWidget(self.password_label, 1)
        password.addWidget(self.password_button)
        sources = QVBoxLayout(self._sources)
        sources.setContentsMargins(0, 0, 0, 0)
        sources.addWidget(self.sources_list)
        sources.addLayout(actions)
        sources.addLayout(checks)
        sources.addLayout(password)
        if self.check is not None:
            sources.addWidget(self.check)
        sources.addWidget(self.error_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.unavailable_note)
        layout.addWidget(self._sources)
        layout.addWidget(self.people)
        if self.series is not None:
            layout.addWidget(self.series)

    def focus_chain(self) -> list[QWidget]:
        """The tab's controls in reading order (Tab skips the hidden ones)."""
        return [
            self.sources_list,
            self.ics_button,
            self.caldav_button,
            self.remove_button,
            self.test_button,
            self.refresh_button,
            self.lead_spin,
            self.password_button,
            *self.people.focus_chain(),
            *([] if self.series is None else self.series.focus_chain()),
        ]

    def calendar_settings(self, saved: CalendarSettings) -> CalendarSettings:
        """``saved`` with the people list and the user's addresses as edited here;
        InvalidInput if they are not valid."""
        return CalendarSettings(saved.sources, self.people.people(), saved.series, self.people.me())

    def form(self, kind: CalendarKind) -> SourceForm | None:
        """The open form that adds a source of ``kind``, if any."""
        return self._forms.window(kind)

    # -- the people the series are offered with --------------------------------------------

    def _people_names(self) -> list[str]:
        """The names on the people list as edited now (the last valid list while a row is
        not valid)."""
        # While an address is half typed, the names from before it still stand.
        with contextlib.suppress(FocusmateError):
            self._last_people = [person.name for person in self.people.people()]
        return self._last_people

    def _on_people_edited(self) -> None:
        if self.series is not None:
            self.series.people_changed()

    # -- the sources -------------------------------------------------------------------------

    def _service(self) -> CalendarPort:
        assert self._parts is not None, "the buttons are connected only with a service"
        return self._parts.service

    def _chosen_source(self) -> CalendarSource | None:
        item = self.sources_list.currentItem()
        if item is None or self._parts is None:
            return None
        return self._parts.saved_settings().calendar.source(self._name_of(item))

    @staticmethod
    def _name_of(item: QListWidgetItem) -> str:
        return str(item.data(Qt.ItemDataRole.UserRole))

    def _on_statuses_changed(self) -> None:
        """Rebuild the list from the service, keeping the chosen source chosen."""
        service = self._service()
        chosen = self.sources_list.currentItem()
        keep = None if chosen is None else self._name_of(chosen)
        self.sources_list.blockSignals(True)
        self.sources_list.clear()
        for status in service.statuses():
            item = QListWidgetItem(self._status_icon(status), _source_line(status))
            item.setData(Qt.ItemDataRole.UserRole, status.name)
            self.sources_list.addItem(item)
            if status.name == keep:
                self.sources_list.setCurrentItem(item)
        if self.sources_list.currentRow() < 0 and self.sources_list.count():
            self.sources_list.setCurrentRow(0)
        self.sources_list.blockSignals(False)
        self._on_source_chosen(self.sources_list.currentRow())
        self._show_password_needed(service.needs_password())

    def _status_icon(self, status: SourceStatus) -> QIcon:
        """A tick, a warning or a question mark: the state is in the icon and the words, not
        in a colour."""
        if is_pending(status):
            pixmap = QStyle.StandardPixmap.SP_MessageBoxQuestion
        elif status.ok:
            pixmap = QStyle.StandardPixmap.SP_DialogApplyButton
        else:
            pixmap = QStyle.StandardPixmap.SP_MessageBoxWarning
        return self.style().standardIcon(pixmap)

    def _on_source_chosen(self, _row: int) -> None:
        source = self._chosen_source()
        for control in (self.remove_button, self.test_button, self.lead_spin):
            control.setEnabled(source is not None and not self._testing(control))
        if source is not None:
            self.lead_spin.blockSignals(True)
            self.lead_spin.setValue(source.lead_minutes)
            self.lead_spin.blockSignals(False)

    def _testing(self, control: QWidget) -> bool:
        return control is self.test_button and self.check is not None and self.check.busy

    def _show_password_needed(self, names: list[str]) -> None:
        """One source at a time: when its password is in, the next one shows."""
        self.password_label.setVisible(bool(names))
        self.password_button.setVisible(bool(names))
        if names:
            self.password_label.setText(
                translate("CalendarsTab", "Password needed for {name}").format(name=names[0])
            )
            self.password_button.setAccessibleName(
                translate("CalendarsTab", "Enter the password for {name}").format(name=names[0])
            )

    def _on_ics_clicked(self) -> None:
        self._forms.open(CalendarKind.ICS)

    def _on_caldav_clicked(self) -> None:
        self._forms.open(CalendarKind.CALDAV)

    def _build_form(self, kind: CalendarKind) -> SourceForm:
        assert self._parts is not None
        return SourceForm(kind, self._parts.service, self._parts.choose_file, self)

    def _on_remove_clicked(self) -> None:
        source = self._chosen_source()
        if source is not None:
            self._call(lambda: self._service().remove_source(source.name))

    def _on_test_clicked(self) -> None:
        source = self._chosen_source()
        if source is not None and self.check is not None:
            self.check.start(source, None)

    def _on_refresh_clicked(self) -> None:
        self._call(self._service().refresh_now)

    def _on_lead_changed(self, minutes: int) -> None:
        source = self._chosen_source()
        if source is not None:
            self._call(lambda: self._service().set_lead_minutes(source.name, minutes))

    def _on_password_clicked(self) -> None:
        assert self._parts is not None
        names = self._parts.service.needs_password()
        if not names:
            return
        password = self._parts.ask_password(self, names[0])
        if password is not None:
            self._call(lambda: self._service().set_password(names[0], password))
            self._show_password_needed(self._service().needs_password())

    def _call(self, change: Callable[[], None]) -> None:
        """Run one change through the service; a refusal is said under the list."""
        try:
            change()
        except FocusmateError as error:
            show_refusal(self.error_label, error)
            return
        self.error_label.hide()


def _source_line(status: SourceStatus) -> str:
    return translate("CalendarsTab", "{name}: {status}").format(
        name=status.name, status=status_text(status)
    )
