"""The weekly chart's drawn model: where each bar, point, grid line and label of one week goes.

Geometry and numbers only (Qt Core's QRectF and QPointF; no painting, no widget, no words):
from the week's figures, the chart's size and the sizes of its text lines it places the three
panels on one day axis, their grid lines and ticks, the bars, the presence points and the day
columns. ``ui.week_chart`` paints exactly this model (``ui.week_chart_paint``) and reads its
figures back from it (hover text, ``series_values``), so the tests check what is drawn.

The design, kept from the Qt Graphs chart this replaced (issue 18): small multiples for a busy
reader, one message per panel, each with its own single y axis split into the same
:data:`GRID_INTERVALS`: minutes in sessions (bars; steps from :data:`MINUTE_STEPS`), marks
(phone checks below app switches, stacked; whole steps) and the average presence (1-5; a point
only on days with a score). Every panel's plot starts right of the same gutter for its tick
labels, so a day's column is at one place in all three.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRectF, QSizeF

DAYS = 7
#: Every value axis is split into this many intervals (one grid line more).
GRID_INTERVALS = 4
#: The minutes axis steps: the first whose GRID_INTERVALS hold the busiest day; beyond, hours.
MINUTE_STEPS = (15, 20, 30, 45, 60, 90, 120, 180, 240, 360)
#: The chart's margin on every side, and the room between a title and its panel.
MARGIN = 8.0
SPACING = 2.0
#: Space above a title (not the first): keeps a panel's title apart from the panel above.
TITLE_GAP = 10.0
#: Right of every plot, so the last bar and point are not at the edge.
PLOT_RIGHT = 8.0
#: Room above each bar plot's top grid line; the presence plot's holds a point label at 5.
BAR_PLOT_TOP = 6.0
SCORE_PLOT_TOP = 16.0
#: A bar's share of its day's column.
BAR_WIDTH = 0.6
#: The minutes and marks panels' share of the plots' height (presence gets the rest).
MINUTES_SHARE = 0.34
MARKS_SHARE = 0.28


@dataclass(frozen=True)
class WeekFigures:
    """One week as the chart draws it, Monday first: the day labels and each day's figures
    (``scores``: None on a day without a score)."""

    labels: tuple[str, ...]
    minutes: tuple[float, ...]
    phone: tuple[float, ...]
    app: tuple[float, ...]
    scores: tuple[float | None, ...]


#: A number in the user's locale with so many decimals (ui.week_chart_words.decimal).
Number = Callable[[float, int], str]

EMPTY_WEEK = WeekFigures(("",) * DAYS, (0.0,) * DAYS, (0.0,) * DAYS, (0.0,) * DAYS, (None,) * DAYS)


@dataclass(frozen=True)
class Axis:
    """A value axis from ``low`` to ``low + step * GRID_INTERVALS``."""

    low: float
    step: float

    @property
    def high(self) -> float:
        return self.low + self.step * GRID_INTERVALS

    def ticks(self) -> tuple[float, ...]:
        return tuple(self.low + self.step * i for i in range(GRID_INTERVALS + 1))

    def fraction(self, value: float) -> float:
        """Where ``value`` lies between low (0) and high (1)."""
        return (value - self.low) / (self.high - self.low)


SCORE_AXIS = Axis(1.0, 1.0)


def minutes_axis(minutes: Sequence[float]) -> Axis:
    """From 0, in the first of MINUTE_STEPS that holds the busiest day (else whole hours)."""
    most = max(0.0, *minutes)
    for step in MINUTE_STEPS:
        if step * GRID_INTERVALS >= most:
            return Axis(0.0, float(step))
    return Axis(0.0, math.ceil(most / GRID_INTERVALS / 60) * 60.0)


def marks_axis(phone: Sequence[float], app: Sequence[float]) -> Axis:
    """From 0, in whole steps that hold the day with the most marks (at least 1)."""
    most = max(0.0, *(p + a for p, a in zip(phone, app, strict=True)))
    return Axis(0.0, float(max(1, math.ceil(most / GRID_INTERVALS))))


@dataclass(frozen=True)
class TextSizes:
    """The heights of the chart's text lines and the tick labels' gutter width, in pixels."""

    title: float  # a panel title (bold)
    legend: float  # the marks title's line with its legend
    day: float  # a day label
    gutter: float  # left of every plot: the tick labels and their gap


@dataclass(frozen=True)
class Bar:
    kind: str  # "minutes", "phone" or "app"
    day: int
    value: float
    rect: QRectF  # whole pixels: bars are drawn crisp


@dataclass(frozen=True)
class Point:
    day: int
    value: float
    centre: QPointF
    label: str  # one decimal always: 3.5, 4.8, 1.0


@dataclass(frozen=True)
class Tick:
    value: float
    y: float  # a whole pixel row: grid lines are drawn crisp
    label: str  # a whole number


@dataclass(frozen=True)
class Panel:
    name: str  # "minutes", "marks" or "score"
    title_y: float  # the top of its title's text line
    plot: QRectF
    axis: Axis
    ticks: tuple[Tick, ...]


@dataclass(frozen=True)
class ChartLayout:
    """Everything the chart draws for one week at one size (see the module docstring)."""

    figures: WeekFigures
    panels: tuple[Panel, ...]  # minutes, marks, presence: top to bottom
    bars: tuple[Bar, ...]
    points: tuple[Point, ...]
    day_labels_y: float  # the top of the day labels' line, under the last panel
    area: QRectF  # inside the margins: where hovering picks a day

    def panel(self, name: str) -> Panel:
        return next(panel for panel in self.panels if panel.name == name)

    def column(self, day: int) -> QRectF:
        """Day ``day``'s column across all three panels (the band that marks a picked day)."""
        plot, last = self.panels[0].plot, self.panels[-1].plot
        width = plot.width() / DAYS
        return QRectF(plot.x() + day * width, plot.y(), width, last.bottom() - plot.y())

    def day_centre(self, day: int) -> float:
        plot = self.panels[0].plot
        return plot.x() + (day + 0.5) * plot.width() / DAYS

    def day_at(self, position: QPointF) -> int:
        """The day (0 = Monday) whose column is under ``position``; -1 outside the plots."""
        plot = self.panels[0].plot
        inside = self.area.contains(position) and plot.left() <= position.x() <= plot.right()
        if not inside or plot.width() <= 0:
            return -1
        return min(DAYS - 1, math.floor((position.x() - plot.x()) / plot.width() * DAYS))

    def values(self, kind: str) -> list[float]:
        """The drawn bars of ``kind``, Monday first."""
        return [bar.value for bar in sorted(self.bars, key=lambda b: b.day) if bar.kind == kind]


