"""Xfce (xfce4-notifyd): the boolean ``/do-not-disturb`` in the xfconf channel ``xfce4-notifyd``.

Read and written through xfconfd's own D-Bus API (``org.xfce.Xfconf``: the calls behind
``xfconf-query``), which tells a missing property (= off, the default) from one set to false.
A missing property is put back as missing (``ResetProperty``, like ``xfconf-query -r``).  The
value is stored by xfconfd, so it outlives a crash: the session's journal and guard undo it.
xfconfd is D-Bus-activated when needed (it is a settings store, not a notification server).
"""

from __future__ import annotations

from typing import Any

from focusmate.core.dnd import PreviousState
from focusmate.core.text import translate
from focusmate.desktop.dnd import bus
from focusmate.desktop.dnd.switch import SwitchBackend, previous_flag

_XFCONF = bus.Target("org.xfce.Xfconf", "/org/xfce/Xfconf", "org.xfce.Xfconf")
CHANNEL = "xfce4-notifyd"
PROPERTY = "/do-not-disturb"


class XfceDnd(SwitchBackend):
    """Turn xfce4-notifyd's do-not-disturb on and off through xfconf."""

    name = "xfce"
    label = "Xfce"

    @property
    def guidance(self) -> str:
        return translate(
            "DoNotDisturb",
            "Turn on Do not disturb in Xfce's Notifications settings (xfce4-notifyd-config) "
            "or with the panel's notification plugin.",
        )

    def _call(self, method: str, signature: str, *args: Any) -> Any:
        with bus.session_bus(self._env) as connection:
            reply = bus.call(
                connection, _XFCONF, method, signature, (CHANNEL, PROPERTY, *args), activate=True
            )
        return reply[0] if reply else None

    def _state(self) -> tuple[bool, bool]:
        """(whether the property exists, whether it is on)."""
        exists = bus.expect_bool(self._call("PropertyExists", "ss"), "PropertyExists's reply")
        if not exists:
            return False, False
        value = bus.variant_value(self._call("GetProperty", "ss"), "GetProperty")
        return True, bus.expect_bool(value, f"xfconf {CHANNEL} {PROPERTY}")

    def _read(self) -> bool:
        return self._state()[1]

    def _write(self, on: bool) -> None:
        self._call("SetProperty", "ssv", ("b", on))

    def capture(self) -> PreviousState:
        exists, on = self._state()
        return {"on": on, "exists": exists}

    def restore(self, previous: PreviousState) -> None:
        if previous_flag(previous, "exists"):
            self._write(previous_flag(previous, "on"))
        else:
            self._call("ResetProperty", "ssb", False)
