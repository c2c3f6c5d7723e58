"""CLI commands that work on the data file directly, with or without a running app."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from focusmate.cli.terminal import write_document
from focusmate.core.errors import InvalidInput, StorageFailure
from focusmate.core.insights import insight_text
from focusmate.core.model import CoachingSession
from focusmate.core.pulse import RepPulse, pulse_message
from focusmate.core.pulse_target import named_session, pulse_target
from focusmate.core.records import MergeResult, merge_sessions
from focusmate.core.report import report_text
from focusmate.core.terminal_text import terminal_document, terminal_line
from focusmate.core.text import english
from focusmate.core.week_review import week_review
from focusmate.core.weekly import IsoWeek, local_day
from focusmate.services import exports
from focusmate.services.exports import (
    SessionsFormat,
    WeekFormat,
    sessions_text,
    write_text,
    write_week,
)
from focusmate.storage.repository import TinyDBSessionRepository

T = TypeVar("T")


def _reader(data: Path) -> TinyDBSessionRepository:
    if not data.is_dir():
        raise InvalidInput(f"there is no focusmate data folder at {data}")
    try:
        return TinyDBSessionRepository(data, writable=False)
    except PermissionError as error:
        raise StorageFailure(f"cannot read {data}: {error.strerror}") from None


def report(
    data: Path, week_text: str | None, *, as_json: bool, as_csv: bool, png: str | None
) -> None:
    now = datetime.now(UTC)
    week = IsoWeek.parse(week_text) if week_text else IsoWeek.containing(local_day(now, None))
    sessions = _reader(data).all_sessions() if data.is_dir() else []
    review = week_review(sessions, week, now, None)
    if png is not None:
        from focusmate.ui.chart_png import render_week_png  # noqa: PLC0415 - Qt only for --png

        write_week(review, WeekFormat.PNG, Path(png), render_png=render_week_png)
        print(f"Wrote the chart of {week} to {terminal_line(png)}.", file=sys.stderr)
    if as_json or as_csv:
        write_document(exports.week_text(review, WeekFormat.JSON if as_json else WeekFormat.CSV))
    elif png is None:
        print(terminal_document(report_text(review.stats)))
        # An insight may name a salesperson: each is one line, escaped whole.
        print(*(f"• {terminal_line(insight_text(i, english))}" for i in review.insights), sep="\n")


def export(data: Path, file_format: str, output: str | None) -> None:
    sessions = _reader(data).all_sessions()
    text = sessions_text(sessions, SessionsFormat(file_format))
    if output is None:
        write_document(text)
        return
    write_text(Path(output), text)
    print(f"Exported {len(sessions)} sessions to {terminal_line(output)}.", file=sys.stderr)


def print_pulse_message(data: Path, reference: str) -> None:
    """Print the chat message asking the salesperson of session ``reference`` for a pulse;
    read only (the data file is replaced atomically, so a reader sees a whole file)."""
    session = named_session(_reader(data).all_sessions(), reference)
    print(terminal_document(pulse_message(session.with_name)))


def import_sessions(data: Path, incoming: list[CoachingSession]) -> MergeResult | None:
    """Merge ``incoming`` (an import file's sessions, checked whole before this is called)
    into the data; None when a running app owns the data (send it the file's contents)."""

    def merge(repository: TinyDBSessionRepository) -> MergeResult:
        existing = {s.id: s for s in repository.all_sessions()}
        running = {i for i, s in existing.items() if s.running}
        result = merge_sessions(existing, incoming, running)
        _write(data, repository, result.to_write)
        return result

    return _alone(data, merge)


def record_pulse(data: Path, reference: str, pulse: RepPulse) -> CoachingSession | None:
    """Keep ``pulse`` with the ended session ``reference`` names (an id or ``last``), by the
    controller's rule (core.pulse_target); None when a running app owns the data (ask it)."""

    def record(repository: TinyDBSessionRepository) -> CoachingSession:
        session = pulse_target(repository.all_sessions(), reference).with_pulse(pulse)
        _write(data, repository, (session,))
        return session

    return _alone(data, record)


def _write(
    data: Path, repository: TinyDBSessionRepository, sessions: tuple[CoachingSession, ...]
) -> None:
    try:
        repository.save_many(sessions)
    except OSError as error:
        raise StorageFailure(f"cannot write to {data}: {error.strerror or error}") from None


def _alone(data: Path, work: Callable[[TinyDBSessionRepository], T]) -> T | None:
    """``work`` on the data while this process holds the data folder's lock (ARCHITECTURE
    invariant 1); None when a running app holds it."""
    from focusmate.services.data_lock import take_data_lock  # noqa: PLC0415

    lock = take_data_lock(data)
    if lock is None:
        return None
    try:
        return work(TinyDBSessionRepository(data))
    finally:
        lock.release()
