"""The settings window's Calendars tab: sources and their status, adding (with its errors and a
connection test), removing, lead time, a missing password, the people list and the user's
addresses saved with Save (which keeps a source added meanwhile), keys only, and German.

The calendar service is FakeCalendarService, a named fake with the real service's methods and
signals: it saves sources through the real SettingsService, as the real one does, but fetches
nothing; a test says when a connection test has finished. The real service with its worker
is in tests/test_calendar_service.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from focusmate.core.calendar_sources import CalendarKind, CalendarSettings, CalendarSource
from focusmate.core.calendar_status import SourceStatus
from focusmate.core.errors import NotPossibleNow
from focusmate.core.one_on_ones import Person, SeriesChoice
from focusmate.core.recurring_series import RecurringSeries
from focusmate.core.settings import Settings
from focusmate.desktop.secrets import MemorySecretStore
from focusmate.services.calendar import CalendarService
from focusmate.services.settings import SettingsService
from focusmate.ui.calendar_form import SourceForm
from focusmate.ui.calendars_tab import CalendarParts, CalendarsTab
from focusmate.ui.i18n import InstalledLanguage
from focusmate.ui.settings_dialog import SettingsDialog
from tests.fakes import FakeClock
from tests.ui.accessibility import tab_chain, unnamed_controls
from tests.ui.keyboard import mnemonic, reading_order, texts, untranslated

CHECKED = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
WORK = CalendarSource("Work", CalendarKind.ICS, "https://example.com/work.ics")
HOME = CalendarSource("Home", CalendarKind.CALDAV, "https://dav.example.org/", "ana", 10)
#: An iCalendar file with one event, an hour after the test clock's start.
ONE_EVENT = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//focusmate tests//EN\r\n"
    b"BEGIN:VEVENT\r\nUID:jordan-1\r\nDTSTAMP:20261123T090000Z\r\n"
    b"DTSTART:20261123T100000Z\r\nDTEND:20261123T103000Z\r\nSUMMARY:1:1 Jordan\r\n"
    b"END:VEVENT\r\nEND:VCALENDAR\r\n"
)


class FakeCalendarService(QObject):
    """Stands in for services.calendar.CalendarService: records each call; sources and series
    choices are saved through the SettingsService like the real one; ``refuse`` makes the
    next change raise. ``recurring`` are the series a re-match would have found."""

    #: A refresh ended, or a source was added, removed or changed.
    statuses_changed = Signal()
    #: A test_connection finished (the test emits it, as the worker would).
    tested = Signal(object)
    #: The recurring series changed (the test emits it, as a re-match would).
    upcoming_changed = Signal()

    def __init__(self, settings: SettingsService) -> None:
        super().__init__()
        self._settings = settings
        self.known: dict[str, SourceStatus] = {}
        self.needing: list[str] = []
        self.store_problem: str | None = None
        self.refuse: Exception | None = None
        self.added: list[tuple[CalendarSource, str | None]] = []
        self.removed: list[str] = []
        self.leads: list[tuple[str, int]] = []
        self.passwords: list[tuple[str, str]] = []
        self.tests: list[tuple[CalendarSource, str | None]] = []
        self.refreshes = 0
        self.recurring: list[RecurringSeries] = []
        self.chosen: list[tuple[str, SeriesChoice | None]] = []

    def statuses(self) -> list[SourceStatus]:
        pending = "not checked yet"
        return [
            self.known.get(s.name) or SourceStatus(s.name, s.kind, False, pending, "pending")
            for s in self._settings.current.calendar.sources
        ]

    def series(self) -> list[RecurringSeries]:
        return list(self.recurring)

    def choose_series(self, uid: str, choice: SeriesChoice | None) -> None:
        """Saved at once, as the real service does; the series stay as they are until a
        test emits upcoming_changed."""
        calendar = self._settings.current.calendar
        series = {k: v for k, v in calendar.series.items() if k != uid}
        if choice is not None:
            series[uid] = choice
        self._change(replace(calendar, series=series))
        self.chosen.append((uid, choice))

    def secret_store_problem(self) -> str | None:
        return self.store_problem

    def needs_password(self) -> list[str]:
        return list(self.needing)

    def _change(self, calendar: CalendarSettings) -> None:
        if self.refuse is not None:
            raise self.refuse
        self._settings.apply(replace(self._settings.current, calendar=calendar))
        self.statuses_changed.emit()

    def add_source(self, source: CalendarSource, password: str | None = None) -> None:
        self._change(self._settings.current.calendar.with_source(source))
        self.added.append((source, password))

    def remove_source(self, name: str) -> None:
        self._change(self._settings.current.calendar.without_source(name))
        self.removed.append(name)

    def set_lead_minutes(self, name: str, minutes: int) -> None:
        calendar = self._settings.current.calendar
        sources = tuple(
            replace(s, lead_minutes=minutes) if s.name == name else s for s in calendar.sources
        )
        self._change(replace(calendar, sources=sources))
        self.leads.append((name, minutes))

    def set_password(self, name: str, password: str) -> None:
        self.passwords.append((name, password))
        self.needing.remove(name)
        self.statuses_changed.emit()

    def test_connection(self, source: CalendarSource, password: str | None) -> None:
        self.tests.append((source, password))

    def refresh_now(self) -> None:
        self.refreshes += 1


@pytest.fixture
def calendars(service: SettingsService) -> FakeCalendarService:
    """The fake calendar service over the settings service that `dialog` submits to."""
    service.apply(replace(service.current, calendar=CalendarSettings(sources=(WORK, HOME))))
    return FakeCalendarService(service)


class Passwords:
    """The password question, answered by the test."""

    def __init__(self, answer: str | None) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, _parent: object, name: str) -> str | None:
        self.asked.append(name)
        return self.answer


def make_dialog(
    qtbot: QtBot,
    service: SettingsService,
    calendars: FakeCalendarService,
    passwords: Passwords | None = None,
) -> SettingsDialog:
    parts = CalendarParts(
        calendars,
        lambda: service.current,
        ask_password=passwords or Passwords(None),
        choose_file=lambda _parent: "/home/ana/Calendars/team.ics",
    )
    dialog = SettingsDialog(service.current, ["dunst"], calendars=parts)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.calendars_tab)
    return dialog


@pytest.fixture
def dialog(
    qtbot: QtBot, service: SettingsService, calendars: FakeCalendarService
) -> SettingsDialog:
    return make_dialog(qtbot, service, calendars)


def tab_of(dialog: SettingsDialog) -> CalendarsTab:
    return dialog.calendars_tab


def lines(tab: CalendarsTab) -> list[str]:
    return [tab.sources_list.item(i).text() for i in range(tab.sources_list.count())]


def open_form(tab: CalendarsTab, kind: CalendarKind) -> SourceForm:
    button = tab.ics_button if kind is CalendarKind.ICS else tab.caldav_button
    button.click()
    form = tab.form(kind)
    assert form is not None and form.isVisible()
    return form


def fill_ics(qtbot: QtBot, form: SourceForm, name: str, address: str) -> None:
    qtbot.keyClicks(form.name_edit, name)
    qtbot.keyClicks(form.location_edit, address)


def submitted_settings(qtbot: QtBot, dialog: SettingsDialog) -> Settings:
    with qtbot.waitSignal(dialog.submitted) as submitted:
        dialog.buttons.accepted.emit()
    settings = submitted.args[0]
    assert isinstance(settings, Settings)
    return settings


# -- the sources and their status ----------------------------------------------------------


def test_each_source_shows_its_status_in_words_and_an_icon(
    qtbot: QtBot, calendars: FakeCalendarService, dialog: SettingsDialog
) -> None:
    tab = tab_of(dialog)
    assert lines(tab) == ["Work: Not checked yet", "Home: Not checked yet"]
    calendars.known = {
        "Work": SourceStatus(
            "Work", CalendarKind.ICS, True, "412 events", "", CHECKED, CHECKED, events=412
        ),
        "Home": SourceStatus(
            "Home",
            CalendarKind.CALDAV,
            False,
            "dav.example.org did not answer in time",
            "unreachable",
            CHECKED,
            CHECKED - timedelta(hours=3),
        ),
    }
    calendars.statuses_changed.emit()
    work, home = lines(tab)
    assert work.startswith("Work: Working: 412 events, checked ")
    assert home.startswith(
        "Home: Not working: The server could not be reached "
        "(dav.example.org did not answer in time). Using the copy from "
    )
    assert home.endswith("(3 hours before this check).")
    icons = [tab.sources_list.item(i).icon() for i in range(2)]
    assert not any(icon.isNull() for icon in icons)
    assert icons[0].cacheKey() != icons[1].cacheKey()


def test_a_source_never_fetched_says_there_is_no_copy_yet(
    calendars: FakeCalendarService, dialog: SettingsDialog
) -> None:
    calendars.known = {
        "Work": SourceStatus(
            "Work", CalendarKind.ICS, False, "the server answered 500", "http-status", CHECKED
        )
    }
    calendars.statuses_changed.emit()
    assert lines(tab_of(dialog))[0] == (
        "Work: Not working: The server gave an unexpected answer (the server answered 500). "
        "There is no copy of it yet."
    )


def test_remove_refresh_and_the_lead_time_act_on_the_chosen_source(
    calendars: FakeCalendarService, dialog: SettingsDialog
) -> None:
    tab = tab_of(dialog)
    tab.sources_list.setCurrentRow(1)
    assert tab.lead_spin.value() == 10  # Home's
    tab.lead_spin.setValue(25)
    assert calendars.leads == [("Home", 25)]
    assert tab.sources_list.currentItem().text().startswith("Home")  # still chosen
    tab.sources_list.setCurrentRow(0)
    assert tab.lead_spin.value() == 5  # Work's, shown without changing it
    assert calendars.leads == [("Home", 25)]
    tab.refresh_button.click()
    assert calendars.refreshes == 1
    tab.remove_button.click()
    assert calendars.removed == ["Work"]
    assert lines(tab) == ["Home: Not checked yet"]


def test_a_refused_change_is_said_under_the_list(
    calendars: FakeCalendarService, dialog: SettingsDialog
) -> None:
    tab = tab_of(dialog)
    calendars.refuse = NotPossibleNow("the secret store is locked")
    tab.remove_button.click()
    assert tab.error_label.isVisibleTo(dialog)
    assert tab.error_label.text() == "That did not work: the secret store is locked"
    assert len(lines(tab)) == 2


def test_testing_a_saved_source_is_busy_until_its_answer_comes(
    calendars: FakeCalendarService, dialog: SettingsDialog
) -> None:
    tab = tab_of(dialog)
    tab.test_button.click()
    assert calendars.tests == [(WORK, None)]
    assert tab.check is not None and tab.check.busy and not tab.test_button.isEnabled()
    assert tab.check.label.text() == "Testing the connection to Work…"
    calendars.tested.emit(
        SourceStatus("Work", CalendarKind.ICS, True, "3 events", "", CHECKED, CHECKED, 3)
    )
    assert not tab.check.busy and tab.test_button.isEnabled()
    assert tab.check.label.text() == "The connection works: 3 events."


# -- adding ----------------------------------------------------------------------------------


def test_add_icalendar_hands_the_typed_source_to_the_service(
    qtbot: QtBot, calendars: FakeCalendarService, dialog: SettingsDialog
) -> None:
    tab = tab_of(dialog)
    form = open_form(tab, CalendarKind.ICS)
    assert "Secret address in iCal format" in form.note.text()
    assert "Publish a calendar" in form.note.text()
    fill_ics(qtbot, form, " Team ", "webcal://example.com/team.ics")
    form.lead_spin.setValue(15)
    form.add_button.click()
    team = CalendarSource("Team", CalendarKind.ICS, "webcal://example.com/team.ics", "", 15)
    assert calendars.added == [(team, None)]
    assert form.result() == SourceForm.DialogCode.Accepted.value
    assert lines(tab)[-1] == "Team: Not checked yet"


def test_choose_file_fills_the_address_and_the_name(dialog: SettingsDialog) -> None:
    form = open_form(tab_of(dialog), CalendarKind.ICS)
    form.choose_button.click()
    assert form.location_edit.text() == "/home/ana/Calendars/team.ics"
    assert form.name_edit.text() == "team"


def test_a_refused_source_is_one_line_in_the_form_and_nothing_typed_is_lost(
    qtbot: QtBot, calendars: FakeCalendarService, dialog: SettingsDialog
) -> None:
    form = open_form(tab_of(dialog), CalendarKind.ICS)
    fill_ics(qtbot, form, "work", "https://example.com/other.ics")
    form.add_button.click()
    assert calendars.added == []
    assert form.isVisible() and form.error_label.isVisibleTo(form)
    assert form.error_label.text() == "That did not work: a calendar named 'work' exists already"
    assert form.location_edit.text() == "https://example.com/other.ics"
    form.name_edit.clear()
    form.add_button.click()
    assert form.error_label.text() == "That did not work: the calendar's name is empty"


def test_testing_in_the_form_shows_the_answer_for_that_name_only(
    qtbot: QtBot, calendars: FakeCalendarService, dialog: SettingsDialog
) -> None:
    form = open_form(tab_of(dialog), CalendarKind.ICS)
    fill_ics(qtbot, form, "Team", "https://example.com/team.ics")
    form.test_button.click()
    assert [source.name for source, _password in calendars.tests] == ["Team"]
    assert form.check.busy and form.check.busy_bar.isVisibleTo(form)
    calendars.tested.emit(SourceStatus("Work", CalendarKind.ICS, True, "9 events", "", CHECKED))
    assert form.check.busy  # another source's answer
    failed = SourceStatus(
        "Team", CalendarKind.ICS, False, "example.com refused access (401)", "auth", CHECKED
    )
    calendars.tested.emit(failed)
    assert not form.check.busy and form.test_button.isEnabled()
    assert form.check.label.text() == (
        "Not working: The server refused the user name or password "
        "(example.com refused access (401))."
    )
    assert calendars.added == []  # a test saves nothing


def test_caldav_asks_a_hidden_password_and_says_when_there_is_no_secret_store(
    qtbot: QtBot, calendars: FakeCalendarService, dialog: SettingsDialog
) -> None:
    calendars.store_problem = "no Secret Service on this desktop"
    form = open_form(tab_of(dialog), CalendarKind.CALDAV)
    assert form.password_edit.echoMode() is QLineEdit.EchoMode.Password
    assert "no Secret Service on this desktop" in form.note.text()
    assert "asks for it again at each start" in form.note.text()
    qtbot.keyClicks(form.name_edit, "Fastmail")
    qtbot.keyClicks(form.location_edit, "https://caldav.fastmail.com/")
    form.add_button.click()
    assert form.error_label.text() == "That did not work: the user name is empty"
    qtbot.keyClicks(form.user_edit, "ana@fastmail.com")
    qtbot.keyClicks(form.password_edit, "app-pass")
    form.add_button.click()
    fastmail = CalendarSource(
        "Fastmail", CalendarKind.CALDAV, "https://caldav.fastmail.com/", "ana@fastmail.com"
    )
    assert calendars.added == [(fastmail, "app-pass")]


# -- passwords -------------------------------------------------------------------------------


def test_a_missing_password_is_asked_for_and_handed_to_the_service(
    qtbot: QtBot, service: SettingsService, calendars: FakeCalendarService
) -> None:
    calendars.needing = ["Home"]
    passwords = Passwords("s3cret")
    dialog = make_dialog(qtbot, service, calendars, passwords)
    tab = tab_of(dialog)
    assert tab.password_label.isVisibleTo(dialog)
    assert tab.password_label.text() == "Password needed for Home"
    tab.password_button.click()
    assert passwords.asked == ["Home"]
    assert calendars.passwords == [("Home", "s3cret")]
    assert not tab.password_label.isVisibleTo(dialog)
    assert not tab.password_button.isVisibleTo(dialog)


def test_a_cancelled_password_question_changes_nothing(
    qtbot: QtBot, service: SettingsService, calendars: FakeCalendarService
) -> None:
    calendars.needing = ["Home"]
    dialog = make_dialog(qtbot, service, calendars, Passwords(None))
    tab_of(dialog).password_button.click()
    assert calendars.passwords == []
    assert tab_of(dialog).password_button.isVisibleTo(dialog)


# -- the people list and Save ----------------------------------------------------------------


def test_people_and_my_addresses_are_saved_with_save(
    qtbot: QtBot, service: SettingsService, calendars: FakeCalendarService
) -> None:
    jordan = Person("Jordan", ("jordan@example.com",), ("Jo",))
    calendar = replace(service.current.calendar, people=(jordan,), me=("me@example.com",))
    service.apply(replace(service.current, calendar=calendar))
    dialog = make_dialog(qtbot, service, calendars)
    people = tab_of(dialog).people
    assert people.name_edit.text() == "Jordan"
    assert people.emails_edit.text() == "jordan@example.com"
    assert people.aliases_edit.text() == "Jo"
    people.add_button.click()
    qtbot.keyClicks(people.name_edit, "Priya Raman")
    qtbot.keyClicks(people.emails_edit, "priya@example.com; p.raman@example.org")
    qtbot.keyClicks(people.aliases_edit, "Priya, PR")
    assert people.list.item(1).text() == "Priya Raman"
    people.me_edit.setText("Me@Example.com, manager@example.com")
    settings = submitted_settings(qtbot, dialog)
    priya = Person("Priya Raman", ("priya@example.com", "p.raman@example.org"), ("Priya", "PR"))
    assert settings.calendar.people == (jordan, priya)
    assert settings.calendar.me == ("me@example.com", "manager@example.com")


def test_a_removed_person_is_gone_and_a_bad_address_is_refused(
    qtbot: QtBot, service: SettingsService, calendars: FakeCalendarService
) -> None:
    calendar = replace(service.current.calendar, people=(Person("Jordan"), Person("Priya")))
    service.apply(replace(service.current, calendar=calendar))
    dialog = make_dialog(qtbot, service, calendars)
    people = tab_of(dialog).people
    people.list.setCurrentRow(0)
    people.remove_button.click()
    assert people.name_edit.text() == "Priya"
    qtbot.keyClicks(people.emails_edit, "priya at example")
    with qtbot.assertNotEmitted(dialog.submitted):
        dialog.buttons.accepted.emit()
    assert "'priya at example' is not an e-mail address" in dialog.error_label.text()
    people.emails_edit.clear()
    people.emails_edit.textEdited.emit("")
    assert submitted_settings(qtbot, dialog).calendar.people == (Person("Priya"),)


def test_save_keeps_sources_added_and_removed_while_the_window_was_open(
    qtbot: QtBot, calendars: FakeCalendarService, dialog: SettingsDialog
) -> None:
    tab = tab_of(dialog)
    form = open_form(tab, CalendarKind.ICS)
    fill_ics(qtbot, form, "Team", "https://example.com/team.ics")
    form.add_button.click()
    tab.sources_list.setCurrentRow(1)
    tab.remove_button.click()  # Home
    # Saved already: moving the data folder now need not ask to save first.
    assert not dialog._unsaved_changes()  # noqa: SLF001 - what the data-folder box asks
    dialog.minutes_spin.setValue(45)
    assert dialog._unsaved_changes()  # noqa: SLF001
    settings = submitted_settings(qtbot, dialog)
    assert [s.name for s in settings.calendar.sources] == ["Work", "Team"]
    assert settings.default_minutes == 45


def test_without_a_calendar_service_the_tab_says_so_and_the_rest_works(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings(), ["dunst"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.calendars_tab)
    tab = tab_of(dialog)
    assert tab.unavailable_note.isVisibleTo(dialog)
    assert tab.unavailable_note.text() == "Calendars are not available in this window."
    assert not tab.sources_list.isVisibleTo(dialog)
    assert not tab.ics_button.isVisibleTo(dialog)
    tab.people.add_button.click()
    qtbot.keyClicks(tab.people.name_edit, "Jordan")
    assert submitted_settings(qtbot, dialog).calendar.people == (Person("Jordan"),)


# -- keyboard and German ---------------------------------------------------------------------


def test_a_source_is_added_with_keys_only(
    qtbot: QtBot, calendars: FakeCalendarService, dialog: SettingsDialog
) -> None:
    dialog.tabs.setCurrentIndex(0)
    with qtbot.waitActive(dialog):  # mnemonics work in the active window
        dialog.activateWindow()
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_C, alt)  # the &Calendars tab
    assert dialog.tabs.currentWidget() is dialog.calendars_tab
    with qtbot.waitSignal(tab_of(dialog).ics_button.clicked):  # a mnemonic animates its click
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_I, alt)  # Add &iCalendar address…
    form = tab_of(dialog).form(CalendarKind.ICS)
    assert form is not None
    with qtbot.waitActive(form):
        form.activateWindow()
    assert form.focusWidget() is form.name_edit
    qtbot.keyClicks(form.focusWidget(), "Team")
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(form.focusWidget(), "https://example.com/team.ics")
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Return)  # Add is the default button
    assert [source.name for source, _password in calendars.added] == ["Team"]
    assert form.result() == SourceForm.DialogCode.Accepted.value


def test_escape_closes_a_form_and_adds_nothing(
    qtbot: QtBot, calendars: FakeCalendarService, dialog: SettingsDialog
) -> None:
    form = open_form(tab_of(dialog), CalendarKind.CALDAV)
    with qtbot.waitActive(form):
        form.activateWindow()
    qtbot.keyClicks(form.name_edit, "Fastmail")
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Escape)
    assert form.result() == SourceForm.DialogCode.Rejected.value
    assert calendars.added == []


def shown_texts(
    qtbot: QtBot, service: SettingsService, calendars: FakeCalendarService
) -> list[list[tuple[str, str]]]:
    """What the tab and its two forms show, in the language installed now."""
    dialog = make_dialog(qtbot, service, calendars)
    shown = [texts(dialog)]
    for kind in CalendarKind:
        form = open_form(tab_of(dialog), kind)
        shown.append(texts(form))
        form.reject()
    return shown


def test_in_german_no_english_is_left_on_the_tab_or_in_its_forms(
    qtbot: QtBot,
    service: SettingsService,
    calendars: FakeCalendarService,
    request: pytest.FixtureRequest,
) -> None:
    calendars.needing = ["Home"]
    calendars.store_problem = "no Secret Service"
    english = shown_texts(qtbot, service, calendars)
    request.getfixturevalue("german")
    dialog = make_dialog(qtbot, service, calendars)
    allowed = {"https://…/basic.ics", "https://", "dunst"}
    assert untranslated(english[0], dialog, allowed) == []
    for before, kind in zip(english[1:], CalendarKind, strict=True):
        form = open_form(tab_of(dialog), kind)
        assert untranslated(before, form, allowed) == [], kind
        form.reject()


def test_in_german_the_tab_and_its_buttons_speak_german(
    qtbot: QtBot,
    service: SettingsService,
    calendars: FakeCalendarService,
    german: InstalledLanguage,
) -> None:
    assert german.code == "de"
    dialog = make_dialog(qtbot, service, calendars)
    tab = tab_of(dialog)
    assert dialog.tabs.tabText(dialog.tabs.indexOf(tab)) == "&Kalender"
    assert tab.ics_button.text() == "&iCalendar-Adresse hinzufügen…"
    assert lines(tab)[0] == "Work: Noch nicht geprüft"
    form = open_form(tab, CalendarKind.ICS)
    assert form.add_button.text() == "&Hinzufügen"
    form.add_button.click()
    assert form.error_label.text().startswith("Das hat nicht funktioniert: ")


def test_every_control_has_a_name_and_tab_follows_reading_order(
    qtbot: QtBot, service: SettingsService, calendars: FakeCalendarService
) -> None:
    calendars.needing = ["Home"]
    calendar = replace(service.current.calendar, people=(Person("Jordan"),))
    service.apply(replace(service.current, calendar=calendar))
    dialog = make_dialog(qtbot, service, calendars)
    assert unnamed_controls(dialog) == []
    chain = tab_chain(dialog)
    assert chain == reading_order(dialog)
    assert tab_of(dialog).password_button in chain and tab_of(dialog).people.me_edit in chain
    for kind in CalendarKind:
        form = open_form(tab_of(dialog), kind)
        assert unnamed_controls(form) == [], kind
        assert tab_chain(form) == reading_order(form), kind
        form.reject()


def letters(window: QWidget) -> list[str]:
    """The Alt+letters of the window's reachable controls and of its tab titles."""
    found = [mnemonic(control) for control in tab_chain(window)]
    tabs = window.findChildren(QTabWidget)
    titles = [tabs.tabText(i) for tabs in tabs for i in range(tabs.count())]
    found += [m.group(1).lower() for t in titles if (m := re.search(r"&(\w)", t))]
    return [letter for letter in found if letter]


