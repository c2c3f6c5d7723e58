"""focusmate.calendar.ics: an ICS document -> expanded UTC occurrences (issue 15).

Each document here is written out by hand, as a feed would send it, so that what is tested is
the reading of real iCalendar text, not of objects this test built.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from focusmate.calendar.ics import MAX_DOCUMENT_BYTES, Expansion, occurrences
from focusmate.core.calendar_events import Attendee, CalendarEvent, EventStatus, Participation
from focusmate.core.errors import InvalidData

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
MARCH_START = datetime(2026, 3, 1, tzinfo=UTC)
MARCH_END = datetime(2026, 4, 1, tzinfo=UTC)

BERLIN_ZONE = """BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""


def ics(*events: str, head: str = "") -> bytes:
    """A VCALENDAR around the given VEVENT bodies, with CRLF line ends as RFC 5545 wants."""
    body = "".join(f"BEGIN:VEVENT\n{event.strip()}\nEND:VEVENT\n" for event in events)
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{head}{body}END:VCALENDAR\n"
    return text.replace("\n", "\r\n").encode()


def read(document: bytes, zone: ZoneInfo = BERLIN) -> Expansion:
    return occurrences(document, "work", MARCH_START, MARCH_END, zone)


SERIES = "one-on-one-jordan@example.com"


def edited(day: str, start: str, end: str, lines: str = "") -> str:
    """An edited instance of the weekly series: its original Monday 10:00, its new times."""
    return (
        f"UID:{SERIES}\nRECURRENCE-ID;TZID=Europe/Berlin:{day}T100000\nSEQUENCE:1\n"
        f"DTSTART;TZID=Europe/Berlin:{start}\nDTEND;TZID=Europe/Berlin:{end}\n{lines}"
    )


# A weekly one-on-one with Jordan on Mondays 10:00 Berlin time, through March 2026 (DST starts
# on Sunday 29 March): the 9th moved to Tuesday 14:00, the 16th cut by EXDATE, the 23rd
# cancelled by an edited instance, the 30th declined by the user (alex).
WEEKLY = ics(
    f"""
UID:{SERIES}
SUMMARY:1:1 Jordan
DTSTART;TZID=Europe/Berlin:20260302T100000
DTEND;TZID=Europe/Berlin:20260302T103000
RRULE:FREQ=WEEKLY;BYDAY=MO
EXDATE;TZID=Europe/Berlin:20260316T100000
ORGANIZER;CN=Alex Manager:mailto:Alex@Example.com
ATTENDEE;CN=Jordan Lee;PARTSTAT=ACCEPTED:MAILTO:Jordan.Lee@Example.com
ATTENDEE;CN=Alex Manager;PARTSTAT=ACCEPTED:mailto:alex@example.com
""",
    edited("20260309", "20260310T140000", "20260310T143000", "SUMMARY:1:1 Jordan (moved)"),
    edited(
        "20260323", "20260323T100000", "20260323T103000", "SUMMARY:1:1 Jordan\nSTATUS:CANCELLED"
    ),
    edited(
        "20260330",
        "20260330T100000",
        "20260330T103000",
        "SUMMARY:1:1 Jordan\n"
        "ORGANIZER;CN=Alex Manager:mailto:alex@example.com\n"
        "ATTENDEE;CN=Jordan Lee;PARTSTAT=ACCEPTED:mailto:jordan.lee@example.com\n"
        "ATTENDEE;CN=Alex Manager;PARTSTAT=DECLINED:mailto:alex@example.com",
    ),
    head=BERLIN_ZONE,
)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def by_recurrence(expansion: Expansion) -> dict[datetime | None, CalendarEvent]:
    return {event.recurrence_id: event for event in expansion.events}


def test_the_weekly_series_expands_with_its_move_its_exdate_and_its_edits() -> None:
    expansion = read(WEEKLY)
    assert expansion.skipped == 0
    assert [(e.starts_at, e.ends_at) for e in expansion.events] == [
        (utc(2026, 3, 2, 9, 0), utc(2026, 3, 2, 9, 30)),
        (utc(2026, 3, 10, 13, 0), utc(2026, 3, 10, 13, 30)),  # moved to Tuesday 14:00
        # the 16th is gone (EXDATE)
        (utc(2026, 3, 23, 9, 0), utc(2026, 3, 23, 9, 30)),
        (utc(2026, 3, 30, 8, 0), utc(2026, 3, 30, 8, 30)),  # CEST from the 29th: 10:00 = 08:00Z
    ]
    assert {e.uid for e in expansion.events} == {SERIES}
    assert all(e.source == "work" and not e.all_day for e in expansion.events)


