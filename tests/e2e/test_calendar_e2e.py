"""The calendar end to end (issue 15): the installed focusmate on the headless desktop reads a
calendar, taps the user on the shoulder in the real notification daemon at the right minute,
and the notification's buttons lead where they should.

The app runs with the documented test hook FOCUSMATE_FAKE_NOW (its clock starts a few
seconds before the notification is due and then runs at normal speed) and TZ=UTC. The
buttons are pressed in dunst's own context menu (``dunstctl context``; the desktop rig
points dunst's menu program at a script that picks the label, see
HeadlessDesktop.press_notification_button). Nothing else is faked.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import RunningApp

pytestmark = pytest.mark.timeout(120)

MEETING = datetime.fromisoformat("2026-11-23T10:00:00+00:00")  # a Monday
LEAD_MINUTES = 5
#: The app's clock starts this long before the notification is due.
HEAD_START_S = 8


def one_on_one_feed(start: datetime, minutes: int = 30) -> str:
    end = start + timedelta(minutes=minutes)
    return "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//focusmate e2e//EN",
            "BEGIN:VEVENT",
            "UID:jordan-weekly@e2e",
            f"DTSTAMP:{start:%Y%m%dT%H%M%SZ}",
            f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
            f"DTEND:{end:%Y%m%dT%H%M%SZ}",
            "RRULE:FREQ=WEEKLY;COUNT=4",
            "SUMMARY:1:1 Jordan",
            "ORGANIZER:mailto:me@example.com",
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:jordan@example.com",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:team@e2e",
            f"DTSTAMP:{start:%Y%m%dT%H%M%SZ}",
            f"DTSTART:{start + timedelta(hours=2):%Y%m%dT%H%M%SZ}",
            f"DTEND:{start + timedelta(hours=3):%Y%m%dT%H%M%SZ}",
            "SUMMARY:Team sync",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )


def calendar_settings(feed: Path) -> dict[str, Any]:
    return {
        "version": 1,
        "welcomed": True,
        "morning_reminder": {"enabled": False},
        "calendar": {
            "sources": [
                {
                    "name": "Work",
                    "kind": "ics",
                    "location": str(feed),
                    "user": "",
                    "lead_minutes": LEAD_MINUTES,
                }
            ],
            "people": [{"name": "Jordan", "emails": ["jordan@example.com"], "aliases": []}],
            "series": {},
            "me": ["me@example.com"],
        },
    }


def history(desktop: HeadlessDesktop) -> list[dict[str, Any]]:
    raw = json.loads(desktop.run(["dunstctl", "history"], check=True).stdout)
    return [{key: field["data"] for key, field in entry.items()} for entry in raw["data"][0]]


class CalendarApp(RunningApp):
    """RunningApp, noting when it was launched (the notification's minute is checked
    against it)."""

    def __init__(self, desktop: HeadlessDesktop, data_dir: Path, fake_now: str) -> None:
        self.launched = time.monotonic()
        super().__init__(desktop, data_dir, extra_env={"FOCUSMATE_FAKE_NOW": fake_now, "TZ": "UTC"})


@pytest.fixture
def clocked_app(desktop: HeadlessDesktop, tmp_path: Path) -> Iterator[CalendarApp]:
    """The app with a calendar holding Jordan's weekly one-on-one at 10:00 UTC, its clock
    starting HEAD_START_S before 09:55, when the notification is due."""
    desktop.run(["dunstctl", "close-all"], check=True)
    feed = tmp_path / "work.ics"
    feed.write_text(one_on_one_feed(MEETING))
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    (data_dir / "settings.json").write_text(json.dumps(calendar_settings(feed)))
    due = MEETING - timedelta(minutes=LEAD_MINUTES)
    fake_now = (due - timedelta(seconds=HEAD_START_S)).isoformat()
    app = CalendarApp(desktop, data_dir, fake_now)
    yield app
    app.stop()
    desktop.run(["dunstctl", "close-all"], check=True)


def wait_for_the_reminder(app: CalendarApp) -> dict[str, Any]:
    """The pre-meeting notification in dunst's history; asserts it did not come early."""
    seen_before = {entry["id"] for entry in history(app.desktop)}

    def arrived() -> dict[str, Any] | None:
        new = [e for e in history(app.desktop) if e["id"] not in seen_before]
        shown = [e for e in new if "Jordan" in e["summary"]]
        if not shown:
            # dunst keeps a notification out of the history while it is displayed
            displayed = app.desktop.notification_counts().displayed
            return {"summary": "(displayed)", "at": time.monotonic()} if displayed else None
        return {**shown[0], "at": time.monotonic()}

    found = wait_until(arrived, timeout_s=HEAD_START_S + 20, what="the pre-meeting notification")
    elapsed = found["at"] - app.launched
    # Due HEAD_START_S after launch by the app's clock, never before (the launch is noted
    # before the process starts, so this errs on the early side).
    assert elapsed >= HEAD_START_S, f"the notification came {elapsed:.1f} s after launch"
    return found


def test_calendar_next_answers_from_the_running_app(clocked_app: CalendarApp) -> None:
    def matched() -> list[dict[str, Any]] | None:
        result = clocked_app.cli("calendar", "next", "--json")
        assert result.returncode == 0, result.stderr
        found: list[dict[str, Any]] = json.loads(result.stdout)["next"]
        return found or None

    upcoming = wait_until(matched, timeout_s=15, what="the calendar's first refresh")
    assert upcoming[0] == {
        "with": "Jordan",
        "starts_at": "2026-11-23T10:00:00+00:00",
        "ends_at": "2026-11-23T10:30:00+00:00",
        "source": "Work",
        "uid": "jordan-weekly@e2e",
    }
    assert len(upcoming) == 1  # next Monday's 10:00 is 7 days and 5 minutes away
    status = json.loads(clocked_app.cli("calendar", "status", "--json").stdout)
    (work,) = status["calendars"]
    assert work["name"] == "Work" and work["ok"] is True


def test_the_notification_comes_at_its_minute_and_check_in_opens_the_prefilled_check_in(
    clocked_app: CalendarApp, desktop: HeadlessDesktop
) -> None:
    notification = wait_for_the_reminder(clocked_app)
    assert clocked_app.windows_named("Start coaching session") == []  # nothing popped up
    wait_until(
        lambda: desktop.notification_counts().displayed >= 1 or None,
        timeout_s=5,
        what="the notification on screen",
    )
    assert notification["summary"] in {"One-on-one with Jordan in 5 minutes", "(displayed)"}
    desktop.press_notification_button("Check in")
    clocked_app.focus_window("Start coaching session")
    assert clocked_app.status()["state"] == "idle"  # Check in starts nothing by itself
    desktop.key("Return")  # Start, from the check-in page: the prefilled name and length
    session = wait_until(
        lambda: clocked_app.status()["session"], timeout_s=10, what="the session to start"
    )
    assert (session["with"], session["planned_minutes"]) == ("Jordan", 30)


def test_start_on_the_notification_starts_the_session_quietly(
    clocked_app: CalendarApp, desktop: HeadlessDesktop
) -> None:
    wait_for_the_reminder(clocked_app)
    wait_until(
        lambda: desktop.notification_counts().displayed >= 1 or None,
        timeout_s=5,
        what="the notification on screen",
    )
    desktop.press_notification_button("Start")
    session = wait_until(
        lambda: clocked_app.status()["session"], timeout_s=10, what="the session to start"
    )
    assert (session["with"], session["planned_minutes"]) == ("Jordan", 30)
    assert clocked_app.windows_named("Start coaching session") == []
