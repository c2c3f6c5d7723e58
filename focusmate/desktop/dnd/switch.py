"""The shape most backends share: one on/off switch that can be read and written.

A subclass says how to read and write its switch (a D-Bus property, a method pair, a mode
list); this base turns that into the DoNotDisturb port.  The previous state is
``{"on": bool}``, and restore writes it back exactly — so a switch that was already on before
stays on.  Backends whose switch can also be *unset* (a settings key without a user value)
extend capture() and restore() to put that back too.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any

from focusmate.core.dnd import DndUnavailable, PreviousState


class SwitchBackend(ABC):
    """A DoNotDisturb backend over one boolean switch ("silenced" = True)."""

    #: The DoNotDisturb attributes; each subclass sets the first two and ``guidance``.
    name: str
    label: str
    can_engage: bool = True

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        """``env`` is the environment to reach the desktop with (default: os.environ)."""
        self._env = env

    @property
    @abstractmethod
    def guidance(self) -> str:
        """What the user can do by hand (translated when read, never at import)."""

    @abstractmethod
    def _read(self) -> bool:
        """Whether the switch is on (notifications silenced)."""

    @abstractmethod
    def _write(self, on: bool) -> None:
        """Turn the switch on or off."""

    def is_on(self) -> bool:
        return self._read()

    def capture(self) -> PreviousState:
        return {"on": self._read()}

    def engage(self) -> None:
        self._write(True)

    def restore(self, previous: PreviousState) -> None:
        self._write(previous_flag(previous, "on"))


def previous_flag(previous: PreviousState, key: str) -> bool:
    """``previous[key]`` as a bool; DndUnavailable when a journal holds something else."""
    value: Any = previous.get(key)
    if not isinstance(value, bool):
        raise DndUnavailable(f"the saved state has no valid {key!r}: {previous!r}")
    return value
