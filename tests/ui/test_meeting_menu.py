"""The calendar in the menu and the tray (issue 15, deliverables 3 and 4): "Next: Jordan at
10:00" with Check in / Start / Not this one (for desktops whose notifications have no
buttons), "Start now with Jordan" just after a one-on-one began, "End and reflect" first once
the planned time is up, and the password item where no secret store keeps it.

The calendar is FakeMeetings, a named fake of the part of services.calendar.CalendarService
the menu reads (the real service has its own tests); the controller, the actions, the tray
and ui.meeting_flow are the real ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from focusmate.core.one_on_ones import UpcomingOneOnOne
from focusmate.services.calendar import MeetingAction
from focusmate.services.controller import SessionController
from focusmate.ui.actions import AppActions
from focusmate.ui.meeting_flow import MeetingFlow
from focusmate.ui.tray import Tray
from tests.fakes import T0, FakeClock

JORDAN = UpcomingOneOnOne(
    "Jordan", T0 + timedelta(hours=1), T0 + timedelta(hours=1, minutes=45), "Work", "j-1"
)


class FakeMeetings(QObject):
    """A named fake: what the menu asks a CalendarService, answered from plain fields."""

    upcoming_changed = Signal()
    statuses_changed = Signal()
    meeting_action = Signal(str, object)

    def __init__(self, clock: FakeClock) -> None:
        super().__init__()
        self.clock = clock
        self.next: UpcomingOneOnOne | None = JORDAN
        self.begun: UpcomingOneOnOne | None = None
        self.passwords_needed: list[str] = []
        self.skipped: list[UpcomingOneOnOne] = []

    def now(self) -> datetime:
        return self.clock.now()

    def next_one_on_one(self) -> UpcomingOneOnOne | None:
        return self.next

    def just_begun(self) -> UpcomingOneOnOne | None:
        return self.begun

    def needs_password(self) -> list[str]:
        return self.passwords_needed

    def skip(self, meeting: UpcomingOneOnOne) -> None:
        self.skipped.append(meeting)


class CheckIns:
    def __init__(self) -> None:
        self.opened: list[tuple[str, int]] = []

    def __call__(self, name: str, minutes: int) -> None:
        self.opened.append((name, minutes))


@pytest.fixture
def meetings(clock: FakeClock) -> FakeMeetings:
    return FakeMeetings(clock)


@pytest.fixture
def actions(controller: SessionController, meetings: FakeMeetings) -> Iterator[AppActions]:
    made = AppActions(controller, calendar=meetings)  # type: ignore[arg-type]
    yield made


@pytest.fixture
def check_ins(
    controller: SessionController, meetings: FakeMeetings, actions: AppActions
) -> Iterator[CheckIns]:
    opened = CheckIns()
    flow = MeetingFlow(
        controller,
        meetings,  # type: ignore[arg-type]
        actions,
        open_check_in=opened,
        attempt=lambda change: change(),
    )
    yield opened
    del flow


def next_choice(actions: AppActions, label: str) -> None:
    menu = actions.next_meeting.menu()
    (item,) = [a for a in menu.actions() if a.text().replace("&", "") == label]
    item.trigger()


def test_next_is_shown_in_the_menu_and_the_tooltip(
    controller: SessionController, actions: AppActions
) -> None:
    tray = Tray(controller, actions)
    assert actions.next_meeting.isVisible()
    assert actions.next_meeting.text() == "Next: Jordan at 10:00"
    assert tray.icon.toolTip().endswith("\nNext: Jordan at 10:00")
    controller.start("Sam", 30)
    assert not actions.next_meeting.isVisible()  # nothing about the calendar in a session
    assert "Next:" not in tray.icon.toolTip()


def test_the_next_items_choices_lead_where_the_notifications_buttons_do(
    controller: SessionController,
    meetings: FakeMeetings,
    actions: AppActions,
    check_ins: CheckIns,
) -> None:
    next_choice(actions, "Check in…")
    assert check_ins.opened == [("Jordan", 45)]
    next_choice(actions, "Not this one")
    assert meetings.skipped == [JORDAN]
    next_choice(actions, "Start")
    assert controller.current is not None
    assert (controller.current.with_name, controller.current.planned_minutes) == ("Jordan", 45)


def test_start_now_after_the_meeting_began(
    qtbot: QtBot,
    controller: SessionController,
    meetings: FakeMeetings,
    actions: AppActions,
    check_ins: CheckIns,
) -> None:
    assert not actions.start_now.isVisible()
    meetings.next, meetings.begun = None, JORDAN
    meetings.upcoming_changed.emit()
    assert actions.start_now.isVisible()
    assert actions.start_now.text() == "Start &now with Jordan"
    actions.start_now.trigger()
    assert controller.current is not None and controller.current.with_name == "Jordan"
    assert not actions.start_now.isVisible()
    assert check_ins.opened == []


def test_a_notification_button_pressed_during_a_session_opens_nothing(
    controller: SessionController, meetings: FakeMeetings, check_ins: CheckIns
) -> None:
    controller.start("Sam", 30)
    meetings.meeting_action.emit(MeetingAction.CHECK_IN, JORDAN)
    meetings.meeting_action.emit(MeetingAction.START, JORDAN)
    assert check_ins.opened == []
    assert controller.current is not None and controller.current.with_name == "Sam"


def test_end_and_reflect_comes_first_once_the_planned_time_is_up(
    qtbot: QtBot, controller: SessionController, clock: FakeClock, actions: AppActions
) -> None:
    controller.start("Jordan", 30)
    assert actions.menu_layout()[0] is actions.end_and_reflect
    assert not actions.end_and_reflect.isVisible()
    clock.advance(minutes=31)
    controller.ticked.emit()
    assert actions.end_and_reflect.isVisible()
    assert controller.current is not None  # nothing ends it for the user
    with qtbot.waitSignal(actions.end_requested):  # End session's intent: windows.py ends it
        actions.end_and_reflect.trigger()


def test_the_password_item_shows_while_a_calendar_needs_one(
    qtbot: QtBot, meetings: FakeMeetings, actions: AppActions
) -> None:
    assert not actions.calendar_password.isVisible()
    meetings.passwords_needed = ["Team"]
    meetings.statuses_changed.emit()
    assert actions.calendar_password.isVisible()
    with qtbot.waitSignal(actions.settings_requested):
        actions.calendar_password.trigger()


def test_without_a_tray_the_next_button_drops_its_choices_down(
    qtbot: QtBot, controller: SessionController, actions: AppActions
) -> None:
    from focusmate.ui.control_window import ControlWindow  # noqa: PLC0415 - as windows.py does

    window = ControlWindow(controller, actions)
    qtbot.addWidget(window)
    button = window.buttons[actions.next_meeting]
    assert button.text() == "Next: Jordan at 10:00"
    menu = button.menu()
    assert menu is not None
    assert [a.text() for a in menu.actions()] == ["&Check in…", "&Start", "&Not this one"]
