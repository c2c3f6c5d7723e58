"""The weekly review chart: a Qt Graphs ``GraphsView`` (QML) inside a ``QQuickWidget``.

Per day of one ISO week it shows three small panels stacked on one day axis, one message
each and each with its own single y axis: minutes in sessions (bars), marks by kind (phone checks
and app switches stacked, the only legend) and the average presence score (1-5, a point with
one decimal only on days with a score). The QML lives in ``resources/qml/WeekChart.qml``,
installed as the data package ``focusmate.resources``.

Importing this module loads Qt Quick and Qt Graphs (~0.3 s): only the review window imports it,
when it opens. Data flows one way: :meth:`WeekChart.show_week` hands plain lists to the QML
function ``setWeek``. :meth:`WeekChart.series_values` reads what the chart shows back from the
QML series objects themselves, so tests check the chart and not a Python copy of its input.

If the QML cannot be loaded, the widget logs the QML errors and shows the week's figures as
plain text instead; it never raises into the review window.

Words: the QML's own (axis titles, legend, the hover text) use ``qsTr`` (lupdate context
"WeekChart"); the day labels and the figures in words are made here, with ``translate`` and
QLocale. A screen reader hears the chart's name and the week's figures (its accessible
description); by keyboard, Left and Right on the focused chart show one day's figures.
"""

from __future__ import annotations

import logging
import math
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from typing import TypeVar

from PySide6.QtCore import (
    Q_ARG,
    Q_RETURN_ARG,
    QDate,
    QLocale,
    QMessageLogContext,
    QMetaObject,
    QObject,
    QSize,
    Qt,
    QtMsgType,
    QUrl,
    qFormatLogMessage,
    qInstallMessageHandler,
)
from PySide6.QtGraphs import QBarCategoryAxis, QBarSet, QLineSeries, QValueAxis
from PySide6.QtQuick import QQuickItem, QQuickWindow, QSGRendererInterface
from PySide6.QtQuickWidgets import QQuickWidget
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from focusmate.core.marks import MarkKind
from focusmate.core.text import plural, translate
from focusmate.core.weekly import DayStats, WeekStats

_log = logging.getLogger(__name__)

_T = TypeVar("_T", bound=QObject)

QML_FILE = "WeekChart.qml"

# objectNames in WeekChart.qml that Python reads back.
_DAY_AXIS = "dayAxis"
_BAR_SETS = {"minutes": "minutesSet", "phone": "phoneSet", "app": "appSet"}
_SCORE_SERIES = "scoreSeries"
_VALUE_AXES = {"minutes": "minutesAxis", "marks": "marksAxis", "score": "scoreAxis"}

# What Qt Graphs prints when its one-off OpenGL probe fails (see _quiet_opengl_probe).
_OPENGL_PROBE_MESSAGES = frozenset(
    {
        "QRhiGles2: Failed to create temporary context",
        "QRhiGles2: Failed to create context",
        # On X11 where the app turned xcb's OpenGL off (app.py: it draws nothing with it).
        "QXcbIntegration: Cannot create platform OpenGL context, neither GLX nor EGL are enabled",
        "QXcbIntegration: Cannot create platform offscreen surface, neither GLX nor EGL are "
        "enabled",
    }
)

_scene_graph_chosen = False


def qml_source() -> Traversable:
    """The chart's QML file inside the installed ``focusmate.resources`` data package."""
    return files("focusmate.resources") / "qml" / QML_FILE


