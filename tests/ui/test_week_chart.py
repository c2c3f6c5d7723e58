"""The weekly review chart: what the Qt Graphs series show, read back from the QML objects.

Runs offscreen (tests/conftest.py sets QT_QPA_PLATFORM); any Qt warning fails a test
(qt_log_level_fail), so the QML must load and render cleanly.
"""

from __future__ import annotations

import ast
import logging
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGraphs import QBarSet, QValueAxis
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtQuick import QQuickItem
from PySide6.QtQuickWidgets import QQuickWidget
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import focusmate
from focusmate.core.weekly import DayStats, IsoWeek, WeekStats
from focusmate.ui import week_chart
from focusmate.ui.chart_png import render_week_png
from focusmate.ui.week_chart import WeekChart
from tests.ui.accessibility import accessible_name

WEEK = IsoWeek(2026, 48)  # Monday 23 November 2026
MINUTES_COLOUR = (0x56, 0xB4, 0xE9)  # minutesColor in WeekChart.qml
PANELS = ("minutesGraph", "marksGraph", "scoreGraph")  # top to bottom, in WeekChart.qml


def day_stats(
    day: date, minutes: float = 0.0, phone: int = 0, app: int = 0, score: float | None = None
) -> DayStats:
    return DayStats(
        day=day,
        sessions=1 if minutes else 0,
        minutes=minutes,
        marks={"phone": phone, "app": app},
        average_score=score,
    )


def week_of(week: IsoWeek, **by_weekday: DayStats) -> WeekStats:
    """A WeekStats with the given days (keyed mon..sun); the other days are empty."""
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    days = tuple(
        by_weekday.get(name, day_stats(d)) for name, d in zip(names, week.days, strict=True)
    )
    return WeekStats(week=week, days=days, sessions=())


@pytest.fixture
def fixture_week() -> WeekStats:
    monday, _, wednesday, *_ = WEEK.days
    return week_of(
        WEEK,
        mon=day_stats(monday, minutes=45, phone=2, app=1, score=3.5),
        wed=day_stats(wednesday, minutes=30, score=4.75),
    )


@pytest.fixture
def chart(qtbot: QtBot) -> WeekChart:
    widget = WeekChart()
    qtbot.addWidget(widget)
    widget.resize(800, 420)
    return widget


@pytest.fixture
def shown_chart(qtbot: QtBot, chart: WeekChart, fixture_week: WeekStats) -> WeekChart:
    """The chart on screen with the fixture week, laid out (plot areas and point labels)."""
    chart.show_week(fixture_week)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def test_the_chart_loads_from_the_installed_data_package(chart: WeekChart) -> None:
    source = week_chart.qml_source()
    assert source.is_file()
    assert source.name == "WeekChart.qml"
    assert chart.chart_loaded
    assert chart.fallback_text() == ""


