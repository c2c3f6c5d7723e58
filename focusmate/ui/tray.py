"""The system-tray icon: idle / in session / overtime at a glance, and the app's menu.

Left click is the primary action (start when idle, the session window while running);
right click opens the menu. Nothing here ever pops up by itself.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from focusmate.core.describe import status_line
from focusmate.core.text import translate
from focusmate.services.controller import SessionController
from focusmate.ui.actions import AppActions
from focusmate.ui.icons import TrayState, tray_icon

FLASH_MS = 1200


def tray_state(controller: SessionController) -> TrayState:
    timing = controller.timing()
    if timing is None:
        return TrayState.IDLE
    return TrayState.OVERTIME if timing.overtime else TrayState.SESSION


def populate_menu(menu: QMenu, actions: AppActions) -> None:
    """Fill an empty menu once; visibility then follows the actions' own state."""
    for action in actions.menu_layout():
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)


def sync_group(menu: QMenu, shown: list[QAction], wanted: list[QAction], before: QAction) -> None:
    """Swap a dynamic group of menu items (``shown``) for ``wanted``, placed before ``before``.

    The menu is never cleared: QMenu.clear() deletes the separators it owns under PySide's
    feet, which crashed the interpreter at exit (seen here, 2 runs in 3).
    """
    for action in shown:
        menu.removeAction(action)
    menu.insertActions(before, wanted)


def sync_reflections(menu: QMenu, actions: AppActions, shown: list[QAction]) -> list[QAction]:
    """Swap the menu's 'Reflect on …' items for the current ones; return what is shown now."""
    sync_group(menu, shown, actions.reflections, actions.review)
    return list(actions.reflections)


class Tray(QObject):
    """Owns the QSystemTrayIcon and keeps icon, tooltip and menu current."""

    def __init__(
        self,
        controller: SessionController,
        actions: AppActions,
        icon: QSystemTrayIcon | None = None,
    ) -> None:
        """``icon``: one already shown (app.py shows it before the rest is built), taken over."""
        super().__init__(actions)
        self._controller = controller
        self._actions = actions
        self._menu = QMenu()
        self._menu.setAccessibleName(translate("Tray", "focusmate menu"))  # no title to read
        self.icon = icon if icon is not None else QSystemTrayIcon(self)
        self.icon.setParent(self)
        self.icon.setContextMenu(self._menu)
        self.icon.activated.connect(self._on_activated)
        self._state: TrayState | None = None
        populate_menu(self._menu, actions)
        self._reflections = list(actions.reflections)
        self._custom = list(actions.log_custom)
        actions.changed.connect(self._on_actions_changed)
        controller.ticked.connect(self._refresh)
        controller.marked.connect(self._on_marked)
        # Light/dark switched (a scheme where the platform reports one, else the palette):
        # redraw the icon in the new ink.
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.paletteChanged.connect(self._on_scheme_changed)
        self._flash = QTimer(self)
        self._flash.setSingleShot(True)
        self._flash.setInterval(FLASH_MS)
        self._flash.timeout.connect(self._refresh)
        self._refresh()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def _on_actions_changed(self) -> None:
        self._refresh_tooltip()  # the calendar's "Next:" may have moved on
        self._reflections = sync_reflections(self._menu, self._actions, self._reflections)
        if self._custom != self._actions.log_custom:  # the user's kinds changed in settings
            sync_group(self._menu, self._custom, self._actions.log_custom, self._actions.end)
            self._custom = list(self._actions.log_custom)
        self._refresh()

    def _on_scheme_changed(self) -> None:
        self._state = None  # forces the icon to be set again, in the new scheme's ink
        self._refresh()

    def _on_marked(self) -> None:
        """The only feedback for a mark: a tick on the icon for a moment. No sound, no window."""
        self._state = TrayState.MARKED
        self.icon.setIcon(tray_icon(TrayState.MARKED))
        self._flash.start()
        self._refresh_tooltip()

    def _refresh(self) -> None:
        if self._flash.isActive():
            self._refresh_tooltip()
            return
        state = tray_state(self._controller)
        if state is not self._state:  # re-setting an identical icon still repaints the tray
            self._state = state
            self.icon.setIcon(tray_icon(state))
        self._refresh_tooltip()

    def _refresh_tooltip(self) -> None:
        controller = self._controller
        tooltip = "focusmate\n" + status_line(
            controller.current, controller.timing(), controller.kinds
        )
        if controller.current is not None:
            tooltip += "\n" + controller.dnd_status().detail
        next_line = self._actions.next_meeting_line()
        if next_line is not None:
            tooltip += "\n" + next_line
        if tooltip != self.icon.toolTip():
            self.icon.setToolTip(tooltip)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is not QSystemTrayIcon.ActivationReason.Trigger:
            return
        if self._controller.current is None:
            self._actions.start.trigger()
        else:
            self._actions.show_session.trigger()
