"""Quiets two Qt warnings that say nothing is wrong, before they reach a user's terminal.

Seen on real desktop shells (issue 17), and the kind of line a user pastes into a bug report:

- ``qt.qpa.services: Failed to register with host portal``: Qt registers the app with
  xdg-desktop-portal's host registry where one may run; where none runs there is nothing to
  register with, and focusmate needs no portal for anything Qt does.
- ``qt.qpa.wayland.textinput: ... QWaylandTextInputv3::disableSurface ...``, repeated on sway
  each time a window loses the focus: Qt's input-method bookkeeping, harmless.

Only the warnings of those two categories are turned off, through Qt's own filter rules
(no Python runs per message). ``QT_LOGGING_RULES`` and ``QT_LOGGING_CONF`` take precedence
over these rules, so ``QT_LOGGING_RULES="qt.qpa.services.warning=true"`` brings them back
when debugging.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QLoggingCategory

#: The categories whose warnings are noise on a user's desktop (see the module's docstring).
QUIET_CATEGORIES: Final = ("qt.qpa.services", "qt.qpa.wayland.textinput")


def quiet_qt_noise() -> None:
    """Turn those warnings off; call before the QApplication is made (it warns at start-up)."""
    QLoggingCategory.setFilterRules("\n".join(f"{name}.warning=false" for name in QUIET_CATEGORIES))
