"""The weekly review: deltas, insights, people least-present first, exports by button; by
keyboard alone, for screen readers, and in German."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from focusmate.core.insights import Insight, InsightKind
from focusmate.core.marks import MarkKinds
from focusmate.core.model import CoachingSession, CommitmentOutcome, Question, Reflection
from focusmate.core.week_review import week_review
from focusmate.core.weekly import IsoWeek
from focusmate.services.controller import SessionController
from focusmate.services.exports import ExportKind
from focusmate.ui.actions import AppActions
from focusmate.ui.review_window import ReviewWindow, sparkline
from focusmate.ui.windows import Windows
from tests.fakes import FakeClock
from tests.sessions_for_tests import held, reflected
from tests.ui.accessibility import accessible_name, tab_chain, unnamed_controls
from tests.ui.keyboard import mnemonic, reading_order, untranslated
from tests.ui.review_rig import InProcessReview


class SavePaths:
    """A FAKE save dialog: answers with a file in the test's folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.asked: list[str] = []

    def __call__(self, _title: str, suggested: str) -> str | None:
        self.asked.append(suggested)
        return str(self.folder / suggested)


@pytest.fixture
def paths(tmp_path: Path) -> SavePaths:
    return SavePaths(tmp_path)


@pytest.fixture
def review_process(tmp_path: Path, clock: FakeClock, paths: SavePaths) -> InProcessReview:
    """The review in this process (tests.ui.review_rig), its save dialog a FAKE."""
    return InProcessReview(tmp_path / "data", clock, paths)


@pytest.fixture
def windows(
    controller: SessionController, actions: AppActions, review_process: InProcessReview
) -> Iterator[Windows]:
    windows = Windows(
        controller, actions, use_tray=False, confirm=lambda _q: True, review=lambda: review_process
    )
    yield windows
    windows.close_all()


def a_session(
    controller: SessionController,
    clock: FakeClock,
    name: str,
    rating: int,
    *,
    phone: int = 0,
    outcome: CommitmentOutcome | None = None,
) -> None:
    controller.start(name, 30)
    for _ in range(phone):
        controller.mark("phone")
    clock.advance(minutes=30)
    session = controller.end()
    controller.save_reflection(
        session.id,
        Reflection(
            dict.fromkeys(Question, rating),
            empathy=rating,
            complete=True,
            commitment_outcome=outcome,
        ),
    )
    clock.advance(hours=2)


def test_people_insights_and_deltas(
    windows: Windows,
    controller: SessionController,
    clock: FakeClock,
    actions: AppActions,
    review_process: InProcessReview,
) -> None:
    clock.current -= timedelta(weeks=1)
    a_session(controller, clock, "Ana", 2)
    a_session(controller, clock, "Ben", 2)
    clock.current += timedelta(weeks=1) - timedelta(hours=4)
    a_session(controller, clock, "Ana", 5, outcome=CommitmentOutcome.KEPT)
    a_session(controller, clock, "Ben", 3, phone=2, outcome=CommitmentOutcome.NOT_KEPT)
    actions.review.trigger()
    review = review_process.window
    assert review is not None
    assert "vs last week: +0 min, presence +" in review.summary.text()
    assert "You kept 1 of 2 commitments." in review.insights.text()
    assert review.people.rowCount() == 2
    assert review.people.item(0, 0).text() == "Ben"  # least presence first
    assert review.people.item(1, 4).text() == "1 of 1"
    assert len(review.people.item(0, 5).text()) == 8


def test_export_buttons_write_files(
    windows: Windows,
    controller: SessionController,
    clock: FakeClock,
    actions: AppActions,
    paths: SavePaths,
    *,
    review_process: InProcessReview,
) -> None:
    a_session(controller, clock, "Ana", 4, phone=1)
    actions.review.trigger()
    review = review_process.window
    assert review is not None
    for kind in (ExportKind.WEEK_CSV, ExportKind.WEEK_JSON, ExportKind.ICS, ExportKind.PNG):
        review.export_buttons[kind].click()
    assert paths.asked == [
        "focusmate-2026-W48.csv",
        "focusmate-2026-W48.json",
        "focusmate-sessions.ics",
        "focusmate-2026-W48.png",
    ]
    rows = list(csv.reader((paths.folder / "focusmate-2026-W48.csv").read_text().splitlines()))
    assert rows[1][:4] == ["2026-11-23", "1", "30.0", "1"]
    week = json.loads((paths.folder / "focusmate-2026-W48.json").read_text())
    assert week["totals"]["sessions"] == 1 and week["people"][0]["with"] == "Ana"
    assert "SUMMARY:One-on-one with Ana" in (paths.folder / "focusmate-sessions.ics").read_text()
    image = QImage(str(paths.folder / "focusmate-2026-W48.png"))
    assert (image.width(), image.height()) == (1200, 700)
    edge, inside = image.pixel(0, 350), image.pixel(5, 350)
    assert edge == inside  # the background to the edge: no keyboard focus frame in a picture


