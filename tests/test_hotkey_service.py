"""services/hotkey_service.py's choice, against a FAKE portal on a private bus
(tests/desktop/fake_portal.py) that offers GlobalShortcuts: taken on a Wayland KDE session,
not on sway (where xdg-desktop-portal 1.16 would answer through an installed KDE backend that
cannot see sway's keys), nor on X11 (pynput: no dialog)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import pytest
from PySide6.QtWidgets import QApplication

from focusmate.core.settings import Settings
from focusmate.services.hotkey_service import HotkeyService
from tests.desktop.fake_portal import FakePortal, private_bus


class Views:
    """What the service tells the windows."""

    def __init__(self) -> None:
        self.told: list[tuple[bool, str, Mapping[str, str] | None]] = []
        self.hits: list[str] = []

    def on_hotkey(self, action: str) -> None:
        self.hits.append(action)

    def show_hotkey_status(
        self,
        available: bool,
        note: str,
        *,
        bound: Mapping[str, str] | None = None,
        change: Callable[[], bool] | None = None,
    ) -> None:
        self.told.append((available, note, bound))


@pytest.fixture
def bus() -> Iterator[str]:
    with private_bus() as address:
        fake = FakePortal(address, 1)
        yield address
        fake.close()


def service(bus: str, **environ: str) -> HotkeyService:
    return HotkeyService(
        Views(),
        Settings(),
        environ={"DBUS_SESSION_BUS_ADDRESS": bus, **environ},
        platform="linux",
    )


def test_on_a_wayland_kde_session_the_portal_is_chosen(bus: str, qapp: QApplication) -> None:
    hotkeys = service(bus, WAYLAND_DISPLAY="wayland-0", XDG_CURRENT_DESKTOP="KDE")
    try:
        readiness = hotkeys.readiness()
        assert (readiness.via, readiness.ready) == ("portal", True)
        assert readiness.bindings["phone"] == "Ctrl+Alt+P"
    finally:
        hotkeys.stop()


def test_on_sway_a_portal_offering_it_is_not_trusted(bus: str, qapp: QApplication) -> None:
    hotkeys = service(bus, WAYLAND_DISPLAY="wayland-1", XDG_CURRENT_DESKTOP="sway")
    try:
        readiness = hotkeys.readiness()
        assert (readiness.via, readiness.ready) == ("none", False)
        assert "Wayland session" in readiness.reason  # the desktop-shortcut guidance
    finally:
        hotkeys.stop()


def test_on_x11_pynput_is_chosen_even_on_kde(bus: str, qapp: QApplication) -> None:
    hotkeys = service(bus, DISPLAY=":4242", XDG_CURRENT_DESKTOP="KDE")  # no such X display
    try:
        assert not hotkeys.via_portal
        assert hotkeys.readiness().via == "none"  # pynput's, which cannot open :4242
        assert "X display" in hotkeys.readiness().reason
    finally:
        hotkeys.stop()
