"""`focusmate calendar ...` while an app holds the data folder: the installed command sends
each request over the real local socket (desktop.ipc_server.CommandServer) to the real
SocketCommands, which answer from FakeCalendarService; the command itself writes nothing to
the data folder (ARCHITECTURE invariant 1). The whole app with its real CalendarService is
the end-to-end tests' part."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from pytestqt.qtbot import QtBot

from focusmate.core.calendar_sources import CalendarKind, CalendarSource
from tests.cli.app_socket import while_serving
from tests.cli.calendar_cli import CALDAV, focusmate, one_line_error
from tests.cli.fake_calendar import (
    JORDAN_ON_TUESDAY,
    JORDAN_ON_TUESDAY_JSON,
    FakeCalendarService,
)


def served(
    qtbot: QtBot, data: Path, *argv: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """The calendar command, run while this thread's event loop serves the socket."""
    return while_serving(qtbot, lambda: focusmate(data, *argv, stdin=stdin))


def test_add_caldav_hands_the_password_to_the_app(
    qtbot: QtBot, app_data: Path, calendar: FakeCalendarService
) -> None:
    before = sorted(app_data.iterdir())
    ran = served(qtbot, app_data, *CALDAV, "--password-stdin", stdin="pw from stdin\n")
    assert (ran.returncode, ran.stdout) == (0, "Added the calendar 'Dav': 12 events.\n")
    assert calendar.sources == [
        CalendarSource("Dav", CalendarKind.CALDAV, "https://dav.example.com/", "ana", 5)
    ]
    assert calendar.passwords == {"Dav": "pw from stdin"}
    assert sorted(app_data.iterdir()) == before


def test_the_apps_refusals_keep_their_exit_code(
    qtbot: QtBot, app_data: Path, calendar: FakeCalendarService
) -> None:
    calendar.sources.append(CalendarSource("Work", CalendarKind.ICS, "/tmp/work.ics"))
    one_line_error(served(qtbot, app_data, "remove", "Home"), 2, "no calendar named 'Home'")
    one_line_error(
        served(qtbot, app_data, "add-ics", "Work", "https://example.com/a.ics"), 2, "exists"
    )


def test_status_and_next_come_from_the_app(
    qtbot: QtBot, app_data: Path, calendar: FakeCalendarService
) -> None:
    calendar.sources.append(CalendarSource("Work", CalendarKind.ICS, "/tmp/work.ics"))
    calendar.next_ones = [JORDAN_ON_TUESDAY]
    status = served(qtbot, app_data, "status")
    assert (status.returncode, status.stdout) == (
        0,
        "'Work': 12 events (checked Mon 23 Nov 09:00)\n",
    )
    document = json.loads(served(qtbot, app_data, "status", "--json").stdout)
    assert document["secret_store"] is None and document["calendars"][0]["events"] == 12
    upcoming = served(qtbot, app_data, "next")
    assert upcoming.stdout == "Tue 24 Nov 10:00–10:30  Jordan  (Work)\n"
    next_json = json.loads(served(qtbot, app_data, "next", "--json").stdout)
    assert next_json == {"next": [JORDAN_ON_TUESDAY_JSON]}