@pytest.mark.parametrize("language", ["en", "de"])
def test_no_two_controls_share_an_alt_letter(
    qtbot: QtBot,
    service: SettingsService,
    calendars: FakeCalendarService,
    request: pytest.FixtureRequest,
    language: str,
) -> None:
    if language == "de":
        request.getfixturevalue("german")
    calendars.needing = ["Home"]
    calendar = replace(service.current.calendar, people=(Person("Jordan"),))
    service.apply(replace(service.current, calendar=calendar))
    dialog = make_dialog(qtbot, service, calendars)
    found = letters(dialog)
    assert len(found) >= 15 and len(set(found)) == len(found), found
    for kind in CalendarKind:
        form = open_form(tab_of(dialog), kind)
        found = letters(form)
        assert len(set(found)) == len(found) >= 6, (kind, found)
        form.reject()


# -- with the real calendar service ----------------------------------------------------------


@pytest.fixture
def real_calendars(
    service: SettingsService, tmp_path: Path, clock: FakeClock
) -> Iterator[CalendarService]:
    """services.calendar.CalendarService with its worker, over the settings `dialog` saves."""
    real = CalendarService(
        service, MemorySecretStore(), tmp_path, clock, history=list, local_zone=lambda: UTC
    )
    yield real
    real.stop()
    # stop() leaves a refresh under way running; it would then emit on a deleted service.
    real._worker().shutdown(wait=True)  # noqa: SLF001 - until stop() waits for it itself


