"""The weekly review's other side of the table (issue 16): each session's pulse and the way to
it (Their answers…), each person's own ratings against their answers, and at the top the
client mirror and the widest gap, each in one line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from focusmate.core.marks import MarkKinds
from focusmate.core.model import CoachingSession
from focusmate.core.pulse import Concern, PulseVia, RepPulse
from focusmate.core.session_kind import CLIENT
from focusmate.core.text import translate
from focusmate.core.week_review import week_review
from focusmate.core.weekly import IsoWeek
from focusmate.services.controller import SessionController
from focusmate.ui.actions import AppActions
from focusmate.ui.i18n import InstalledLanguage
from focusmate.ui.review_window import ReviewWindow
from focusmate.ui.windows import Windows
from tests.fakes import FakeClock
from tests.sessions_for_tests import held, reflected
from tests.ui.review_rig import InProcessReview

W48 = IsoWeek(2026, 48)  # Monday 23 November 2026
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def answers(heard: int, attention: int, concern: Concern = Concern.YES) -> RepPulse:
    return RepPulse(heard, concern, attention, "", PulseVia.TYPED, MONDAY)


def jordan(pulses: int) -> list[CoachingSession]:
    """Jordan in the last ``pulses`` weeks: the manager rated listening 5, 4, 5 and presence
    the same; Jordan answered heard 3, 2, 3 and attention 2, 3, 1."""
    own, heard, attention = (5, 4, 5), (3, 2, 3), (2, 3, 1)
    return [
        held(
            f"j{weeks}",
            "Jordan",
            MONDAY - timedelta(weeks=weeks),
            phone=1 if weeks == 0 else 0,
            reflection=reflected(own[weeks], empathy=own[weeks]),
            pulse=answers(heard[weeks], attention[weeks], Concern.PARTLY),
        )
        for weeks in range(pulses)
    ]


TEAM = [
    held("a0", "Ana", MONDAY + timedelta(days=1), phone=2, app=1, reflection=reflected(3)),
    held("a1", "Ana", MONDAY - timedelta(weeks=1), pulse=answers(4, 4)),
    held("a2", "Ana", MONDAY - timedelta(weeks=2), pulse=answers(5, 5)),
    held("b0", "Ben", MONDAY + timedelta(days=2)),
]
CLIENTS = [
    held("c1", "Acme", MONDAY + timedelta(days=1, hours=4), minutes=60, phone=1, kind=CLIENT),
    held("c2", "Globex", MONDAY + timedelta(days=3), minutes=60, kind=CLIENT),
]
#: Jordan, Ana and Ben this week (90 coaching minutes, 3 phone checks, 1 app switch) and
#: two client meetings (120 minutes, 1 phone check).
SESSIONS = [*jordan(3), *TEAM, *CLIENTS]


def review_of(qtbot: QtBot, sessions: Sequence[CoachingSession] = SESSIONS) -> ReviewWindow:
    window = ReviewWindow(lambda w: week_review(sessions, w, NOW, UTC), W48, W48, MarkKinds())
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # shortcuts work in the active window
        window.show()
        window.activateWindow()
    return window


def column(table: QTableWidget, header: str) -> int:
    headers = [table.horizontalHeaderItem(i).text() for i in range(table.columnCount())]
    return headers.index(header)


def cells(table: QTableWidget, header: str) -> dict[str, str]:
    """Each row's name (the With column) to its text in the ``header`` column."""
    name, wanted = column(table, translate("ReviewWindow", "With")), column(table, header)
    return {
        table.item(row, name).text(): table.item(row, wanted).text()
        for row in range(table.rowCount())
    }


def row_of(table: QTableWidget, name: str) -> int:
    return list(cells(table, translate("ReviewWindow", "With"))).index(name)


# -- the Sessions table ------------------------------------------------------------------


