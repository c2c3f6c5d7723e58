"""Error messages stay readable in light and dark themes, and say what they are."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from focusmate.ui.error_label import ErrorLabel
from focusmate.ui.i18n import InstalledLanguage
from tests.ui.test_icons import contrast


@pytest.mark.parametrize("window", ["#f5f5f5", "#ffffff", "#2b2b2b", "#121212"])
def test_the_message_contrasts_with_the_window_it_is_in(qtbot: QtBot, window: str) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.setPalette(QPalette(QColor(window)))
    label = ErrorLabel(parent)
    label.setText("could not save the settings: disk full")
    parent.show()
    label.show()
    colour = label.palette().color(QPalette.ColorRole.WindowText)
    assert colour.red() > colour.green()  # still a red
    assert contrast(colour, QColor(window)) >= 4.5


def test_a_fixed_dark_red_would_fail_on_a_dark_window() -> None:
    assert contrast(QColor("#b3261e"), QColor("#2b2b2b")) < 4.5


def test_hidden_until_used_and_described_as_an_error(
    qtbot: QtBot, qapp: QApplication, german: InstalledLanguage
) -> None:
    label = ErrorLabel()
    qtbot.addWidget(label)
    assert label.isHidden() and label.wordWrap()
    assert label.accessibleDescription() == "Fehler"
    assert label.accessibleName() == ""  # the message itself is what a reader says


def test_the_red_follows_a_theme_change(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.setPalette(QPalette(QColor("#ffffff")))
    label = ErrorLabel(parent)
    parent.show()
    label.show()
    on_light = label.palette().color(QPalette.ColorRole.WindowText)
    label.hide()
    parent.setPalette(QPalette(QColor("#202020")))  # the desktop switched to dark
    label.show()
    on_dark = label.palette().color(QPalette.ColorRole.WindowText)
    assert contrast(on_dark, QColor("#202020")) >= 4.5 and on_light != on_dark
