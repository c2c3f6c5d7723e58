"""The Calendars tab's "Recurring meetings": each series with its calendar, next meeting and
what it counts as; marking it as coaching with someone, not coaching or automatic (at once,
through the service); refreshes that keep the focus; keys only; German; plain-text titles.

The service is tests.ui.test_calendars_tab's FakeCalendarService: ``recurring`` holds the
series a re-match would have found, and a test emits ``upcoming_changed`` as the re-match
would.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from focusmate.core.calendar_sources import CalendarSettings
from focusmate.core.errors import NotPossibleNow
from focusmate.core.one_on_ones import NOT_COACHING, NotOneOnOne, Person, SeriesChoice
from focusmate.core.recurring_series import RecurringSeries
from focusmate.services.settings import SettingsService
from focusmate.ui.i18n import InstalledLanguage
from focusmate.ui.series_list import SeriesList, SeriesRow
from focusmate.ui.settings_dialog import SettingsDialog
from tests.ui.accessibility import tab_chain, unnamed_controls
from tests.ui.keyboard import reading_order
from tests.ui.test_calendars_tab import (
    HOME,
    WORK,
    FakeCalendarService,
    make_dialog,
    submitted_settings,
)

NEXT_MONDAY = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
WEEKLY = RecurringSeries(
    "weekly-jordan", "1:1 Jordan", "Work", NEXT_MONDAY, "Jordan", None, (), None
)
TEAM = RecurringSeries(
    "team-sync", "Team sync", "Work", NEXT_MONDAY, None, NotOneOnOne.NOBODY, (), None
)
PAIR = RecurringSeries(
    "pair",
    "Jordan / Alex",
    "Home",
    NEXT_MONDAY,
    None,
    NotOneOnOne.AMBIGUOUS,
    ("Jordan", "Alex"),
    None,
)


@pytest.fixture
def recurring_calendars(service: SettingsService) -> FakeCalendarService:
    """The fake service with two calendars, Jordan and Priya on the people list, and three
    series: one matched, one nobody's, one that could be Jordan or Alex."""
    people = (Person("Jordan"), Person("Priya"))
    service.apply(replace(service.current, calendar=CalendarSettings((WORK, HOME), people)))
    calendars = FakeCalendarService(service)
    calendars.recurring = [WEEKLY, TEAM, PAIR]
    return calendars


def section(dialog: SettingsDialog) -> SeriesList:
    found = dialog.calendars_tab.series
    assert found is not None
    return found


def row_of(dialog: SettingsDialog, uid: str) -> SeriesRow:
    return next(row for row in section(dialog).rows() if row.series.uid == uid)


def offered(row: SeriesRow) -> list[str]:
    return [row.combo.itemText(i) for i in range(row.combo.count())]


def pick(row: SeriesRow, text: str) -> None:
    """Choose ``text`` in the row's combo as a click in its list does."""
    index = row.combo.findText(text)
    assert index >= 0, (text, offered(row))
    row.combo.setCurrentIndex(index)
    row.combo.activated.emit(index)


def activate(qtbot: QtBot, dialog: SettingsDialog) -> None:
    with qtbot.waitActive(dialog):  # keys and focus act in the active window
        dialog.activateWindow()


def test_each_series_shows_its_title_calendar_next_meeting_and_verdict(
    qtbot: QtBot, service: SettingsService, recurring_calendars: FakeCalendarService
) -> None:
    dialog = make_dialog(qtbot, service, recurring_calendars)
    rows = section(dialog).rows()
    assert [row.title_label.text() for row in rows] == ["1:1 Jordan", "Team sync", "Jordan / Alex"]
    assert [row.verdict_label.text() for row in rows] == [
        "Coaching with Jordan",
        "Not a one-on-one: nobody on the people list is invited or named",
        "Could be Jordan or Alex: choose",
    ]
    local = NEXT_MONDAY.astimezone()  # the machine's zone, as the user sees it
    time = QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    when = rows[2].next_label.text()
    assert when.startswith("Home, next: ") and when.endswith(time)
    assert QLocale().dayName(local.isoweekday(), QLocale.FormatType.ShortFormat) in when
    assert section(dialog).title() == "Recurring meetings"
    assert section(dialog).hint.text().endswith("is saved at once, without Save.")
    assert not section(dialog).empty_note.isVisibleTo(dialog)


