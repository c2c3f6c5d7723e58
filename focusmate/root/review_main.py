"""The composition root of the weekly review's own process
(ARCHITECTURE.md, "The weekly review's process"): the app starts it as
``python -m focusmate.root.review_main --data-dir DIR [--week W]`` (ui.review_process), and
it ends when its window closes, so the tray app never holds what reading five years of
history and drawing them touched (issue 18).

It reads the app's lines on its standard input (a thread: a pipe cannot be watched by the
event loop on every system) and writes its own on its standard output; the end of its input
(the app quit) closes it.
"""

# ruff: noqa: E402 - PySide's per-import source check is made light before focusmate's imports
from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from focusmate.desktop.pyside_feature import check_sources_lightly

check_sources_lightly()  # before the rest of focusmate is imported, as the app does (app.py)

from focusmate.cli.terminal import log_to_stderr
from focusmate.core.errors import FocusmateError
from focusmate.core.review_pipe import (
    FROZEN_ARGUMENT,
    TO_REVIEW,
    Line,
    line_bytes,
    notice_line,
    read_line,
    scheduled_of,
)
from focusmate.core.weekly import IsoWeek
from focusmate.desktop.system_clock import clock_from_environment
from focusmate.root.qt_application import focusmate_application
from focusmate.services.review_data import ReviewData
from focusmate.ui.error_text import shown_error
from focusmate.ui.review_app import ReviewApp, Send
from focusmate.ui.window_slot import bring_forward

log = logging.getLogger(__name__)

#: The most one read of the app's pipe takes (lines are put together from the reads).
READ_BYTES = 65536


class _PipeIn(QObject):
    """Reads the app's lines on a thread of its own (a pipe cannot be watched by the event
    loop on every system) and hands each to the GUI thread as a signal.

    It reads the file descriptor itself, not sys.stdin: a thread blocked in a read of
    Python's buffered stdin holds its lock, and the interpreter's exit, waiting for it, ends
    in a fatal error (a crash, to the app) when the window closes while the app still runs."""

    line = Signal(bytes)
    ended = Signal()

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._lines = _lines_of(fd)

    def first_line(self) -> bytes:
        """The first line, read here before the thread starts (b"": the input ended)."""
        return next(self._lines, b"")

    def start(self) -> None:
        """Once its signals are connected: an input already ended is not missed."""
        threading.Thread(target=self._read, name="review-pipe", daemon=True).start()

    def _read(self) -> None:
        for line in self._lines:  # the rest, after first_line (never both at once)
            self.line.emit(line)
        self.ended.emit()


def _lines_of(fd: int) -> Iterator[bytes]:
    """Each whole line read from ``fd``, with its newline, until the input ends or fails."""
    pending = b""
    while True:
        try:
            data = os.read(fd, READ_BYTES)
        except OSError:
            return
        if not data:
            return
        *lines, pending = (pending + data).split(b"\n")
        for line in lines:
            yield line + b"\n"


def _send_to(stream: BinaryIO, app: QApplication) -> Send:
    def send(line: Line) -> None:
        try:
            stream.write(line_bytes(line))
            stream.flush()
        except OSError:  # the app is gone: nobody to act on what the review asks
            app.quit()

    return send


def run_review(data_dir: Path, week: IsoWeek | None) -> int:
    """The review's process, until its window closes; its exit code."""
    log_to_stderr()
    app = focusmate_application(quit_on_last_window_closed=True)  # the review's window ends it
    send = _send_to(sys.stdout.buffer, app)
    pipe = _PipeIn(sys.stdin.fileno())
    clock = clock_from_environment()
    try:
        # The app writes the calendar's one-on-ones first: read before the window is built,
        # its first page shows them.
        scheduled = scheduled_of(read_line(pipe.first_line(), TO_REVIEW))
        review = ReviewApp(
            ReviewData(data_dir, clock), week, send, clock=clock, scheduled=scheduled
        )
    except FocusmateError as error:
        log.error("the weekly review cannot read %s: %s", data_dir, error)
        send(notice_line(shown_error(error)))
        return int(error.exit_code)

    def receive(data: bytes) -> None:
        try:
            review.receive(read_line(data, TO_REVIEW))
        except FocusmateError as error:  # a refresh that met a damaged file keeps the page
            log.warning("the weekly review: %s", error)

    pipe.line.connect(receive)
    pipe.ended.connect(app.quit)
    pipe.start()
    bring_forward(review.window)
    return app.exec()


def main(argv: Sequence[str]) -> int:
    """``--data-dir DIR [--week 2026-W47]``: how the app starts its review (ui.review_process);
    not a command for users. A bad command line is a usage error (exit code 2)."""
    import argparse  # noqa: PLC0415

    def week_argument(text: str) -> IsoWeek:
        try:
            return IsoWeek.parse(text)
        except FocusmateError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    parser = argparse.ArgumentParser(prog="focusmate " + FROZEN_ARGUMENT)
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--week", type=week_argument)
    args = parser.parse_args(argv)
    return run_review(args.data_dir, args.week)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
