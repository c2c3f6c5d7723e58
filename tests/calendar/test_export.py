"""focusmate.calendar.export: the history as iCalendar, written by icalendar (issue 15).

Read back two ways: by icalendar (what a calendar app sees) and by a strict line reader that
knows only RFC 5545's unfolding, so that no text can add an event or a property even for a
reader that is not icalendar.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusmate.calendar.export import ics_document, ics_text
from focusmate.core.model import CoachingSession, Mark, Question, Reflection

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

#: What the hand-written export (core/calendar_export.py, before issue 15) wrote for
#: ``rated_session()`` stamped a day later: the new export must mean the same to a reader.
HAND_WRITTEN = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//focusmate//coaching sessions//EN\r\n"
    "CALSCALE:GREGORIAN\r\nBEGIN:VEVENT\r\nUID:s1@focusmate\r\nDTSTAMP:20261124T090000Z\r\n"
    "DTSTART:20261123T090000Z\r\nDTEND:20261123T093500Z\r\n"
    'SUMMARY:One-on-one with Zoë\\; "the closer"\\, 🙂\r\n'
    "DESCRIPTION:1 phone check\\, 0 app switches\\nPresence 4.0 of 5\\nFocus: liste\r\n"
    " n\\nfirst\\, then \\\\ advise\\; ok\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def rated_session() -> CoachingSession:
    return CoachingSession(
        "s1",
        'Zoë; "the closer", 🙂',
        T0,
        30,
        focus="listen\nfirst, then \\ advise; ok",
        ended_at=T0 + timedelta(minutes=35),
        marks=(Mark("phone", T0),),
        reflection=Reflection(answers=dict.fromkeys(Question, 4), empathy=5, complete=True),
    )


def parsed_events(text: str) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return [event for event in calendar.walk("VEVENT") if isinstance(event, icalendar.Event)]


def values(event: icalendar.Event) -> dict[str, object]:
    return {
        "uid": str(event["UID"]),
        "dtstamp": event.decoded("DTSTAMP"),
        "dtstart": event.decoded("DTSTART"),
        "dtend": event.decoded("DTEND"),
        "summary": str(event["SUMMARY"]),
        "description": str(event["DESCRIPTION"]),
    }


def test_the_export_means_what_the_hand_written_one_meant() -> None:
    text = ics_document([rated_session()], stamp=T0 + timedelta(days=1))
    assert [values(e) for e in parsed_events(text)] == [
        values(e) for e in parsed_events(HAND_WRITTEN)
    ]
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["PRODID"]) == "-//focusmate//coaching sessions//EN"
    assert str(calendar["VERSION"]) == "2.0"


def test_one_event_per_ended_session_in_utc() -> None:
    berlin = timezone(timedelta(hours=1))
    ended = CoachingSession(
        "s1", "Ana", T0.astimezone(berlin), 30, ended_at=(T0 + timedelta(minutes=35))
    )
    running = CoachingSession("s2", "Ben", T0, 30)
    text = ics_document([ended, running], stamp=T0)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert "DTSTART:20261123T090000Z\r\n" in text and "DTEND:20261123T093500Z\r\n" in text
    [event] = parsed_events(text)
    assert event.decoded("DTSTART") == T0 and event.decoded("DTSTART").utcoffset() == timedelta()
    assert str(event["SUMMARY"]) == "One-on-one with Ana"
    assert str(event["DESCRIPTION"]) == "0 phone checks, 0 app switches"


def test_uids_are_the_session_ids_and_do_not_depend_on_when_the_file_is_made() -> None:
    sessions = [
        CoachingSession(f"id-{i}", "Ana", T0, 30, ended_at=T0 + timedelta(minutes=30))
        for i in range(3)
    ]
    first = ics_document(sessions, stamp=T0)
    later = ics_document(list(reversed(sessions)), stamp=T0 + timedelta(days=30))
    assert [str(e["UID"]) for e in parsed_events(first)] == [
        "id-0@focusmate",
        "id-1@focusmate",
        "id-2@focusmate",
    ]
    assert sorted(str(e["UID"]) for e in parsed_events(later)) == sorted(
        str(e["UID"]) for e in parsed_events(first)
    )


HOSTILE = (
    "Ana\nEND:VEVENT\r\nBEGIN:VEVENT\rSUMMARY:free money;, \\n \\, "
    "\x00\x07\x1b[2J\x7f\ttab " + "é🙂x" * 60
)


def test_hostile_text_comes_back_exactly_as_text_can_hold_it() -> None:
    session = CoachingSession(
        "s1", HOSTILE, T0, 30, focus=HOSTILE, ended_at=T0 + timedelta(minutes=30)
    )
    [event] = parsed_events(ics_document([session], stamp=T0))
    kept = ics_text(HOSTILE)
    assert kept == (
        "Ana\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:free money;, \\n \\, [2J\ttab " + "é🙂x" * 60
    )
    assert str(event["SUMMARY"]) == f"One-on-one with {kept}"
    assert str(event["DESCRIPTION"]).endswith(f"\nFocus: {kept}")


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


#: A content line after unfolding: a property name, then ':' and a value without CR or LF.
CONTENT_LINE = re.compile(r"[A-Z][A-Z-]*:[^\r\n]*")


def events_read(text: str) -> list[dict[str, str]]:
    """The events as a strict reader sees them (RFC 5545 3.1: unfold, then one property a line)."""
    events: list[dict[str, str]] = []
    for line in unfold(text)[:-1]:
        assert CONTENT_LINE.fullmatch(line), line
        name, value = line.split(":", 1)
        if line == "BEGIN:VEVENT":
            events.append({})
        elif events and name not in {"END", "BEGIN"}:
            events[-1].setdefault(name, value)
    return events


HOSTILE_ID = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:injected;,\\\nSUMMARY:free money"


def test_an_imported_id_cannot_add_events_or_properties() -> None:
    """Issue 13, finding 11: an id with CR/LF and END:VEVENT made a parser read 12 events."""
    days = [T0 + timedelta(days=i) for i in range(11)]
    ids = [HOSTILE_ID, *(f"s{i}" for i in range(1, 11))]
    sessions = [
        CoachingSession(session_id, "Ana", day, 30, ended_at=day + timedelta(minutes=30))
        for session_id, day in zip(ids, days, strict=True)
    ]
    text = ics_document(sessions, stamp=T0)
    assert len(events_read(text)) == 11
    events = parsed_events(text)
    assert len(events) == 11
    # The UID the hand-written export gave this id, so a re-import still updates the event.
    uid = "xEND:VEVENTBEGIN:VEVENTUID:injected;,\\SUMMARY:free money@focusmate"
    assert str(events[0]["UID"]) == uid
    assert [str(e["SUMMARY"]) for e in events] == ["One-on-one with Ana"] * 11


TEXTS = st.tuples(st.text(min_size=1, max_size=80), st.text(max_size=200), st.text(max_size=200))


@given(st.lists(TEXTS, max_size=5))
def test_any_id_name_or_focus_stays_inside_its_own_value_and_comes_back(
    texts: list[tuple[str, str, str]],
) -> None:
    sessions = [
        CoachingSession(session_id, name, T0, 30, focus=focus, ended_at=T0 + timedelta(hours=1))
        for session_id, name, focus in texts
    ]
    text = ics_document(sessions, stamp=T0)
    assert all(len(piece.encode()) <= 75 for piece in text.split("\r\n"))
    read = events_read(text)
    assert len(read) == len(sessions)
    assert all(
        set(event) == {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "CATEGORIES"}
        for event in read
    )
    events = parsed_events(text)
    for event, (session_id, name, focus) in zip(events, texts, strict=True):
        uid = ics_text(session_id.replace("\r", "").replace("\n", ""))
        assert str(event["UID"]) == uid + "@focusmate"
        assert str(event["SUMMARY"]) == ics_text(f"One-on-one with {name}")
        if focus:
            assert str(event["DESCRIPTION"]).endswith(f"\nFocus: {ics_text(focus)}")


@given(st.text(max_size=400))
def test_long_lines_are_folded_at_75_octets_without_splitting_a_character(text: str) -> None:
    session = CoachingSession("s1", text, T0, 30, ended_at=T0 + timedelta(hours=1))
    document = ics_document([session], stamp=T0)
    raw = document.encode()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    # Each physical line decodes on its own: no UTF-8 character was cut in two.
    assert all(line.decode() is not None for line in raw.split(b"\r\n"))
    [event] = parsed_events(document)
    assert str(event["SUMMARY"]) == ics_text(f"One-on-one with {text}")


@pytest.mark.parametrize(
    ("kind", "summary"),
    [
        ("coaching", "One-on-one with Sam"),
        ("client", "Client meeting with Sam"),
        ("team-meeting", "Team meeting with Sam"),
    ],
)
def test_each_event_names_its_kind_in_the_summary_and_as_its_category(
    kind: str, summary: str
) -> None:
    session = CoachingSession("s1", "Sam", T0, 30, ended_at=T0 + timedelta(hours=1), kind=kind)
    (event,) = parsed_events(ics_document([session], stamp=T0))
    assert str(event["SUMMARY"]) == summary
    assert [str(c) for c in event["CATEGORIES"].cats] == [kind]
    assert f"CATEGORIES:{kind}\r\n" in ics_document([session], stamp=T0)
