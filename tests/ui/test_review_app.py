"""The review's process from the inside (ui.review_app, root.review_main) and the app's side
of its pipe (ui.windows with ui.review_process): what each line does, through
tests.ui.review_rig."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from focusmate.core.errors import InvalidData
from focusmate.core.one_on_ones import UpcomingOneOnOne
from focusmate.core.review_pipe import scheduled_line
from focusmate.root.review_main import main
from focusmate.services.controller import SessionController
from focusmate.services.review_data import ReviewData
from focusmate.ui.actions import AppActions
from focusmate.ui.review_app import ReviewApp
from focusmate.ui.windows import Windows
from tests.fakes import FakeClock
from tests.pulse_offer_rig import ended_session
from tests.ui.review_rig import InProcessReview


class FakeCalendar(QObject):
    """A FAKE of CalendarService for the app's windows: the matched one-on-ones, the signal
    that they changed (what the review uses), and the meeting prompts' signal (unused)."""

    upcoming_changed = Signal()
    meeting_action = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.meetings: list[UpcomingOneOnOne] = []

    def scheduled(self, start: datetime, end: datetime) -> list[UpcomingOneOnOne]:
        return [m for m in self.meetings if start <= m.starts_at < end]


def one_on_one(name: str, starts: datetime) -> UpcomingOneOnOne:
    return UpcomingOneOnOne(
        name, starts, starts + timedelta(minutes=30), "Work", f"{name}-{starts}"
    )


def held(controller: SessionController, clock: FakeClock, name: str) -> datetime:
    """When a 30-minute session with ``name``, started and ended now, started."""
    session = controller.session(ended_session(controller, clock, name))
    assert session is not None
    return session.started_at


def test_the_calendars_one_on_ones_reach_the_review_and_follow_it(
    qtbot: QtBot,
    controller: SessionController,
    actions: AppActions,
    clock: FakeClock,
    review_process: InProcessReview,
) -> None:
    started = held(controller, clock, "Jordan")
    clock.advance(hours=2)  # the meeting is over
    calendar = FakeCalendar()
    calendar.meetings = [one_on_one("Jordan", started)]
    windows = Windows(
        controller,
        actions,
        use_tray=False,
        calendar=calendar,  # type: ignore[arg-type]  # the FAKE
        review=lambda: review_process,
    )
    try:
        windows.open_review()
        assert review_process.lines_in[0] == scheduled_line(calendar.meetings)
        review = review_process.window
        assert review is not None
        assert review.attendance.text() == "You held 1 of 1 scheduled one-on-one."
        calendar.meetings.append(one_on_one("Jordan", started + timedelta(hours=1)))
        calendar.upcoming_changed.emit()
        assert review.attendance.text() == "You held 1 of 2 scheduled one-on-ones."
    finally:
        windows.close_all()


def test_a_session_saved_meanwhile_shows_at_once(
    controller: SessionController,
    windows: Windows,
    clock: FakeClock,
    review_process: InProcessReview,
) -> None:
    """The app tells the review when anything changed; it reads the data folder again."""
    held(controller, clock, "Ana")
    windows.open_review()
    review = review_process.window
    assert review is not None and review.table.rowCount() == 1
    held(controller, clock, "Ben")
    assert {"do": "refresh"} in review_process.lines_in
    assert review.table.rowCount() == 2


def test_a_refresh_that_meets_a_damaged_file_keeps_the_page(
    controller: SessionController, clock: FakeClock, tmp_path: Path
) -> None:
    held(controller, clock, "Ana")
    sent: list[dict[str, object]] = []
    data = tmp_path / "data"
    app = ReviewApp(ReviewData(data, clock), None, sent.append, clock=clock)
    try:
        assert app.window.table.rowCount() == 1
        (data / "focusmate.json").write_text("{ damaged")
        with pytest.raises(InvalidData):
            app.receive({"do": "refresh"})
        assert app.window.table.rowCount() == 1  # what was shown stays
    finally:
        app.window.close()


def test_the_review_says_when_it_is_first_painted_and_which_week_it_shows(
    qtbot: QtBot, controller: SessionController, clock: FakeClock, tmp_path: Path
) -> None:
    held(controller, clock, "Ana")
    sent: list[dict[str, object]] = []
    app = ReviewApp(ReviewData(tmp_path / "data", clock), None, sent.append, clock=clock)
    try:
        app.window.show()
        qtbot.waitUntil(lambda: {"do": "shown"} in sent)
        app.window.prev_button.click()
        assert sent[-1] == {"do": "week", "week": "2026-W47"}
        assert sent.count({"do": "shown"}) == 1
        app.window.table.setCurrentCell(0, 0)
        app.window.next_button.click()
        app.window.table.setCurrentCell(0, 0)
        app.window.pulse_button.click()
        assert sent[-1] == {"do": "pulse", "session": "s1"}
    finally:
        app.window.close()


@pytest.mark.parametrize(
    "argv",
    [[], ["--data-dir"], ["--data-dir", "/tmp/x", "--week", "2026-W99"], ["--format", "c:"]],
)
def test_a_wrong_command_line_is_a_usage_error(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as ended:
        main(argv)
    assert ended.value.code == 2
    assert "usage: focusmate --review-process" in capsys.readouterr().err
