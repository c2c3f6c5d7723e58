"""The do-not-disturb port: read, engage and exactly restore a desktop's notification state.

Backends live in focusmate.desktop.dnd, one per mechanism (KDE, GNOME, Xfce, dunst, ...).
The journal-and-guard logic that makes a restore survive a crash lives in
focusmate.desktop.dnd.silencer; the controller only sees DndStatus.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from focusmate.core.errors import FocusmateError

#: A backend's record of the state before engaging: JSON-able, written to the journal
#: before anything is changed, and all that restore() needs.
PreviousState = dict[str, Any]

#: A previous state every backend restores as "notifications on, as by default", for when
#: the real one is lost (a damaged journal). Each backend reads only its own keys: "on" (the
#: switches: dunst, mako, swaync), "exists" False (Xfce: reset the property), "user_value"
#: None with "user_value_known" (gsettings: reset the key); KDE and macOS need none.
NOTIFICATIONS_ON: PreviousState = {
    "on": False,
    "exists": False,
    "value": True,
    "user_value_known": True,
    "user_value": None,
}


class DndUnavailable(FocusmateError):  # noqa: N818
    """The backend cannot read or change the state right now (service gone, timeout)."""


class DoNotDisturb(Protocol):
    """One do-not-disturb mechanism. Methods may raise DndUnavailable, never anything else."""

    #: Stable identifier, as accepted by --dnd-backend (e.g. "dunst", "gnome", "kde").
    name: str
    #: False for backends that can only read and guide (Windows, macOS without a Shortcut).
    can_engage: bool

    @property
    def label(self) -> str:
        """Shown to the user, e.g. "dunst", "GNOME", "KDE Plasma"."""
        ...

    @property
    def guidance(self) -> str:
        """What the user can do by hand when this backend cannot silence (one sentence), in
        the user's language: read when shown, since backends are made before the app loads
        its translations."""
        ...

    def is_on(self) -> bool:
        """Whether notifications are silenced right now."""
        ...

    def capture(self) -> PreviousState:
        """The current state, exactly enough to put it back later."""
        ...

    def engage(self) -> None:
        """Silence notifications."""
        ...

    def restore(self, previous: PreviousState) -> None:
        """Put back exactly the captured state (reset a key that had no user value)."""
        ...


@dataclass(frozen=True, slots=True)
class DndStatus:
    """What the UI and `status --json` say about do-not-disturb.

    ``detail`` is one sentence for a person, in the user's language (the tray, the session
    window and the check-in show it; `status --json` carries the same sentence). Scripts read
    ``backend`` and ``engaged``, which never change with the language.
    """

    backend: str | None
    engaged: bool
    detail: str

    def as_json(self) -> dict[str, Any]:
        return {"backend": self.backend, "engaged": self.engaged, "detail": self.detail}