class WeekChart(QWidget):
    """Minutes in sessions, marks and presence scores for the seven days of one ISO week."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("WeekChart", "Week chart"))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._fallback = QLabel(self)
        self._fallback.setObjectName("weekChartFallback")
        self._fallback.setTextFormat(Qt.TextFormat.PlainText)
        self._fallback.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._fallback.setWordWrap(True)
        self._fallback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._quick = self._load_chart()
        if self._quick is None:
            self._show_fallback(translate("WeekChart", "The chart could not be drawn."))
        else:
            self._fallback.hide()
            self._layout.addWidget(self._quick)
            self._quick.setAccessibleName(self.accessibleName())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Small enough for a laptop screen, tall enough for three panels and their titles."""
        return QSize(420, 340) if self.chart_loaded else super().minimumSizeHint()

    @property
    def chart_loaded(self) -> bool:
        """True while the Qt Graphs chart is shown, False when the text fallback is."""
        return self._quick is not None

    def focus_target(self) -> QWidget:
        """The widget Tab stops at for the chart (the Qt Quick view, or the text instead)."""
        return self._quick if self._quick is not None else self._fallback

    def show_week(self, stats: WeekStats) -> None:
        """Show ``stats``, replacing whatever week was shown before."""
        figures = _figures_text(stats, every_day=True)
        described = _figures_text(stats, every_day=False)
        self.setAccessibleDescription(described)
        for shown in (self._quick, self._fallback):
            if shown is not None:
                shown.setAccessibleDescription(described)
        root = self._root()
        if root is None:
            self._fallback.setText(figures)
            return
        days = stats.days
        #: For translators: a date format for QLocale, for the chart's day labels
        #: (ddd: short day name, d: day).
        day_format = translate("WeekChart", "ddd d")
        arguments = (
            [QLocale().toString(_qdate(d.day), day_format) for d in days],
            [float(d.minutes) for d in days],
            [float(d.marks.get(MarkKind.PHONE.value, 0)) for d in days],
            [float(d.marks.get(MarkKind.APP.value, 0)) for d in days],
            [math.nan if d.average_score is None else float(d.average_score) for d in days],
        )
        called = QMetaObject.invokeMethod(
            root,
            "setWeek",
            Qt.ConnectionType.DirectConnection,
            *(Q_ARG("QVariant", argument) for argument in arguments),
        )
        if not called:
            _log.error("WeekChart.qml has no usable setWeek(); showing the figures as text")
            self._drop_chart()
            self._show_fallback(figures)

    def hover_text(self, day: int) -> str:
        """What hovering over ``day`` (0 = Monday) shows, computed by the QML from its series."""
        root = self._root()
        if root is None:
            return ""
        result = QMetaObject.invokeMethod(
            root,
            "dayText",
            Qt.ConnectionType.DirectConnection,
            Q_RETURN_ARG("QVariant"),
            Q_ARG("QVariant", day),
        )
        return str(result or "")

    def categories(self) -> list[str]:
        """The day labels on the chart's x axis, read from the QML axis."""
        axis = self._child(QBarCategoryAxis, _DAY_AXIS)
        return list(axis.categories())

    def series_values(self) -> dict[str, list[float]]:
        """What the chart shows, read from its QML series objects.

        ``minutes``, ``phone`` and ``app``: one bar value per day, Monday first.
        ``score_day`` and ``score``: the score line's points, as day index (0 = Monday) and
        score, only for the days that have one.
        """
        values = {key: list(self._child(QBarSet, name).values()) for key, name in _BAR_SETS.items()}
        points = self._child(QLineSeries, _SCORE_SERIES).points()
        values["score_day"] = [point.x() for point in points]
        values["score"] = [point.y() for point in points]
        return values

    def axis_ranges(self) -> dict[str, tuple[float, float]]:
        """(min, max) of the ``minutes``, ``marks`` and ``score`` axes, read from the QML axes."""
        ranges: dict[str, tuple[float, float]] = {}
        for key, name in _VALUE_AXES.items():
            axis = self._child(QValueAxis, name)
            ranges[key] = (axis.min(), axis.max())
        return ranges

    def fallback_text(self) -> str:
        """The text shown instead of the chart ("" while the chart is shown)."""
        return "" if self.chart_loaded else self._fallback.text()

    def shown_day_text(self) -> str:
        """What the chart's figures box shows now (hover or keyboard); "" while it is hidden."""
        root = self._root()
        box = None if root is None else root.findChild(QQuickItem, "hoverBox")
        if box is None or not box.isVisible():
            return ""
        text = box.findChild(QQuickItem, "hoverText")
        return "" if text is None else str(text.property("text"))

    # -- internals ---------------------------------------------------------------------------

    def _load_chart(self) -> QQuickWidget | None:
        _choose_scene_graph()
        quick = QQuickWidget(self)
        quick.setResizeMode(QQuickWidget.ResizeMode.SizeRootObjectToView)
        try:
            with as_file(qml_source()) as path, _quiet_opengl_probe():
                quick.setSource(QUrl.fromLocalFile(os.fspath(path)))
        except (OSError, ModuleNotFoundError) as error:
            _log.error("The week chart's QML file is missing: %s", error)
            quick.deleteLater()
            return None
        root = quick.rootObject()
        if quick.status() != QQuickWidget.Status.Ready or root is None:
            errors = "; ".join(error.toString() for error in quick.errors()) or "no root object"
            _log.error("The week chart did not load, showing the figures as text: %s", errors)
            quick.deleteLater()
            return None
        root.setProperty("phoneName", _capitalised(MarkKind.PHONE.shown_label))
        root.setProperty("appName", _capitalised(MarkKind.APP.shown_label))
        return quick

    def _root(self) -> QQuickItem | None:
        return None if self._quick is None else self._quick.rootObject()

    def _child(self, kind: type[_T], name: str) -> _T:
        root = self._root()
        if root is None:
            raise RuntimeError("the week chart did not load; it shows text instead")
        child = root.findChild(kind, name)
        if child is None:
            raise LookupError(f"WeekChart.qml has no {kind.__name__} named {name!r}")
        return child

    def _drop_chart(self) -> None:
        if self._quick is not None:
            self._layout.removeWidget(self._quick)
            self._quick.deleteLater()
            self._quick = None

    def _show_fallback(self, text: str) -> None:
        self._fallback.setText(text)
        self._layout.addWidget(self._fallback)
        self._fallback.show()


