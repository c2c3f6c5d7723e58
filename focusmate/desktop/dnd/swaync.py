"""SwayNotificationCenter: ``GetDnd()`` / ``SetDnd(b)`` on ``org.erikreider.swaync.cc``.

The same switch as ``swaync-client --dnd-on/--dnd-off/--get-dnd``; swaync keeps it across
restarts, so a crash must be undone (the session's journal and guard do that).
"""

from __future__ import annotations

from focusmate.core.text import translate
from focusmate.desktop.dnd import bus
from focusmate.desktop.dnd.switch import SwitchBackend

_CONTROL_CENTER = bus.Target(
    "org.erikreider.swaync.cc", "/org/erikreider/swaync/cc", "org.erikreider.swaync.cc"
)


class SwayncDnd(SwitchBackend):
    """Turn swaync's do-not-disturb on and off over D-Bus."""

    name = "swaync"
    label = "SwayNotificationCenter"

    @property
    def guidance(self) -> str:
        return translate(
            "DoNotDisturb",
            "Turn on Do Not Disturb in swaync's control center (or `swaync-client -dn`).",
        )

    def _read(self) -> bool:
        with bus.session_bus(self._env) as connection:
            reply = bus.call(connection, _CONTROL_CENTER, "GetDnd")
        return bus.expect_bool(bus.single(reply, "GetDnd"), "swaync's GetDnd reply")

    def _write(self, on: bool) -> None:
        with bus.session_bus(self._env) as connection:
            bus.call(connection, _CONTROL_CENTER, "SetDnd", "b", (on,))