def lay_out(figures: WeekFigures, size: QSizeF, text: TextSizes, number: Number) -> ChartLayout:
    """Place ``figures`` on a chart of ``size``: titles and panels in a column inside the
    margins, the plots sharing what the titles and the day labels leave; ``number`` writes
    the tick and point labels."""
    area = QRectF(MARGIN, MARGIN, size.width() - 2 * MARGIN, size.height() - 2 * MARGIN)
    titles = (text.title, TITLE_GAP + text.legend, TITLE_GAP + text.title)
    day_line = text.day + 4
    plots_height = max(0.0, area.height() - sum(titles) - day_line - 6 * SPACING)
    minutes_height = round(plots_height * MINUTES_SHARE)
    marks_height = round(plots_height * MARKS_SHARE)
    heights = (minutes_height, marks_height, plots_height - minutes_height - marks_height)
    axes = (
        minutes_axis(figures.minutes),
        marks_axis(figures.phone, figures.app),
        SCORE_AXIS,
    )
    panels: list[Panel] = []
    y = area.y()
    for name, title, height, axis in zip(
        ("minutes", "marks", "score"), titles, heights, axes, strict=True
    ):
        title_y = y + (title - (text.legend if name == "marks" else text.title))
        y += title + SPACING
        top = SCORE_PLOT_TOP if name == "score" else BAR_PLOT_TOP
        plot = QRectF(
            area.x() + text.gutter,
            y + top,
            max(0.0, area.width() - text.gutter - PLOT_RIGHT),
            max(0.0, height - top),
        )
        ticks = tuple(
            Tick(value, _row(plot, axis.fraction(value)), number(value, 0))
            for value in axis.ticks()
        )
        panels.append(Panel(name, title_y, plot, axis, ticks))
        y += height + SPACING
    frame = ChartLayout(figures, tuple(panels), (), (), y + 4, area)
    return replace(frame, bars=_bars(frame), points=_points(frame, number))


def _row(plot: QRectF, fraction: float) -> float:
    """The pixel row of ``fraction`` (0: the plot's bottom, 1: its top)."""
    return float(round(plot.bottom() - plot.height() * fraction))


def _bars(layout: ChartLayout) -> tuple[Bar, ...]:
    figures = layout.figures
    minutes, marks = layout.panel("minutes"), layout.panel("marks")
    half = minutes.plot.width() / DAYS * BAR_WIDTH / 2
    bars: list[Bar] = []
    for day in range(DAYS):
        centre = layout.day_centre(day)
        columns = (round(centre - half), round(centre + half))
        bars.append(_bar("minutes", day, minutes, (0.0, figures.minutes[day]), columns))
        # Stacked: phone checks at the bottom, app switches on top of them.
        bars.append(_bar("phone", day, marks, (0.0, figures.phone[day]), columns))
        bars.append(_bar("app", day, marks, (figures.phone[day], figures.app[day]), columns))
    return tuple(bars)


def _bar(
    kind: str, day: int, panel: Panel, stacked: tuple[float, float], columns: tuple[int, int]
) -> Bar:
    """A bar of ``stacked`` (its base, its value) from pixel column ``columns[0]`` to
    ``columns[1]``."""
    base, value = stacked
    left, right = columns
    bottom = _row(panel.plot, panel.axis.fraction(base))
    top = _row(panel.plot, panel.axis.fraction(base + value))
    return Bar(kind, day, value, QRectF(left, top, right - left, bottom - top))


def _points(layout: ChartLayout, number: Number) -> tuple[Point, ...]:
    panel = layout.panel("score")
    return tuple(
        Point(day, score, QPointF(layout.day_centre(day), _y(panel, score)), number(score, 1))
        for day, score in enumerate(layout.figures.scores)
        if score is not None
    )


def _y(panel: Panel, value: float) -> float:
    return panel.plot.bottom() - panel.plot.height() * panel.axis.fraction(value)


__all__ = [
    "DAYS",
    "EMPTY_WEEK",
    "GRID_INTERVALS",
    "MINUTE_STEPS",
    "Axis",
    "Bar",
    "ChartLayout",
    "Panel",
    "Point",
    "TextSizes",
    "Tick",
    "WeekFigures",
    "lay_out",
    "marks_axis",
    "minutes_axis",
]
