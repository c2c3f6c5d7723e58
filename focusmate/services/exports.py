"""Exports to files, shared by the CLI and the review window's buttons.

Sessions: JSON (the export format), CSV (a row per session), ICS (calendar events).
A week: JSON (aggregates, people, insights), CSV (a row per day), PNG (the chart).
The review window offers four of them as :class:`ExportKind`, written by :func:`write_export`.
Every file is written atomically, so a failed export never leaves half a file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from focusmate.core.errors import Problem, StorageFailure
from focusmate.core.model import CoachingSession
from focusmate.core.week_review import WeekReview, review_csv, review_document
from focusmate.core.weekly import IsoWeek, WeekStats
from focusmate.files.atomic import atomic_write_bytes
from focusmate.storage.transfer import export_csv, export_json


class SessionsFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    ICS = "ics"


class WeekFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    PNG = "png"


class ExportKind(StrEnum):
    """An export button of the weekly review: the week shown (its chart as PNG, its days as CSV,
    its document as JSON) or every session as a calendar (ICS)."""

    PNG = "png"
    WEEK_CSV = "week-csv"
    WEEK_JSON = "week-json"
    ICS = "ics"

    @property
    def suffix(self) -> str:
        """The file name's suffix, which the save dialog's title names too."""
        return self.value.removeprefix("week-")

    def file_name(self, week: IsoWeek) -> str:
        """The name the save dialog suggests."""
        if self is ExportKind.ICS:
            return "focusmate-sessions.ics"
        return f"focusmate-{week}.{self.suffix}"


_WEEK_FORMATS = {
    ExportKind.PNG: WeekFormat.PNG,
    ExportKind.WEEK_CSV: WeekFormat.CSV,
    ExportKind.WEEK_JSON: WeekFormat.JSON,
}


def sessions_text(sessions: Sequence[CoachingSession], file_format: SessionsFormat) -> str:
    if file_format is SessionsFormat.ICS:
        # icalendar loads only for this export, not with the app (~40 ms of its start)
        from focusmate.calendar.export import ics_document  # noqa: PLC0415

        return ics_document(sessions, stamp=datetime.now(UTC))
    return export_json(sessions) if file_format is SessionsFormat.JSON else export_csv(sessions)


def week_text(review: WeekReview, file_format: WeekFormat) -> str:
    if file_format is WeekFormat.JSON:
        return json.dumps(review_document(review), ensure_ascii=False, indent=2) + "\n"
    return review_csv(review)


def write_text(target: Path, text: str) -> None:
    try:
        atomic_write_bytes(target.absolute(), text.encode())
    except OSError as error:
        raise StorageFailure(
            f"cannot write {target}: {error.strerror or error}",
            Problem.FILE_NOT_WRITTEN,
            path=str(target),
            detail=error.strerror or str(error),
        ) from None


#: Draws the week's chart into a PNG file (ui.chart_png.render_week_png, given by the caller:
#: services never import ui).
PngRenderer = Callable[[WeekStats, Path], None]


def write_week(
    review: WeekReview, file_format: WeekFormat, target: Path, *, render_png: PngRenderer
) -> None:
    if file_format is WeekFormat.PNG:
        render_png(review.stats, target)
    else:
        write_text(target, week_text(review, file_format))


def write_export(
    kind: ExportKind,
    target: Path,
    *,
    week_review: Callable[[], WeekReview],
    sessions: Callable[[], Sequence[CoachingSession]],
    render_png: PngRenderer,
) -> None:
    """Write one export of the review window; only what ``kind`` needs is read (the week's
    review, or every session)."""
    if kind is ExportKind.ICS:
        write_text(target, sessions_text(sessions(), SessionsFormat.ICS))
    else:
        write_week(week_review(), _WEEK_FORMATS[kind], target, render_png=render_png)