def test_sparkline() -> None:
    assert sparkline((1.0, None, 5.0, 3.0)) == "▁·█▅"


# -- keyboard, screen readers and language -----------------------------------------------

W48 = IsoWeek(2026, 48)  # Monday 23 November 2026
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def rated(
    sid: str,
    name: str,
    start: datetime,
    rating: int,
    *,
    phone: int = 0,
    outcome: CommitmentOutcome | None = None,
) -> CoachingSession:
    reflection = reflected(rating, empathy=rating, outcome=outcome)
    return held(sid, name, start, phone=phone, reflection=reflection)


MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SESSIONS = [
    rated("old-a", "Ana", MONDAY - timedelta(weeks=1), 2),
    rated("old-b", "Ben", MONDAY - timedelta(weeks=1), 2),
    rated("a", "Ana", MONDAY, 4, phone=1, outcome=CommitmentOutcome.KEPT),
    rated("b", "Ben", MONDAY + timedelta(days=2, hours=7), 5, outcome=CommitmentOutcome.PARTLY),
    CoachingSession("c", "Cy", MONDAY + timedelta(days=3), 30, ended_at=MONDAY + timedelta(days=3)),
]


def review_of(qtbot: QtBot, week: IsoWeek = W48) -> ReviewWindow:
    """A review of ``week`` with the week after as "this week" (so every button is enabled)."""
    window = ReviewWindow(
        lambda w: week_review(SESSIONS, w, NOW, UTC), week, W48.shifted(1), MarkKinds()
    )
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # shortcuts work in the active window
        window.show()
        window.activateWindow()
    return window


def test_every_control_has_a_name_and_tab_follows_the_reading_order(qtbot: QtBot) -> None:
    review = review_of(qtbot)
    assert unnamed_controls(review) == []
    quick = review.chart.focus_target()
    assert accessible_name(quick) == "Week chart"
    assert quick.accessibleDescription().startswith(
        "Week 48, 2026: 3 sessions, 60 minutes of coaching, 1 phone check, 0 app switches, "
        "average presence 4.3.\n"
    )
    assert "Mon 23 Nov: 30 min, 1 phone check, 0 app switches, score" in (
        quick.accessibleDescription()
    )
    expected = [
        review.prev_button,
        review.today_button,
        review.next_button,
        quick,
        review.tabs.tabBar(),
        review.table,
        *review.export_buttons.values(),
    ]
    chain = tab_chain(review)
    start = chain.index(review.prev_button)
    assert chain[start:] + chain[:start] == expected == reading_order(review)


def test_the_sparkline_is_read_out_as_figures(qtbot: QtBot) -> None:
    review = review_of(qtbot)
    trend = review.people.item(0, 5)  # Ana: 2.0 last week (one mark now lowers 4.0 to 3.7)
    assert trend.text() == "······▃▆"
    assert trend.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Presence by week, oldest first: none, none, none, none, none, none, 2.0, 3.7"
    )