def test_each_combo_offers_automatic_the_people_and_not_coaching(
    qtbot: QtBot, service: SettingsService, recurring_calendars: FakeCalendarService
) -> None:
    dialog = make_dialog(qtbot, service, recurring_calendars)
    assert offered(row_of(dialog, "team-sync")) == [
        "Automatic (by attendees and title)",
        "Coaching with Jordan",
        "Coaching with Priya",
        "Not coaching",
    ]
    # Alex is not on the people list but is one the series could be with.
    assert offered(row_of(dialog, "pair"))[1:4] == [
        "Coaching with Alex",
        "Coaching with Jordan",
        "Coaching with Priya",
    ]
    assert all(row.combo.currentIndex() == 0 for row in section(dialog).rows())


def test_choosing_not_coaching_a_person_and_automatic_goes_to_the_service_at_once(
    qtbot: QtBot, service: SettingsService, recurring_calendars: FakeCalendarService
) -> None:
    dialog = make_dialog(qtbot, service, recurring_calendars)
    team = row_of(dialog, "team-sync")
    pick(team, "Not coaching")
    assert service.current.calendar.series == {"team-sync": NOT_COACHING}  # no Save needed
    pick(team, "Coaching with Jordan")
    pick(team, "Automatic (by attendees and title)")
    assert recurring_calendars.chosen == [
        ("team-sync", NOT_COACHING),
        ("team-sync", SeriesChoice("Jordan")),
        ("team-sync", None),
    ]
    assert service.current.calendar.series == {}


def test_the_verdict_follows_the_service_and_the_choice_stays_shown(
    qtbot: QtBot, service: SettingsService, recurring_calendars: FakeCalendarService
) -> None:
    dialog = make_dialog(qtbot, service, recurring_calendars)
    pick(row_of(dialog, "pair"), "Coaching with Alex")
    chosen = replace(
        PAIR, with_name="Alex", reason=None, candidates=(), choice=SeriesChoice("Alex")
    )
    recurring_calendars.recurring = [WEEKLY, TEAM, chosen]
    recurring_calendars.upcoming_changed.emit()
    pair = row_of(dialog, "pair")
    assert pair.verdict_label.text() == "Coaching with Alex"
    assert pair.combo.currentText() == "Coaching with Alex"
    # The window's Save keeps the choice made meanwhile.
    assert submitted_settings(qtbot, dialog).calendar.series == {"pair": SeriesChoice("Alex")}


def test_a_person_added_to_the_people_list_is_offered_at_once(
    qtbot: QtBot, service: SettingsService, recurring_calendars: FakeCalendarService
) -> None:
    dialog = make_dialog(qtbot, service, recurring_calendars)
    people = dialog.calendars_tab.people
    people.add_button.click()
    qtbot.keyClicks(people.name_edit, "Sam")
    assert "Coaching with Sam" in offered(row_of(dialog, "weekly-jordan"))


def test_a_refresh_keeps_the_focus_on_the_same_series(
    qtbot: QtBot, service: SettingsService, recurring_calendars: FakeCalendarService
) -> None:
    dialog = make_dialog(qtbot, service, recurring_calendars)
    activate(qtbot, dialog)
    row_of(dialog, "team-sync").combo.setFocus()
    recurring_calendars.recurring = [WEEKLY, replace(TEAM, choice=NOT_COACHING), PAIR]
    recurring_calendars.upcoming_changed.emit()
    assert QApplication.focusWidget() is row_of(dialog, "team-sync").combo
    # A new series comes first: the rows are made again, the focus stays with Team sync.
    monthly = replace(WEEKLY, uid="monthly-priya", summary="Priya monthly", with_name="Priya")
    recurring_calendars.recurring = [monthly, WEEKLY, TEAM, PAIR]
    recurring_calendars.upcoming_changed.emit()
    team = row_of(dialog, "team-sync")
    assert [row.series.uid for row in section(dialog).rows()][2] == "team-sync"
    assert QApplication.focusWidget() is team.combo
    assert tab_chain(dialog) == reading_order(dialog)


