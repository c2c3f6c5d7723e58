"""app._FirstPaint: the rest of the app is built once, after the icon's first paint, watching the
icon's own windows (never the whole application: see its docstring)."""

from __future__ import annotations

from PySide6.QtGui import QPaintEvent, QRasterWindow
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from focusmate.app import PAINT_WAIT_MS, _FirstPaint


def test_a_paint_of_the_watched_window_builds_the_rest_once(
    qapp: QApplication, qtbot: QtBot
) -> None:
    window = QRasterWindow()
    built: list[str] = []
    _FirstPaint(qapp, [window], lambda: built.append("built"))
    QApplication.sendEvent(window, QPaintEvent(window.geometry()))
    qtbot.waitUntil(lambda: built == ["built"], timeout=PAINT_WAIT_MS // 2)  # not the fallback
    QApplication.sendEvent(window, QPaintEvent(window.geometry()))
    qtbot.wait(PAINT_WAIT_MS + 50)  # the fallback fires too: nothing more
    assert built == ["built"]


def test_without_a_paint_the_fallback_builds_it_even_if_the_window_went_away(
    qapp: QApplication, qtbot: QtBot
) -> None:
    """Qt makes the icon's window anew if the tray restarts: the one watched may be gone."""
    window = QRasterWindow()
    built: list[str] = []
    _FirstPaint(qapp, [window], lambda: built.append("built"))
    window.deleteLater()
    qtbot.waitUntil(lambda: built == ["built"], timeout=PAINT_WAIT_MS * 4)


def test_with_no_window_to_watch_the_fallback_builds_it(qapp: QApplication, qtbot: QtBot) -> None:
    """Where a StatusNotifierItem host draws the icon, the app has no window of its own."""
    built: list[str] = []
    _FirstPaint(qapp, [], lambda: built.append("built"))
    assert built == []
    qtbot.waitUntil(lambda: built == ["built"], timeout=PAINT_WAIT_MS * 4)
