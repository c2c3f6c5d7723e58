"""MATE (mate-notification-daemon): ``org.mate.NotificationDaemon do-not-disturb`` (true = on)."""

from __future__ import annotations

from focusmate.core.text import translate
from focusmate.desktop.dnd.gsettings import GSettingsKeyDnd


class MateDnd(GSettingsKeyDnd):
    """mate-notification-daemon's do-not-disturb."""

    name = "mate"
    label = "MATE"
    schema = "org.mate.NotificationDaemon"
    key = "do-not-disturb"
    dconf_path = "/org/mate/notification-daemon/do-not-disturb"
    silenced_value = True

    @property
    def guidance(self) -> str:
        return translate(
            "DoNotDisturb",
            "Turn on Do not disturb in MATE's Notification settings "
            "(mate-notification-properties).",
        )
