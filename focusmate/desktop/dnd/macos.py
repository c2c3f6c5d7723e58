"""macOS: no public API sets a Focus; a user-made Shortcut can (``shortcuts run NAME``).

When the user has made two Shortcuts — one that turns a Focus (e.g. Do Not Disturb) on, one
that turns it off — and told focusmate their names, engage() runs the first and restore() the
second.  macOS offers no way to read the Focus state, so is_on() raises DndUnavailable and a
session assumes Focus was off before (it will be turned off at the end).  The name of the "off"
Shortcut is part of the captured state, so the crash guard can run it without the settings.
Shortcut names are passed as arguments, never through a shell.  A Shortcut can take a few
seconds to start, so this is the one tool given SHORTCUT_TIMEOUT_S instead of the usual 1 s.
"""

from __future__ import annotations

from collections.abc import Mapping

from focusmate.core.dnd import DndUnavailable, PreviousState
from focusmate.core.text import translate
from focusmate.desktop.dnd.commands import run_tool

SHORTCUT_TIMEOUT_S = 3.0
#: Where choose_backend() finds the two Shortcut names (set from focusmate's settings).
ON_SHORTCUT_ENV = "FOCUSMATE_FOCUS_ON_SHORTCUT"
OFF_SHORTCUT_ENV = "FOCUSMATE_FOCUS_OFF_SHORTCUT"


class MacosDnd:
    """Turn a Focus on and off with two user-made Shortcuts."""

    name = "macos"
    label = "macOS"

    def __init__(
        self,
        env: Mapping[str, str] | None = None,
        *,
        on_shortcut: str | None = None,
        off_shortcut: str | None = None,
    ) -> None:
        self._env = env
        self._on_shortcut = on_shortcut or None
        self._off_shortcut = off_shortcut or None
        self.can_engage = self._on_shortcut is not None and self._off_shortcut is not None

    @property
    def guidance(self) -> str:
        if self.can_engage:
            return translate(
                "DoNotDisturb",
                "Check that the Shortcuts '{on}' and '{off}' turn your Focus on and off, or "
                "turn on Do Not Disturb in Control Center.",
            ).format(on=self._on_shortcut, off=self._off_shortcut)
        return translate(
            "DoNotDisturb",
            "macOS does not let apps turn on a Focus: turn on Do Not Disturb in Control "
            "Center, or make two Shortcuts (Set Focus on / off) and enter their names in "
            "focusmate's settings.",
        )

    def is_on(self) -> bool:
        raise DndUnavailable("macOS offers no way to read the Focus state")

    def capture(self) -> PreviousState:
        return {"off_shortcut": self._off_shortcut}

    def engage(self) -> None:
        if self._on_shortcut is None:
            raise DndUnavailable("no Shortcut is known to turn the Focus on")
        self._run(self._on_shortcut)

    def restore(self, previous: PreviousState) -> None:
        name = previous.get("off_shortcut") or self._off_shortcut
        if not isinstance(name, str):
            raise DndUnavailable("no Shortcut is known to turn the Focus off")
        self._run(name)

    def _run(self, shortcut: str) -> None:
        run_tool(["shortcuts", "run", shortcut], self._env, timeout_s=SHORTCUT_TIMEOUT_S)
