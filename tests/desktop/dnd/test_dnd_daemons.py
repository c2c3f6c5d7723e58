"""What a silenced daemon does with a notification, checked on the real daemons.

dunst holds notifications sent while paused and shows them once focusmate restores the state;
xfce4-notifyd and mate-notification-daemon show no popup window while silenced (checked on the
X server with xdotool/xprop) and show them again after restore.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from focusmate.desktop.dnd.silencer import JournaledSilencer
from tests.desktop.dnd.rigs import DunstRig, MateRig, Rig, XfceRig, started
from tests.e2e.desktop import NotificationCounts, wait_until

pytestmark = pytest.mark.timeout(90)

NOTIFICATION_WINDOW = "_NET_WM_WINDOW_TYPE_NOTIFICATION"


@pytest.fixture(scope="module")
def dunst() -> Iterator[Rig]:
    yield from started(DunstRig())


@pytest.fixture(scope="module", params=[XfceRig, MateRig], ids=["xfce4-notifyd", "mate"])
def popup_rig(request: pytest.FixtureRequest) -> Iterator[Rig]:
    yield from started(request.param())


def test_dunst_holds_notifications_while_paused_and_shows_them_after_restore(
    dunst: Rig, tmp_path: Path
) -> None:
    dunst.pristine()
    desktop = dunst.desktop
    session = JournaledSilencer(dunst.backend(), tmp_path / "dnd.json", env=dunst.env)
    session.engage()
    before = desktop.notification_counts()

    desktop.run(["notify-send", "-t", "60000", "customer", "call me back"], check=True)

    def held() -> NotificationCounts | None:
        counts = desktop.notification_counts()
        return counts if counts.waiting > before.waiting else None

    while_paused = wait_until(held, timeout_s=5, what="dunst to hold the notification")
    assert while_paused.displayed == before.displayed  # nothing on screen during the session

    session.restore()

    def shown() -> NotificationCounts | None:
        counts = desktop.notification_counts()
        return counts if counts.waiting == 0 and counts.displayed > before.displayed else None

    wait_until(shown, timeout_s=5, what="dunst to show the held notification")
    dunst.pristine()


def notification_windows(rig: Rig) -> list[int]:
    desktop = rig.desktop
    return [
        window
        for window in desktop.visible_windows()
        if NOTIFICATION_WINDOW in desktop.window_property(window, "_NET_WM_WINDOW_TYPE")
    ]


def popup_after(rig: Rig, summary: str) -> float | None:
    """Send a notification; seconds until a popup window shows, or None within 2 s."""
    rig.desktop.run(["notify-send", "-t", "1500", summary, "body"], check=True)
    started = time.monotonic()
    while time.monotonic() - started < 2.0:
        if notification_windows(rig):
            return time.monotonic() - started
        time.sleep(0.02)
    return None


def test_no_popup_window_while_silenced_and_popups_again_after_restore(
    popup_rig: Rig, tmp_path: Path
) -> None:
    popup_rig.pristine()
    wait_until(lambda: not notification_windows(popup_rig), timeout_s=5, what="no popups")
    baseline = popup_after(popup_rig, "before the session")
    assert baseline is not None, "the daemon shows no popup at all: the check would prove nothing"
    wait_until(lambda: not notification_windows(popup_rig), timeout_s=5, what="it to expire")

    session = JournaledSilencer(popup_rig.backend(), tmp_path / "dnd.json", env=popup_rig.env)
    session.engage()
    during = popup_after(popup_rig, "during the session")
    session.restore()
    after = popup_after(popup_rig, "after the session")

    print(f"\n{popup_rig.name}: popup in {baseline * 1000:.0f} ms when not silenced")
    assert during is None
    assert after is not None


def test_a_guard_that_dies_early_is_reaped_and_replaced(dunst: Rig, tmp_path: Path) -> None:
    dunst.pristine()
    session = JournaledSilencer(dunst.backend(), tmp_path / "dnd.json", env=dunst.env)
    session.engage()
    first = session.guard_pid
    assert first is not None

    os.kill(first, signal.SIGTERM)  # SIGTERM ends a guard without restoring
    wait_until(
        lambda: Path(f"/proc/{first}/stat").read_text().split(")")[1].split()[0] == "Z",
        timeout_s=5,
        what="the guard to end",
    )
    assert dunst.silenced()  # it did not restore on SIGTERM
    session.poll()

    assert not Path(f"/proc/{first}").exists()  # reaped by poll(): no zombie
    assert session.guard_pid not in (None, first)
    session.restore()
    assert not dunst.silenced()
