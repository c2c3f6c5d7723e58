"""What the calendar's one-on-ones lead to: the pre-meeting notification's buttons, and the
same choices in the menu ("Next: …" and "Start now with …", for desktops whose
notifications have no buttons) (issue 15, deliverable 3).

Check in opens the start dialog at its check-in, prefilled with the person and the planned
length from the event; Start and "Start now" start the session at once, quietly, with that
length. Nothing opens while a session runs (ARCHITECTURE invariant 5): the buttons of a
notification delivered after a session ended may still be pressed later, when another one
runs, and are then ignored.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from focusmate.core.one_on_ones import UpcomingOneOnOne
from focusmate.services.calendar import CalendarService, MeetingAction, planned_minutes
from focusmate.services.controller import SessionController
from focusmate.ui.actions import AppActions

#: Opens the start dialog at the check-in for (name, planned minutes).
OpenCheckIn = Callable[[str, int], None]
#: Runs a change of session state and shows a failure where the user sees it.
Attempt = Callable[[Callable[[], object]], None]


class MeetingFlow(QObject):
    def __init__(
        self,
        controller: SessionController,
        calendar: CalendarService,
        actions: AppActions,
        *,
        open_check_in: OpenCheckIn,
        attempt: Attempt,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._calendar = calendar
        self._open_check_in = open_check_in
        self._attempt = attempt
        calendar.meeting_action.connect(self._on_meeting_action)
        actions.meeting_chosen.connect(self._on_meeting_action)

    def _on_meeting_action(self, action: str, meeting: UpcomingOneOnOne) -> None:
        if action == MeetingAction.NOT_THIS_ONE:
            self._calendar.skip(meeting)
        elif self._controller.current is not None:
            return  # a session runs: nothing opens in front of the conversation
        elif action == MeetingAction.CHECK_IN:
            self._open_check_in(meeting.with_name, planned_minutes(meeting))
        elif action == MeetingAction.START:
            self._start(meeting)

    def _start(self, meeting: UpcomingOneOnOne) -> None:
        if self._controller.current is None:
            minutes = planned_minutes(meeting)
            self._attempt(lambda: self._controller.start(meeting.with_name, minutes))
