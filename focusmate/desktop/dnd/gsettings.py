"""One GSettings boolean key as a do-not-disturb switch (GNOME, MATE and Cinnamon share this).

Read and written with ``gsettings``; a key the user never set has no *user value* (it follows
the schema default), and restoring must leave it that way: ``gsettings reset``, not ``set``.
``gsettings`` cannot tell the two apart, so the user value is read from dconf (``dconf read``
prints nothing for an unset key) — dconf is the GSettings backend on these desktops.  Without
the ``dconf`` tool the effective value is restored with ``set`` (the state is the same; only
"follows the default" is lost).  Settings are stored, so they outlive a crash: the session's
journal and guard undo them.
"""

from __future__ import annotations

from typing import ClassVar

from focusmate.core.dnd import DndUnavailable, PreviousState
from focusmate.desktop.dnd.commands import run_tool
from focusmate.desktop.dnd.switch import SwitchBackend, previous_flag

_BOOLEANS = {"true": True, "false": False}


class GSettingsKeyDnd(SwitchBackend):
    """A boolean GSettings key whose value ``silenced_value`` means notifications are silenced."""

    schema: ClassVar[str]
    key: ClassVar[str]
    #: The key's full dconf path (the schema's path + the key), for reading the user value.
    dconf_path: ClassVar[str]
    silenced_value: ClassVar[bool]

    def _gsettings(self, *args: str) -> str:
        return run_tool(["gsettings", *args], self._env).strip()

    def _value(self) -> bool:
        text = self._gsettings("get", self.schema, self.key)
        if text not in _BOOLEANS:
            raise DndUnavailable(f"{self.schema} {self.key} is not a boolean: {text!r}")
        return _BOOLEANS[text]

    def _user_value(self) -> tuple[bool, bool | None]:
        """(whether the user value could be read, the user value or None when unset)."""
        try:
            text = run_tool(["dconf", "read", self.dconf_path], self._env).strip()
        except DndUnavailable:
            return False, None
        if not text:
            return True, None
        if text not in _BOOLEANS:
            raise DndUnavailable(f"dconf {self.dconf_path} is not a boolean: {text!r}")
        return True, _BOOLEANS[text]

    def _read(self) -> bool:
        return self._value() == self.silenced_value

    def _write(self, on: bool) -> None:
        value = self.silenced_value if on else not self.silenced_value
        self._gsettings("set", self.schema, self.key, "true" if value else "false")

    def capture(self) -> PreviousState:
        value = self._value()
        known, user_value = self._user_value()
        return {
            "on": value == self.silenced_value,
            "value": value,
            "user_value_known": known,
            "user_value": user_value,
        }

    def restore(self, previous: PreviousState) -> None:
        value = previous_flag(previous, "value")
        if previous_flag(previous, "user_value_known") and previous.get("user_value") is None:
            self._gsettings("reset", self.schema, self.key)
        else:
            self._gsettings("set", self.schema, self.key, "true" if value else "false")
