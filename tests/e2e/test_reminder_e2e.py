"""The morning reminder on a real desktop: delivered to dunst, clickable, held during a session.

The installed app runs with the documented test hook FOCUSMATE_FAKE_NOW (its clock starts a
few seconds before Monday 07:30 UTC and then runs at normal speed) and TZ=UTC, with the
reminder turned on at its default time (07:30, Monday-Friday). Nothing else is faked: the
notification goes over the real session bus to the real dunst, and dunst's own counters and
history are checked.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.desktop import HeadlessDesktop, NotificationCounts, wait_until
from tests.e2e.focusmate_app import WM_CLASS, RunningApp, installed_focusmate, prepare_settings

pytestmark = pytest.mark.timeout(120)

MORNING_PAGE = "morning stillness"


class ClockedApp(RunningApp):
    """RunningApp, started with FOCUSMATE_FAKE_NOW and TZ=UTC."""

    def __init__(self, desktop: HeadlessDesktop, data_dir: Path, fake_now: str) -> None:
        self.desktop = desktop
        self.data_dir = data_dir
        prepare_settings(data_dir, morning_reminder=True)  # on at 07:30; no welcome
        self.launched = time.monotonic()
        self.proc = desktop.spawn(
            [installed_focusmate(), "--data-dir", str(data_dir)],
            name=f"focusmate-{data_dir.name}",
            extra_env={"FOCUSMATE_FAKE_NOW": fake_now, "TZ": "UTC"},
        )
        self.icon = desktop.wait_for_tray_icon(wm_class=WM_CLASS, timeout_s=15)
        wait_until(
            lambda: self.cli("status").returncode == 0 or None,
            timeout_s=10,
            what="focusmate answering on its socket",
        )

    def log(self) -> str:
        return self.desktop.read_log(f"focusmate-{self.data_dir.name}")


@pytest.fixture
def fresh_dunst(desktop: HeadlessDesktop) -> Iterator[NotificationCounts]:
    """dunst with nothing on screen (dunst 1.9 cannot clear its history, so the tests look
    only at entries newer than the test); the counts before the test."""
    desktop.run(["dunstctl", "close-all"], check=True)
    global _seen_ids  # noqa: PLW0603 - one desktop per module, one test at a time
    _seen_ids = {entry["id"] for entry in _history(desktop)}
    yield desktop.notification_counts()
    desktop.run(["dunstctl", "close-all"], check=True)


_seen_ids: set[int] = set()


def _history(desktop: HeadlessDesktop) -> list[dict[str, Any]]:
    raw = json.loads(desktop.run(["dunstctl", "history"], check=True).stdout)
    return [{key: field["data"] for key, field in entry.items()} for entry in raw["data"][0]]


def history(desktop: HeadlessDesktop) -> list[dict[str, Any]]:
    """dunst's history since the test began, as plain dicts: {"summary", "appname", ...}."""
    return [entry for entry in _history(desktop) if entry["id"] not in _seen_ids]


def test_the_reminder_reaches_dunst_on_time_and_a_click_opens_the_page(
    desktop: HeadlessDesktop, tmp_path: Path, fresh_dunst: NotificationCounts
) -> None:
    app = ClockedApp(desktop, tmp_path / "data", "2026-11-23T07:29:57+00:00")  # a Monday
    try:
        assert desktop.notification_counts() == fresh_dunst  # 07:29: not yet
        wait_until(
            lambda: desktop.notification_counts().displayed == 1 or None,
            timeout_s=15,
            what="the reminder in dunst",
        )
        after_s = time.monotonic() - app.launched
        print(f"\nreminder displayed by dunst {after_s:.1f} s after launch (due after 3 s)")
        assert 2.5 <= after_s <= 8
        desktop.run(["dunstctl", "action", "0"], check=True)  # the user clicks it
        wait_until(
            lambda: app.windows_named(MORNING_PAGE) or None,
            timeout_s=10,
            what="the morning page after the click",
        )
        assert desktop.notification_counts().displayed == 0  # the click closed it
    finally:
        app.stop()


def test_held_during_a_session_and_delivered_after_end(
    desktop: HeadlessDesktop, tmp_path: Path, fresh_dunst: NotificationCounts
) -> None:
    app = ClockedApp(desktop, tmp_path / "data", "2026-11-23T07:29:52+00:00")
    try:
        assert app.cli("start", "--with", "Ana").returncode == 0
        due_in_s = 8 - (time.monotonic() - app.launched)
        assert due_in_s > 1, "the session must start before the reminder is due"
        time.sleep(due_in_s + 3)  # past 07:30 on the app's clock, with a margin
        assert app.status()["state"] == "running"
        assert desktop.notification_counts() == fresh_dunst  # nothing during the session
        assert app.cli("end").returncode == 0
        wait_until(
            lambda: desktop.notification_counts().displayed == 1 or None,
            timeout_s=10,
            what="the held reminder after the session",
        )
        shown_at = time.monotonic()
        assert not app.windows_named(MORNING_PAGE)  # the page waits for a click
        # The notification expires by itself after ~10 s (expire_timeout), into the history.
        [entry] = wait_until(
            lambda: history(desktop) or None, timeout_s=20, what="the reminder to expire"
        )
        expired_after_s = time.monotonic() - shown_at
        print(f"\nheld reminder expired {expired_after_s:.1f} s after it was shown")
        assert 8 <= expired_after_s <= 13
        assert entry["summary"] == "Morning stillness" and entry["appname"] == "focusmate"
        assert "before you check your phone" in entry["body"].lower()
        assert desktop.notification_counts().displayed == 0
    finally:
        app.stop()


def test_weekends_stay_quiet(
    desktop: HeadlessDesktop, tmp_path: Path, fresh_dunst: NotificationCounts
) -> None:
    app = ClockedApp(desktop, tmp_path / "data", "2026-11-28T07:29:58+00:00")  # a Saturday
    try:
        time.sleep(5)
        assert desktop.notification_counts() == fresh_dunst
        assert app.proc.poll() is None
    finally:
        app.stop()
