"""Render the weekly chart to a PNG file without a screen (`focusmate report --png`)."""

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
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 - Qt only for this command

    from focusmate.ui.week_chart import WeekChart  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv[:1])
    chart = WeekChart()
    chart.resize(*size)
    chart.show_week(stats)
    chart.show()
    for _ in range(5):  # let Qt Quick lay out and paint once
        app.processEvents()
    image = chart.grab().toImage()
    chart.close()
    chart.deleteLater()
    # The stubs ask for bytes, but this binding accepts only str for the format.
    if not image.save(str(target), "PNG"):  # type: ignore[call-overload]
        raise StorageFailure(f"cannot write the PNG file {target}")