def test_a_series_is_marked_with_keys_only(
    qtbot: QtBot, service: SettingsService, recurring_calendars: FakeCalendarService
) -> None:
    dialog = make_dialog(qtbot, service, recurring_calendars)
    activate(qtbot, dialog)
    people = dialog.calendars_tab.people
    people.me_edit.setFocus()
    qtbot.keyClick(people.me_edit, Qt.Key.Key_Tab)
    weekly = row_of(dialog, "weekly-jordan").combo
    assert QApplication.focusWidget() is weekly
    qtbot.keyClick(weekly, Qt.Key.Key_Down)
    assert weekly.currentText() == "Coaching with Jordan"
    qtbot.keyClick(weekly, Qt.Key.Key_Tab)
    team = row_of(dialog, "team-sync").combo
    assert QApplication.focusWidget() is team
    qtbot.keyClick(team, Qt.Key.Key_End)
    assert recurring_calendars.chosen == [
        ("weekly-jordan", SeriesChoice("Jordan")),
        ("team-sync", NOT_COACHING),
    ]


def test_every_combo_has_a_name_and_tab_follows_reading_order(
    qtbot: QtBot, service: SettingsService, recurring_calendars: FakeCalendarService
) -> None:
    dialog = make_dialog(qtbot, service, recurring_calendars)
    assert unnamed_controls(dialog) == []
    team = row_of(dialog, "team-sync").combo
    assert team.accessibleName() == "What “Team sync” counts as"
    assert team.accessibleDescription().endswith(
        ". Not a one-on-one: nobody on the people list is invited or named"
    )
    assert tab_chain(dialog) == reading_order(dialog)


def test_without_series_a_line_says_where_they_come_from(
    qtbot: QtBot, service: SettingsService, recurring_calendars: FakeCalendarService
) -> None:
    recurring_calendars.recurring = []
    dialog = make_dialog(qtbot, service, recurring_calendars)
    assert section(dialog).rows() == []
    assert section(dialog).empty_note.isVisibleTo(dialog)
    assert section(dialog).empty_note.text() == (
        "Recurring meetings appear here once a calendar is added."
    )
    recurring_calendars.recurring = [TEAM]
    recurring_calendars.upcoming_changed.emit()
    assert not section(dialog).empty_note.isVisibleTo(dialog)
    assert len(section(dialog).rows()) == 1


def test_a_refused_choice_is_said_in_the_section(
    qtbot: QtBot, service: SettingsService, recurring_calendars: FakeCalendarService
) -> None:
    dialog = make_dialog(qtbot, service, recurring_calendars)
    recurring_calendars.refuse = NotPossibleNow("the settings could not be saved")
    pick(row_of(dialog, "team-sync"), "Not coaching")
    error = section(dialog).error_label
    assert error.isVisibleTo(dialog)
    assert error.text() == "That did not work: the settings could not be saved"
    assert row_of(dialog, "team-sync").combo.currentText() == "Automatic (by attendees and title)"


def test_a_title_that_looks_like_html_is_shown_as_it_is(
    qtbot: QtBot, service: SettingsService, recurring_calendars: FakeCalendarService
) -> None:
    title = "<b>1:1</b> <a href='https://evil.example'>Jordan</a> &amp;"
    recurring_calendars.recurring = [replace(WEEKLY, summary=title, source="<i>Work</i>")]
    dialog = make_dialog(qtbot, service, recurring_calendars)
    (row,) = section(dialog).rows()
    for label in (row.title_label, row.next_label, row.verdict_label):
        assert label.textFormat() is Qt.TextFormat.PlainText
    assert row.title_label.text() == title
    assert row.next_label.text().startswith("<i>Work</i>, next: ")


def test_in_german_the_section_and_its_verdicts_speak_german(
    german: InstalledLanguage,
    qtbot: QtBot,
    service: SettingsService,
    recurring_calendars: FakeCalendarService,
) -> None:
    assert german.code == "de"  # installed before the window is made
    dialog = make_dialog(qtbot, service, recurring_calendars)
    assert section(dialog).title() == "Wiederkehrende Termine"
    assert [row.verdict_label.text() for row in section(dialog).rows()] == [
        "Coaching mit Jordan",
        "Kein Einzelgespräch: Niemand aus der Personenliste ist eingeladen oder genannt",
        "Könnte Jordan oder Alex sein: Bitte wählen Sie",
    ]
    assert offered(row_of(dialog, "team-sync"))[-1] == "Kein Coaching"
