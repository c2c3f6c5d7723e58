"""Notifications focusmate itself sends, held while a coaching session runs.

ARCHITECTURE invariant 5: during a session nothing pops up. A notification asked for then (the
morning reminder, say) waits, once per key, and goes out after the session has ended, on the
event loop, so that do-not-disturb is already restored when it arrives. Idle, it goes out at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer

from focusmate.core.ports import Notification, Notifier, OnAction, OnClick
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
        self._held: list[_Held] = []
        controller.session_ended.connect(self._on_session_ended)

    def notify(
        self,
        notification: Notification,
        on_click: OnClick | None = None,
        on_action: OnAction | None = None,
        *,
        still_due: Callable[[], bool] = lambda: True,
    ) -> bool:
        """Show a notification now when idle; while a session runs, hold it (once per key)
        and deliver it after the session ends if ``still_due()`` says it still matters then
        (a reminder of a meeting that has begun does not). True if it went out now."""
        if self._controller.current is not None:
            if all(held.notification.key != notification.key for held in self._held):
                self._held.append(_Held(notification, on_click, on_action, still_due))
            return False
        return self._send(_Held(notification, on_click, on_action, still_due))

    @property
    def held(self) -> list[Notification]:
        """The notifications waiting for the session to end, oldest first."""
        return [held.notification for held in self._held]

    def _on_session_ended(self, _session_id: str) -> None:
        # After the event loop has finished ending the session (do-not-disturb restored).
        QTimer.singleShot(0, self, self._deliver_held)

    def _deliver_held(self) -> None:
        if self._controller.current is not None:  # another session started meanwhile: keep holding
            return
        held, self._held = self._held, []
        for waiting in held:
            if waiting.still_due():
                self._send(waiting)

    def _send(self, held: _Held) -> bool:
        if self._notifier is None:
            return False
        return self._notifier.send(held.notification, held.on_click, held.on_action)


@dataclass(frozen=True, slots=True)
class _Held:
    notification: Notification
    on_click: OnClick | None
    on_action: OnAction | None
    still_due: Callable[[], bool]
