"""The one way a window says what went wrong: a red, word-wrapped line, readable in any theme.

A fixed dark red is unreadable on a dark theme's grey (about 2:1), so the red is chosen each
time the label is shown, against the window colour it sits on: a dark red on light windows,
a light red on dark ones (both at least 4.5:1, WCAG's contrast for text).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette, QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from focusmate.core.text import translate

RED_ON_LIGHT = "#b3261e"
RED_ON_DARK = "#ffb4ab"


def error_colour(window: QPalette) -> str:
    dark = window.color(QPalette.ColorRole.Window).lightnessF() < 0.5
    return RED_ON_DARK if dark else RED_ON_LIGHT


class ErrorLabel(QLabel):
    """Hidden until there is something to say; a screen reader reads the message itself
    (the label's text) and hears "Error" as its description."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleDescription(translate("ErrorLabel", "Error"))
        self._apply_colour()
        self.hide()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self._apply_colour()  # the theme may have changed since the label was made
        super().showEvent(event)

    def _apply_colour(self) -> None:
        # Only the text role is set on the label; the window colour is still inherited.
        palette = self.palette()
        red = QColor(error_colour(palette))
        if palette.color(QPalette.ColorRole.WindowText) != red:
            palette.setColor(QPalette.ColorRole.WindowText, red)
            self.setPalette(palette)
