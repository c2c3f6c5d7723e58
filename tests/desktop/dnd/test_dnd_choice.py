"""Which backend is chosen: the pure mapping, and detection against the running servers."""

from __future__ import annotations

import pytest

from focusmate.core.errors import InvalidInput
from focusmate.desktop.dnd import BACKEND_NAMES, backend_named, choose_backend
from focusmate.desktop.dnd.detect import (
    backend_for_desktop,
    backend_for_server,
    choose_backend_name,
)
from tests.desktop.dnd.rigs import DunstRig, KdeRig, MateRig, Rig, XfceRig, started
from tests.e2e.desktop import HeadlessDesktop

pytestmark = pytest.mark.timeout(90)

NO_CAPS: frozenset[str] = frozenset()


@pytest.mark.parametrize(
    ("name", "vendor", "expected"),
    [
        ("Plasma", "KDE", "kde"),
        ("gnome-shell", "GNOME", "gnome"),
        ("cinnamon", "GNOME", "cinnamon"),
        ("Xfce Notify Daemon", "Xfce", "xfce"),
        ("Notification Daemon", "MATE", "mate"),
        ("Notification Daemon", "GNOME", None),  # GNOME's standalone notification-daemon
        ("dunst", "knopwob", "dunst"),
        ("mako", "emersion", "mako"),
        ("SwayNotificationCenter", "ErikReider", "swaync"),
        ("some-new-server", "", None),
    ],
)
def test_server_names(name: str, vendor: str, expected: str | None) -> None:
    assert backend_for_server(name, vendor, NO_CAPS) == expected


def test_an_unknown_server_with_inhibitions_speaks_plasmas_protocol() -> None:
    assert backend_for_server("future-server", "", frozenset({"body", "inhibitions"})) == "kde"


@pytest.mark.parametrize(
    ("desktop", "expected"),
    [
        ("KDE", "kde"),
        ("ubuntu:GNOME", "gnome"),
        ("X-Cinnamon", "cinnamon"),
        ("XFCE", "xfce"),
        ("MATE", "mate"),
        ("Hyprland", None),
        ("", None),
    ],
)
def test_desktop_names(desktop: str, expected: str | None) -> None:
    assert backend_for_desktop(desktop) == expected


def test_the_server_wins_over_the_desktop_and_the_platform_over_both() -> None:
    assert (
        choose_backend_name(platform="linux", server_backend="dunst", xdg_current_desktop="XFCE")
        == "dunst"
    )
    assert (
        choose_backend_name(platform="linux", server_backend=None, xdg_current_desktop="XFCE")
        == "xfce"
    )
    assert (
        choose_backend_name(platform="linux", server_backend=None, xdg_current_desktop="") == "none"
    )
    assert (
        choose_backend_name(platform="win32", server_backend=None, xdg_current_desktop="")
        == "windows"
    )
    assert (
        choose_backend_name(platform="darwin", server_backend="dunst", xdg_current_desktop="")
        == "macos"
    )


def test_overrides() -> None:
    assert choose_backend("DUNST", {}).name == "dunst"
    assert choose_backend("auto", {}, platform="win32").name == "windows"
    with pytest.raises(InvalidInput, match="choose one of: auto, kde, gnome") as caught:
        choose_backend("plasma6", {})
    assert all(name in str(caught.value) for name in BACKEND_NAMES)


def test_every_backend_can_be_built_without_touching_the_desktop() -> None:
    for name in BACKEND_NAMES:
        backend = backend_named(name, {})
        assert backend.name == name and backend.label and backend.guidance


@pytest.mark.parametrize("rig_class", [DunstRig, XfceRig, MateRig, KdeRig], ids=lambda r: r.name)
def test_detects_the_running_server(rig_class: type[Rig]) -> None:
    for rig in started(rig_class()):
        env = {**rig.env, "XDG_CURRENT_DESKTOP": "GNOME"}  # the server wins
        assert choose_backend(None, env, platform="linux").name == rig.name


def test_detection_never_starts_a_notification_daemon() -> None:
    with HeadlessDesktop(notification_daemon=None) as desktop:
        # dunst, xfce4-notifyd and mate-notification-daemon are all D-Bus-activatable here.
        assert choose_backend(None, desktop.env, platform="linux").name == "none"
        env = {**desktop.env, "XDG_CURRENT_DESKTOP": "X-Cinnamon"}
        assert choose_backend(None, env, platform="linux").name == "cinnamon"
        assert desktop.bus_name_owner_pid("org.freedesktop.Notifications") is None


def test_no_session_bus_means_the_desktop_decides() -> None:
    env = {"XDG_CURRENT_DESKTOP": "MATE"}
    assert choose_backend(None, env, platform="linux").name == "mate"
    assert (
        choose_backend(None, {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent"}).name == "none"
    )
