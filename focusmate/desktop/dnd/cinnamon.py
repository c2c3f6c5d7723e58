"""Cinnamon: ``org.cinnamon.desktop.notifications display-notifications`` (false = silenced)."""

from __future__ import annotations

from focusmate.core.text import translate
from focusmate.desktop.dnd.gsettings import GSettingsKeyDnd


class CinnamonDnd(GSettingsKeyDnd):
    """Cinnamon's "display notifications" switch."""

    name = "cinnamon"
    label = "Cinnamon"
    schema = "org.cinnamon.desktop.notifications"
    key = "display-notifications"
    dconf_path = "/org/cinnamon/desktop/notifications/display-notifications"
    silenced_value = False

    @property
    def guidance(self) -> str:
        return translate(
            "DoNotDisturb",
            "Turn off 'Display notifications' in Cinnamon's Notifications settings.",
        )