def test_each_session_shows_its_answers_in_brief_and_in_words(qtbot: QtBot) -> None:
    review = review_of(qtbot)
    shown = cells(review.table, "Their answers")
    assert shown["Jordan"] == "heard 3 · attention 2"
    assert shown["Ben"] == "–"
    item = review.table.item(row_of(review.table, "Jordan"), column(review.table, "Their answers"))
    spoken = "Their answers: heard 3 of 5, attention 2 of 5; their real concern came up: partly."
    assert item.toolTip() == spoken == item.data(Qt.ItemDataRole.AccessibleTextRole)
    # On one line: the column is as wide as its answers, not squeezed by the name's stretch.
    width = review.table.fontMetrics().horizontalAdvance("heard 3 · attention 2")
    assert review.table.columnWidth(column(review.table, "Their answers")) > width


def test_their_answers_opens_for_the_selected_ended_session_only(qtbot: QtBot) -> None:
    running = CoachingSession("r", "Cy", MONDAY + timedelta(days=4), 30)
    review = review_of(qtbot, [*SESSIONS, running])
    assert not review.pulse_button.isEnabled()  # nothing selected yet
    review.table.setCurrentCell(row_of(review.table, "Cy"), 0)
    assert not review.pulse_button.isEnabled()  # still running: no answers yet
    review.table.setCurrentCell(row_of(review.table, "Ben"), 0)
    assert review.pulse_button.isEnabled()
    with qtbot.waitSignal(review.pulse_requested) as asked:
        review.pulse_button.click()
    assert asked.args == ["b0"]
    review.tabs.setCurrentWidget(review.people)  # the button is about the Sessions tab
    assert not review.pulse_button.isEnabled()


