"""A small window with the tray's actions, for desktops that have no system tray.

Offscreen, GNOME without the AppIndicator extension and Wayland without a
StatusNotifierItem host have no tray: this window makes sure the app is never invisible.

By keyboard: Tab goes down the buttons in the menu's order, and each keeps the menu
entry's mnemonic (Alt+S starts a session, Alt+Q quits, ...); the status line is read by its
text. The status line wraps, and the window is always tall enough for all of its lines.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from focusmate.core.text import translate
from focusmate.services.controller import SessionController
from focusmate.ui.actions import AppActions
from focusmate.ui.icons import app_icon


class ControlWindow(QWidget):
    """Mirrors the tray menu as buttons; closing it quits, like the tray's Quit."""

    def __init__(self, controller: SessionController, actions: AppActions) -> None:
        super().__init__()
        self._controller = controller
        self._actions = actions
        self.setWindowTitle("focusmate")
        self.setWindowIcon(app_icon())
        self.setAccessibleName(translate("ControlWindow", "focusmate controls"))
        self.status_label = QLabel()
        self.status_label.setAccessibleDescription(translate("ControlWindow", "Status"))
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.status_label)
        self.buttons: dict[QAction, QPushButton] = {}
        actions.changed.connect(self._rebuild)
        controller.ticked.connect(self._refresh_status)
        self._rebuild()
        self.setMinimumWidth(280)

    def _rebuild(self) -> None:
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.hide()  # out of the Tab chain now; deleted once the event loop runs
            button.deleteLater()
        self.buttons = {}
        for action in self._actions.menu_layout():
            if action is None or action is self._actions.status or not action.isVisible():
                continue
            # The menu entry's "&" is the button's mnemonic; Qt names the button without it.
            button = QPushButton(action.text(), self)
            button.setAutoDefault(True)  # outside a dialog, Enter presses a button only then
            choices = action.menu()
            if isinstance(choices, QMenu):  # "Next: …": its choices drop down from the button
                button.setMenu(choices)
            else:
                button.clicked.connect(action.trigger)
            self._layout.addWidget(button)
            self.buttons[action] = button
        self._refresh_status()

    def _refresh_status(self) -> None:
        self.status_label.setText(self._actions.status.text())

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        # A new status text or a button shown or hidden: the layout has just been redone.
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit_height()
        return handled

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_height()

    def _fit_height(self) -> None:
        """Keep the window tall enough for every line of the wrapped status at this width.

        Qt gives a window its layout's minimum size, which knows nothing of height-for-width:
        a wrapped label counts as one line. Seen on GNOME without a tray: "Coaching Sam: 29:57
        left; 0 phone checks, 0 app switches" wrapped and its second line hid behind the
        buttons. So the layout is asked how tall it must be at the window's width.
        """
        needed = self._layout.totalHeightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)  # grows the window too, if it is shorter

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        # Closing the only visible part of the app means quitting (which asks during a
        # session); the quit handler decides, so the window stays until it does.
        event.ignore()
        self._actions.quit.trigger()
