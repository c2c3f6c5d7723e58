"""Paints the weekly chart's drawn model (``ui.week_chart_layout.ChartLayout``) with QPainter.

Only QtGui: the chart is plain widgets painting, so opening the review loads no Qt Quick, QML
or Qt Graphs (issue 18: those stayed in memory for good once loaded). What is painted, back to
front: the background, the band of the picked day, each panel's grid, tick labels and title
(the marks title carries the chart's only legend), the bars, the presence line with its
points and their labels, the day labels under the last panel, then the figures box and the
focus frame, which only the mouse and the keyboard call up.

Colours: the series keep distinguishable on light and dark backgrounds (Okabe-Ito palette);
background, text and grid follow the widget's palette (the system's, light or dark).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from focusmate.ui.week_chart_layout import DAYS, ChartLayout, TextSizes
from focusmate.ui.week_chart_words import decimal, legend_names, panel_titles

#: The series' colours (Okabe-Ito): build_bundle.py's pixel check looks for the first two.
COLOURS = {
    "minutes": QColor("#56B4E9"),
    "phone": QColor("#D55E00"),
    "app": QColor("#E69F00"),
    "score": QColor("#009E73"),
}

# The alignments the chart uses, or-ed once on import rather than at each paint.
TOP_CENTRE = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
BOTTOM_CENTRE = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT_MIDDLE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

#: The tick labels and the presence labels: smaller than the text around them.
SMALL_POINT_SIZE = 8
TICK_GAP = 8.0  # between a tick label and its plot
GUTTER_GAP = 12.0  # the gutter is this much wider than the widest tick label
POINT_RADIUS = 5.0
LEGEND_SPACING = 16.0
SWATCH = QRectF(0, 0, 14, 10)


@dataclass(frozen=True)
class Look:
    """The colours and fonts the chart is painted with, from its widget's palette and font."""

    window: QColor
    text: QColor
    grid: QColor
    baseline: QColor
    highlight: QColor
    font: QFont
    title_font: QFont
    small_font: QFont


def look_of(widget: QWidget) -> Look:
    palette = widget.palette()
    group = QPalette.ColorGroup.Active
    window = palette.color(group, QPalette.ColorRole.Window)
    text = palette.color(group, QPalette.ColorRole.WindowText)
    baseline = QColor(text)
    baseline.setAlphaF(0.6)
    title_font, small_font = QFont(widget.font()), QFont(widget.font())
    title_font.setBold(True)
    small_font.setPointSize(SMALL_POINT_SIZE)
    return Look(
        window=window,
        text=text,
        grid=_tint(window, text, 0.18),
        baseline=baseline,
        highlight=palette.color(group, QPalette.ColorRole.Highlight),
        font=QFont(widget.font()),
        title_font=title_font,
        small_font=small_font,
    )


def text_sizes(look: Look) -> TextSizes:
    """The text line heights the layout leaves room for, and the tick labels' gutter: wide
    enough for a day of minutes (1,440) in every panel, so that their days line up."""
    title = QFontMetricsF(look.title_font).height()
    small = QFontMetricsF(look.small_font)
    plain = QFontMetricsF(look.font).height()
    return TextSizes(
        title=title,
        legend=max(title, plain, SWATCH.height()),
        day=plain,
        gutter=small.horizontalAdvance(decimal(1440, 0)) + GUTTER_GAP,
    )


