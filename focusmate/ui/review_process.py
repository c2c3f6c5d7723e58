"""The weekly review as the app sees it: a process of its own (ui.review_app), started when the
manager opens the review, asked to come forward when they open it again, told when the
sessions, settings or the calendar's one-on-ones change, and forgotten when it ends. The
app's memory then stays as it was before the review (issue 18). The lines both ways are
core.review_pipe's.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from focusmate.core.errors import FocusmateError
from focusmate.core.one_on_ones import UpcomingOneOnOne
from focusmate.core.review_pipe import (
    FROM_REVIEW,
    Line,
    line_bytes,
    notice_of,
    read_line,
    review_arguments,
    scheduled_line,
    session_of,
    week_of,
)
from focusmate.core.text import translate
from focusmate.core.weekly import IsoWeek

if TYPE_CHECKING:
    from PySide6.QtCore import QProcess

log = logging.getLogger(__name__)

#: How long the review may take to close once the app quits, before it is ended.
CLOSE_WAIT_MS = 2000


class ReviewProcess(QObject):
    """At most one review process; see the module's docstring."""

    #: The manager opened a session in the review: its reflection (carries its id).
    reflection_asked = Signal(str)
    #: *Their answers…* in the review: the salesperson's pulse (carries the session's id).
    pulse_asked = Signal(str)
    #: Something to tell the manager (an export failed): a notice of the app's.
    notice_asked = Signal(str)
    #: The week the review shows now (an IsoWeek).
    week_shown = Signal(object)
    #: The review's window was painted for the first time.
    shown = Signal()
    #: The process ended (its window closed, or it failed).
    ended = Signal()

    def __init__(self, data_dir: Path, program: Sequence[str]) -> None:
        """``program``: what runs the review's module (root.review_main), before its own
        arguments (the composition root gives desktop.python_child's)."""
        super().__init__()
        self._data_dir = data_dir
        self._program = list(program)
        self._process: QProcess | None = None
        self._running = self._was_shown = self._told = False

    @property
    def running(self) -> bool:
        return self._running

    def open(self, week: IsoWeek | None, scheduled: Sequence[UpcomingOneOnOne]) -> None:
        """Start the review on ``week`` (None: this week) with the calendar's one-on-ones, or
        bring the running one forward."""
        if self._running:
            self._write({"do": "show"})
            return
        self._running, self._was_shown, self._told = True, False, False
        self._start(week)
        self._write(scheduled_line(scheduled))  # kept until the process reads it

    def refresh(self) -> None:
        """The sessions or the settings changed: an open review reads them again."""
        if self._running:
            self._write({"do": "refresh"})

    def send_scheduled(self, scheduled: Sequence[UpcomingOneOnOne]) -> None:
        """The calendar's one-on-ones changed."""
        if self._running:
            self._write(scheduled_line(scheduled))

    def close(self) -> None:
        """The app quits: the review's input ends, which closes it; ended if it does not."""
        process = self._process
        if process is None:
            return
        process.closeWriteChannel()
        if not process.waitForFinished(CLOSE_WAIT_MS):
            process.kill()
            process.waitForFinished(CLOSE_WAIT_MS)

    # -- the process and its pipe --

    def _start(self, week: IsoWeek | None) -> None:
        from PySide6.QtCore import QProcess  # noqa: PLC0415 - not the idle tray's (issue 18)

        program, *arguments = [*self._program, *review_arguments(str(self._data_dir), week)]
        process = QProcess(self)
        # Its warnings go where the app's go (the user's terminal, the log of a test).
        process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        process.readyReadStandardOutput.connect(self._read)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._failed)
        self._process = process
        process.start(program, arguments)

    def _write(self, line: Line) -> None:
        if self._process is not None:
            self._process.write(line_bytes(line))

    def _read(self) -> None:
        process = self._process
        if process is None:
            return
        while process.canReadLine():
            data = bytes(process.readLine().data())
            self._received(data)

    def _received(self, data: bytes) -> None:
        """One line from the review."""
        try:
            line = read_line(data, FROM_REVIEW)
            self._act_on(line)
        except FocusmateError as error:
            log.warning("the weekly review sent what the app does not read: %s", error)

    def _act_on(self, line: Line) -> None:
        do = line["do"]
        if do == "shown":
            self._was_shown = True
            self.shown.emit()
        elif do == "week":
            self.week_shown.emit(week_of(line))
        elif do == "reflection":
            self.reflection_asked.emit(session_of(line))
        elif do == "pulse":
            self.pulse_asked.emit(session_of(line))
        elif do == "notice":
            self._told = True
            self.notice_asked.emit(notice_of(line))

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process = self._process
        if process is None:
            return
        self._read()  # the last lines, written just before it ended
        self._process = None
        process.deleteLater()
        crashed = status is process.ExitStatus.CrashExit
        self._ended("a crash" if crashed else f"code {code}" if code else None)

    def _ended(self, failure: str | None) -> None:
        """The review is over; ``failure`` says how it failed (None: it closed)."""
        self._running = False
        if failure is not None and not self._told:
            log.error("the weekly review ended with %s", failure)
            if not self._was_shown:
                self.notice_asked.emit(
                    translate("ReviewProcess", "The weekly review could not open (see the log).")
                )
        self.ended.emit()

    def _failed(self, error: QProcess.ProcessError) -> None:
        process = self._process
        if process is None or error is not process.ProcessError.FailedToStart:
            return  # a crash also ends it: _finished tells that
        self._process = None
        process.deleteLater()
        self._ended(f"no start: {process.errorString()}")