def test_each_occurrence_is_named_by_its_original_start() -> None:
    """RECURRENCE-ID is the occurrence's original start, also for the moved one: with the UID
    it is the key the matcher deduplicates on."""
    events = by_recurrence(read(WEEKLY))
    assert set(events) == {
        utc(2026, 3, 2, 9, 0),
        utc(2026, 3, 9, 9, 0),
        utc(2026, 3, 23, 9, 0),
        utc(2026, 3, 30, 8, 0),
    }
    moved = events[utc(2026, 3, 9, 9, 0)]
    assert moved.summary == "1:1 Jordan (moved)"
    assert moved.key == (SERIES, utc(2026, 3, 9, 9, 0))


def test_the_cancelled_instance_says_so_and_the_others_are_confirmed() -> None:
    events = by_recurrence(read(WEEKLY))
    assert events[utc(2026, 3, 23, 9, 0)].status is EventStatus.CANCELLED
    others = [e.status for key, e in events.items() if key != utc(2026, 3, 23, 9, 0)]
    assert others == [EventStatus.CONFIRMED] * 3


def test_the_declined_instance_carries_the_users_partstat() -> None:
    events = by_recurrence(read(WEEKLY))
    declined = {a.email: a.participation for a in events[utc(2026, 3, 30, 8, 0)].attendees}
    assert declined["alex@example.com"] is Participation.DECLINED
    accepted = {a.email: a.participation for a in events[utc(2026, 3, 2, 9, 0)].attendees}
    assert accepted["alex@example.com"] is Participation.ACCEPTED


def test_organizer_and_attendees_have_lower_case_addresses_without_mailto_and_their_names() -> None:
    first = read(WEEKLY).events[0]
    assert first.organizer == Attendee("alex@example.com", "Alex Manager")
    assert first.attendees == (
        Attendee("jordan.lee@example.com", "Jordan Lee", Participation.ACCEPTED),
        Attendee("alex@example.com", "Alex Manager", Participation.ACCEPTED),
    )


def test_the_dst_change_in_berlin_gives_the_right_utc_minutes_without_a_vtimezone() -> None:
    """The zone comes from the IANA database here (no VTIMEZONE in the feed): 10:00 Berlin is
    09:00Z on 23 March and 08:00Z on 30 March, after the change on the 29th."""
    document = ics(
        """
UID:dst@example.com
SUMMARY:1:1 Priya
DTSTART;TZID=Europe/Berlin:20260323T100000
DURATION:PT45M
RRULE:FREQ=WEEKLY;COUNT=2
"""
    )
    events = read(document, NEW_YORK).events
    assert [(e.starts_at, e.ends_at) for e in events] == [
        (utc(2026, 3, 23, 9, 0), utc(2026, 3, 23, 9, 45)),
        (utc(2026, 3, 30, 8, 0), utc(2026, 3, 30, 8, 45)),
    ]


def test_a_google_feed_keeps_its_local_time_across_dst_through_x_wr_timezone() -> None:
    """Google writes UTC times and the calendar's zone in X-WR-TIMEZONE. A series at 10:00
    Berlin written as 09:00Z in winter stays at 10:00 Berlin (08:00Z) after the change;
    read as plain UTC it would stay at 09:00Z."""
    document = ics(
        """
UID:google@google.com
SUMMARY:Jordan / Alex
DTSTART:20260316T090000Z
DTEND:20260316T093000Z
RRULE:FREQ=WEEKLY;UNTIL=20260331T000000Z
""",
        head="X-WR-CALNAME:Work\nX-WR-TIMEZONE:Europe/Berlin\n",
    )
    events = read(document, NEW_YORK).events
    assert [e.starts_at for e in events] == [
        utc(2026, 3, 16, 9, 0),
        utc(2026, 3, 23, 9, 0),
        utc(2026, 3, 30, 8, 0),
    ]


def test_an_unknown_x_wr_timezone_is_one_invalid_data_error() -> None:
    document = ics("UID:a\nDTSTART:20260302T090000Z", head="X-WR-TIMEZONE:Mars/Olympus\n")
    with pytest.raises(InvalidData, match=r"time zone 'Mars/Olympus' is unknown"):
        read(document)


