"""A hand-written fake of core.ports.Notifier that records what was sent and can click it."""

from __future__ import annotations

from focusmate.core.ports import Notification, OnAction, OnClick


class RecordingNotifier:
    """Implements Notifier: every send succeeds (unless ``available`` is False)."""

    def __init__(self, *, available: bool = True) -> None:
        self.available = available
        self.sent: list[Notification] = []
        self._on_click: list[OnClick | None] = []
        self._on_action: list[OnAction | None] = []

    def send(
        self,
        notification: Notification,
        on_click: OnClick | None = None,
        on_action: OnAction | None = None,
    ) -> bool:
        if not self.available:
            return False
        self.sent.append(notification)
        self._on_click.append(on_click)
        self._on_action.append(on_action)
        return True

    def press(self, index: int, action: str) -> None:
        """The user presses the button ``action`` of the ``index``-th notification sent."""
        assert action in {a.id for a in self.sent[index].actions}, action
        callback = self._on_action[index]
        if callback is not None:
            callback(action)

    def click(self, index: int) -> None:
        """The user clicks the ``index``-th notification sent."""
        callback = self._on_click[index]
        if callback is not None:
            callback()
