"""The QApplication both of focusmate's processes make: the tray app (app.py) and the weekly
review's (root/review_main.py): named as the desktop entry, with the app's icon, the user's
language, and Qt's start-up noise quieted."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtWidgets import QApplication

from focusmate import __version__
from focusmate.desktop.locations import APP_ID
from focusmate.desktop.qt_noise import quiet_qt_noise
from focusmate.ui.i18n import install_translations
from focusmate.ui.icons import app_icon

log = logging.getLogger(__name__)


def focusmate_application(*, quit_on_last_window_closed: bool) -> QApplication:
    """The QApplication, named and translated; ``quit_on_last_window_closed`` False for the
    tray app (closing a dialog must not end it), True for the review's process."""
    quiet_qt_noise()  # before the platform plugin loads: it warns while starting
    # focusmate draws nothing with OpenGL (the review's chart is painted with QPainter,
    # ui.week_chart). This was turned off for Qt Graphs, whose one OpenGL probe loaded the GL
    # driver for good (~60 MB on Mesa's llvmpipe, issue 18, tests/benchmarks/bench_loop.py);
    # Qt Graphs is gone, and it stays off so that xcb loads no GL integration and its GL
    # libraries either. The user's own QT_XCB_GL_INTEGRATION wins.
    os.environ.setdefault("QT_XCB_GL_INTEGRATION", "none")
    app = QApplication(sys.argv[:1])
    app.setApplicationName("focusmate")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(quit_on_last_window_closed)
    language = install_translations(app)
    log.debug("user interface language: %s", language.code)
    return app