def _choose_scene_graph() -> None:
    """Render Qt Quick with the software scene graph (once, before the first Quick window).

    Why: offscreen (the UI tests) Qt has no OpenGL and falls back to software anyway; on Xvfb
    (the e2e tests) and on machines without a usable GPU driver, OpenGL would be Mesa llvmpipe,
    slower to start and one more thing to break; and a QQuickWidget on OpenGL makes its whole
    top-level window compose through OpenGL. A static chart of a few dozen rectangles needs no
    GPU, and one renderer everywhere means the tests see what users see. The price: Qt Graphs
    draws grid and axis lines with shaders, which software does not run, so WeekChart.qml draws
    its own grid. Setting QT_QUICK_BACKEND or QSG_RHI_BACKEND overrides this choice.
    """
    global _scene_graph_chosen  # noqa: PLW0603 - a once-per-process switch
    if _scene_graph_chosen:
        return
    _scene_graph_chosen = True
    if os.environ.get("QT_QUICK_BACKEND") or os.environ.get("QSG_RHI_BACKEND"):
        return
    QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)


@contextmanager
def _quiet_opengl_probe() -> Iterator[None]:
    """Keep Qt Graphs' OpenGL probe from printing its warnings where there is no OpenGL.

    On Linux the first ``GraphsTheme`` (every ``GraphsView`` creates one) asks a throw-away
    OpenGL QRhi for the largest texture size (``CommonUtils::maxTextureSize``, used only by 3D
    gradients), whatever renderer is in use. Without OpenGL (the offscreen platform, or xcb with
    its OpenGL turned off by app.py) this prints "QRhiGles2: Failed to create ..." (or
    QXcbIntegration's "Cannot create platform OpenGL context ...") and falls back to a
    default; nothing is wrong. Those exact messages are logged at debug level here; every
    other message goes to the handler that was installed before (pytest-qt's, in the tests)
    or to Qt's default output.
    """
    previous = None

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message in _OPENGL_PROBE_MESSAGES:
            _log.debug("Qt Graphs' OpenGL probe (harmless without OpenGL): %s", message)
        elif previous is not None:
            previous(kind, context, message)
        else:
            sys.stderr.write(qFormatLogMessage(kind, context, message) + "\n")

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _figures_text(stats: WeekStats, *, every_day: bool) -> str:
    """The week's figures in words: its totals, then a line per day (``every_day``: also the
    days without a session). The text fallback shows every day; the accessible description
    (what a screen reader says about the chart) only the days with sessions."""
    days = stats.days
    score = stats.average_score
    totals = translate(
        "WeekChart", "Week {week}, {year}: {sessions}, {minutes}, {phone}, {app}, {presence}."
    ).format(
        week=stats.week.week,
        year=stats.week.year,
        sessions=plural(
            sum(d.sessions for d in days),
            translate("WeekChart", "{n} session"),
            translate("WeekChart", "{n} sessions"),
        ),
        minutes=plural(
            round(stats.total_minutes),
            translate("WeekChart", "{n} minute of coaching"),
            translate("WeekChart", "{n} minutes of coaching"),
        ),
        phone=_phone(stats.total_marks),
        app=_app(stats.total_marks),
        presence=translate("WeekChart", "no reflections")
        if score is None
        else translate("WeekChart", "average presence {score}").format(score=_decimal(score, 1)),
    )
    lines = [totals, *(_day_line(day) for day in days if every_day or day.sessions)]
    return "\n".join(lines)


def _day_line(day: DayStats) -> str:
    #: For translators: a date format for QLocale
    #: (ddd: short day name, d: day, MMM: short month name).
    shown_day = QLocale().toString(_qdate(day.day), translate("WeekChart", "ddd d MMM"))
    figures = {
        "day": shown_day,
        "minutes": _decimal(day.minutes, 0),
        "phone": _phone(day.marks),
        "app": _app(day.marks),
    }
    if day.average_score is None:
        return translate("WeekChart", "{day}: {minutes} min, {phone}, {app}, no score").format(
            **figures
        )
    return translate("WeekChart", "{day}: {minutes} min, {phone}, {app}, score {score}").format(
        **figures, score=_decimal(day.average_score, 1)
    )


def _phone(marks: dict[str, int]) -> str:
    return MarkKind.PHONE.shown_counted(marks.get(MarkKind.PHONE.value, 0))


def _app(marks: dict[str, int]) -> str:
    return MarkKind.APP.shown_counted(marks.get(MarkKind.APP.value, 0))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _decimal(value: float, decimals: int) -> str:
    return QLocale().toString(float(value), "f", decimals)


__all__ = ["QML_FILE", "WeekChart", "qml_source"]
