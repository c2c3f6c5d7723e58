"""dunst: the ``paused`` property of ``org.dunstproject.cmd0`` (what ``dunstctl set-paused`` sets).

While paused, dunst holds new notifications (and those on screen) as "waiting" and shows them
when unpaused, so nothing sent during a session is lost.  The pause lives in the daemon's
memory: a restarted dunst starts unpaused.
"""

from __future__ import annotations

from focusmate.core.text import translate
from focusmate.desktop.dnd import bus
from focusmate.desktop.dnd.switch import SwitchBackend

_DUNST = bus.Target(bus.NOTIFICATIONS_NAME, bus.NOTIFICATIONS_PATH, "org.dunstproject.cmd0")


class DunstDnd(SwitchBackend):
    """Pause and resume dunst over D-Bus."""

    name = "dunst"
    label = "dunst"

    @property
    def guidance(self) -> str:
        return translate(
            "DoNotDisturb",
            "Pause dunst by hand with `dunstctl set-paused true` (and `false` afterwards).",
        )

    def _read(self) -> bool:
        with bus.session_bus(self._env) as connection:
            value = bus.get_property(connection, _DUNST, "paused")
        return bus.expect_bool(value, "dunst's paused property")

    def _write(self, on: bool) -> None:
        with bus.session_bus(self._env) as connection:
            bus.set_property(connection, _DUNST, "paused", "b", on)
