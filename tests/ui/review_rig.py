"""The weekly review inside the test's process, for tests that look at its widgets.

:class:`InProcessReview` is a FAKE of one thing only: the process boundary. The app's side
(ui.review_process.ReviewProcess: what it sends, how it acts on what comes back) and the
review's side (ui.review_app.ReviewApp on the same data folder, read from disk) are the real
ones, and every line goes through core.review_pipe's encoding and checks both ways. The real
child process, its pipe and its end are tested in tests/ui/test_review_process.py and the
end-to-end tests.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from focusmate.core.clock import Clock
from focusmate.core.review_pipe import TO_REVIEW, Line, line_bytes, read_line, scheduled_of
from focusmate.core.weekly import IsoWeek
from focusmate.services.review_data import ReviewData
from focusmate.ui.export_flow import AskPath, ask_save_path
from focusmate.ui.review_app import ReviewApp
from focusmate.ui.review_process import ReviewProcess
from focusmate.ui.review_window import ReviewWindow
from focusmate.ui.window_slot import bring_forward


class InProcessReview(ReviewProcess):
    """See the module's docstring. ``window`` is the review's window while it is open."""

    def __init__(self, data_dir: Path, clock: Clock, ask_path: AskPath = ask_save_path) -> None:
        super().__init__(data_dir, ())  # no process: see the module's docstring
        self._clock = clock
        self._ask_path = ask_path
        self._app: ReviewApp | None = None
        self._week: IsoWeek | None = None
        #: The weeks each start was asked for (None: this week), as the command line says.
        self.started_on: list[IsoWeek | None] = []
        #: Every line the app sent, in order.
        self.lines_in: list[Line] = []

    @property
    def window(self) -> ReviewWindow | None:
        return None if self._app is None else self._app.window

    def _start(self, week: IsoWeek | None) -> None:
        self.started_on.append(week)
        self._week = week
        self._app = None  # built, as the process builds it, once the first line is read

    def _write(self, line: Line) -> None:
        received = read_line(line_bytes(line), TO_REVIEW)
        self.lines_in.append(received)
        if self._app is None:
            if not self.running:
                return
            self._app = ReviewApp(
                ReviewData(self._data_dir, self._clock),
                self._week,
                lambda line: self._received(line_bytes(line)),
                clock=self._clock,
                scheduled=scheduled_of(received),
                ask_path=self._ask_path,
            )
            window = self._app.window
            # As the process ends when its window closes (ui.review_app: the last window).
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda _object=None: self._closed())
            bring_forward(window)
        else:
            self._app.receive(received)

    def _closed(self) -> None:
        self._app = None
        self._ended(None)

    def close(self) -> None:
        if self._app is not None:
            self._app.window.close()
