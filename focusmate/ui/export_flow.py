"""The review window's exports: ask where to save, then write through services.exports.

The file is written atomically (services.exports); a failure is told as a notice, which waits
for the end of a session like every notice (ARCHITECTURE invariant 5).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from focusmate.core.errors import FocusmateError
from focusmate.core.model import CoachingSession
from focusmate.core.text import translate
from focusmate.core.week_review import WeekReview
from focusmate.core.weekly import IsoWeek, WeekStats
from focusmate.ui.error_text import shown_error

if TYPE_CHECKING:  # the exports' writers load when the review asks for one (issue 18)
    from focusmate.services.exports import ExportKind

#: Asks where to save: (the dialog's title, the suggested file name) -> the path, None: cancelled.
AskPath = Callable[[str, str], str | None]


def ask_save_path(title: str, suggested_name: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(None, title, str(Path.home() / suggested_name))
    return path or None


class ExportFlow:
    """One export button pressed: the question where, the write, and a failure told."""

    def __init__(
        self,
        week_review: Callable[[IsoWeek], WeekReview],
        sessions: Callable[[], list[CoachingSession]],
        notice: Callable[[str], None],
        ask_path: AskPath = ask_save_path,
    ) -> None:
        """``week_review`` and ``sessions`` read the history (ui.review_app.ReviewData)."""
        self._week_review = week_review
        self._sessions = sessions
        self._notice = notice
        self._ask_path = ask_path

    def export(self, kind: ExportKind, week: IsoWeek) -> None:
        """Ask where to write ``kind`` (of ``week`` where it is a week's), then write it."""
        # The catalogue keeps these texts under "Shell", the window manager's former name.
        title = translate("Shell", "Export ({format})").format(format=kind.suffix.upper())
        chosen = self._ask_path(title, kind.file_name(week))
        if not chosen:
            return
        from focusmate.services.exports import write_export  # noqa: PLC0415

        try:
            write_export(
                kind,
                Path(chosen),
                week_review=lambda: self._week_review(week),
                sessions=self._sessions,
                render_png=_render_png,
            )
        except FocusmateError as error:
            reason = shown_error(error)
            self._notice(translate("Shell", "The export failed: {reason}").format(reason=reason))


def _render_png(stats: WeekStats, target: Path) -> None:
    from focusmate.ui.chart_png import render_week_png  # noqa: PLC0415 - on demand

    render_week_png(stats, target)
