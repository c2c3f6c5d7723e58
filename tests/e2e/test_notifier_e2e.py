"""The D-Bus notifier against the real dunst on the headless desktop's session bus.

In-process: FreedesktopNotifier (jeepney) talks to the desktop's bus; the click comes back as
dunst's ActionInvoked signal through the QSocketNotifier, on this thread, with no polling.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from focusmate.core.ports import Notification
from focusmate.desktop.notifications import FreedesktopNotifier
from tests.e2e.desktop import HeadlessDesktop, wait_until

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def notifier(
    desktop: HeadlessDesktop, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> Iterator[FreedesktopNotifier]:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.env["DBUS_SESSION_BUS_ADDRESS"])
    desktop.run(["dunstctl", "close-all"], check=True)
    notifier = FreedesktopNotifier()
    yield notifier
    notifier.close()
    desktop.run(["dunstctl", "close-all"], check=True)


def test_a_notification_reaches_dunst_and_a_click_comes_back(
    notifier: FreedesktopNotifier, desktop: HeadlessDesktop, qtbot: QtBot
) -> None:
    before = desktop.notification_counts()
    clicks: list[str] = []
    assert notifier.send(Notification("a", "Morning stillness", "body"), lambda: clicks.append("a"))
    wait_until(
        lambda: desktop.notification_counts().displayed == before.displayed + 1 or None,
        timeout_s=5,
        what="dunst to display it",
    )
    desktop.run(["dunstctl", "action", "0"], check=True)
    qtbot.waitUntil(lambda: clicks == ["a"], timeout=5000)  # delivered by the socket notifier
    wait_until(
        lambda: desktop.notification_counts().displayed == before.displayed or None,
        timeout_s=5,
        what="the clicked notification to be closed",
    )


def test_one_connection_serves_many_and_reconnects_after_close(
    notifier: FreedesktopNotifier, desktop: HeadlessDesktop
) -> None:
    assert notifier.send(Notification("1", "one", "first"))
    assert notifier.send(Notification("2", "two", "second"))
    wait_until(
        lambda: desktop.notification_counts().displayed >= 2 or None,
        timeout_s=5,
        what="both notifications",
    )
    notifier.close()  # as after a failure: the next send reconnects
    assert notifier.send(Notification("3", "three", "third"))
