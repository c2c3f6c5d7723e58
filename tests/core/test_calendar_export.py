"""The iCalendar export: events, escaping and folding per RFC 5545."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.calendar_export import escape, fold, ics_document
from focusmate.core.model import CoachingSession, Mark

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_one_event_per_ended_session() -> None:
    ended = CoachingSession(
        "s1",
        'Zoë; "the closer", 🙂',
        T0,
        30,
        focus="listen\nfirst",
        ended_at=T0 + timedelta(minutes=35),
        marks=(Mark("phone", T0),),
    )
    running = CoachingSession("s2", "Ben", T0, 30)
    text = ics_document([ended, running], stamp=T0)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == 1
    assert "UID:s1@focusmate" in lines
    assert "DTSTART:20261123T090000Z" in lines and "DTEND:20261123T093500Z" in lines
    assert 'SUMMARY:One-on-one with Zoë\\; "the closer"\\, 🙂' in lines
    description = next(line for line in lines if line.startswith("DESCRIPTION:"))
    assert "1 phone check\\, 0 app switches" in description
    assert "Focus: listen\\nfirst" in description


@given(st.text(max_size=300))
def test_folded_lines_are_at_most_75_octets_and_unfold_exactly(text: str) -> None:
    line = "DESCRIPTION:" + escape(text)
    folded = fold(line)
    assert all(len(piece.encode()) <= 75 for piece in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert "\r" not in escape(text) and "\n" not in escape(text)


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


def unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


HOSTILE_ID = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:injected;,\\\nSUMMARY:free money"


def test_an_imported_id_cannot_add_events_or_properties() -> None:
    """Issue 13, finding 11: an id with CR/LF and END:VEVENT made a parser read 12 events."""
    days = [T0 + timedelta(days=i) for i in range(11)]
    ids = [HOSTILE_ID, *(f"s{i}" for i in range(1, 11))]
    sessions = [
        CoachingSession(session_id, "Ana", day, 30, ended_at=day + timedelta(minutes=30))
        for session_id, day in zip(ids, days, strict=True)
    ]
    events = events_read(ics_document(sessions, stamp=T0))
    assert len(events) == 11
    uid = "xEND:VEVENTBEGIN:VEVENTUID:injected;,\\SUMMARY:free money@focusmate"
    assert unescape(events[0]["UID"]) == uid
    assert [unescape(e["SUMMARY"]) for e in events] == ["One-on-one with Ana"] * 11


TEXTS = st.tuples(st.text(min_size=1, max_size=80), st.text(max_size=80), st.text(max_size=80))


@given(st.lists(TEXTS, max_size=5))
def test_any_id_name_or_focus_stays_inside_its_own_value(
    texts: list[tuple[str, str, str]],
) -> None:
    sessions = [
        CoachingSession(session_id, name, T0, 30, focus=focus, ended_at=T0 + timedelta(hours=1))
        for session_id, name, focus in texts
    ]
    text = ics_document(sessions, stamp=T0)
    assert all(len(piece.encode()) <= 75 for piece in text.split("\r\n"))
    events = events_read(text)
    assert len(events) == len(sessions)
    for event, (session_id, name, _focus) in zip(events, texts, strict=True):
        assert set(event) == {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"}
        uid = keep_printable(session_id).replace("\n", "")
        assert unescape(event["UID"]) == uid + "@focusmate"
        assert unescape(event["SUMMARY"]) == keep_printable(f"One-on-one with {name}")


def keep_printable(text: str) -> str:
    """What an iCalendar TEXT value can carry: line breaks (as \\n) and no other controls."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\t\n" or (ord(ch) >= 0x20 and ord(ch) != 0x7F))
