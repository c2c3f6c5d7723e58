"""The calendar end to end against real servers (issue 15, "How to test it for real"): the
installed focusmate on the headless desktop, a real Radicale CalDAV server and an iCalendar
feed from a loopback HTTP server, both started here, and the CalDAV password in a real GNOME
Keyring on the desktop's own session bus.

The calendars are added with the command line while the app runs (so the app does the
work, ARCHITECTURE invariant 1), and ``calendar next --json`` must then list exactly the
one-on-ones of the coming 7 days: the CalDAV series' moved, cancelled and declined instances
and its noise handled, the feed's one-on-one found by its attendee's address.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from focusmate.core.calendar_sources import CalendarKind, CalendarSource
from focusmate.desktop.secrets import KeyringSecretStore
from tests.calendar.feed_server import FeedServer, with_validators
from tests.calendar.radicale_server import BERLIN, ME, RadicaleServer, seed_one_on_ones
from tests.desktop.secret_service import UnlockedKeyring, start_unlocked_keyring
from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import RunningApp, installed_focusmate

pytestmark = pytest.mark.timeout(120)

WEEK = datetime(2026, 11, 23, tzinfo=BERLIN)  # a Monday
NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # 08:00 in Berlin
SAM_AT = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)


def sam_feed() -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//focusmate e2e//EN",
        "BEGIN:VEVENT",
        "UID:sam-catch-up@e2e",
        f"DTSTAMP:{NOW:%Y%m%dT%H%M%SZ}",
        f"DTSTART:{SAM_AT:%Y%m%dT%H%M%SZ}",
        f"DTEND:{SAM_AT + timedelta(minutes=25):%Y%m%dT%H%M%SZ}",
        "SUMMARY:Catch-up",  # no name in the title: the attendee says who
        f"ORGANIZER:mailto:{ME}",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@example.com",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    return "\r\n".join(lines).encode()


@pytest.fixture(scope="module")
def keyring(desktop: HeadlessDesktop) -> Iterator[UnlockedKeyring]:
    """GNOME Keyring, unlocked, on the desktop's bus (before any app asks for it)."""
    with start_unlocked_keyring(desktop.env, desktop.home / "keyring-home") as running:
        yield running


@pytest.fixture
def app(desktop: HeadlessDesktop, keyring: UnlockedKeyring, tmp_path: Path) -> Iterator[RunningApp]:
    del keyring  # running is all it must be
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    people = [
        {"name": name, "emails": [f"{name.lower()}@example.com"], "aliases": []}
        for name in ("Jordan", "Priya", "Sam")
    ]
    settings = {
        "version": 1,
        "welcomed": True,
        "morning_reminder": {"enabled": False},
        "calendar": {"sources": [], "people": people, "series": {}, "me": [ME]},
    }
    (data_dir / "settings.json").write_text(json.dumps(settings))
    running = RunningApp(
        desktop, data_dir, extra_env={"FOCUSMATE_FAKE_NOW": NOW.isoformat(), "TZ": "UTC"}
    )
    yield running
    running.stop()


def add_caldav(app: RunningApp, server: RadicaleServer) -> None:
    result = app.desktop.run(
        [
            installed_focusmate(),
            "--data-dir",
            str(app.data_dir),
            "calendar",
            "add-caldav",
            "Team",
            server.url,
            "--user",
            server.user,
            "--password-stdin",
        ],
        input_text=server.password + "\n",
        timeout_s=30,
    )
    assert result.returncode == 0, result.stderr


def test_caldav_and_a_feed_through_the_running_app(
    app: RunningApp, desktop: HeadlessDesktop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with RadicaleServer(tmp_path / "radicale") as server:
        seeded = seed_one_on_ones(server, WEEK)
        feed = FeedServer()
        try:
            feed.routes["/secret/basic.ics"] = with_validators(sam_feed(), '"v1"', None)
            added = app.cli("calendar", "add-ics", "Feed", feed.url("/secret/basic.ics"))
            assert added.returncode == 0, added.stderr
            add_caldav(app, server)

            def listed() -> list[dict[str, Any]] | None:
                result = app.cli("calendar", "next", "--json")
                assert result.returncode == 0, result.stderr
                found: list[dict[str, Any]] = json.loads(result.stdout)["next"]
                return found if {m["source"] for m in found} == {"Feed", "Team"} else None

            upcoming = wait_until(listed, timeout_s=30, what="both calendars in calendar next")
            week_end = NOW + timedelta(days=7)
            expected = sorted(
                [("Jordan", s) for s in seeded.jordan_starts if s < week_end]
                + [("Priya", s) for s in seeded.priya_starts if s < week_end]
                + [("Sam", SAM_AT)],
                key=lambda pair: pair[1],
            )
            assert [(m["with"], datetime.fromisoformat(m["starts_at"])) for m in upcoming] == (
                expected
            )
            assert len(expected) == 3  # Jordan Monday, Sam Tuesday, Priya Wednesday
            status = json.loads(app.cli("calendar", "status", "--json").stdout)
            assert [(c["name"], c["ok"]) for c in status["calendars"]] == [
                ("Feed", True),
                ("Team", True),
            ]
            assert status["secret_store"] is None
            assert any(r.path == "/secret/basic.ics" for r in feed.requests)
        finally:
            feed.close()
    # The password is in the desktop's keyring, and nowhere in the data folder.
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.env["DBUS_SESSION_BUS_ADDRESS"])
    team = CalendarSource("Team", CalendarKind.CALDAV, server.url, user=server.user)
    assert KeyringSecretStore().load(team.secret_key) == server.password
    for path in app.data_dir.rglob("*"):
        if path.is_file():
            assert server.password.encode() not in path.read_bytes(), path