def test_an_all_day_event_spans_the_users_local_days() -> None:
    document = ics(
        """
UID:offsite@example.com
SUMMARY:Sales offsite
DTSTART;VALUE=DATE:20260305
DTEND;VALUE=DATE:20260307
"""
    )
    (event,) = read(document, BERLIN).events
    assert event.all_day
    assert (event.starts_at, event.ends_at) == (utc(2026, 3, 4, 23, 0), utc(2026, 3, 6, 23, 0))
    (in_new_york,) = read(document, NEW_YORK).events
    assert in_new_york.starts_at == utc(2026, 3, 5, 5, 0)


def test_a_single_event_has_no_recurrence_id_and_a_series_occurrence_has_one() -> None:
    document = ics(
        "UID:single\nSUMMARY:Once\nDTSTART:20260302T100000Z\nDURATION:PT30M",
        "UID:weekly\nSUMMARY:Weekly\nDTSTART:20260302T110000Z\nDURATION:PT30M\n"
        "RRULE:FREQ=WEEKLY;COUNT=2",
        "UID:dated\nSUMMARY:Twice\nDTSTART:20260303T110000Z\nDURATION:PT30M\n"
        "RDATE:20260310T110000Z",
    )
    found = {(e.uid, e.recurrence_id) for e in read(document).events}
    assert found == {
        ("single", None),
        ("weekly", utc(2026, 3, 2, 11, 0)),
        ("weekly", utc(2026, 3, 9, 11, 0)),
        ("dated", utc(2026, 3, 3, 11, 0)),
        ("dated", utc(2026, 3, 10, 11, 0)),
    }


def test_floating_times_are_read_in_the_users_zone() -> None:
    document = ics("UID:f\nSUMMARY:Floating\nDTSTART:20260302T100000\nDURATION:PT30M")
    assert read(document, BERLIN).events[0].starts_at == utc(2026, 3, 2, 9, 0)
    assert read(document, NEW_YORK).events[0].starts_at == utc(2026, 3, 2, 15, 0)


def test_an_unknown_tzid_falls_back_to_the_users_zone_and_is_reported() -> None:
    document = ics("UID:m\nSUMMARY:On Mars\nDTSTART;TZID=Mars/Olympus:20260302T100000")
    expansion = read(document, BERLIN)
    assert expansion.unknown_time_zones == frozenset({"Mars/Olympus"})
    assert expansion.events[0].starts_at == utc(2026, 3, 2, 9, 0)
    assert read(WEEKLY).unknown_time_zones == frozenset()


def test_a_windows_zone_name_from_outlook_is_understood() -> None:
    document = ics("UID:w\nDTSTART;TZID=W. Europe Standard Time:20260302T100000")
    expansion = read(document, NEW_YORK)
    assert expansion.unknown_time_zones == frozenset()
    assert expansion.events[0].starts_at == utc(2026, 3, 2, 9, 0)


def test_only_occurrences_overlapping_the_window_are_returned() -> None:
    """[start, end): an event ending exactly at start is out, one running across start is
    in, one starting exactly at end is out."""
    document = ics(
        "UID:before\nDTSTART:20260228T233000Z\nDTEND:20260301T000000Z",
        "UID:across\nDTSTART:20260228T233000Z\nDTEND:20260301T003000Z",
        "UID:at-end\nDTSTART:20260401T000000Z\nDTEND:20260401T010000Z",
        "UID:last\nDTSTART:20260331T235900Z\nDTEND:20260401T010000Z",
    )
    assert [e.uid for e in read(document).events] == ["across", "last"]


def test_an_endless_rule_is_bounded_by_the_window() -> None:
    document = ics("UID:daily\nDTSTART:20200101T080000Z\nDURATION:PT15M\nRRULE:FREQ=DAILY")
    events = read(document).events
    assert len(events) == 31
    assert events[0].starts_at == utc(2026, 3, 1, 8, 0)
    assert events[-1].starts_at == utc(2026, 3, 31, 8, 0)


