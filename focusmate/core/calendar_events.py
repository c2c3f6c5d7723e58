"""A calendar event as focusmate sees it, whatever feed or server it came from (issue 15).

The calendar adapters (ICS feeds, CalDAV) turn what they read into these plain values, one per
occurrence of a recurring series, already expanded and in aware UTC; the matcher in core
decides which of them are one-on-ones. Nothing here parses or fetches anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class EventStatus(StrEnum):
    """RFC 5545 STATUS of an event (CONFIRMED when the feed says nothing)."""

    CONFIRMED = "CONFIRMED"
    TENTATIVE = "TENTATIVE"
    CANCELLED = "CANCELLED"


class Participation(StrEnum):
    """RFC 5545 PARTSTAT of an attendee (NEEDS-ACTION when the feed says nothing)."""

    NEEDS_ACTION = "NEEDS-ACTION"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    TENTATIVE = "TENTATIVE"
    DELEGATED = "DELEGATED"


@dataclass(frozen=True, slots=True)
class Attendee:
    """One ATTENDEE (or the ORGANIZER): a lower-case e-mail address without ``mailto:``,
    the display name if the feed gives one (CN), and how they answered."""

    email: str
    name: str = ""
    participation: Participation = Participation.NEEDS_ACTION


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One occurrence of an event.

    ``uid`` names the event or the whole recurring series; ``recurrence_id`` (aware UTC) names
    the occurrence within a series (None for a single event). Together they identify an
    occurrence across refreshes and sources (deduplication). ``starts_at``/``ends_at`` are
    aware UTC; an all-day event has ``all_day`` and spans whole days."""

    source: str
    uid: str
    recurrence_id: datetime | None
    summary: str
    starts_at: datetime
    ends_at: datetime
    all_day: bool = False
    status: EventStatus = EventStatus.CONFIRMED
    organizer: Attendee | None = None
    attendees: tuple[Attendee, ...] = ()

    @property
    def key(self) -> tuple[str, datetime | None]:
        """UID + RECURRENCE-ID: the same occurrence, whichever feed it came from."""
        return (self.uid, self.recurrence_id)
