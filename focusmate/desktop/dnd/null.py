"""The backend for a desktop where no do-not-disturb mechanism was found: it only explains."""

from __future__ import annotations

from collections.abc import Mapping

from focusmate.core.dnd import DndUnavailable, PreviousState
from focusmate.core.text import translate


class NullDnd:
    """Nothing to silence with; engage() says what the user can do instead."""

    name = "none"
    can_engage = False

    @property
    def label(self) -> str:
        return translate("DoNotDisturb", "no notification server")

    @property
    def guidance(self) -> str:
        return translate(
            "DoNotDisturb",
            "No supported notification server was found (KDE Plasma, GNOME, Xfce, MATE, "
            "Cinnamon, dunst, mako or swaync); silence notifications by hand, or pick one in "
            "focusmate's settings.",
        )

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        del env  # nothing to reach

    def is_on(self) -> bool:
        return False

    def capture(self) -> PreviousState:
        return {}

    def engage(self) -> None:
        raise DndUnavailable("no notification server to silence")

    def restore(self, previous: PreviousState) -> None:
        """Nothing was changed, so nothing to put back."""