@pytest.fixture
def real_form(
    qtbot: QtBot, service: SettingsService, real_calendars: CalendarService, tmp_path: Path
) -> SourceForm:
    """The iCalendar form of a settings window on the real service, filled in with a file."""
    feed = tmp_path / "team.ics"
    feed.write_bytes(ONE_EVENT)
    parts = CalendarParts(real_calendars, lambda: service.current)
    dialog = SettingsDialog(service.current, ["dunst"], calendars=parts)
    qtbot.addWidget(dialog)
    dialog.show()
    form = open_form(tab_of(dialog), CalendarKind.ICS)
    fill_ics(qtbot, form, "Team", str(feed))
    return form


def test_a_file_added_through_the_real_service_is_fetched_and_its_status_shown(
    qtbot: QtBot, real_form: SourceForm
) -> None:
    dialog = real_form.parentWidget().window()  # the form belongs to the settings window
    assert isinstance(dialog, SettingsDialog)
    tab = tab_of(dialog)
    real_form.add_button.click()  # the service fetches it at once, in its worker
    assert lines(tab) == ["Team: Not checked yet"]
    qtbot.waitUntil(lambda: lines(tab) != ["Team: Not checked yet"], timeout=10_000)
    assert lines(tab)[0].startswith("Team: Working: 1 event, checked ")
    assert [s.name for s in submitted_settings(qtbot, dialog).calendar.sources] == ["Team"]


def test_the_real_service_tests_a_typed_file_without_keeping_it(
    qtbot: QtBot, service: SettingsService, real_calendars: CalendarService, real_form: SourceForm
) -> None:
    with qtbot.waitSignal(real_calendars.tested, timeout=10_000):
        real_form.test_button.click()
    assert real_form.check.label.text() == "The connection works: 1 event."
    assert service.current.calendar.sources == ()
