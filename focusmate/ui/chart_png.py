"""Render the weekly chart to a PNG file without a screen (`focusmate report --png`).

The picture is the review's own chart: the same widget painting the same week, so at the same
size it is the chart on screen pixel for pixel (its three panels, their titles and the marks'
legend), without the focus frame and the figures box, which only keyboard and mouse call up.

The review window's export button draws it inside the app, in the user's language (the
chart's words, day names and numbers). `focusmate report --png` draws it in a process of its
own with no translator installed, so its words are English; its dates and numbers are made
English too, so one picture never mixes two languages.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from focusmate.core.errors import StorageFailure
from focusmate.core.weekly import WeekStats

PNG_SIZE = (1200, 700)


def render_week_png(stats: WeekStats, target: Path, size: tuple[int, int] = PNG_SIZE) -> None:
    """Draw the same chart as the review window, offscreen, and save it as PNG."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # headless whatever the session has
    from PySide6.QtCore import QLocale, Qt  # noqa: PLC0415 - Qt only for this command
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from focusmate.ui.week_chart import WeekChart  # noqa: PLC0415

    app = QApplication.instance()
    if app is None:  # the CLI: English words (no translator), so English dates and numbers
        app = QApplication(sys.argv[:1])
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    chart = WeekChart()
    # A picture has no keyboard: keep the chart from taking focus and drawing its focus frame.
    chart.focus_target().setFocusPolicy(Qt.FocusPolicy.NoFocus)
    chart.resize(*size)
    chart.show_week(stats)
    chart.show()
    image = chart.grab().toImage()
    chart.close()
    chart.deleteLater()
    # The stubs ask for bytes, but this binding accepts only str for the format.
    if not image.save(str(target), "PNG"):  # type: ignore[call-overload]
        raise StorageFailure(f"cannot write the PNG file {target}")
