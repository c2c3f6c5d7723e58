"""The history as an iCalendar file (RFC 5545): one event per ended session.

icalendar writes the document: it escapes every TEXT value (backslash, semicolon, comma,
line breaks), ends lines in CRLF and folds them at 75 octets, so no stored text can end its
line or start a property or an event of its own (ARCHITECTURE invariant 10). What is decided
here is only what a value may hold: RFC 5545 allows no control character in TEXT except the
line break (written as ``\\n``) and the tab, so the others are dropped first (``ics_text``);
icalendar would pass them through. A session id is imported data like the rest; as a UID it
also loses its line breaks (``uid_text``), and the UID is ``<id>@focusmate`` as it always was,
so importing the file again into a calendar app updates its events instead of doubling them.
Times are UTC. Each event names the session's kind in its summary ("One-on-one with Ana",
"Client meeting with Acme", "Team meeting with Sales", a kind of the user's by its id) and
carries the kind's id as its CATEGORIES, so a calendar app can colour or filter by it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime

import icalendar

from focusmate.core.describe import counts_text
from focusmate.core.marks import MarkKinds
from focusmate.core.model import CoachingSession
from focusmate.core.scoring import presence_score
from focusmate.core.session_kind import CLIENT, COACHING

PRODID = "-//focusmate//coaching sessions//EN"
UID_DOMAIN = "focusmate"

#: C0 controls but tab and line feed, and DEL: not allowed in an iCalendar TEXT value.
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def ics_document(
    sessions: Iterable[CoachingSession], stamp: datetime, kinds: MarkKinds | None = None
) -> str:
    """The ended sessions among ``sessions`` as one VCALENDAR; ``stamp`` is every event's
    DTSTAMP (when the file was made)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for session in sessions:
        if session.ended_at is not None:
            calendar.add_component(_event(session, session.ended_at, stamp, kinds or MarkKinds()))
    document: bytes = calendar.to_ical()
    return document.decode()


def _event(
    session: CoachingSession, ended_at: datetime, stamp: datetime, kinds: MarkKinds
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{uid_text(session.id)}@{UID_DOMAIN}")
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", session.started_at.astimezone(UTC))
    event.add("dtend", ended_at.astimezone(UTC))
    event.add("summary", ics_text(f"{_what(session.kind)} with {session.with_name}"))
    event.add("description", ics_text(_description(session, kinds)))
    event.add("categories", [ics_text(session.kind)])
    return event


def _what(kind_id: str) -> str:
    """The kind in the summary, in English like the rest of the file (a file outlives the
    app's language); a kind of the user's by its id, which never changes."""
    if kind_id == COACHING:
        return "One-on-one"
    if kind_id == CLIENT:
        return "Client meeting"
    return kind_id.replace("-", " ").capitalize()


def _description(session: CoachingSession, kinds: MarkKinds) -> str:
    description = counts_text(session.mark_counts(), kinds)
    score = presence_score(session)
    if score is not None:
        description += f"\nPresence {score:.1f} of 5"
    if session.focus:
        description += f"\nFocus: {session.focus}"
    return description


def ics_text(text: str) -> str:
    """What of ``text`` an iCalendar TEXT value can carry: its line breaks (CR, LF, CRLF all
    become one LF, which icalendar writes as ``\\n``) and tabs; other controls are dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_TEXT.sub("", text)


def uid_text(session_id: str) -> str:
    """A session id as (the start of) a UID: text like the rest, but one line (an identifier
    has no line breaks; an imported id with CR/LF must neither end the line nor carry them)."""
    return ics_text(session_id.replace("\r", "").replace("\n", ""))
