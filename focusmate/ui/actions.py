"""The app's actions, shared by the tray menu and the no-tray window.

One set of QActions serves both, so a command behaves the same whichever door the
manager uses. The actions only emit intents; the app wires them to the controller.
Their texts are in context "Menu" (mnemonics unique within the menu, in every language).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QObject, QTime, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from focusmate.core.describe import status_line
from focusmate.core.marks import MarkKind
from focusmate.core.text import translate
from focusmate.services.calendar import MeetingAction
from focusmate.services.controller import SessionController

if TYPE_CHECKING:  # the calendar's libraries load only where calendars are used
    from focusmate.services.calendar import CalendarService

MAX_PENDING_IN_MENU = 5


class AppActions(QObject):
    """Builds the actions and keeps their visibility in step with the session state."""

    start_requested = Signal()
    mark_requested = Signal(str)  # kind id
    end_requested = Signal()
    session_window_requested = Signal()
    reflection_requested = Signal(str)  # session id
    review_requested = Signal()
    morning_requested = Signal()
    settings_requested = Signal()
    welcome_requested = Signal()
    quit_requested = Signal()
    #: A choice about a calendar one-on-one from the menu, as on its notification's buttons
    #: (services.calendar.MeetingAction id, and its UpcomingOneOnOne): "Start now with …",
    #: or the "Next:" item's Check in / Start / Not this one, for desktops whose
    #: notifications have no buttons.
    meeting_chosen = Signal(str, object)
    #: The set or visibility of actions changed (menus and windows rebuild).
    changed = Signal()

    def __init__(
        self,
        controller: SessionController,
        parent: QObject | None = None,
        *,
        calendar: CalendarService | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._calendar = calendar
        self.status = QAction(self)
        self.status.setEnabled(False)
        # Past the session's planned end the conversation may go on: nothing ends it for
        # the user, but ending is the menu's first item (issue 15, deliverable 4).
        self.end_and_reflect = self._action(
            translate("Menu", "End and &reflect"), self.end_requested.emit
        )
        self.next_meeting = QAction(self)
        self._next_menu = QMenu()
        for text, choice in (
            (translate("Menu", "&Check in…"), MeetingAction.CHECK_IN),
            (translate("Menu", "&Start"), MeetingAction.START),
            (translate("Menu", "&Not this one"), MeetingAction.NOT_THIS_ONE),
        ):
            item = self._next_menu.addAction(text)
            item.triggered.connect(partial(self._on_next_chosen, choice))
        self.next_meeting.setMenu(self._next_menu)
        self.start_now = self._action("", self._on_start_now)
        # Where no secret store keeps it, a CalDAV password is asked again after each start.
        self.calendar_password = self._action(
            translate("Menu", "Enter calendar passwor&d…"), self.settings_requested.emit
        )
        self.start = self._action(
            translate("Menu", "&Start coaching session…"), self.start_requested.emit
        )
        self.show_session = self._action(
            translate("Menu", "Show &session window"), self.session_window_requested.emit
        )
        self.log_phone = self._action(
            translate("Menu", "Log &phone check"),
            lambda: self.mark_requested.emit(MarkKind.PHONE.value),
        )
        self.log_app = self._action(
            translate("Menu", "Log &app switch"),
            lambda: self.mark_requested.emit(MarkKind.APP.value),
        )
        self.log_custom = [self._mark_action(kind) for kind in controller.kinds if not kind.builtin]
        self.end = self._action(translate("Menu", "&End session"), self.end_requested.emit)
        self.review = self._action(translate("Menu", "&Weekly review"), self.review_requested.emit)
        self.morning = self._action(
            translate("Menu", "&Morning stillness…"), self.morning_requested.emit
        )
        self.settings = self._action(translate("Menu", "Se&ttings…"), self.settings_requested.emit)
        self.welcome = self._action(
            translate("Menu", "Welcome && &how it works…"), self.welcome_requested.emit
        )
        self.quit = self._action(translate("Menu", "&Quit focusmate"), self.quit_requested.emit)
        self.reflections: list[QAction] = []
        controller.state_changed.connect(self.refresh)
        controller.ticked.connect(self._refresh_status)
        if calendar is not None:
            calendar.upcoming_changed.connect(self.refresh)
            calendar.statuses_changed.connect(self.refresh)
        self.refresh()

    def _action(self, text: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        return action

    def _mark_action(self, kind: MarkKind) -> QAction:
        """A user's own kind, in their own words (no mnemonic: its letters are unknown)."""
        text = translate("Menu", "Log {kind}").format(kind=kind.label.replace("&", "&&"))
        return self._action(text, lambda: self.mark_requested.emit(kind.value))

    def update_kinds(self) -> None:
        """The user's kinds of marks changed (settings): new actions, menus follow."""
        for action in self.log_custom:
            action.deleteLater()  # deferred: menus drop them first, on `changed`
        kinds = self._controller.kinds
        self.log_custom = [self._mark_action(kind) for kind in kinds if not kind.builtin]
        self.refresh()

    def session_actions(self) -> list[QAction]:
        return [self.show_session, self.log_phone, self.log_app, *self.log_custom, self.end]

    def refresh(self) -> None:
        running = self._controller.current is not None
        self.start.setVisible(not running)
        self.morning.setVisible(not running)  # never during a session
        self.welcome.setVisible(not running)  # nothing opens in front of the conversation
        for action in self.session_actions():
            action.setVisible(running)
        self._refresh_status()
        self._refresh_meetings()
        self._rebuild_reflections()
        self.changed.emit()

    def menu_layout(self) -> list[QAction | None]:
        """Actions in menu order; None stands for a separator. Hidden ones are included
        (menus collapse the separators left next to them)."""
        return [
            self.end_and_reflect,
            self.status,
            None,
            self.next_meeting,
            self.start_now,
            self.calendar_password,
            self.start,
            *self.session_actions(),
            None,
            *self.reflections,
            self.review,
            self.morning,
            self.settings,
            self.welcome,
            None,
            self.quit,
        ]

    def _refresh_status(self) -> None:
        controller = self._controller
        line = status_line(controller.current, controller.timing(), controller.kinds)
        self.status.setText(line.replace("&", "&&"))  # a "&" in a name is shown, not a mnemonic
        self.end_and_reflect.setVisible(self._past_planned_end())

    def _past_planned_end(self) -> bool:
        timing = self._controller.timing()
        if self._controller.current is None or timing is None:
            return False
        return timing.remaining_s <= 0

    def _refresh_meetings(self) -> None:
        """The calendar's next one-on-one and one just begun (without a session only)."""
        calendar = self._calendar if self._controller.current is None else None
        upcoming = calendar.next_one_on_one() if calendar is not None else None
        begun = calendar.just_begun() if calendar is not None else None
        self.next_meeting.setVisible(upcoming is not None)
        if calendar is not None and upcoming is not None:
            text = translate("Menu", "Next: {name} at {time}").format(
                name=upcoming.with_name, time=menu_time(upcoming.starts_at, calendar.now())
            )
            self.next_meeting.setText(text.replace("&", "&&"))
            self.next_meeting.setData(upcoming)
        self.calendar_password.setVisible(calendar is not None and bool(calendar.needs_password()))
        self.start_now.setVisible(begun is not None)
        if begun is not None:
            self.start_now.setText(
                translate("Menu", "Start &now with {name}").format(
                    name=begun.with_name.replace("&", "&&")
                )
            )
            self.start_now.setData(begun)

    def next_meeting_line(self) -> str | None:
        """The tray tooltip's "Next: …" line, or None."""
        if not self.next_meeting.isVisible():
            return None
        return self.next_meeting.text().replace("&&", "&")

    def _on_start_now(self) -> None:
        meeting = self.start_now.data()
        if meeting is not None:
            self.meeting_chosen.emit(MeetingAction.START, meeting)

    def _on_next_chosen(self, action: str, _checked: bool = False) -> None:
        meeting = self.next_meeting.data()
        if meeting is not None:
            self.meeting_chosen.emit(action, meeting)

    def _rebuild_reflections(self) -> None:
        for action in self.reflections:
            action.deleteLater()
        self.reflections = []
        if not self._controller.history_loaded:
            return  # start-up reads it just after the icon shows; state_changed follows
        for session in self._controller.pending_reflections()[:MAX_PENDING_IN_MENU]:
            text = translate("Menu", "Reflect on {name} ({day})…").format(
                name=session.with_name.replace("&", "&&"), day=menu_day(session.started_at)
            )
            action = QAction(text, self)
            action.triggered.connect(
                lambda _checked=False, sid=session.id: self.reflection_requested.emit(sid)
            )
            self.reflections.append(action)


def menu_time(instant: datetime, now: datetime) -> str:
    """'10:00' in the user's locale (local time of an aware instant); a meeting on another
    day than ``now``'s also names the day ('Tue 10:00')."""
    local = instant.astimezone()
    text = QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    today = now.astimezone().date()
    if local.date() == today:
        return text
    if local.date() - today < timedelta(days=7):
        return f"{QLocale().dayName(local.isoweekday(), QLocale.FormatType.ShortFormat)} {text}"
    return f"{menu_day(instant)} {text}"


def menu_day(instant: datetime) -> str:
    """'Mon 23 Nov' in the user's language (local day of an aware instant)."""
    local = instant.astimezone()
    day_format = translate("Menu", "ddd d MMM")  # Qt's date format: German puts dots in
    return QLocale().toString(QDate(local.year, local.month, local.day), day_format)
