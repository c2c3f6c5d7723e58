"""GNOME Windows: ``org.gnome.desktop.notifications show-banners`` (false = banners hidden).

This is the switch behind GNOME's "Do Not Disturb" toggle; notifications still reach the
message list, only their banners are held back.
"""

from __future__ import annotations

from focusmate.core.text import translate
from focusmate.desktop.dnd.gsettings import GSettingsKeyDnd


class GnomeDnd(GSettingsKeyDnd):
    """GNOME's Do Not Disturb."""

    name = "gnome"
    label = "GNOME"
    schema = "org.gnome.desktop.notifications"
    key = "show-banners"
    dconf_path = "/org/gnome/desktop/notifications/show-banners"
    silenced_value = False

    @property
    def guidance(self) -> str:
        return translate(
            "DoNotDisturb",
            "Turn on Do Not Disturb in GNOME's notification list (click the clock).",
        )