def paint_chart(
    painter: QPainter, layout: ChartLayout, look: Look, *, day: int, box: str, focused: bool
) -> None:
    """Paint ``layout`` on the whole of ``painter``'s device; ``day`` (-1: none) is marked by
    a band and described by ``box`` above the panels; ``focused`` draws the focus frame."""
    bounds = QRectF(painter.viewport())
    painter.fillRect(bounds, look.window)
    if day >= 0:
        band = QColor(look.highlight)
        band.setAlphaF(0.12)
        painter.fillRect(layout.column(day), band)
    _paint_panels(painter, layout, look)
    for bar in layout.bars:
        painter.fillRect(bar.rect, COLOURS[bar.kind])
    _paint_points(painter, layout, look)
    painter.setFont(look.font)
    painter.setPen(look.text)
    for index, label in enumerate(layout.figures.labels):
        centre = layout.day_centre(index)
        width = layout.panels[0].plot.width() / DAYS * 2  # a long label may pass its column
        painter.drawText(
            QRectF(centre - width / 2, layout.day_labels_y, width, bounds.height()),
            TOP_CENTRE,
            label,
        )
    if day >= 0 and box:
        _paint_box(painter, layout, look, day=day, text=box, bounds=bounds)
    if focused:
        painter.setPen(QPen(look.highlight, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(bounds.adjusted(1, 1, -1, -1))


def _paint_panels(painter: QPainter, layout: ChartLayout, look: Look) -> None:
    titles = panel_titles()
    gutter = layout.panels[0].plot.x() - layout.area.x()
    small_height = QFontMetricsF(look.small_font).height()
    for panel in layout.panels:
        painter.setFont(look.small_font)
        painter.setPen(look.text)
        for index, tick in enumerate(panel.ticks):
            line = QRectF(panel.plot.x(), tick.y, panel.plot.width(), 1)
            painter.fillRect(line, look.baseline if index == 0 else look.grid)
            painter.drawText(
                QRectF(layout.area.x(), tick.y - small_height / 2, gutter - TICK_GAP, small_height),
                RIGHT_MIDDLE,
                tick.label,
            )
        title = QRectF(panel.plot.x(), panel.title_y, panel.plot.width(), 0)
        if panel.name == "marks":
            _paint_legend(painter, title, titles[panel.name], look)
        else:
            _paint_text(painter, title, titles[panel.name], look.title_font, look.text)


def _paint_legend(painter: QPainter, line: QRectF, title: str, look: Look) -> None:
    """The marks panel's title, then a swatch and a name for each of its two colours."""
    height = max(QFontMetricsF(look.title_font).height(), QFontMetricsF(look.font).height())
    row = QRectF(line.x(), line.y(), line.width(), height)
    x = row.x() + _paint_text(painter, row, title, look.title_font, look.text) + LEGEND_SPACING
    for kind, name in legend_names().items():
        swatch = SWATCH.translated(x, row.center().y() - SWATCH.height() / 2)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(COLOURS[kind])
        painter.drawRoundedRect(swatch, 2, 2)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        x = swatch.right() + 6
        x += _paint_text(
            painter, QRectF(x, row.y(), row.right() - x, height), name, look.font, look.text
        )
        x += LEGEND_SPACING


def _paint_text(painter: QPainter, room: QRectF, text: str, font: QFont, colour: QColor) -> float:
    """``text`` on one line at the left of ``room`` (vertically centred in it if it has a
    height), elided to its width; returns the width drawn."""
    metrics = QFontMetricsF(font)
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, room.width()))
    height = max(room.height(), metrics.height())
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(
        QRectF(room.x(), room.y(), room.width(), height),
        LEFT_MIDDLE,
        shown,
    )
    return metrics.horizontalAdvance(shown)


def _paint_points(painter: QPainter, layout: ChartLayout, look: Look) -> None:
    """The presence points joined by a line, each labelled with one decimal above it."""
    points = [point.centre for point in layout.points]
    if not points:
        return
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(COLOURS["score"], 2))
    painter.drawPolyline(points)
    painter.setPen(QPen(look.window, 1.5))
    painter.setBrush(COLOURS["score"])
    for centre in points:
        painter.drawEllipse(centre, POINT_RADIUS, POINT_RADIUS)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setFont(look.small_font)
    painter.setPen(look.text)
    height = QFontMetricsF(look.small_font).height()
    for point in layout.points:
        top = point.centre.y() - POINT_RADIUS - 2 - height
        painter.drawText(
            QRectF(point.centre.x() - 40, top, 80, height),
            BOTTOM_CENTRE,
            point.label,
        )


def _paint_box(
    painter: QPainter, layout: ChartLayout, look: Look, *, day: int, text: str, bounds: QRectF
) -> None:
    """The figures box: above the panels, centred on the day's column, inside the chart."""
    metrics = QFontMetricsF(look.font)
    width, height = metrics.horizontalAdvance(text) + 12, metrics.height() + 8
    x = min(max(0.0, layout.day_centre(day) - width / 2), bounds.width() - width)
    box = QRectF(x, 2, width, height)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(look.grid, 1))
    painter.setBrush(look.window)
    painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setFont(look.font)
    painter.setPen(look.text)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def _tint(base: QColor, over: QColor, share: float) -> QColor:
    """``over`` laid over ``base`` at ``share`` opacity (QML's Qt.tint)."""
    return QColor.fromRgbF(
        base.redF() + (over.redF() - base.redF()) * share,
        base.greenF() + (over.greenF() - base.greenF()) * share,
        base.blueF() + (over.blueF() - base.blueF()) * share,
    )


__all__ = ["COLOURS", "Look", "look_of", "paint_chart", "text_sizes"]
