"""The weekly review with a calendar (issue 15, deliverable 7): scheduled one-on-ones against
held sessions on the week's page and per person on the People tab, in English and German."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from focusmate.core.marks import MarkKinds
from focusmate.core.one_on_ones import Person, UpcomingOneOnOne
from focusmate.core.week_review import week_review
from focusmate.core.weekly import IsoWeek
from focusmate.ui.i18n import InstalledLanguage
from focusmate.ui.review_window import ReviewWindow
from tests.sessions_for_tests import held

W48 = IsoWeek(2026, 48)
#: Monday of W48, 00:00 UTC (the tests' local zone is UTC).
MONDAY = datetime(2026, 11, 23, tzinfo=UTC)
#: Friday evening: Saturday's one-on-one is still ahead.
NOW = MONDAY + timedelta(days=4, hours=18)
PEOPLE = (Person("Jordan Lee", aliases=("Jo",)),)


def one_on_one(name: str, days: float, hours: float) -> UpcomingOneOnOne:
    starts = MONDAY + timedelta(days=days, hours=hours)
    return UpcomingOneOnOne(name, starts, starts + timedelta(minutes=30), "Work", f"{name}-1on1")


MEETINGS = [
    # Priya's weekly one-on-one: held two weeks ago, skipped last week and this week.
    one_on_one("Priya", -14, 10),
    one_on_one("Priya", -7, 10),
    one_on_one("Priya", 0, 10),
    # Jordan's three, one held by a session under his alias, 20 minutes late.
    one_on_one("Jordan Lee", 1, 10),
    one_on_one("Jordan Lee", 2, 10),
    one_on_one("Jordan Lee", 3, 10),
    one_on_one("Ben", 0, 14),
    one_on_one("Ben", 5, 9),  # Saturday, after NOW: neither held nor skipped
    one_on_one("Ana", 1, 15),  # skipped, and Ana has no session at all
]
SESSIONS = [
    held("p1", "Priya", MONDAY + timedelta(days=-14, hours=10)),
    held("j1", "Jo", MONDAY + timedelta(days=1, hours=10, minutes=20)),
    held("j2", "Jordan Lee", MONDAY + timedelta(days=2, hours=10)),
    held("j3", "Jordan Lee", MONDAY + timedelta(days=3, hours=9, minutes=45)),
    held("b1", "Ben", MONDAY + timedelta(hours=14)),
    held("c1", "Cy", MONDAY + timedelta(days=2, hours=16)),  # unscheduled: counts for nothing
]


class FakeCalendar:
    """A FAKE of CalendarService.scheduled: the matched one-on-ones starting in [start, end)."""

    def __init__(self, meetings: list[UpcomingOneOnOne]) -> None:
        self.meetings = list(meetings)
        self.asked: list[tuple[datetime, datetime]] = []

    def scheduled(self, start: datetime, end: datetime) -> list[UpcomingOneOnOne]:
        self.asked.append((start, end))
        return [m for m in self.meetings if start <= m.starts_at < end]


def review(qtbot: QtBot, calendar: FakeCalendar | None) -> ReviewWindow:
    window = ReviewWindow(
        lambda w: week_review(SESSIONS, w, NOW, UTC),
        W48,
        W48,
        MarkKinds(),
        scheduled=None if calendar is None else calendar.scheduled,
        history=lambda: SESSIONS,
        people=lambda: PEOPLE,
        now=lambda: NOW,
    )
    qtbot.addWidget(window)
    window.show()
    return window


def text(item: QTableWidgetItem | None) -> str:
    assert item is not None
    return item.text()


def people_figures(window: ReviewWindow) -> dict[str, str]:
    table = window.people
    return {text(table.item(row, 0)): text(table.item(row, 6)) for row in range(table.rowCount())}


def test_the_week_says_how_many_were_held_and_who_was_skipped_in_a_row(qtbot: QtBot) -> None:
    calendar = FakeCalendar(MEETINGS)
    window = review(qtbot, calendar)
    assert window.attendance.isVisibleTo(window)
    assert window.attendance.text() == (
        "You held 4 of 6 scheduled one-on-ones; 1 more is still to come; "
        "Priya's was skipped twice in a row."
    )
    # The People tab's eight weeks, from W41's Monday to the end of the week shown.
    assert calendar.asked[-1] == (MONDAY - timedelta(weeks=7), MONDAY + timedelta(weeks=1))
    assert not window.people.isColumnHidden(6)
    assert text(window.people.horizontalHeaderItem(6)) == "Calendar"
    assert people_figures(window) == {
        "Jordan Lee": "held 3 of 3 scheduled",
        "Jo": "held 3 of 3 scheduled",  # his alias: the same person
        "Priya": "held 1 of 3 scheduled",
        "Ben": "held 1 of 1 scheduled",
        "Cy": "",
        "Ana": "held 0 of 1 scheduled",  # no session, yet a row: all hers were skipped
    }


def test_in_german(qtbot: QtBot, german: InstalledLanguage) -> None:
    window = review(qtbot, FakeCalendar(MEETINGS))
    assert window.attendance.text() == (
        "Sie haben 4 von 6 geplanten Einzelgesprächen geführt; 1 weiteres steht noch an; "
        "das Einzelgespräch mit Priya fiel zweimal in Folge aus."
    )
    assert text(window.people.horizontalHeaderItem(6)) == "Kalender"
    assert people_figures(window)["Priya"] == "1 von 3 geplanten geführt"


@pytest.mark.parametrize("language", ["en", "de"])
def test_one_and_three_in_a_row_are_worded_right(
    qtbot: QtBot, request: pytest.FixtureRequest, language: str
) -> None:
    if language == "de":
        request.getfixturevalue("german")
    weekly = [one_on_one("Priya", -7 * weeks, 12) for weeks in range(3)]  # none held
    window = review(qtbot, FakeCalendar(weekly))
    expected = {
        "en": "You held 0 of 1 scheduled one-on-one; Priya's was skipped 3 times in a row.",
        "de": "Sie haben 0 von 1 geplanten Einzelgespräch geführt; "
        "das Einzelgespräch mit Priya fiel 3-mal in Folge aus.",
    }
    assert window.attendance.text() == expected[language]


def test_a_week_of_meetings_still_to_come(qtbot: QtBot) -> None:
    window = review(qtbot, FakeCalendar([one_on_one("Ben", 5, 9), one_on_one("Ana", 6, 9)]))
    assert window.attendance.text() == "2 scheduled one-on-ones are still to come."
    assert people_figures(window)["Ana"] == "1 scheduled one-on-one is still to come"


def test_without_a_calendar_or_anything_scheduled_nothing_changes(qtbot: QtBot) -> None:
    for calendar in (None, FakeCalendar([]), FakeCalendar([one_on_one("Ben", -7, 9)])):
        window = review(qtbot, calendar)
        assert not window.attendance.isVisibleTo(window)
        assert window.attendance.text() == ""
        assert window.people.isColumnHidden(6) == (calendar is None or not calendar.meetings)
        assert "Ana" not in people_figures(window)


def test_a_week_of_skipped_one_on_ones_without_sessions_still_says_so(qtbot: QtBot) -> None:
    calendar = FakeCalendar([one_on_one("Ana", -21, 9)])
    window = review(qtbot, calendar)
    window.show_week(W48.shifted(-3))
    assert window.empty_label.isVisibleTo(window)
    assert window.attendance.text() == "You held 0 of 1 scheduled one-on-one."


def test_the_review_follows_the_calendar(qtbot: QtBot) -> None:
    calendar = FakeCalendar(MEETINGS[:3])
    window = review(qtbot, calendar)
    assert window.attendance.text() == (
        "You held 0 of 1 scheduled one-on-one; Priya's was skipped twice in a row."
    )
    calendar.meetings.append(one_on_one("Ben", 0, 14))
    window.refresh_schedule()
    assert window.attendance.text() == (
        "You held 1 of 2 scheduled one-on-ones; Priya's was skipped twice in a row."
    )
    assert people_figures(window)["Ben"] == "held 1 of 1 scheduled"


def test_a_name_that_looks_like_markup_shows_as_typed(qtbot: QtBot) -> None:
    name = "<b>Bo</b> & {n}"
    window = review(qtbot, FakeCalendar([one_on_one(name, -7 * w, 12) for w in range(2)]))
    for label in (window.attendance, window.summary, window.insights):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert window.attendance.text() == (
        f"You held 0 of 1 scheduled one-on-one; {name}'s was skipped twice in a row."
    )


def test_a_calendar_without_the_history_is_refused() -> None:
    with pytest.raises(TypeError, match="history"):
        ReviewWindow(
            lambda w: week_review(SESSIONS, w, NOW, UTC),
            W48,
            W48,
            MarkKinds(),
            scheduled=FakeCalendar([]).scheduled,
        )
