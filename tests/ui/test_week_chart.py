"""The weekly review chart: its drawn model read back, and the pixels it paints.

Runs offscreen (tests/conftest.py sets QT_QPA_PLATFORM); any Qt warning fails a test
(qt_log_level_fail). The accessors (series_values, axis_ranges, categories) read the model the
paint code draws; the pixel tests grab the widget and look for the series' colours where the
model says they are, so both what is placed and what is painted are checked.
"""

from __future__ import annotations

import ast
import itertools
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import focusmate
from focusmate.core.weekly import DayStats, IsoWeek, WeekStats
from focusmate.ui.chart_png import render_week_png
from focusmate.ui.week_chart import WeekChart
from focusmate.ui.week_chart_layout import DAYS, ChartLayout
from tests.ui.accessibility import accessible_name

WEEK = IsoWeek(2026, 48)  # Monday 23 November 2026
MINUTES_COLOUR = (0x56, 0xB4, 0xE9)  # ui.week_chart_paint.COLOURS
PHONE_COLOUR = (0xD5, 0x5E, 0x00)
APP_COLOUR = (0xE6, 0x9F, 0x00)
SCORE_COLOUR = (0x00, 0x9E, 0x73)
#: Never imported by focusmate (issue 18: once loaded they stay in the tray's memory).
QT_QUICK = ("PySide6.QtQuick", "PySide6.QtQml", "PySide6.QtGraphs", "PySide6.QtQuickWidgets")


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
    """The chart on screen with the fixture week."""
    chart.show_week(fixture_week)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def rgb_image(chart: WeekChart) -> QImage:
    return chart.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def rgb(image: QImage, x: float, y: float) -> tuple[int, int, int]:
    colour = image.pixelColor(int(x), int(y))
    return (colour.red(), colour.green(), colour.blue())


def count_colour(image: QImage, rgb: tuple[int, int, int], area: QRectF | None = None) -> int:
    """How many pixels of ``image`` (within ``area``, if given) have exactly the colour ``rgb``."""
    pixels = image.convertToFormat(QImage.Format.Format_RGB32)
    if area is not None:
        pixels = pixels.copy(area.toAlignedRect())
    blue_green_red_alpha = QColor(*rgb).rgb().to_bytes(4, "little")  # 0xAARRGGBB in memory
    return sum(
        bytes(pixels.constScanLine(y))[: pixels.width() * 4].count(blue_green_red_alpha)
        for y in range(pixels.height())
    )


def column_height(image: QImage, rgb: tuple[int, int, int], x: float, area: QRectF) -> int:
    """How many pixels of colour ``rgb`` pixel column ``x`` has within ``area``."""
    rows = range(int(area.top()), int(area.bottom()) + 1)
    return sum(1 for y in rows if image.pixelColor(int(x), y).getRgb()[:3] == rgb)


def panel_area(layout: ChartLayout, name: str) -> QRectF:
    """A panel's plot with its top margin (where its bars and points may be drawn)."""
    return layout.panel(name).plot.adjusted(0, -16, 0, 1)


