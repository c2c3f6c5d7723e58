"""The no-tray control window shows every line of its wrapped status line, in any language.

Seen on GNOME without a tray: "Coaching Sam: 29:57 left; 0 phone checks, 0 app switches"
wrapped and its second line was hidden behind the buttons (a window's minimum size knows
nothing of a wrapped label's height). Judged from the geometry: the label is as tall as its
text needs at its width, and ends above the first button.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from focusmate.services.controller import SessionController
from focusmate.ui.actions import AppActions
from focusmate.ui.control_window import ControlWindow

LONG_NAME = "Maximiliane-Alexandra von Hohenzollern-Sigmaringen"


def status_fits(window: ControlWindow) -> bool:
    """Every line of the status shows, and no button covers any of it."""
    label = window.status_label
    shown = [b.geometry().top() for b in window.buttons.values() if b.isVisible()]
    return (
        bool(shown)  # the buttons of the new state are shown once the event loop runs
        and label.height() >= label.heightForWidth(label.width())
        and label.geometry().bottom() < min(shown)
    )


def status_lines(window: ControlWindow) -> int:
    label = window.status_label
    return label.heightForWidth(label.width()) // label.fontMetrics().lineSpacing()


def control_window(qtbot: QtBot, controller: SessionController) -> ControlWindow:
    """Made after the language is chosen: the actions take their words when made."""
    window = ControlWindow(controller, AppActions(controller))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("name", ["Sam", LONG_NAME])
def test_every_line_of_the_status_shows(
    qtbot: QtBot,
    controller: SessionController,
    request: pytest.FixtureRequest,
    language: str,
    name: str,
) -> None:
    if language == "de":
        request.getfixturevalue("german")
    window = control_window(qtbot, controller)
    controller.start(name, 30)  # the status grows from "Idle: …" to the running session's
    qtbot.waitUntil(lambda: status_fits(window), timeout=2000)
    assert name in window.status_label.text()
    assert status_lines(window) >= 2  # it did wrap: the case that hid a line before
    print(f"\n{language} {len(name)}-letter name: {status_lines(window)} lines")


def test_it_still_fits_after_the_window_is_made_narrow_again(
    qtbot: QtBot, controller: SessionController
) -> None:
    window = control_window(qtbot, controller)
    controller.start(LONG_NAME, 30)
    window.resize(900, window.height())
    qtbot.waitUntil(lambda: window.width() == 900 and status_fits(window), timeout=2000)
    wide = status_lines(window)
    window.resize(window.minimumWidth(), window.height())
    qtbot.waitUntil(lambda: window.width() < 900 and status_fits(window), timeout=2000)
    assert status_lines(window) > wide