@pytest.mark.parametrize(
    "bad",
    [
        "SUMMARY:no uid\nDTSTART:20260302T090000Z",
        "UID:no-start\nSUMMARY:no start",
        "UID:broken-start\nDTSTART:2026-03-02 nine o'clock",
        "UID:broken-rule\nDTSTART:20260302T090000Z\nRRULE:FREQ=FORTNIGHTLY",
        "UID:broken-rule-2\nDTSTART:20260302T090000Z\nRRULE:FREQ=WEEKLY;INTERVAL=x",
        "UID:broken-end\nDTSTART:20260302T090000Z\nDTEND:tomorrow",
        "UID:period\nDTSTART:20260302T090000Z\nRDATE;VALUE=PERIOD:20260305T090000Z/20260304T090000Z",
        "UID:exdate\nDTSTART:20260302T090000Z\nRRULE:FREQ=WEEKLY\nEXDATE:nonsense",
        "UID:rdate\nDTSTART:20260302T090000Z\nRRULE:FREQ=WEEKLY\nRDATE:nonsense",
        # Since 2000 every second: dateutil would walk it for hours; screened out at once.
        "UID:hostile\nDTSTART:20000101T000000Z\nRRULE:FREQ=SECONDLY",
        # Cheap to reach, but 44,640 occurrences in the window: no meeting series.
        "UID:minutely\nDTSTART:20260301T000000Z\nRRULE:FREQ=MINUTELY",
    ],
)
def test_a_broken_event_is_skipped_counted_and_the_others_kept(bad: str) -> None:
    document = ics(bad, "UID:good\nDTSTART:20260302T090000Z")
    expansion = read(document)
    assert [e.uid for e in expansion.events] == ["good"]
    assert expansion.skipped == 1


@pytest.mark.parametrize(
    "document",
    [
        b"",
        b"garbage",
        b"\xff\xfe\x00\x01",
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\n",  # truncated
        b"BEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\n",  # no VCALENDAR
        b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        b"<html><body>Sign in</body></html>",
    ],
)
def test_an_unreadable_document_is_one_invalid_data_error(document: bytes) -> None:
    with pytest.raises(InvalidData) as raised:
        read(document)
    message = str(raised.value)
    assert message and "\n" not in message and len(message) < 240


def test_a_document_over_the_size_cap_is_refused_in_one_line_before_parsing() -> None:
    event = "UID:x\nDTSTART:20260302T090000Z\nSUMMARY:" + "x" * 60
    document = ics(*[event] * (MAX_DOCUMENT_BYTES // 90 + 1))
    assert len(document) > MAX_DOCUMENT_BYTES
    with pytest.raises(InvalidData, match=r"^The calendar is 1\d\.\d MB; more than 10 MB"):
        read(document)
    assert read(ics(event)).events  # the same event under the cap is read


def test_deep_nesting_is_read_without_recursion_trouble() -> None:
    depth = 20_000
    document = (
        b"BEGIN:VCALENDAR\r\n"
        + b"BEGIN:X-DEEP\r\n" * depth
        + b"END:X-DEEP\r\n" * depth
        + b"BEGIN:VEVENT\r\nUID:ok\r\nDTSTART:20260302T090000Z\r\nEND:VEVENT\r\n"
        + b"END:VCALENDAR\r\n"
    )
    try:
        expansion = read(document)
    except InvalidData:
        return  # refusing it in one line is as good as reading it
    assert [e.uid for e in expansion.events] == ["ok"]


def test_twenty_thousand_events_are_read() -> None:
    start = datetime(2026, 3, 1, 8, tzinfo=UTC)
    bodies = [
        f"UID:e{i}\nSUMMARY:Call {i}\nDTSTART:{(start + timedelta(minutes=2 * i)):%Y%m%dT%H%M%SZ}"
        "\nDURATION:PT1M"
        for i in range(20_000)
    ]
    expansion = read(ics(*bodies))
    assert len(expansion.events) == 20_000
    assert expansion.skipped == 0
    assert expansion.events[-1].uid == "e19999"


def test_an_unknown_status_or_partstat_reads_as_the_rfc_default() -> None:
    document = ics(
        "UID:s\nDTSTART:20260302T090000Z\nSTATUS:X-MAYBE\nATTENDEE;PARTSTAT=X-SHRUG:mailto:a@b.c"
    )
    (event,) = read(document).events
    assert event.status is EventStatus.CONFIRMED
    assert event.attendees == (Attendee("a@b.c", "", Participation.NEEDS_ACTION),)


def test_a_naive_window_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        occurrences(WEEKLY, "work", datetime(2026, 3, 1), MARCH_END, BERLIN)


def test_a_broken_edit_of_one_instance_leaves_the_rest_of_the_series() -> None:
    """The moved instance's DTEND is garbled: that edit is left out and counted, the series
    keeps its other occurrences (and the 9th shows at its series time)."""
    garbled = WEEKLY.replace(b"20260310T143000", b"20260310T14x3000")
    expansion = read(garbled)
    assert expansion.skipped == 1
    assert [e.starts_at for e in expansion.events] == [
        utc(2026, 3, 2, 9, 0),
        utc(2026, 3, 9, 9, 0),
        utc(2026, 3, 23, 9, 0),
        utc(2026, 3, 30, 8, 0),
    ]
