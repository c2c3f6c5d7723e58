"""The running app's side of `focusmate calendar ...`: SocketCommands' calendar requests, as
the local socket delivers them (encoded and decoded), against FakeCalendarService."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from focusmate.core.calendar_sources import CalendarKind, CalendarSource
from focusmate.core.errors import InvalidData, InvalidInput, NotPossibleNow
from focusmate.core.one_on_ones import UpcomingOneOnOne
from focusmate.core.protocol import (
    MAX_MESSAGE_BYTES,
    Message,
    calendar_add_request,
    decode_request,
    encode,
)
from focusmate.services.controller import SessionController
from focusmate.services.socket_commands import SocketCommands
from tests.cli.fake_calendar import (
    JORDAN_ON_TUESDAY,
    JORDAN_ON_TUESDAY_JSON,
    FakeCalendarService,
)

WORK = CalendarSource("Work", CalendarKind.CALDAV, "https://dav.example.com/", "ana", 10)


def ask(commands: SocketCommands, request: Message) -> Message:
    """The request through the wire format, as the socket hands it to the app."""
    answer: Message = commands.handle(decode_request(encode(request)))
    assert answer["ok"] is True
    result: Message = answer["result"]
    return result


def test_add_hands_the_source_and_its_password_to_the_service(
    commands: SocketCommands, calendar: FakeCalendarService
) -> None:
    answer = ask(commands, calendar_add_request(WORK, "s3cret pw"))
    assert calendar.sources == [WORK] and calendar.passwords == {"Work": "s3cret pw"}
    assert answer == {
        "calendar": {
            "name": "Work",
            "kind": "caldav",
            "ok": True,
            "line": "12 events",
            "problem": None,
            "checked_at": "2026-11-23T08:00:00+00:00",
            "fetched_at": None,
            "events": 12,
            "skipped": 0,
            "unknown_time_zones": [],
        }
    }


def test_a_taken_name_is_the_services_usage_error(
    commands: SocketCommands, calendar: FakeCalendarService
) -> None:
    ask(commands, calendar_add_request(WORK, "pw"))
    with pytest.raises(InvalidInput, match="exists already"):
        commands.handle(calendar_add_request(WORK, "other"))
    assert calendar.passwords == {"Work": "pw"}


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"source": None}, "must be an object"),
        ({"source": {"name": "Work", "kind": "exchange", "location": "x"}}, "ics or caldav"),
        ({"password": 42}, "password must be text"),
    ],
)
def test_a_malformed_add_request_changes_nothing(
    commands: SocketCommands, calendar: FakeCalendarService, change: Message, needle: str
) -> None:
    with pytest.raises(InvalidData, match=needle):
        commands.handle({**calendar_add_request(WORK, "pw"), **change})
    assert calendar.sources == []


def test_remove_and_an_unknown_name(
    commands: SocketCommands, calendar: FakeCalendarService
) -> None:
    ask(commands, calendar_add_request(WORK, "pw"))
    assert ask(commands, {"cmd": "calendar-remove", "name": "Work"}) == {"removed": "Work"}
    assert calendar.sources == []
    with pytest.raises(InvalidInput, match="no calendar named"):
        commands.handle({"cmd": "calendar-remove", "name": "Work"})


def test_status_is_the_documented_document(
    commands: SocketCommands, calendar: FakeCalendarService
) -> None:
    problem = "no Secret Service on the session bus"
    calendar.store_problem = problem
    ask(commands, calendar_add_request(WORK, "pw"))
    answer = ask(commands, {"cmd": "calendar-status"})
    assert answer.keys() == {"calendars", "secret_store"}
    assert answer["secret_store"] == problem
    assert [c["name"] for c in answer["calendars"]] == ["Work"]


def test_next_is_exactly_the_issues_shape(
    commands: SocketCommands, calendar: FakeCalendarService
) -> None:
    calendar.next_ones = [JORDAN_ON_TUESDAY]
    assert ask(commands, {"cmd": "calendar-next"}) == {"next": [JORDAN_ON_TUESDAY_JSON]}


def test_next_fits_in_one_message_however_long_the_feeds_uids(
    commands: SocketCommands, calendar: FakeCalendarService
) -> None:
    """A hostile feed's long UIDs cannot make the answer too long for the client to read:
    the latest one-on-ones give way, the earliest stay."""
    starts = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    calendar.next_ones = [
        UpcomingOneOnOne("Jordan", starts + timedelta(hours=i), starts, "Work", f"{i}" * 5_000)
        for i in range(1, 30)
    ]
    answer = commands.handle({"cmd": "calendar-next"})
    assert len(encode(answer)) <= MAX_MESSAGE_BYTES
    kept = answer["result"]["next"]
    assert 0 < len(kept) < 29 and [n["uid"][0] for n in kept[:3]] == ["1", "2", "3"]


def test_without_a_calendar_service_the_commands_are_not_possible(
    controller: SessionController,
) -> None:
    commands = SocketCommands(controller, lambda _window: None)
    for name in ("calendar-status", "calendar-next"):
        with pytest.raises(NotPossibleNow, match="no calendars"):
            commands.handle({"cmd": name})