def test_the_review_works_by_keyboard_alone(qtbot: QtBot) -> None:
    review = review_of(qtbot)
    review.table.setFocus()
    review.table.setCurrentCell(1, 0)
    with qtbot.waitSignal(review.session_activated) as activated:
        qtbot.keyClick(review.table, Qt.Key.Key_Return)
    assert activated.args == ["b"]
    qtbot.keyClick(review.table, Qt.Key.Key_Tab)  # leaves the table, not to the next cell
    assert review.focusWidget() is review.export_buttons["png"]
    qtbot.keyClick(review.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert review.tabs.currentWidget() is review.people
    qtbot.keyClick(review.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert review.tabs.currentWidget() is review.table
    qtbot.keyClick(
        review.focusWidget(),
        Qt.Key.Key_Backtab,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert review.tabs.currentWidget() is review.people
    qtbot.keyClick(review.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert review.week == W48.shifted(-1)
    with qtbot.waitSignal(review.export_requested) as export:
        qtbot.keyClick(review.focusWidget(), Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)
    assert export.args == [ExportKind.WEEK_JSON, W48.shifted(-1)]
    assert type(export.args[0]) is ExportKind  # the enum itself reaches the app, not a str
    # A tab's mnemonic also puts the focus on its rows, so Enter acts on one at once.
    qtbot.keyClick(review.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: review.focusWidget() is review.table)
    assert review.table.currentRow() >= 0
    qtbot.keyClick(review.focusWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: review.focusWidget() is review.people)
    review.show()
    qtbot.waitExposed(review)
    qtbot.keyClick(review.focusWidget(), Qt.Key.Key_Escape)  # a window, but Escape closes it
    assert not review.isVisible()


@pytest.mark.parametrize("language", ["en", "de"])
def test_mnemonics_are_unique(qtbot: QtBot, request: pytest.FixtureRequest, language: str) -> None:
    if language == "de":
        request.getfixturevalue("german")
    review = review_of(qtbot)
    buttons = [
        review.prev_button,
        review.today_button,
        review.next_button,
        review.pulse_button,
        *review.export_buttons.values(),
    ]
    tabs = [review.tabs.tabText(i) for i in range(review.tabs.count())]
    letters = [mnemonic(b) for b in buttons]
    letters += [m.group(1).lower() for m in (re.search(r"&(\w)", t) for t in tabs) if m]
    assert len(letters) == len(buttons) + len(tabs) == len(set(letters)), letters


def test_in_german_no_english_is_left(qtbot: QtBot, request: pytest.FixtureRequest) -> None:
    english = review_of(qtbot)
    request.getfixturevalue("german")
    german = review_of(qtbot)
    assert untranslated(english, german, allowed={"Ana", "Ben", "Cy"}) == []
    assert german.windowTitle() == "focusmate: Wochenrückblick"
    assert german.title.text() == "<b>Woche 48, 2026</b> · 23. Nov. – 29. Nov."
    assert german.summary.text() == (
        "3 Gespräche · 60 Minuten · 1 Blick aufs Handy, 0 App-Wechsel · "
        "durchschnittliche Präsenz 4,3 von 5 · im Vergleich zur Vorwoche: +0 Min., Präsenz +2,3"
    )
    assert "Sie haben 1 von 2 Vorhaben umgesetzt und 1 weitere teilweise." in (
        german.insights.text()
    )
    row = [german.table.item(0, column).text() for column in range(8)]
    assert row == ["Mo. 23. Nov.", "09:00", "Ana", "30", "1", "0", "0", "3,7"]
    assert german.table.item(2, 7).text() == "ausstehend"
    assert german.people.horizontalHeaderItem(3).text() == "Vermerke je Gespräch"
    assert german.people.item(0, 5).toolTip().startswith("Präsenz je Woche, älteste zuerst: ")
    german.show_week(W48.shifted(-4))  # a week without sessions
    assert german.empty_label.isVisibleTo(german)
    assert german.empty_label.text().startswith("Diese Woche gab es keine Coachinggespräche.")


def test_the_weeks_first_three_insights_come_first_in_words(
    qtbot: QtBot, controller: SessionController, clock: FakeClock
) -> None:
    a_session(controller, clock, "Ana", 4)
    four = [
        Insight(InsightKind.COMMITMENTS_KEPT, {"kept": 2, "total": 3}),
        Insight(InsightKind.PRESENCE_FALLING_WITH, {"name": "<b>Sam</b>"}),
        Insight(InsightKind.PRESENCE_ROSE, {"before": 3.0, "after": 3.66}),
        Insight(InsightKind.PHONE_BEFORE_NOON, {"count": 4, "total": 6}),
    ]
    week = IsoWeek.containing(clock.now().date())
    review = ReviewWindow(
        lambda w: replace(
            week_review(controller.all_sessions(), w, clock.now(), UTC), insights=four
        ),
        week,
        week,
        MarkKinds(),
    )
    qtbot.addWidget(review)
    review.show()

    # At most three, as plain text (a name is shown as typed), one decimal for presence.
    assert review.insights.textFormat() == Qt.TextFormat.PlainText
    assert review.insights.text().splitlines() == [
        "• You kept 2 of 3 commitments.",
        "• Presence with <b>Sam</b> fell three weeks running.",
        "• Your average presence rose from 3.0 to 3.7 this week.",
    ]
    # At the top: above the week's totals and its chart.
    top = [w.mapTo(review, w.rect().topLeft()).y() for w in (review.insights, review.summary)]
    assert top[0] < top[1] < review.chart.mapTo(review, review.chart.rect().topLeft()).y()

    review.show_week(week.shifted(-1))  # a week without sessions says so, and nothing more

    assert review.insights.isHidden() and review.insights.text() == ""
