"""The notification adapters fail soft: no bus, no daemon, a broken plyer backend.

The real daemon (dunst on a real session bus) is exercised in tests/e2e/test_notifier_e2e.py
and tests/e2e/test_reminder_e2e.py. Here: a private dbus-daemon with no notification service
and no service activation (so nothing can answer), and a missing bus.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from jeepney import HeaderFields
from PySide6.QtWidgets import QApplication

from focusmate.core.ports import Notification
from focusmate.desktop import notifications
from focusmate.desktop.notifications import (
    CALL_TIMEOUT_S,
    EXPIRE_MS,
    NOTIFY_SIGNATURE,
    FreedesktopNotifier,
    PlyerNotifier,
    make_notifier,
)
from tests.desktop.secret_service import PrivateSessionBus

NOTE = Notification("k", "Morning stillness", "Before you check your phone")


@pytest.fixture
def bare_bus(tmp_path: Path) -> Iterator[str]:
    """A session bus on which no one owns org.freedesktop.Notifications (no activation)."""
    with PrivateSessionBus(tmp_path / "home", bare=True) as bus:
        yield bus.address


def test_no_daemon_on_the_bus_means_false_and_a_log_line(
    qapp: QApplication,
    bare_bus: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bare_bus)
    notifier = FreedesktopNotifier()
    began = time.monotonic()
    with caplog.at_level(logging.WARNING):
        assert notifier.send(NOTE, lambda: None) is False
    assert time.monotonic() - began < CALL_TIMEOUT_S + 0.5
    assert "refused" in caplog.text and "ServiceUnknown" in caplog.text
    notifier.close()


def test_no_session_bus_means_false(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'nothing'}")
    with caplog.at_level(logging.WARNING):
        assert FreedesktopNotifier().send(NOTE) is False
    assert "could not show the notification" in caplog.text
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS")
    assert FreedesktopNotifier().send(NOTE) is False  # jeepney raises KeyError-ish: still soft


def test_the_notify_call_is_spelled_out() -> None:
    message = notifications._notify_message(NOTE, clickable=True)  # noqa: SLF001
    assert message.header.fields[HeaderFields.signature] == NOTIFY_SIGNATURE == "susssasa{sv}i"
    app_name, replaces, _icon, summary, body, actions, hints, expire = message.body
    assert (app_name, replaces, summary, body) == ("focusmate", 0, NOTE.title, NOTE.body)
    assert actions == ["default", "Open"] and expire == EXPIRE_MS == 10_000
    assert hints == {"desktop-entry": ("s", "app.focusmate.Focusmate")}
    assert notifications._notify_message(NOTE, clickable=False).body[5] == []  # noqa: SLF001


def test_plyer_is_wrapped(caplog: pytest.LogCaptureFixture) -> None:
    calls: list[dict[str, object]] = []
    assert PlyerNotifier(lambda **kwargs: calls.append(kwargs)).send(NOTE) is True
    assert calls == [
        {"title": NOTE.title, "message": NOTE.body, "app_name": "focusmate", "timeout": 10}
    ]

    def broken(**_kwargs: object) -> None:
        raise NotImplementedError("No usable implementation found!")

    with caplog.at_level(logging.WARNING):
        assert PlyerNotifier(broken).send(NOTE) is False
    assert "No usable implementation" in caplog.text


def test_linux_uses_dbus(qapp: QApplication) -> None:
    assert isinstance(make_notifier(), FreedesktopNotifier)
