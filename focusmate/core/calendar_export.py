"""Sessions as an iCalendar file (RFC 5545): one event per ended session.

Every text value (UID, SUMMARY, DESCRIPTION) is escaped by one rule, ``escape``: backslash,
semicolon, comma and newline get a backslash, other control characters are dropped, so no
value can end its line or start a property or an event of its own. A session id is imported
data, text like the rest; as a UID it also loses line breaks (``uid_text``). Lines end in
CRLF and are folded at 75 octets without splitting a UTF-8 character; times are UTC.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from focusmate.core.describe import counts_text
from focusmate.core.marks import MarkKinds
from focusmate.core.model import CoachingSession
from focusmate.core.scoring import presence_score

LINE_OCTETS = 75


def ics_document(
    sessions: Iterable[CoachingSession], stamp: datetime, kinds: MarkKinds | None = None
) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//focusmate//coaching sessions//EN",
        "CALSCALE:GREGORIAN",
    ]
    for session in sessions:
        if session.ended_at is None:
            continue
        score = presence_score(session)
        description = counts_text(session.mark_counts(), kinds or MarkKinds())
        if score is not None:
            description += f"\nPresence {score:.1f} of 5"
        if session.focus:
            description += f"\nFocus: {session.focus}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid_text(session.id)}@focusmate",
            f"DTSTAMP:{_utc(stamp)}",
            f"DTSTART:{_utc(session.started_at)}",
            f"DTEND:{_utc(session.ended_at)}",
            f"SUMMARY:{escape(f'One-on-one with {session.with_name}')}",
            f"DESCRIPTION:{escape(description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _utc(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    # Other control characters are not allowed in iCalendar text values.
    return "".join(ch for ch in text if ch == "\t" or (ord(ch) >= 0x20 and ord(ch) != 0x7F))


def uid_text(session_id: str) -> str:
    """A session id as a UID value: TEXT like the rest, but one line (an identifier has no
    line breaks; an imported id with CR/LF must neither end the line nor carry them)."""
    return escape(session_id.replace("\r", "").replace("\n", ""))


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces joined by CRLF + space."""
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        octets = len(char.encode())
        limit = LINE_OCTETS if not pieces else LINE_OCTETS - 1
        if size + octets > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += octets
    pieces.append(current)
    return "\r\n ".join(pieces)
