"""The do-not-disturb backends' names, as `--dnd-backend` takes them.

Apart from core.dnd (the port and its dataclasses) so that building the command line's parser
loads nothing more (ARCHITECTURE invariant 13); focusmate.desktop.dnd checks at import that
its backends are exactly these.
"""

from __future__ import annotations

#: Every name --dnd-backend accepts besides AUTO (one backend each in focusmate.desktop.dnd).
BACKEND_NAMES = (
    "kde",
    "gnome",
    "xfce",
    "mate",
    "cinnamon",
    "dunst",
    "mako",
    "swaync",
    "windows",
    "macos",
    "none",
)
#: Means "detect the backend" when given as the override.
AUTO = "auto"
