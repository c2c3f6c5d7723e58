"""The weekly review chart: a plain QWidget that paints one ISO week with QPainter.

Per day of the week it shows three small panels stacked on one day axis: minutes in sessions
(bars), marks by kind (phone checks and app switches stacked, the only legend) and the
average presence score (1-5, a point with one decimal only on days with a score). Where things
go is ``ui.week_chart_layout`` (the drawn model), how they look ``ui.week_chart_paint``, the
words and numbers ``ui.week_chart_words``; this widget holds the week and the picked day.

Why QPainter and not Qt Graphs (issue 18): Qt Quick, QML and Qt Graphs, once loaded, stay in
the tray's memory for good (their libraries and process-wide type registrations: +40 MB after
one review); QtWidgets and QtGui are loaded by the tray anyway. Nothing in focusmate imports
Qt Quick, QML or Qt Graphs (tests/ui/test_week_chart.py checks it).

The test accessors (``categories``, ``series_values``, ``axis_ranges``, ``hover_text``,
``shown_day_text``) read the drawn model the paint code uses, not the week handed in.
Interaction: hovering a day shows its figures in a box and marks its column across the
panels; with the chart focused, Left/Right/Home/End pick a day the same way, and a frame
shows the focus. A screen reader hears the chart's name and the week's figures in words (its
accessible description).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QWidget

from focusmate.core.weekly import WeekStats
from focusmate.ui.week_chart_layout import DAYS, EMPTY_WEEK, ChartLayout, WeekFigures, lay_out
from focusmate.ui.week_chart_paint import look_of, paint_chart, text_sizes
from focusmate.ui.week_chart_words import (
    chart_name,
    day_text,
    decimal,
    figures_of,
    figures_text,
)

_KEY_DAYS = {Qt.Key.Key_Home: 0, Qt.Key.Key_End: DAYS - 1}
_RELAYOUT_EVENTS = frozenset(
    {QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.LocaleChange}
)


class WeekChart(QWidget):
    """Minutes in sessions, marks and presence scores for the seven days of one ISO week."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(chart_name())
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)  # hovering shows a day's figures
        self._figures: WeekFigures = EMPTY_WEEK
        self._layout: ChartLayout | None = None  # made again on a new week, size or style
        self._hover_day = -1
        self._key_day = -1  # picked by keyboard; -1 until Left, Right, Home or End

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(720, 420)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Small enough for a laptop screen, tall enough for three panels and their titles."""
        return QSize(420, 340)

    @property
    def chart_loaded(self) -> bool:
        """Always True: the chart is painted in the widget itself (no QML that could fail)."""
        return True

    def focus_target(self) -> QWidget:
        """The widget Tab stops at for the chart: the chart itself."""
        return self

    def show_week(self, stats: WeekStats) -> None:
        """Show ``stats``, replacing whatever week was shown before."""
        self.setAccessibleDescription(figures_text(stats))
        self._figures = figures_of(stats)
        self._layout = None
        self.update()

    def hover_text(self, day: int) -> str:
        """What the figures box says about ``day`` (0 = Monday), from the drawn bars."""
        return day_text(self._drawn(), day)

    def categories(self) -> list[str]:
        """The day labels drawn under the panels."""
        return list(self._drawn().figures.labels)

    def series_values(self) -> dict[str, list[float]]:
        """What the chart draws, read from its drawn model.

        ``minutes``, ``phone`` and ``app``: one bar value per day, Monday first.
        ``score_day`` and ``score``: the presence points, as day index (0 = Monday) and
        score, only for the days that have one.
        """
        layout = self._drawn()
        values = {kind: layout.values(kind) for kind in ("minutes", "phone", "app")}
        values["score_day"] = [float(point.day) for point in layout.points]
        values["score"] = [point.value for point in layout.points]
        return values

    def axis_ranges(self) -> dict[str, tuple[float, float]]:
        """(min, max) of the ``minutes``, ``marks`` and ``score`` axes drawn."""
        return {panel.name: (panel.axis.low, panel.axis.high) for panel in self._drawn().panels}

    def fallback_text(self) -> str:
        """The text shown instead of the chart: always "" (it is painted, it cannot fail to
        load); the week's figures in words are its accessible description."""
        return ""

    def shown_day_text(self) -> str:
        """What the chart's figures box shows now (hover or keyboard); "" while it is hidden."""
        return self.hover_text(self._shown_day())

    def drawn(self) -> ChartLayout:
        """The drawn model at the chart's present size (for the tests' pixel checks)."""
        return self._drawn()

    # -- Qt events ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        layout = self._drawn()
        day = self._shown_day()
        painter = QPainter(self)
        try:
            paint_chart(
                painter,
                layout,
                look_of(self),
                day=day,
                box=day_text(layout, day),
                focused=self.hasFocus(),
            )
        finally:
            painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self._layout = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        # A new font, style or locale changes the text sizes, the gutter and the labels.
        if event.type() in _RELAYOUT_EVENTS:
            self._layout = None
        super().changeEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self._pick_hover(self._drawn().day_at(event.position()))
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        self._pick_hover(-1)
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key == Qt.Key.Key_Left:
            self._key_day = DAYS - 1 if self._key_day < 0 else max(0, self._key_day - 1)
        elif key == Qt.Key.Key_Right:
            self._key_day = min(DAYS - 1, self._key_day + 1)
        elif key in _KEY_DAYS:
            self._key_day = _KEY_DAYS[Qt.Key(key)]
        else:
            super().keyPressEvent(event)
            return
        event.accept()
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        self.update()  # the focus frame
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        self._key_day = -1
        self.update()
        super().focusOutEvent(event)

    # -- internals ------------------------------------------------------------------------

    def _drawn(self) -> ChartLayout:
        if self._layout is None:
            size = QSizeF(self.size())
            self._layout = lay_out(self._figures, size, text_sizes(look_of(self)), decimal)
        return self._layout

    def _shown_day(self) -> int:
        """The day in the figures box: picked by keyboard on the focused chart, else hovered."""
        if self.hasFocus() and self._key_day >= 0:
            return self._key_day
        return self._hover_day

    def _pick_hover(self, day: int) -> None:
        if day != self._hover_day:
            self._hover_day = day
            self.update()


__all__ = ["WeekChart"]