def test_a_week_reads_back_exactly_from_the_series(
    chart: WeekChart, fixture_week: WeekStats
) -> None:
    chart.show_week(fixture_week)

    assert chart.series_values() == {
        "minutes": [45.0, 0.0, 30.0, 0.0, 0.0, 0.0, 0.0],
        "phone": [2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        "app": [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        "score_day": [0.0, 2.0],
        "score": [3.5, 4.75],
    }
    assert chart.categories() == [f"{d:%a} {d.day}" for d in WEEK.days]
    assert chart.categories()[0].endswith(" 23")
    assert chart.axis_ranges() == {"minutes": (0, 60), "marks": (0, 4), "score": (1, 5)}


def test_an_empty_week_has_zero_bars_and_no_score_points(chart: WeekChart) -> None:
    chart.show_week(week_of(WEEK))

    values = chart.series_values()
    assert values["minutes"] == [0.0] * 7
    assert values["phone"] == [0.0] * 7
    assert values["app"] == [0.0] * 7
    assert values["score_day"] == []
    assert values["score"] == []
    assert chart.axis_ranges() == {"minutes": (0, 60), "marks": (0, 4), "score": (1, 5)}


def test_showing_a_second_week_replaces_the_first(
    chart: WeekChart, fixture_week: WeekStats
) -> None:
    chart.show_week(fixture_week)
    next_week = WEEK.shifted(1)
    _, tuesday, *_, sunday = next_week.days
    chart.show_week(
        week_of(
            next_week,
            tue=day_stats(tuesday, minutes=250, phone=12, app=7, score=1.0),
            sun=day_stats(sunday, minutes=20, app=3),
        )
    )

    assert chart.series_values() == {
        "minutes": [0.0, 250.0, 0.0, 0.0, 0.0, 0.0, 20.0],
        "phone": [0.0, 12.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        "app": [0.0, 7.0, 0.0, 0.0, 0.0, 0.0, 3.0],
        "score_day": [1.0],
        "score": [1.0],
    }
    assert chart.categories() == [f"{d:%a} {d.day}" for d in next_week.days]
    # The axes grow to hold the busier week, in steps the shared grid can show.
    assert chart.axis_ranges() == {"minutes": (0, 360), "marks": (0, 20), "score": (1, 5)}


def test_the_rendered_chart_is_not_blank_and_draws_the_bars(
    qtbot: QtBot, chart: WeekChart, fixture_week: WeekStats
) -> None:
    chart.show_week(week_of(WEEK))
    chart.show()
    qtbot.waitExposed(chart)
    empty = chart.grab().toImage()
    # Nothing has the minutes colour in an empty week: the minutes panel has no legend.
    assert count_colour(empty, MINUTES_COLOUR) == 0

    chart.show_week(fixture_week)

    # Qt Quick renders on its next frame: wait for the bars (45 and 30 minutes) to appear.
    qtbot.waitUntil(lambda: count_colour(chart.grab().toImage(), MINUTES_COLOUR) > 2000)
    full = chart.grab().toImage()
    assert (full.width(), full.height()) == (800, 420)
    colours = {
        full.pixel(x, y) for x in range(0, full.width(), 2) for y in range(0, full.height(), 2)
    }
    assert len(colours) > 20


def count_colour(image: QImage, rgb: tuple[int, int, int]) -> int:
    """How many pixels of ``image`` have exactly the colour ``rgb``."""
    pixels = image.convertToFormat(QImage.Format.Format_RGB32)
    blue_green_red_alpha = QColor(*rgb).rgb().to_bytes(4, "little")  # 0xAARRGGBB in memory
    return bytes(pixels.constBits()).count(blue_green_red_alpha)


def test_the_chart_background_follows_the_system_palette(chart: WeekChart) -> None:
    assert quick_root(chart).property("color") == QApplication.palette().window().color()


def test_the_mark_names_come_from_the_domain(chart: WeekChart) -> None:
    root = quick_root(chart)
    labels = [root.findChild(QBarSet, name) for name in ("phoneSet", "appSet")]
    assert [bar_set.label() if bar_set else None for bar_set in labels] == [
        "Phone check",
        "App switch",
    ]


def quick_root(chart: WeekChart) -> QQuickItem:
    quick = chart.findChild(QQuickWidget)
    assert quick is not None
    root = quick.rootObject()
    assert root is not None
    return root


@pytest.mark.qt_log_ignore(r"WeekChart\.qml:2:13: Cannot assign to non-existent property")
def test_a_qml_file_that_fails_to_load_gives_a_text_fallback(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    fixture_week: WeekStats,
) -> None:
    broken = tmp_path / "WeekChart.qml"
    broken.write_text("import QtQuick\nRectangle { notAProperty: 1 }\n")
    monkeypatch.setattr(week_chart, "qml_source", lambda: broken)

    with caplog.at_level(logging.ERROR, logger=week_chart.__name__):
        chart = WeekChart()
    qtbot.addWidget(chart)
    chart.show_week(fixture_week)

    assert not chart.chart_loaded
    assert "notAProperty" in caplog.text
    text = chart.fallback_text()
    assert text.startswith("Week 48, 2026: 2 sessions, 75 minutes of coaching, 2 phone checks, ")
    assert "Mon 23 Nov: 45 min, 2 phone checks, 1 app switch, score 3.5" in text
    assert "Wed 25 Nov: 30 min, 0 phone checks, 0 app switches, score 4.8" in text
    assert "Tue 24 Nov: 0 min, 0 phone checks, 0 app switches, no score" in text
    with pytest.raises(RuntimeError):
        chart.series_values()


@pytest.mark.qt_log_ignore(r"absent\.qml: No such file or directory")
def test_a_missing_qml_file_gives_a_text_fallback(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(week_chart, "qml_source", lambda: tmp_path / "absent.qml")

    with caplog.at_level(logging.ERROR, logger=week_chart.__name__):
        chart = WeekChart()
    qtbot.addWidget(chart)
    chart.show_week(week_of(WEEK))

    assert not chart.chart_loaded
    assert "absent.qml" in caplog.text
    assert chart.fallback_text().startswith("Week 48, 2026: 0 sessions, 0 minutes of coaching")


@pytest.mark.qt_log_ignore(r"QMetaObject::invokeMethod: No such method .*setWeek")
def test_a_qml_file_without_set_week_falls_back_to_text_when_a_week_is_shown(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture_week: WeekStats
) -> None:
    stale = tmp_path / "WeekChart.qml"
    stale.write_text("import QtQuick\nRectangle {}\n")
    monkeypatch.setattr(week_chart, "qml_source", lambda: stale)
    chart = WeekChart()
    qtbot.addWidget(chart)
    assert chart.chart_loaded

    chart.show_week(fixture_week)

    assert not chart.chart_loaded
    assert "Mon 23 Nov: 45 min" in chart.fallback_text()


def test_nothing_but_the_chart_module_imports_qt_quick_at_module_level() -> None:
    """Qt Quick and Qt Graphs cost start-up time: only week_chart may import them eagerly."""
    heavy = ("PySide6.QtQuick", "PySide6.QtQml", "PySide6.QtGraphs", "focusmate.ui.week_chart")
    package = Path(focusmate.__file__).parent
    offenders = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "week_chart.py":
            continue
        for module in module_level_imports(ast.parse(path.read_text(), filename=str(path))):
            if module.startswith(heavy):
                offenders.append(f"{path.relative_to(package)}: {module}")
    assert offenders == []


def module_level_imports(tree: ast.Module) -> list[str]:
    """Modules imported outside any function or class body (what importing the module runs)."""
    found: list[str] = []
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
            found.append(node.module)
        elif isinstance(node, ast.If | ast.Try | ast.With):
            for field in ("body", "orelse", "finalbody", "handlers"):
                for child in getattr(node, field, []):
                    pending.extend(child.body if isinstance(child, ast.ExceptHandler) else [child])
    return found


def test_hovering_a_day_shows_its_figures(shown_chart: WeekChart) -> None:
    chart = shown_chart
    monday, tuesday, wednesday = (f"{d:%a} {d.day}" for d in WEEK.days[:3])
    assert chart.hover_text(0) == f"{monday} · 45 min · 2 phone, 1 app · presence 3.5"
    assert chart.hover_text(1) == f"{tuesday} · 0 min · 0 phone, 0 app · no reflection"
    assert chart.hover_text(2) == f"{wednesday} · 30 min · 0 phone, 0 app · presence 4.8"
    assert chart.hover_text(9) == ""


def test_the_chart_has_a_name_and_says_its_figures(
    chart: WeekChart, fixture_week: WeekStats
) -> None:
    chart.show_week(fixture_week)
    quick = chart.focus_target()
    assert isinstance(quick, QQuickWidget)
    assert accessible_name(quick) == "Week chart"
    described = quick.accessibleDescription()
    assert described.splitlines() == [
        "Week 48, 2026: 2 sessions, 75 minutes of coaching, 2 phone checks, 1 app switch, "
        "no reflections.",
        "Mon 23 Nov: 45 min, 2 phone checks, 1 app switch, score 3.5",
        "Wed 25 Nov: 30 min, 0 phone checks, 0 app switches, score 4.8",
    ]  # only the days with a session


def test_left_and_right_on_the_focused_chart_show_a_days_figures(
    qtbot: QtBot, chart: WeekChart, fixture_week: WeekStats
) -> None:
    chart.show_week(fixture_week)
    with qtbot.waitActive(chart):
        chart.show()
        chart.activateWindow()
    quick = chart.focus_target()
    quick.setFocus()
    qtbot.waitUntil(lambda: bool(quick_root(chart).hasActiveFocus()))
    assert chart.shown_day_text() == ""  # nothing until a day is picked
    band = quick_root(chart).findChild(QQuickItem, "dayBand")
    assert band is not None and not band.isVisible()
    qtbot.keyClick(quick, Qt.Key.Key_Right)
    assert chart.shown_day_text() == chart.hover_text(0)
    # The picked day is marked across all three panels, in Monday's column.
    assert band.isVisible() and band.width() * 7 < quick.width()  # one day's width
    assert band.x() < band.width()  # the first column: Monday
    qtbot.keyClick(quick, Qt.Key.Key_End)
    assert band.x() > band.width() * 6  # the last: Sunday
    qtbot.keyClick(quick, Qt.Key.Key_Home)
    qtbot.keyClick(quick, Qt.Key.Key_Right)
    qtbot.keyClick(quick, Qt.Key.Key_Right)
    assert chart.shown_day_text() == chart.hover_text(2) and "30 min" in chart.hover_text(2)
    qtbot.keyClick(quick, Qt.Key.Key_End)
    qtbot.keyClick(quick, Qt.Key.Key_Left)
    assert chart.shown_day_text() == chart.hover_text(5)


@pytest.mark.usefixtures("german")
def test_in_german_the_chart_speaks_german(qtbot: QtBot, fixture_week: WeekStats) -> None:
    chart = WeekChart()
    qtbot.addWidget(chart)
    chart.show_week(fixture_week)
    root = quick_root(chart)
    assert chart.categories()[:3] == ["Mo. 23.", "Di. 24.", "Mi. 25."]
    assert chart.hover_text(0) == "Mo. 23. · 45 Min. · 2 Handy, 1 App · Präsenz 3,5"
    assert chart.hover_text(1) == "Di. 24. · 0 Min. · 0 Handy, 0 App · keine Reflexion"
    assert [root.property(name) for name in ("minutesName", "phoneName", "scoreName")] == [
        "Minuten in Gesprächen",
        "Blick aufs Handy",
        "Durchschnittliche Präsenz (1–5)",
    ]
    titles = [root.findChild(QValueAxis, name) for name in ("marksAxis", "scoreAxis")]
    assert [axis.titleText() if axis else None for axis in titles] == ["Vermerke", "Präsenz"]
    quick = chart.focus_target()
    assert accessible_name(quick) == "Wochendiagramm"
    assert quick.accessibleDescription().startswith(
        "Woche 48, 2026: 2 Gespräche, 75 Minuten Coaching, 2 Blicke aufs Handy, 1 App-Wechsel"
    )


def test_three_panels_one_above_the_other_share_the_day_axis(shown_chart: WeekChart) -> None:
    chart = shown_chart
    root = quick_root(chart)
    graphs = [root.findChild(QQuickItem, name) for name in PANELS]
    assert all(graph is not None for graph in graphs)
    areas = [graph.property("plotArea") for graph in graphs if graph is not None]
    tops = [
        graph.mapToScene(QPointF(0, 0)).y() for graph in graphs if graph is not None
    ]  # minutes above marks above presence
    assert tops == sorted(tops) and len(set(tops)) == 3
    # The same plot width at the same x: a day's column is at one place in every panel.
    assert {(area.x(), area.width()) for area in areas} == {(areas[0].x(), areas[0].width())}
    assert areas[0].width() > 600
    # The days are named once, under the last panel.
    days = [item.property("text") for item in items_named(root, "dayLabel")]
    assert sorted(days) == sorted(chart.categories())


def items_named(top: QQuickItem, name: str) -> list[QQuickItem]:
    """The visual descendants of ``top`` (in drawing order) with ``name`` as objectName ("":
    all). A Repeater's items are visual children only, which findChildren does not see."""
    found: list[QQuickItem] = []
    pending = list(reversed(top.childItems()))
    while pending:
        item = pending.pop()
        if not name or item.objectName() == name:
            found.append(item)
        pending.extend(reversed(item.childItems()))
    return found


def test_every_number_on_the_chart_has_one_format(qtbot: QtBot, shown_chart: WeekChart) -> None:
    root = quick_root(shown_chart)

    def shown(name: str) -> list[str]:
        return sorted(str(item.property("text")) for item in items_named(root, name))

    # The presence points: one decimal always (3.5 and 4.75 shown as 3.5 and 4.8).
    qtbot.waitUntil(lambda: len(shown("scoreLabel")) == 2)
    assert shown("scoreLabel") == ["3.5", "4.8"]
    # The axes: whole numbers (minutes 0-60, marks 0-4, presence 1-5), one axis per panel.
    ticks = shown("tickLabel")
    assert sorted(ticks, key=int) == sorted(
        ["0", "15", "30", "45", "60", "0", "1", "2", "3", "4", "1", "2", "3", "4", "5"], key=int
    )


def test_only_the_marks_panel_has_a_legend(chart: WeekChart) -> None:
    legend = quick_root(chart).findChild(QQuickItem, "legend")
    assert legend is not None
    names = [
        str(item.property("text")) for item in items_named(legend, "") if item.property("text")
    ]
    assert names == ["Marks", "Phone check", "App switch"]


def test_a_dark_palette_gives_a_dark_chart_with_light_text(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    dark = QPalette(QColor("#202020"))  # what a dark desktop theme hands Qt
    app.setPalette(dark)
    try:
        chart = WeekChart()
        qtbot.addWidget(chart)
        root = quick_root(chart)
        title = root.findChild(QQuickItem, "minutesTitle")
        assert title is not None
        assert root.property("color") == dark.window().color()
        assert title.property("color") == dark.windowText().color()
        assert dark.windowText().color().lightness() > 200
    finally:
        app.setPalette(light)


def test_the_png_export_is_the_chart_on_screen(
    qtbot: QtBot, shown_chart: WeekChart, fixture_week: WeekStats, tmp_path: Path
) -> None:
    qtbot.waitUntil(lambda: count_colour(shown_chart.grab().toImage(), MINUTES_COLOUR) > 2000)
    on_screen = shown_chart.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    target = tmp_path / "week.png"

    render_week_png(fixture_week, target, (on_screen.width(), on_screen.height()))

    exported = QImage(str(target)).convertToFormat(QImage.Format.Format_RGB32)
    assert exported.size() == on_screen.size()
    assert exported == on_screen  # pixel for pixel: the same QML, the same week
