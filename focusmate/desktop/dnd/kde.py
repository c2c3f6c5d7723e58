"""KDE Plasma: ``Inhibit``/``UnInhibit`` on ``org.freedesktop.Notifications`` (capability
``inhibitions``), and its ``Inhibited`` property.

An inhibition belongs to the D-Bus connection that asked for it: Plasma drops it when that
connection's name vanishes.  So this backend keeps its own connection open while engaged, and a
killed focusmate is undone by Plasma itself (the guard finds nothing to do: a fresh backend holds
no inhibition, so its restore() is a no-op).  If notifications were already inhibited (the user's
Do not disturb, or another app), restoring only withdraws our own inhibition and they stay so.
Plasma's own time-limited Do not disturb (a setting, not an inhibition) is not visible in
``Inhibited``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any

from focusmate.core.dnd import DndUnavailable, PreviousState
from focusmate.core.text import translate
from focusmate.desktop.dnd import bus

APP_ID = "focusmate"


class KdeDnd:
    """Inhibit Plasma's notifications for as long as this object holds its connection."""

    name = "kde"
    label = "KDE Plasma"
    can_engage = True

    @property
    def guidance(self) -> str:
        return translate(
            "DoNotDisturb",
            "Turn on Do not disturb in Plasma's Notifications applet.",
        )

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self._env = env
        self._connection: Any = None
        self._cookie: int | None = None

    def is_on(self) -> bool:
        if self._connection is not None:
            inhibited = self._inhibited(self._connection)
            if not inhibited:
                self._release()  # the user cleared every inhibition, ours included
            return inhibited
        with bus.session_bus(self._env) as connection:
            return self._inhibited(connection)

    def capture(self) -> PreviousState:
        return {"on": self.is_on()}

    def engage(self) -> None:
        if self._connection is not None:
            return
        connection = bus.open_session_bus(self._env)
        try:
            # Plasma shows the reason in its Notifications applet.
            reason = translate("DoNotDisturb", "Coaching session in progress")
            reply = bus.call(
                connection, bus.NOTIFICATIONS, "Inhibit", "ssa{sv}", (APP_ID, reason, {})
            )
            cookie = bus.single(reply, "Inhibit")
            if not isinstance(cookie, int):
                raise DndUnavailable(f"unexpected Inhibit cookie {cookie!r}")
        except DndUnavailable:
            connection.close()
            raise
        self._connection, self._cookie = connection, cookie

    def restore(self, previous: PreviousState) -> None:
        """Withdraw our inhibition (others, and so an earlier "on", are left alone)."""
        if self._connection is None:
            return
        # Closing the connection releases the inhibition anyway, so a failed UnInhibit (Plasma
        # restarting, a timeout) is not a failure to restore.
        with contextlib.suppress(DndUnavailable):
            bus.call(self._connection, bus.NOTIFICATIONS, "UnInhibit", "u", (self._cookie,))
        self._release()

    def _release(self) -> None:
        connection, self._connection, self._cookie = self._connection, None, None
        if connection is not None:
            connection.close()

    @staticmethod
    def _inhibited(connection: Any) -> bool:
        value = bus.get_property(connection, bus.NOTIFICATIONS, "Inhibited")
        return bus.expect_bool(value, "the Inhibited property")
