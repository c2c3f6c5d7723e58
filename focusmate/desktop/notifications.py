"""Desktop notifications behind core.ports.Notifier: D-Bus on Linux, plyer elsewhere.

Linux: ``org.freedesktop.Notifications.Notify`` through jeepney, with the explicit signature
``susssasa{sv}i`` (QtDBus cannot send the uint32 ``replaces_id``, PLATFORM-NOTES), an expiry
of EXPIRE_MS and a CALL_TIMEOUT_S timeout on every call. A notification with a click handler
carries the ``default`` action, and a notification's buttons (core.ports.NotificationAction)
follow it in the actions list; the server's ``ActionInvoked`` signal comes back on the same
connection, whose socket a QSocketNotifier watches, so a click reaches the GUI thread without
any polling timer. Elsewhere: plyer's notification facade, wrapped (its macOS backend is
known to break, kivy/plyer #593, #651, #780); plyer cannot report clicks.

Every failure (no session bus, no notification daemon, a timeout, a refused call) is logged
and reported as False: the feature degrades, the app keeps running.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier

from focusmate.core.ports import Notification, Notifier, OnAction, OnClick
from focusmate.core.text import translate
from focusmate.desktop.locations import APP_ID, APP_NAME

log = logging.getLogger(__name__)

EXPIRE_MS = 10_000
CALL_TIMEOUT_S = 2.0
NOTIFY_SIGNATURE = "susssasa{sv}i"
_SERVICE = "org.freedesktop.Notifications"
_PATH = "/org/freedesktop/Notifications"
_DEFAULT_ACTION = "default"


class FreedesktopNotifier(QObject):
    """Implements Notifier with org.freedesktop.Notifications over one jeepney connection.

    The connection is opened on the first send and reopened after any failure.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connection: Any = None
        self._watcher: QSocketNotifier | None = None
        self._signals: deque[Any] = deque()
        self._handlers: dict[int, _Handlers] = {}

    def send(
        self,
        notification: Notification,
        on_click: OnClick | None = None,
        on_action: OnAction | None = None,
    ) -> bool:
        try:
            connection = self._connect()
            reply = connection.send_and_get_reply(
                _notify_message(notification, clickable=on_click is not None),
                timeout=CALL_TIMEOUT_S,
            )
        except Exception as error:  # an adapter never raises into the app
            log.warning("could not show the notification %r: %s", notification.title, error)
            self.close()
            return False
        from jeepney import MessageType  # noqa: PLC0415 - jeepney loads only when used

        if reply.header.message_type is MessageType.error:
            log.warning(
                "the notification daemon refused %r: %s %s",
                notification.title,
                reply.header.fields,
                reply.body,
            )
            return False
        notification_id = int(reply.body[0])
        if on_click is not None or on_action is not None:
            self._handlers[notification_id] = _Handlers(on_click, on_action)
        self._dispatch_signals()
        log.info("notification %r shown (id %d)", notification.key, notification_id)
        return True

    def close(self) -> None:
        """Drop the connection (the next send opens a new one)."""
        if self._watcher is not None:
            self._watcher.setEnabled(False)
            self._watcher.deleteLater()
            self._watcher = None
        if self._connection is not None:
            with contextlib.suppress(OSError):
                self._connection.close()
            self._connection = None
        self._handlers.clear()

    def _connect(self) -> Any:
        if self._connection is not None:
            return self._connection
        from jeepney import MatchRule, MessageType  # noqa: PLC0415
        from jeepney.bus_messages import message_bus  # noqa: PLC0415
        from jeepney.io.blocking import open_dbus_connection  # noqa: PLC0415

        connection = open_dbus_connection(bus="SESSION", auth_timeout=CALL_TIMEOUT_S)
        try:
            rule = MatchRule(type=MessageType.signal, interface=_SERVICE, path=_PATH)
            # Signals that arrive while we wait for a reply land in this queue.
            connection.filter(rule, queue=self._signals)
            connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=CALL_TIMEOUT_S)
        except Exception:
            connection.close()
            raise
        self._connection = connection
        self._watcher = QSocketNotifier(connection.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._watcher.activated.connect(self._on_readable)
        return connection

    def _on_readable(self) -> None:
        """Read whatever the bus sent (without blocking) and act on clicks."""
        connection = self._connection
        if connection is None:
            return
        try:
            while True:
                self._signals.append(connection.receive(timeout=0))
        except TimeoutError:
            pass  # nothing more to read now
        except (OSError, ValueError) as error:  # the bus went away, or sent garbage
            log.warning("lost the notification connection: %s", error)
            self.close()
            return
        self._dispatch_signals()

    def _dispatch_signals(self) -> None:
        while self._signals:
            message = self._signals.popleft()
            member = message.header.fields.get(_member_field())
            body = message.body
            if member == "ActionInvoked" and len(body) == 2:
                handlers = self._handlers.pop(int(body[0]), None)
                if handlers is not None:
                    self._close_notification(int(body[0]))  # its job is done once clicked
                    handlers.invoke(str(body[1]))
            elif member == "NotificationClosed" and body:
                self._handlers.pop(int(body[0]), None)

    def _close_notification(self, notification_id: int) -> None:
        """Ask the server to take a clicked notification away (the reply is not awaited)."""
        from jeepney import DBusAddress, new_method_call  # noqa: PLC0415

        address = DBusAddress(_PATH, bus_name=_SERVICE, interface=_SERVICE)
        try:
            self._connection.send(
                new_method_call(address, "CloseNotification", "u", (notification_id,))
            )
        except OSError as error:
            log.warning("could not close the clicked notification: %s", error)


class _Handlers:
    """What runs when the user clicks a notification or presses one of its buttons."""

    def __init__(self, on_click: OnClick | None, on_action: OnAction | None) -> None:
        self._on_click = on_click
        self._on_action = on_action

    def invoke(self, action: str) -> None:
        if action == _DEFAULT_ACTION:
            if self._on_click is not None:
                self._on_click()
        elif self._on_action is not None:
            self._on_action(action)


def _member_field() -> Any:
    from jeepney import HeaderFields  # noqa: PLC0415

    return HeaderFields.member


def _notify_message(notification: Notification, *, clickable: bool) -> Any:
    from jeepney import DBusAddress, new_method_call  # noqa: PLC0415

    address = DBusAddress(_PATH, bus_name=_SERVICE, interface=_SERVICE)
    # The label some servers show on a button for the click (dunst lists it in its menu).
    actions = [_DEFAULT_ACTION, translate("Notifications", "Open")] if clickable else []
    for action in notification.actions:
        actions += [action.id, action.label]
    hints = {"desktop-entry": ("s", APP_ID)}
    # app_name, replaces_id (u), app_icon, summary, body, actions, hints, expire_timeout (ms)
    body = (APP_NAME, 0, "", notification.title, notification.body, actions, hints, EXPIRE_MS)
    return new_method_call(address, "Notify", NOTIFY_SIGNATURE, body)


class PlyerNotifier:
    """Implements Notifier with plyer (Windows, macOS); clicks are not reported."""

    def __init__(self, notify: Callable[..., object] | None = None) -> None:
        self._notify = notify

    def send(
        self,
        notification: Notification,
        on_click: OnClick | None = None,
        on_action: OnAction | None = None,
    ) -> bool:
        # plyer reports neither clicks nor buttons; the tray menu offers the same choices
        del on_click, on_action
        try:
            notify = self._notify or _plyer_notify()
            notify(
                title=notification.title,
                message=notification.body,
                app_name=APP_NAME,
                timeout=EXPIRE_MS // 1000,
            )
        except Exception as error:  # plyer raises anything, from any backend
            log.warning("could not show the notification %r: %s", notification.title, error)
            return False
        return True


def _plyer_notify() -> Callable[..., object]:
    from plyer import notification  # noqa: PLC0415 - only where it is the backend

    notify: Callable[..., object] = notification.notify
    return notify


def make_notifier(parent: QObject | None = None) -> Notifier:
    """The notifier for this platform (D-Bus on Linux and the BSDs, plyer elsewhere)."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return FreedesktopNotifier(parent)
    return PlyerNotifier()