def test_a_week_reads_back_exactly_from_the_drawn_model(
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


def test_the_minutes_axis_takes_whole_hours_beyond_its_steps(chart: WeekChart) -> None:
    monday = WEEK.days[0]
    chart.show_week(week_of(WEEK, mon=day_stats(monday, minutes=1500)))  # 4 x 360 = 1440 < 1500
    assert chart.axis_ranges()["minutes"] == (0, 4 * 420)


def test_the_painted_bars_and_points_are_where_the_model_puts_them(
    shown_chart: WeekChart,
) -> None:
    image = rgb_image(shown_chart)
    layout = shown_chart.drawn()
    assert (image.width(), image.height()) == (800, 420)
    minutes, marks, score = (panel_area(layout, name) for name in ("minutes", "marks", "score"))
    # Each series' colour in its own panel only.
    assert count_colour(image, MINUTES_COLOUR, minutes) == count_colour(image, MINUTES_COLOUR)
    assert count_colour(image, MINUTES_COLOUR) > 1000
    assert count_colour(image, PHONE_COLOUR, marks) > 200
    assert count_colour(image, APP_COLOUR, marks) > 100
    assert count_colour(image, SCORE_COLOUR, score) == count_colour(image, SCORE_COLOUR) > 20
    # Bar heights follow the values: Monday 45 min, Wednesday 30 min, on a 0-60 axis.
    plot = layout.panel("minutes").plot
    monday, tuesday, wednesday = (layout.day_centre(day) for day in range(3))
    high = column_height(image, MINUTES_COLOUR, monday, minutes)
    assert high == pytest.approx(plot.height() * 45 / 60, abs=1)
    assert column_height(image, MINUTES_COLOUR, wednesday, minutes) == pytest.approx(
        plot.height() * 30 / 60, abs=1
    )
    assert column_height(image, MINUTES_COLOUR, tuesday, minutes) == 0
    # Monday's marks stacked: 2 phone checks below 1 app switch, on a 0-4 axis.
    marks_plot = layout.panel("marks").plot
    phone = column_height(image, PHONE_COLOUR, monday, marks)
    app = column_height(image, APP_COLOUR, monday, marks)
    assert phone == pytest.approx(marks_plot.height() * 2 / 4, abs=1)
    assert app == pytest.approx(marks_plot.height() / 4, abs=1)
    lowest_app = max(
        y
        for y in range(int(marks.top()), int(marks.bottom()))
        if rgb(image, monday, y) == APP_COLOUR
    )
    assert rgb(image, monday, lowest_app + 1) == PHONE_COLOUR  # app switches on top
    # The presence points: Wednesday's (4.75) higher up than Monday's (3.5).
    for point in layout.points:
        assert rgb(image, point.centre.x(), point.centre.y()) == SCORE_COLOUR
    assert layout.points[1].centre.y() < layout.points[0].centre.y()


def test_the_rendered_chart_is_not_blank_and_an_empty_week_draws_no_series(
    qtbot: QtBot, chart: WeekChart, fixture_week: WeekStats
) -> None:
    chart.show_week(week_of(WEEK))
    chart.show()
    qtbot.waitExposed(chart)
    empty = rgb_image(chart)
    layout = chart.drawn()
    # Nothing has the minutes or presence colour in an empty week; the marks' two colours
    # show only in the legend, on the marks panel's title line.
    assert count_colour(empty, MINUTES_COLOUR) == 0
    assert count_colour(empty, SCORE_COLOUR) == 0
    legend = QRectF(0, layout.panel("marks").title_y, 800, 20)
    for colour in (PHONE_COLOUR, APP_COLOUR):
        assert count_colour(empty, colour) == count_colour(empty, colour, legend) > 50

    chart.show_week(fixture_week)
    chart.repaint()

    full = rgb_image(chart)
    assert count_colour(full, MINUTES_COLOUR) > 1000
    colours = {full.pixel(x, y) for x in range(0, 800, 2) for y in range(0, 420, 2)}
    assert len(colours) > 20


def test_the_chart_background_follows_the_system_palette(shown_chart: WeekChart) -> None:
    image = rgb_image(shown_chart)
    window = QApplication.palette().window().color()
    assert rgb(image, 3, 3) == (window.red(), window.green(), window.blue())


def test_the_mark_names_come_from_the_domain(chart: WeekChart) -> None:
    from focusmate.ui.week_chart_words import legend_names  # noqa: PLC0415

    assert list(legend_names().values()) == ["Phone check", "App switch"]


def test_nothing_in_focusmate_imports_qt_quick_qml_or_qt_graphs() -> None:
    """Issue 18: Qt Quick, QML and Qt Graphs stay in memory once loaded; no module of
    focusmate may import them, at module level or inside a function."""
    package = Path(focusmate.__file__).parent
    offenders = [
        f"{path.relative_to(package)}: {module}"
        for path in sorted(package.rglob("*.py"))
        for module in imported_modules(ast.parse(path.read_text(), filename=str(path)))
        if module.startswith(QT_QUICK)
    ]
    assert offenders == []


def imported_modules(tree: ast.Module) -> list[str]:
    """Every module an import statement anywhere in ``tree`` names (and its imported names)."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            # importlib.import_module("PySide6.QtQuick") and the like.
            found.append(node.value)
    return found


def test_the_import_check_finds_a_qt_quick_import_inside_a_function() -> None:
    tree = ast.parse("def f():\n    from PySide6.QtQuickWidgets import QQuickWidget\n")
    assert any(module.startswith(QT_QUICK) for module in imported_modules(tree))


def test_showing_and_painting_a_week_loads_no_qt_quick(tmp_path: Path) -> None:
    """What the process loads, not only what the source says: a chart shown and grabbed."""
    script = textwrap.dedent(
        """
        import sys
        from PySide6.QtWidgets import QApplication
        from focusmate.core.weekly import IsoWeek, WeekStats, DayStats
        from focusmate.ui.review_window import ReviewWindow
        from focusmate.ui.week_chart import WeekChart
        app = QApplication([])
        week = IsoWeek(2026, 48)
        days = tuple(DayStats(d, 1, 30.0, {"phone": 1}, 4.0) for d in week.days)
        chart = WeekChart()
        chart.show_week(WeekStats(week=week, days=days, sessions=()))
        chart.resize(600, 400)
        chart.show()
        chart.grab()
        print(sorted(name for name in sys.modules if name.startswith("PySide6.Qt")))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert "PySide6.QtGui" in done.stdout  # the check sees Qt modules at all
    assert not any(name in done.stdout for name in QT_QUICK), done.stdout


def test_hovering_a_day_shows_its_figures(shown_chart: WeekChart) -> None:
    chart = shown_chart
    monday, tuesday, wednesday = (f"{d:%a} {d.day}" for d in WEEK.days[:3])
    assert chart.hover_text(0) == f"{monday} · 45 min · 2 phone, 1 app · presence 3.5"
    assert chart.hover_text(1) == f"{tuesday} · 0 min · 0 phone, 0 app · no reflection"
    assert chart.hover_text(2) == f"{wednesday} · 30 min · 0 phone, 0 app · presence 4.8"
    assert chart.hover_text(9) == ""


def test_the_mouse_over_a_day_shows_the_box_and_marks_its_column(
    qtbot: QtBot, shown_chart: WeekChart
) -> None:
    chart = shown_chart
    layout = chart.drawn()
    plot = layout.panel("score").plot
    probe_y = plot.bottom() - 3  # just above the baseline: no point, no grid line
    before = rgb_image(chart)
    assert chart.shown_day_text() == ""

    qtbot.mouseMove(chart, QPoint(int(layout.day_centre(1)), int(plot.center().y())))

    assert chart.shown_day_text() == chart.hover_text(1)
    after = rgb_image(chart)
    tuesday, friday = layout.day_centre(1), layout.day_centre(4)
    assert rgb(after, tuesday, probe_y) != rgb(before, tuesday, probe_y)  # the band
    assert rgb(after, friday, probe_y) == rgb(before, friday, probe_y)
    # The box: at the top, over the first title, around Tuesday's column.
    box = QRectF(tuesday - 40, 0, 80, 20).toAlignedRect()
    assert after.copy(box) != before.copy(box)

    qtbot.mouseMove(chart, QPoint(2, 2))  # the margin: no day
    assert chart.shown_day_text() == ""
    assert rgb_image(chart) == before


def test_the_chart_has_a_name_and_says_its_figures(
    chart: WeekChart, fixture_week: WeekStats
) -> None:
    chart.show_week(fixture_week)
    target = chart.focus_target()
    assert target is chart
    assert accessible_name(target) == "Week chart"
    described = target.accessibleDescription()
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
    chart.clearFocus()
    unfocused = rgb_image(chart)
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    focused = rgb_image(chart)
    assert rgb(focused, 0, 200) != rgb(unfocused, 0, 200)  # the focus frame
    assert chart.shown_day_text() == ""  # nothing until a day is picked
    layout = chart.drawn()
    probe_y = layout.panel("score").plot.bottom() - 3

    def banded(day: int) -> bool:
        x = layout.day_centre(day)
        return rgb(rgb_image(chart), x, probe_y) != rgb(focused, x, probe_y)

    assert not any(banded(day) for day in range(DAYS))
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.shown_day_text() == chart.hover_text(0)
    # The picked day is marked in its own column only: Monday's.
    assert [banded(day) for day in range(DAYS)] == [True] + [False] * 6
    qtbot.keyClick(chart, Qt.Key.Key_End)
    assert [banded(day) for day in range(DAYS)] == [False] * 6 + [True]  # Sunday
    qtbot.keyClick(chart, Qt.Key.Key_Home)
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.shown_day_text() == chart.hover_text(2) and "30 min" in chart.hover_text(2)
    qtbot.keyClick(chart, Qt.Key.Key_End)
    qtbot.keyClick(chart, Qt.Key.Key_Left)
    assert chart.shown_day_text() == chart.hover_text(5)
    chart.clearFocus()  # leaving the chart forgets the picked day
    assert chart.shown_day_text() == ""


@pytest.mark.usefixtures("german")
def test_in_german_the_chart_speaks_german(qtbot: QtBot, fixture_week: WeekStats) -> None:
    from focusmate.ui.week_chart_words import legend_names, panel_titles  # noqa: PLC0415

    chart = WeekChart()
    qtbot.addWidget(chart)
    chart.show_week(fixture_week)
    assert chart.categories()[:3] == ["Mo. 23.", "Di. 24.", "Mi. 25."]
    assert chart.hover_text(0) == "Mo. 23. · 45 Min. · 2 Handy, 1 App · Präsenz 3,5"
    assert chart.hover_text(1) == "Di. 24. · 0 Min. · 0 Handy, 0 App · keine Reflexion"
    assert list(panel_titles().values()) == [
        "Minuten in Gesprächen",
        "Vermerke",
        "Durchschnittliche Präsenz (1–5)",
    ]
    assert list(legend_names().values()) == ["Blick aufs Handy", "App-Wechsel"]
    assert [point.label for point in chart.drawn().points] == ["3,5", "4,8"]
    assert accessible_name(chart) == "Wochendiagramm"
    assert chart.accessibleDescription().startswith(
        "Woche 48, 2026: 2 Gespräche, 75 Minuten Coaching, 2 Blicke aufs Handy, 1 App-Wechsel"
    )


def test_three_panels_one_above_the_other_share_the_day_axis(shown_chart: WeekChart) -> None:
    layout = shown_chart.drawn()
    plots = [panel.plot for panel in layout.panels]
    assert [panel.name for panel in layout.panels] == ["minutes", "marks", "score"]
    tops = [plot.top() for plot in plots]  # minutes above marks above presence
    assert tops == sorted(tops) and len(set(tops)) == 3
    assert all(upper.bottom() < lower.top() for upper, lower in itertools.pairwise(plots))
    # The same plot width at the same x: a day's column is at one place in every panel.
    assert {(plot.x(), plot.width()) for plot in plots} == {(plots[0].x(), plots[0].width())}
    assert plots[0].width() > 600
    # Painted so too: Monday's minutes bar and its marks bar start at the same pixel column.
    image = rgb_image(shown_chart)
    row_minutes = int(plots[0].bottom() - 2)
    row_marks = int(plots[1].bottom() - 2)
    first = [
        min(x for x in range(800) if rgb(image, x, row) == colour)
        for row, colour in ((row_minutes, MINUTES_COLOUR), (row_marks, PHONE_COLOUR))
    ]
    assert first[0] == first[1]
    # The days are named once, under the last panel.
    assert layout.day_labels_y > plots[-1].bottom()
    assert layout.figures.labels == tuple(shown_chart.categories())


def test_every_number_on_the_chart_has_one_format(shown_chart: WeekChart) -> None:
    layout = shown_chart.drawn()
    # The presence points: one decimal always (3.5 and 4.75 shown as 3.5 and 4.8).
    assert [point.label for point in layout.points] == ["3.5", "4.8"]
    # The axes: whole numbers (minutes 0-60, marks 0-4, presence 1-5), one axis per panel.
    assert [[tick.label for tick in panel.ticks] for panel in layout.panels] == [
        ["0", "15", "30", "45", "60"],
        ["0", "1", "2", "3", "4"],
        ["1", "2", "3", "4", "5"],
    ]
    # Tick labels are painted in the gutter left of each plot, beside their grid line.
    image = rgb_image(shown_chart)
    background = rgb(image, 3, 3)
    for panel in layout.panels:
        for tick in panel.ticks:
            label = QRectF(8, tick.y - 4, panel.plot.x() - 16, 8)
            assert count_colour(image, background, label) < label.width() * 8


def test_a_dark_palette_gives_a_dark_chart_with_light_text(
    qtbot: QtBot, fixture_week: WeekStats
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    dark = QPalette(QColor("#202020"))  # what a dark desktop theme hands Qt
    app.setPalette(dark)
    try:
        chart = WeekChart()
        qtbot.addWidget(chart)
        chart.resize(800, 420)
        chart.show_week(fixture_week)
        image = rgb_image(chart)
    finally:
        app.setPalette(light)
    window = dark.window().color()
    assert rgb(image, 3, 3) == (window.red(), window.green(), window.blue())
    assert window.lightness() < 50
    # The first title's text is light: its brightest pixel, on the dark background.
    title = chart.drawn().panel("minutes")
    brightest = max(
        image.pixelColor(x, y).lightness()
        for x in range(int(title.plot.x()), int(title.plot.x()) + 150)
        for y in range(int(title.title_y), int(title.title_y) + 14)
    )
    assert brightest > 200
    assert count_colour(image, MINUTES_COLOUR) > 1000  # the series keep their colours


def test_the_png_export_is_the_chart_on_screen(
    shown_chart: WeekChart, fixture_week: WeekStats, tmp_path: Path
) -> None:
    shown_chart.clearFocus()  # a picture has no focus frame
    on_screen = rgb_image(shown_chart)
    target = tmp_path / "week.png"

    render_week_png(fixture_week, target, (on_screen.width(), on_screen.height()))

    exported = QImage(str(target)).convertToFormat(QImage.Format.Format_RGB32)
    assert exported.size() == on_screen.size()
    assert count_colour(exported, MINUTES_COLOUR) > 1000
    assert exported == on_screen  # pixel for pixel: the same widget, the same week


def test_a_bigger_font_makes_room_for_taller_titles(shown_chart: WeekChart) -> None:
    before = shown_chart.drawn()
    font = shown_chart.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    shown_chart.setFont(font)

    after = shown_chart.drawn()
    assert after.panels[0].plot.y() > before.panels[0].plot.y()  # below a taller title
    heights = [sum(p.plot.height() for p in layout.panels) for layout in (before, after)]
    assert heights[1] < heights[0]  # the plots share less height
    assert after.day_labels_y < before.day_labels_y  # taller day labels at the bottom
    assert after.values("minutes") == before.values("minutes")
