"""The weekly review inside its own process (root.review_main runs it; ui.review_process is
the app's side): the review window wired to the pipe of core.review_pipe.

What the window asks that only the app may do (a reflection, the salesperson's answers, a
notice, which waits while a session runs) goes out as a line; the app's lines bring the
calendar's one-on-ones, a refresh (the data folder is read again) or a request to come
forward. Exports it writes itself, where the manager chose.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QEvent, QObject

from focusmate.core.clock import Clock
from focusmate.core.one_on_ones import UpcomingOneOnOne
from focusmate.core.review_pipe import (
    Line,
    notice_line,
    scheduled_of,
    session_line,
    week_line,
)
from focusmate.core.weekly import IsoWeek
from focusmate.services.review_data import ReviewData
from focusmate.ui.export_flow import AskPath, ExportFlow, ask_save_path
from focusmate.ui.review_window import ReviewWindow
from focusmate.ui.window_slot import bring_forward

Send = Callable[[Line], None]


class ReviewApp(QObject):
    """The review window, wired to the pipe: what it asks goes out through ``send``, and
    :meth:`receive` takes what comes in."""

    def __init__(
        self,
        data: ReviewData,
        week: IsoWeek | None,
        send: Send,
        *,
        clock: Clock,
        scheduled: Sequence[UpcomingOneOnOne] = (),
        ask_path: AskPath = ask_save_path,
    ) -> None:
        """``scheduled``: the calendar's one-on-ones the app sent first (core.review_pipe)."""
        super().__init__()
        self._data = data
        self._send = send
        self._scheduled = list(scheduled)
        self._exports = ExportFlow(
            data.week_review, data.all_sessions, lambda text: send(notice_line(text)), ask_path
        )
        this_week = data.this_week()
        self.window = ReviewWindow(
            data.week_review,
            week or this_week,
            this_week,
            data.settings.kinds,
            scheduled=self.scheduled,
            history=data.all_sessions,
            people=data.people,
            now=clock.now,
        )
        self.window.export_requested.connect(self._exports.export)
        self.window.session_activated.connect(lambda sid: send(session_line("reflection", sid)))
        self.window.pulse_requested.connect(lambda sid: send(session_line("pulse", sid)))
        self.window.week_shown.connect(lambda shown: send(week_line(shown)))
        self._painted = False
        self.window.installEventFilter(self)

    def scheduled(self, start: datetime, end: datetime) -> list[UpcomingOneOnOne]:
        """The calendar's one-on-ones starting in [start, end), as the app last sent them."""
        return [m for m in self._scheduled if start <= m.starts_at < end]

    def receive(self, line: Line) -> None:
        """One line from the app (core.review_pipe); InvalidData if it is malformed."""
        if line["do"] == "scheduled":
            self._scheduled = scheduled_of(line)
            self.window.refresh_schedule()
        elif line["do"] == "refresh":
            self._data.reload()
            self.window.refresh_if_visible()
        elif line["do"] == "show":
            self.window.showNormal()
            bring_forward(self.window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            self._send({"do": "shown"})
            self.window.removeEventFilter(self)  # its events need no Python from here on
        return False
