"""The iCalendar export: events, escaping and folding per RFC 5545."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.calendar_export import escape, fold, ics_document
from focusmate.core.model import CoachingSession, Mark

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_one_event_per_ended_session() -> None:
    ended = CoachingSession("s1", "Zoë; \"the closer\", 🙂", T0, 30, focus="listen\nfirst",
                            ended_at=T0 + timedelta(minutes=35),
                            marks=(Mark("phone", T0),))  # fmt: skip
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
