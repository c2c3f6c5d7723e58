"""desktop/portal_shortcuts.py against a FAKE portal on a private bus (fake_portal.py):
version 2 of the interface (Plasma 6, GNOME 48: not installable here), the version 1 calls in
the order Plasma 5.27 takes them (the real one runs in tests/shells/test_kde_wayland.py), a
session the portal closes, the rebind dialog, and Activated delivered on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from focusmate.core.hotkeys import HotkeyBindings
from focusmate.desktop.portal_shortcuts import PortalShortcuts
from tests.desktop.fake_portal import FakePortal, private_bus

BINDINGS = HotkeyBindings.from_text(
    {"phone": "Ctrl+Alt+P", "app": "Ctrl+Alt+A", "undo": "Ctrl+Alt+Z", "mind": "Meta+M"}
)
EXPECTED = {"phone": "Ctrl+Alt+P", "app": "Ctrl+Alt+A", "undo": "Ctrl+Alt+Z", "mind": "Meta+M"}


@pytest.fixture
def bus() -> Iterator[str]:
    with private_bus() as address:
        yield address


def portal_at(bus: str, version: int) -> Iterator[FakePortal]:
    fake = FakePortal(bus, version)
    yield fake
    fake.close()


@pytest.fixture
def v1(bus: str) -> Iterator[FakePortal]:
    yield from portal_at(bus, 1)


@pytest.fixture
def v2(bus: str) -> Iterator[FakePortal]:
    yield from portal_at(bus, 2)


def shortcuts(bus: str, qapp: QApplication) -> PortalShortcuts:
    return PortalShortcuts(
        lambda action: f"does {action}", environ={"DBUS_SESSION_BUS_ADDRESS": bus}
    )


def test_version_2_binds_with_bind_shortcuts_and_reads_what_was_bound(
    bus: str, v2: FakePortal, qapp: QApplication, qtbot: QtBot
) -> None:
    portal = shortcuts(bus, qapp)
    try:
        # Ready before the bind's answer: on GNOME 48 a dialog may wait for the user first.
        assert portal.start(BINDINGS).available
        assert portal.version == 2 and portal.listening
        qtbot.waitUntil(lambda: portal.bound == EXPECTED, timeout=5000)
        create = dict(v2.calls)["CreateSession"][0]
        assert "shortcuts" not in create  # version 2: not in CreateSession
        _session, sent, _parent, _options = dict(v2.calls)["BindShortcuts"]
        assert sent[0] == (
            "phone",
            {"description": ("s", "does phone"), "preferred_trigger": ("s", "CTRL+ALT+p")},
        )
        assert [action for action, _ in sent] == ["phone", "app", "undo", "mind"]
    finally:
        portal.stop()
    assert "Close" in v2.methods()  # the session is closed at stop


def test_version_2_is_ready_while_the_desktop_asks_the_user(
    bus: str, qapp: QApplication, qtbot: QtBot
) -> None:
    """GNOME 48 shows a dialog for BindShortcuts: start() must not wait for the user."""
    fake = FakePortal(bus, 2, answer_bind=False)
    portal = shortcuts(bus, qapp)
    try:
        availability = portal.start(BINDINGS)
        assert availability.available and portal.bound == {}  # nothing accepted yet
        qtbot.waitUntil(lambda: "BindShortcuts" in fake.methods(), timeout=5000)
        assert portal.availability.available and portal.bound == {}
    finally:
        portal.stop()
        fake.close()


def test_version_1_registers_in_create_session_and_lists_the_triggers(
    bus: str, v1: FakePortal, qapp: QApplication
) -> None:
    portal = shortcuts(bus, qapp)
    try:
        assert portal.start(BINDINGS).available
        assert portal.version == 1
        assert portal.bound == EXPECTED
        methods = v1.methods()
        assert methods.index("CreateSession") < methods.index("ListShortcuts")
        assert "BindShortcuts" not in methods  # on 5.27 it would open the dialog
        create = dict(v1.calls)["CreateSession"][0]
        assert create["shortcuts"][0] == "a(sa{sv})"
        assert create["session_handle_token"] == ("s", "focusmate")  # Plasma's group name
    finally:
        portal.stop()


def test_activated_arrives_on_the_gui_thread_and_changes_are_followed(
    bus: str, v2: FakePortal, qapp: QApplication, qtbot: QtBot
) -> None:
    portal = shortcuts(bus, qapp)
    seen: list[tuple[str, bool]] = []
    portal.triggered.connect(
        lambda action: seen.append((action, threading.current_thread() is threading.main_thread()))
    )
    try:
        portal.start(BINDINGS)
        v2.activate("phone")
        qtbot.waitUntil(lambda: seen == [("phone", True)], timeout=5000)
        v2.change({**EXPECTED, "app": "Meta+A"})  # the user changed it in System Settings
        qtbot.waitUntil(lambda: portal.bound.get("app") == "Meta+A", timeout=5000)
    finally:
        portal.stop()
    v2.activate("phone")  # after stop(): nothing more
    qtbot.wait(200)
    assert seen == [("phone", True)]


def test_a_session_the_portal_closes_is_created_again(
    bus: str, v1: FakePortal, qapp: QApplication, qtbot: QtBot
) -> None:
    portal = shortcuts(bus, qapp)
    seen: list[str] = []
    portal.triggered.connect(seen.append)
    try:
        portal.start(BINDINGS)
        v1.close_session()
        qtbot.waitUntil(lambda: v1.methods().count("CreateSession") == 2, timeout=5000)
        qtbot.waitUntil(lambda: v1.methods().count("ListShortcuts") == 2, timeout=5000)
        v1.activate("app")  # on the new session
        qtbot.waitUntil(lambda: seen == ["app"], timeout=5000)
        assert portal.availability.available
    finally:
        portal.stop()


@pytest.mark.parametrize(("version", "method"), [(1, "BindShortcuts"), (2, "ConfigureShortcuts")])
def test_rebinding_opens_the_desktops_dialog(
    bus: str, qapp: QApplication, qtbot: QtBot, version: int, method: str
) -> None:
    fake = FakePortal(bus, version)
    portal = shortcuts(bus, qapp)
    try:
        portal.start(BINDINGS)
        calls_before = fake.methods().count(method)
        assert portal.open_system_settings()
        qtbot.waitUntil(lambda: fake.methods().count(method) == calls_before + 1, timeout=5000)
    finally:
        portal.stop()
        fake.close()


def test_without_a_portal_it_is_off_at_once_and_says_why(bus: str, qapp: QApplication) -> None:
    portal = shortcuts(bus, qapp)
    availability = portal.start(BINDINGS)
    assert not availability.available
    assert "ServiceUnknown" in availability.reason or "portal" in availability.reason
    assert not portal.listening and portal.bound == {}
    portal.stop()


def test_without_a_session_bus_it_is_off(qapp: QApplication) -> None:
    portal = PortalShortcuts(lambda action: action, environ={})
    assert not portal.start(BINDINGS).available
