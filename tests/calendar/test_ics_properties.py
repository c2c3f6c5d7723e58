"""Property tests: whatever bytes arrive, focusmate.calendar.ics.occurrences returns an
Expansion or raises InvalidData, nothing else (issue 15, "never a crash")."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from focusmate.calendar.ics import Expansion, occurrences
from focusmate.core.errors import InvalidData
from tests.calendar.test_ics import BERLIN, WEEKLY

START = datetime(2026, 3, 1, tzinfo=UTC)
END = datetime(2026, 4, 1, tzinfo=UTC)

#: The pieces an ICS feed is made of, good and bad: shuffled and glued, they make documents
#: that get deep into the parser and the expander rather than failing on the first line.
LINES = [
    "BEGIN:VCALENDAR",
    "END:VCALENDAR",
    "BEGIN:VEVENT",
    "END:VEVENT",
    "BEGIN:VTIMEZONE",
    "END:VTIMEZONE",
    "BEGIN:STANDARD",
    "END:STANDARD",
    "TZID:Europe/Berlin",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZOFFSETTO:+9999",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "CALSCALE:JULIAN",
    "X-WR-TIMEZONE:Europe/Berlin",
    "X-WR-TIMEZONE:Nowhere/Else",
    "UID:a",
    "UID:b",
    "UID:",
    "SUMMARY:1:1 Jordan",
    "STATUS:CANCELLED",
    "STATUS:???",
    "DTSTART:20260302T090000Z",
    "DTSTART:20260302T090000",
    "DTSTART;VALUE=DATE:20260302",
    "DTSTART;TZID=Europe/Berlin:20260302T100000",
    "DTSTART;TZID=Mars/Olympus:20260302T100000",
    "DTSTART:99999999T999999Z",
    "DTSTART:00010101T000000Z",
    "DTSTART:",
    "DTEND:20260302T080000Z",
    "DTEND;VALUE=DATE:20260301",
    "DURATION:PT30M",
    "DURATION:-P1D",
    "DURATION:P99999999W",
    "RRULE:FREQ=WEEKLY",
    "RRULE:FREQ=DAILY;COUNT=3",
    "RRULE:FREQ=SECONDLY",
    "RRULE:FREQ=YEARLY;BYDAY=MO,TU;BYHOUR=1,2,3;BYMINUTE=0,1,2,3",
    "RRULE:FREQ=WEEKLY;UNTIL=20260310",
    "RRULE:FREQ=WEEKLY;INTERVAL=0",
    "RRULE:FREQ=MONTHLY;BYSETPOS=-1;BYDAY=FR",
    "RRULE:garbage",
    "RDATE:20260305T090000Z",
    "RDATE;VALUE=PERIOD:20260305T090000Z/PT1H",
    "EXDATE:20260309T090000Z",
    "EXDATE:nonsense",
    "RECURRENCE-ID:20260309T090000Z",
    "RECURRENCE-ID;RANGE=THISANDFUTURE:20260316T090000Z",
    "RECURRENCE-ID:broken",
    "SEQUENCE:2",
    "SEQUENCE:x",
    "ORGANIZER;CN=Alex:mailto:alex@example.com",
    "ATTENDEE;CN=Jordan;PARTSTAT=DECLINED:mailto:j@example.com",
    "ATTENDEE;PARTSTAT=:",
    'ATTENDEE;CN="unterminated:mailto:x@y',
    " folded continuation",
    "X-EMPTY;=:",
    ";;;",
    ":",
]


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(st.sampled_from(LINES), max_size=60))
    if draw(st.booleans()):
        lines = ["BEGIN:VCALENDAR", *lines, "END:VCALENDAR"]
    text = "\r\n".join(lines).encode()
    noise = draw(st.binary(max_size=20))
    where = draw(st.integers(min_value=0, max_value=len(text)))
    return text[:where] + noise + text[where:]


def outcome(document: bytes) -> Expansion | InvalidData:
    try:
        return occurrences(document, "work", START, END, BERLIN)
    except InvalidData as error:
        assert str(error) and "\n" not in str(error)
        return error


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
@example(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260302T090000Z\r\nEND:VEVENT")
def test_glued_feed_lines_give_an_expansion_or_invalid_data(document: bytes) -> None:
    result = outcome(document)
    if isinstance(result, Expansion):
        for event in result.events:
            assert event.starts_at.tzinfo is UTC and event.ends_at.tzinfo is UTC
            assert event.starts_at < END and event.ends_at >= event.starts_at


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_give_an_expansion_or_invalid_data(document: bytes) -> None:
    outcome(document)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=len(WEEKLY)), st.binary(max_size=8))
def test_a_real_feed_cut_or_garbled_anywhere_gives_an_expansion_or_invalid_data(
    cut: int, noise: bytes
) -> None:
    outcome(WEEKLY[:cut] + noise)
    outcome(WEEKLY[:cut] + noise + WEEKLY[cut:])