def test_alt_a_asks_for_the_answers_from_the_keyboard(qtbot: QtBot) -> None:
    review = review_of(qtbot)
    # Alt+S puts the focus on the rows: the first becomes current (not selected), and Alt+A
    # acts on it at once.
    qtbot.keyClick(review, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: review.focusWidget() is review.table)
    assert review.table.currentRow() == 0
    first = review.table.item(0, 0).data(Qt.ItemDataRole.UserRole)
    with qtbot.waitSignal(review.pulse_requested) as asked:
        qtbot.keyClick(review.table, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert asked.args == [first]
    qtbot.keyClick(review.table, Qt.Key.Key_Down)  # the arrows move to another session
    second = review.table.item(1, 0).data(Qt.ItemDataRole.UserRole)
    with qtbot.waitSignal(review.pulse_requested) as asked:
        qtbot.keyClick(review.table, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert asked.args == [second]


def test_the_answers_button_comes_after_the_tabs_in_tab_order(qtbot: QtBot) -> None:
    review = review_of(qtbot)
    review.table.setCurrentCell(0, 0)
    review.tabs.tabBar().setFocus()
    qtbot.keyClick(review.tabs.tabBar(), Qt.Key.Key_Tab)
    assert review.focusWidget() is review.pulse_button
    qtbot.keyClick(review.pulse_button, Qt.Key.Key_Tab)
    assert review.focusWidget() is review.table


def test_saved_answers_show_in_the_open_review_at_once(
    controller: SessionController,
    actions: AppActions,
    clock: FakeClock,
    qtbot: QtBot,
    review_process: InProcessReview,
) -> None:
    windows = Windows(controller, actions, use_tray=False, review=lambda: review_process)
    try:
        controller.start("Jordan", 30)
        clock.advance(minutes=30)
        session = controller.end()
        windows.open_review()
        review = review_process.window
        assert review is not None
        review.table.setCurrentCell(0, 0)
        review.pulse_button.click()
        dialog = windows.pulse(session.id)
        assert dialog is not None and dialog.isVisible()
        dialog.set_answers(4, Concern.YES, 5)
        dialog.save_button.click()
        assert windows.pulse(session.id) is None
        assert cells(review.table, "Their answers") == {"Jordan": "heard 4 · attention 5"}
    finally:
        windows.close_all()


# -- the People tab ----------------------------------------------------------------------


def test_people_show_their_answers_against_the_own_ratings_from_three_answers(
    qtbot: QtBot,
) -> None:
    review = review_of(qtbot)
    shown = cells(review.people, "You vs their answers")
    assert shown["Jordan"] == "listening 4.7 vs 2.7 · attention 4.7 vs 2.0"
    assert shown["Ana"] == "2 of 3 answers"  # too few to name a gap
    assert shown["Ben"] == "–"
    jordan_row = review.people.item(
        row_of(review.people, "Jordan"), column(review.people, "You vs their answers")
    )
    assert jordan_row.toolTip() == (
        "Over 3 answers: you rated your listening 4.7, their answers average 2.7; "
        "you rated your attention 4.7, their answers average 2.0."
    )


# -- the glance: the mirror and the widest gap under the insights ------------------------


def test_the_glance_has_the_client_mirror_and_the_widest_gap(qtbot: QtBot) -> None:
    review = review_of(qtbot)
    kinds = week_review(SESSIONS, W48, NOW, UTC).kinds
    presence = [kinds[kind].average_presence for kind in (CLIENT, "coaching")]
    assert review.mirror.isVisible()
    assert review.mirror.text() == (
        "• This week, clients vs your team: phone checks per hour 0.5 vs 2.0, app switches "
        f"per hour 0.0 vs 0.7, presence {_one(presence[0])} vs {_one(presence[1])}."
    )
    assert review.gap.isVisible()
    assert review.gap.text() == (
        "• Widest gap, with Jordan: you rated your attention 4.7, their answers 2.0."
    )
    # What the lines say is not said again among the insights.
    assert "Phone checks per hour" not in review.insights.text()
    assert "Jordan's answers average" not in review.insights.text()
    assert review.mirror.textFormat() == review.gap.textFormat() == Qt.TextFormat.PlainText


def _one(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


@pytest.mark.parametrize(
    ("sessions", "mirror", "gap"),
    [
        ([*jordan(3), *TEAM], False, True),  # no client meeting this week
        ([*jordan(2), *TEAM, *CLIENTS], True, False),  # two answers: no gap to name yet
        ([*TEAM], False, False),
    ],
)
def test_a_line_shows_only_when_its_figures_exist(
    qtbot: QtBot, sessions: list[CoachingSession], mirror: bool, gap: bool
) -> None:
    review = review_of(qtbot, sessions)
    assert review.mirror.isVisible() == mirror == bool(review.mirror.text())
    assert review.gap.isVisible() == gap == bool(review.gap.text())


def test_another_persons_listening_gap_stays_among_the_insights(qtbot: QtBot) -> None:
    dee = [
        held(
            f"d{weeks}",
            "Dee",
            MONDAY - timedelta(weeks=weeks, days=1),
            reflection=reflected(4, empathy=4),
            pulse=answers(3, 4),
        )
        for weeks in range(3)
    ]
    review = review_of(qtbot, [*jordan(3), *dee, *TEAM])
    assert review.gap.text().startswith("• Widest gap, with Jordan: ")
    assert "You rated your listening 4.0 on average; Dee's answers average 3.0." in (
        review.insights.text()
    )
    assert "Jordan's answers average" not in review.insights.text()


def test_a_week_without_sessions_shows_no_lines_and_no_button(qtbot: QtBot) -> None:
    review = review_of(qtbot)
    review.show_week(W48.shifted(-4))
    assert not review.mirror.isVisible() and not review.gap.isVisible()
    assert not review.pulse_button.isEnabled()


def test_in_german_with_german_numbers(qtbot: QtBot, german: InstalledLanguage) -> None:
    review = review_of(qtbot)
    assert review.pulse_button.text() == "Die andere &Seite…"
    assert cells(review.table, "Die andere Seite")["Jordan"] == "gehört 3 · Aufmerksamkeit 2"
    people = cells(review.people, "Sie gegenüber den Antworten")
    assert people["Jordan"] == "Zuhören 4,7 ggü. 2,7 · Aufmerksamkeit 4,7 ggü. 2,0"
    assert people["Ana"] == "2 von 3 Antworten"
    assert review.mirror.text().startswith(
        "• Diese Woche, Kunden gegenüber Ihrem Team: Blicke aufs Handy pro Stunde 0,5 "
        "gegenüber 2,0, App-Wechsel pro Stunde 0,0 gegenüber 0,7, Präsenz "
    )
    assert review.gap.text() == (
        "• Größte Abweichung, bei Jordan: Sie haben Ihre Aufmerksamkeit mit 4,7 bewertet, "
        "die Antworten mit 2,0."
    )
