"""Notifications focusmate itself sends, held while a coaching session runs.

ARCHITECTURE invariant 5: during a session nothing pops up. A notification asked for then (the
morning reminder, say) waits, once per key, and goes out after the session has ended, on the
event loop, so that do-not-disturb is already restored when it arrives. Idle, it goes out at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from focusmate.core.ports import Notification, Notifier, OnClick
from focusmate.services.controller import SessionController


class HeldNotifications(QObject):
    """Sends notifications through ``notifier``; holds them while ``controller`` runs a session."""

    def __init__(
        self,
        controller: SessionController,
        notifier: Notifier | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._notifier = notifier
        self._held: list[tuple[Notification, OnClick | None]] = []
        controller.session_ended.connect(self._on_session_ended)

    def notify(self, notification: Notification, on_click: OnClick | None = None) -> bool:
        """Show a notification now when idle; while a session runs, hold it (once per key)
        and deliver it after the session ends. True if it went out now."""
        if self._controller.current is not None:
            if all(held.key != notification.key for held, _ in self._held):
                self._held.append((notification, on_click))
            return False
        return self._send(notification, on_click)

    @property
    def held(self) -> list[Notification]:
        """The notifications waiting for the session to end, oldest first."""
        return [notification for notification, _ in self._held]

    def _on_session_ended(self, _session_id: str) -> None:
        # After the event loop has finished ending the session (do-not-disturb restored).
        QTimer.singleShot(0, self, self._deliver_held)

    def _deliver_held(self) -> None:
        if self._controller.current is not None:  # another session started meanwhile: keep holding
            return
        held, self._held = self._held, []
        for notification, on_click in held:
            self._send(notification, on_click)

    def _send(self, notification: Notification, on_click: OnClick | None) -> bool:
        return self._notifier is not None and self._notifier.send(notification, on_click)
