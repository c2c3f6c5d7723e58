"""Which do-not-disturb backend fits this desktop: a pure decision, tested without a desktop.

The running notification server decides first (it is what actually shows notifications: dunst
on an Xfce session is silenced through dunst), then ``XDG_CURRENT_DESKTOP``, then the platform.
Server names are those the servers return from ``GetServerInformation`` (name, vendor):
Plasma/KDE, gnome-shell/GNOME, cinnamon/GNOME, "Xfce Notify Daemon"/Xfce, "Notification
Daemon"/MATE, dunst/knopwob, mako/emersion, SwayNotificationCenter/ErikReider.
"""

from __future__ import annotations

#: (lower-case server name, lower-case vendor or "" for any) -> backend name.
_SERVERS: dict[tuple[str, str], str] = {
    ("plasma", ""): "kde",
    ("gnome-shell", ""): "gnome",
    ("gnome shell", ""): "gnome",
    ("cinnamon", ""): "cinnamon",
    ("xfce notify daemon", ""): "xfce",
    ("xfce4-notifyd", ""): "xfce",
    ("notification daemon", "mate"): "mate",
    ("mate-notification-daemon", ""): "mate",
    ("dunst", ""): "dunst",
    ("mako", ""): "mako",
    ("swaynotificationcenter", ""): "swaync",
    ("swaync", ""): "swaync",
}

#: XDG_CURRENT_DESKTOP entries (lower case) -> backend name, used when the server is unknown.
_DESKTOPS: dict[str, str] = {
    "kde": "kde",
    "plasma": "kde",
    "gnome": "gnome",
    "gnome-classic": "gnome",
    "ubuntu": "gnome",
    "x-cinnamon": "cinnamon",
    "cinnamon": "cinnamon",
    "xfce": "xfce",
    "mate": "mate",
}


def backend_for_server(name: str, vendor: str, capabilities: frozenset[str]) -> str | None:
    """The backend for a notification server, or None when it is not one we know.

    A server we do not know by name but that offers the ``inhibitions`` capability speaks
    the same Inhibit API as Plasma.
    """
    key = name.strip().lower()
    found = _SERVERS.get((key, vendor.strip().lower())) or _SERVERS.get((key, ""))
    if found is None and "inhibitions" in capabilities:
        return "kde"
    return found


def backend_for_desktop(xdg_current_desktop: str) -> str | None:
    """The backend for the first desktop named in ``XDG_CURRENT_DESKTOP`` that we know."""
    for entry in xdg_current_desktop.split(":"):
        found = _DESKTOPS.get(entry.strip().lower())
        if found is not None:
            return found
    return None


def choose_backend_name(
    *,
    platform: str,
    server_backend: str | None,
    xdg_current_desktop: str,
) -> str:
    """The backend name for this platform, running server (already mapped) and desktop."""
    if platform == "win32":
        return "windows"
    if platform == "darwin":
        return "macos"
    return server_backend or backend_for_desktop(xdg_current_desktop) or "none"
