"""An iCalendar document (the bytes of an ICS feed or file) -> expanded occurrences (issue 15).

Parsing is icalendar's, recurrence (RRULE, RDATE, EXDATE, edited instances by RECURRENCE-ID)
is recurring-ical-events', Google's X-WR-TIMEZONE is x-wr-timezone's; this module only puts
their results into :class:`focusmate.core.calendar_events.CalendarEvent` values and keeps a
hostile document from crashing or stalling the worker that calls it. No Qt, no clock, no I/O.

Errors, by design:

- A document that cannot be read as a whole (larger than :data:`MAX_DOCUMENT_BYTES`, not
  iCalendar, truncated before its END:VCALENDAR, not one VCALENDAR, an unknown X-WR-TIMEZONE)
  raises one :class:`focusmate.core.errors.InvalidData` with a one-line message. Nothing else
  escapes :func:`occurrences`.
- An event that cannot be read is left out and counted in :attr:`Expansion.skipped`, so one
  bad event never hides the others. A VEVENT without a UID, with a broken DTSTART, DTEND,
  DURATION, RECURRENCE-ID or RRULE, or with an RRULE that would take more than
  :data:`MAX_RULE_STEPS` steps to reach the window is taken out before expansion and counts
  once (a broken edited instance goes alone: its occurrence then shows as the series has it).
  A series that fails while it is expanded, or has more than
  :data:`MAX_OCCURRENCES_PER_SERIES` occurrences in the window, is left out whole and counts
  once; an occurrence that cannot be converted is left out alone, its series counting once.

Times: every occurrence is aware UTC. Floating times (no TZID, no Z) and all-day dates are
read in the user's zone (``local_zone``); an all-day event runs from local midnight to local
midnight. An unknown TZID (no VTIMEZONE in the document and no IANA or Windows name that
icalendar knows) falls back to the user's zone as well, icalendar's own fallback; its name is
reported in :attr:`Expansion.unknown_time_zones` so a caller can say so.

Speed: a feed holds years of past meetings and the window is weeks, so before anything is
parsed, the plain events whose dates cannot reach the window are cut out of the bytes
(``_within_reach``; series and anything it cannot judge stay). Parsing the rest is what a
refresh costs: the refresh benchmark's 4,000 events take about 0.1 s instead of 1.2 s. Only
events within reach are judged, counted as skipped or reported for their zone; a broken event
years away no longer spoils the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from math import prod
from typing import Any

import icalendar
import recurring_ical_events
import x_wr_timezone

from focusmate.core.calendar_events import Attendee, CalendarEvent, EventStatus, Participation
from focusmate.core.errors import InvalidData

#: A published calendar of a busy manager is well under 1 MB; 10 MB is the issue's hostile feed.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
#: Occurrences of one series inside the window: a daily event over a year is 366; more than
#: this is no meeting series but a hostile or broken rule, and would cost memory.
MAX_OCCURRENCES_PER_SERIES = 5_000
#: dateutil walks a rule from its DTSTART, so FREQ=SECONDLY from 2000 never reaches 2026 in
#: any useful time. A rule whose estimated steps up to the window's end exceed this is skipped
#: (weekly since 1900 is about 6,500 steps; daily since 1900 about 46,000).
MAX_RULE_STEPS = 200_000

#: The margin around the window handed to recurring-ical-events: it compares floating and
#: all-day times without a zone, so the exact cut is made here, in UTC.
_MARGIN = timedelta(days=2)
_PERIOD_S = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86_400,
    "WEEKLY": 7 * 86_400,
    "MONTHLY": 28 * 86_400,
    "YEARLY": 365 * 86_400,
}
#: How many candidates one BY-value can stand for within one period, at most (BYDAY=MO in a
#: yearly rule is 53 Mondays).
_FAN_OUT = {"BYDAY": 53, "BYWEEKNO": 7, "BYMONTH": 31}


@dataclass(frozen=True, slots=True)
class Expansion:
    """What one document holds within the window, and what could not be read in it."""

    #: The occurrences that overlap the window, sorted by start (then UID).
    events: tuple[CalendarEvent, ...]
    #: Events left out because something in them could not be read (a series counts once).
    skipped: int = 0
    #: TZIDs no zone was found for; their times were read in the user's zone.
    unknown_time_zones: frozenset[str] = frozenset()


def occurrences(
    document: bytes, source: str, start: datetime, end: datetime, local_zone: tzinfo
) -> Expansion:
    """Every occurrence in ``document`` that overlaps [``start``, ``end``), in aware UTC.

    ``source`` is the calendar's name, copied into each event; ``start`` and ``end`` must be
    aware; ``local_zone`` is the user's zone for floating and all-day times (injected, so this
    never reads the machine's settings). Raises InvalidData for an unreadable document only.
    """
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("the window must be aware datetimes")
    if len(document) <= MAX_DOCUMENT_BYTES:
        document = _within_reach(document, start.astimezone(UTC), end.astimezone(UTC))
    calendar = _parse(document)
    uids, screened, unknown_zones = _screen(calendar, end.astimezone(UTC))
    try:
        query = recurring_ical_events.of(calendar, skip_bad_series=True)
        all_series = list(query.series)
    except Exception as error:  # a VCALENDAR the expander refuses as a whole (CALSCALE)
        raise InvalidData(f"The calendar cannot be expanded: {_one_line(error)}") from error
    reader = _Reader(source, start.astimezone(UTC), end.astimezone(UTC), local_zone)
    # Series the expander dropped while collecting them (skip_bad_series) count as well.
    reader.skipped += screened + max(0, len(uids) - len(all_series))
    for series in all_series:
        reader.read_series(series)
    events = sorted(reader.events, key=occurrence_order)
    return Expansion(tuple(events), reader.skipped, frozenset(unknown_zones))


def occurrence_order(event: CalendarEvent) -> tuple[datetime, str, datetime, bool, datetime]:
    """Start, UID, end, then the occurrence: a total order of occurrences, so that equal
    documents give equal tuples whatever order the expander found them in."""
    recurrence = event.recurrence_id
    return (
        event.starts_at,
        event.uid,
        event.ends_at,
        recurrence is not None,
        recurrence or event.starts_at,
    )


def _parse(document: bytes) -> icalendar.Calendar:
    """The one VCALENDAR of the document, in RFC 5545 form, or InvalidData."""
    if len(document) > MAX_DOCUMENT_BYTES:
        raise InvalidData(
            f"The calendar is {len(document) / 1e6:.1f} MB; more than "
            f"{MAX_DOCUMENT_BYTES // (1024 * 1024)} MB is not read."
        )
    try:
        calendar = icalendar.Calendar.from_ical(document)
    except Exception as error:  # icalendar raises ValueError, and worse on garbage
        raise InvalidData(
            f"This is not a readable iCalendar document: {_one_line(error)}"
        ) from error
    if not isinstance(calendar, icalendar.Calendar) or calendar.name != "VCALENDAR":
        raise InvalidData("This is not an iCalendar document: it has no VCALENDAR.")
    try:
        # Google writes UTC times and names the calendar's zone in X-WR-TIMEZONE; without the
        # conversion a weekly series would move by an hour across a DST change.
        standard: icalendar.Calendar = x_wr_timezone.to_standard(calendar)
    except Exception as error:  # an unknown zone name in X-WR-TIMEZONE
        zone = _one_line(str(calendar.get("X-WR-TIMEZONE", "")))
        raise InvalidData(f"The calendar's time zone {zone!r} is unknown.") from error
    return standard


#: An event within this many days of the window (in UTC dates) is kept by _within_reach: a
#: local or floating time is at most 14 hours from UTC, X-WR-TIMEZONE moves a date by one,
#: and an event without an end lasts a day at most.
_REACH_DAYS = 3
#: The lines that decide whether an event can reach the window, each with the newline before
#: it (a literal start makes the scan fast): name, parameters, value, and the start of a
#: folded continuation if the line goes on (icalendar would read "END:VEVENTX").
_SCAN = re.compile(
    rb"\n(BEGIN|END|DTSTART|DTEND|DURATION|RECURRENCE-ID|RRULE|RDATE|EXRULE)[ \t]*"
    rb'((?:;(?:[^:;"\r\n]|"[^"\r\n]*")*)*):[ \t]*([^\r\n]*)((?:\r?\n)+[ \t])?',
    re.IGNORECASE,
)
_SERIES = frozenset({b"RRULE", b"RDATE", b"EXRULE"})
_NEVER = float("inf")


def _within_reach(document: bytes, start: datetime, end: datetime) -> bytes:
    """``document`` without the VEVENTs that cannot reach the window [start, end): a feed
    holds years of past meetings, and parsing them is most of the cost (the refresh
    benchmark: 4,000 events parse in about a second; the window's 200 in a twentieth).

    Only a plain event directly in the VCALENDAR is taken out: no RRULE, RDATE or EXRULE, one
    DTSTART and at most one DTEND (no DURATION), dates readable here, no line of its own
    folded (producers fold at 75 octets, never inside a property's name), no component
    inside but VALARMs, and its days (with _REACH_DAYS to spare) all before the window or all
    after it. An edited instance goes only if its original occurrence
    (RECURRENCE-ID, lasting as long as the longest series) cannot reach the window either,
    and never with RANGE. Anything else is left for icalendar: a document that is not
    iCalendar, or any event this cannot judge, is read as it would be without this. (Of two
    edits of one occurrence, a broken feed, the expander may then keep the other one.)"""
    blocks = _vevents(document)
    if not blocks:
        return document
    series_days = max((t.days for *_span, t in blocks if t is not None and t.series), default=0.0)
    before = _day(start - timedelta(days=_REACH_DAYS))
    after = _day(end + timedelta(days=_REACH_DAYS))
    # An edit's original occurrence lasts as long as the longest series, at most.
    edits_before = (
        b"" if series_days == _NEVER else _day(start - timedelta(days=_REACH_DAYS + series_days))
    )
    pieces: list[bytes] = []
    taken_to = 0
    for begin, finish, timing in blocks:
        if timing is None or timing.series or not timing.out_of(before, after, edits_before):
            continue
        pieces.append(document[taken_to:begin])
        taken_to = finish
    if not pieces:
        return document
    pieces.append(document[taken_to:])
    return b"".join(pieces)


def _day(moment: datetime) -> bytes:
    """The date as iCalendar writes it (YYYYMMDD): such dates compare as the bytes do."""
    return b"%04d%02d%02d" % (moment.year, moment.month, moment.day)


def _vevents(document: bytes) -> list[tuple[int, int, _Timing | None]]:
    """Where each VEVENT directly inside the VCALENDAR starts and ends in ``document`` (its
    END line's newline included), and its timing if it can be judged; [] when a BEGIN or
    END line is folded or has parameters (hostile: left to icalendar whole)."""
    found: list[tuple[int, int, _Timing | None]] = []
    depth = 0
    opened = -1  # where the open VEVENT's BEGIN line starts; -1 outside one
    lines: list[tuple[bytes, bytes, bytes]] = []
    judgeable = True
    # A newline in front lets the first line match too; match offsets are then the
    # document's offsets of each line's start.
    for line in _SCAN.finditer(b"\n" + document):
        name, params, value, folded = line.groups()
        kind = name.upper()
        if kind in {b"BEGIN", b"END"}:
            if folded or params:
                return []
            component = value.upper()
            if kind == b"BEGIN":
                depth += 1
                if depth == 2 and component == b"VEVENT":
                    opened, lines, judgeable = line.start(), [], True
                elif opened >= 0 and component != b"VALARM":
                    judgeable = False  # another component inside: icalendar decides
                continue
            depth -= 1
            if opened >= 0 and depth == 1:
                if component == b"VEVENT":
                    stop = line.end() - 1
                    stop += 2 if document.startswith(b"\r\n", stop) else 1
                    found.append((opened, stop, _timing(lines, judgeable)))
                opened = -1
        elif opened >= 0 and depth == 2:  # the VEVENT's own line, not a VALARM's
            judgeable = judgeable and not folded
            lines.append((kind, params, value))
    return found


@dataclass(frozen=True, slots=True)
class _Timing:
    """The days of a VEVENT as iCalendar writes them (YYYYMMDD, so that the bytes compare as
    the dates do): its own first and last day, and its RECURRENCE-ID's day."""

    first_day: bytes
    last_day: bytes
    recurrence_day: bytes | None
    series: bool

    @property
    def days(self) -> float:
        """How many days it spans (only asked of a series: few, so dates are made here)."""
        first, last = _date(self.first_day), _date(self.last_day)
        if first is None or last is None:
            return _NEVER
        return max(0, (last - first).days)

    def out_of(self, before: bytes, after: bytes, edits_before: bytes) -> bool:
        """Whether all its days are before ``before`` or after ``after``, and its original
        occurrence's too (before ``edits_before``)."""
        if self.last_day >= before and self.first_day <= after:
            return False
        recurrence = self.recurrence_day
        return recurrence is None or recurrence < edits_before or recurrence > after


def _timing(lines: list[tuple[bytes, bytes, bytes]], judgeable: bool) -> _Timing | None:
    """The days of one VEVENT from its timing lines, or None when they cannot be judged. A
    series is always answered for (its span unknown if its days cannot be judged): how long
    its occurrences last decides which of its edits may go."""
    series = any(kind in _SERIES for kind, _params, _value in lines)
    days = _days(lines) if judgeable else None
    if days is None:
        return _UNKNOWN_SERIES if series else None
    return _Timing(*days, series)


def _days(lines: list[tuple[bytes, bytes, bytes]]) -> tuple[bytes, bytes, bytes | None] | None:
    """First day, last day and RECURRENCE-ID day from the timing lines, or None."""
    starts: list[bytes] = []
    ends: list[bytes] = []
    recurrence: bytes | None = None
    for kind, params, value in lines:
        if kind in _SERIES:
            continue
        if kind == b"DURATION":
            return None  # read by icalendar only (it may be negative: the end could be anywhere)
        day = value[:8]
        if len(day) != 8 or not day.isdigit():
            return None
        if kind == b"DTSTART":
            starts.append(day)
        elif kind == b"DTEND":
            ends.append(day)
        elif recurrence is not None or b"RANGE" in params.upper():
            return None
        else:
            recurrence = day
    if len(starts) != 1 or len(ends) > 1:
        return None
    # Without an end an event lasts a day at most, which _REACH_DAYS covers. An end before
    # the start: the expander swaps them, so the event spans both days and all between.
    first_day, last_day = sorted((starts[0], ends[0] if ends else starts[0]))
    return first_day, last_day, recurrence


def _date(day: bytes) -> date | None:
    try:
        return date(int(day[:4]), int(day[4:6]), int(day[6:8]))
    except ValueError:  # month 13, day 0, year 0
        return None


#: A series whose days cannot be judged: its span is taken as endless.
_UNKNOWN_SERIES = _Timing(b"", b"", None, series=True)


class _Reader:
    """Turns the expander's series into CalendarEvents, counting what it has to leave out."""

    def __init__(self, source: str, start: datetime, end: datetime, local_zone: tzinfo) -> None:
        self.source = source
        self.start = start
        self.end = end
        self.local_zone = local_zone
        self.events: list[CalendarEvent] = []
        self.skipped = 0

    def read_series(self, series: Any) -> None:
        """Adds the series' occurrences in the window; a series with any fault counts once.

        An occurrence that cannot be read is left out alone; a series with more than
        MAX_OCCURRENCES_PER_SERIES occurrences in the window is left out whole (it is no
        meeting series, and half of it would be misleading)."""
        found: list[CalendarEvent] = []
        damaged = False
        try:
            single = _single(series)
            span_start = self.start.astimezone(self.local_zone) - _MARGIN
            span_end = self.end.astimezone(self.local_zone) + _MARGIN
            for taken, occurrence in enumerate(series.between(span_start, span_end), start=1):
                if taken > MAX_OCCURRENCES_PER_SERIES:
                    found = []
                    damaged = True
                    break
                event = self._event(occurrence.as_component(False))
                if event is not None and single:
                    event = replace(event, recurrence_id=None)
                if event is None:
                    damaged = True
                elif event.starts_at < self.end and (
                    event.ends_at > self.start or event.starts_at >= self.start
                ):
                    found.append(event)
        except Exception:  # whatever a broken rule or value raises inside the libraries
            found = []  # what came before the fault is an arbitrary part of the series
            damaged = True
        self.events.extend(found)
        if damaged:
            self.skipped += 1

    def _event(self, component: icalendar.cal.Component) -> CalendarEvent | None:
        """One occurrence as a CalendarEvent, or None if it lacks a UID or a readable start."""
        uid = str(component.get("UID", "")).strip()
        if not uid or "DTSTART" not in component or not isinstance(component, icalendar.Event):
            return None
        try:
            start_value = component.start
            end_value = component.end
        except Exception:  # an unreadable DTSTART, DTEND or DURATION
            return None
        if not isinstance(start_value, date) or not isinstance(end_value, date):
            return None
        all_day = not isinstance(start_value, datetime)
        starts_at = self._utc(start_value)
        ends_at = max(self._utc(end_value), starts_at)
        recurrence = component.get("RECURRENCE-ID")
        recurrence_id = None
        if recurrence is not None and isinstance(recurrence.dt, date):
            recurrence_id = self._utc(recurrence.dt)
        return CalendarEvent(
            source=self.source,
            uid=uid,
            recurrence_id=recurrence_id,
            summary=str(component.get("SUMMARY", "")),
            starts_at=starts_at,
            ends_at=ends_at,
            all_day=all_day,
            status=_status(component.get("STATUS")),
            organizer=_person(component.get("ORGANIZER")),
            attendees=tuple(
                person
                for person in map(_person, _as_list(component.get("ATTENDEE")))
                if person is not None
            ),
        )

    def _utc(self, value: date) -> datetime:
        """Aware UTC; floating times and dates are the user's local wall time."""
        if not isinstance(value, datetime):
            value = datetime.combine(value, time(), self.local_zone)
        elif value.tzinfo is None:
            value = value.replace(tzinfo=self.local_zone)
        return value.astimezone(UTC)


def _screen(calendar: icalendar.Calendar, window_end: datetime) -> tuple[set[str], int, set[str]]:
    """Takes out of the calendar every VEVENT without a UID or a readable DTSTART, and every
    one whose RRULE would cost too much to walk; returns the UIDs kept, how many were taken
    out, and the TZIDs of DTSTARTs that icalendar could not resolve (it leaves such a time
    naive, so it reads as floating). Done before the expander sees the events, so it never
    spends time on the bad ones, and while the DTSTART still carries its TZID."""
    kept: list[icalendar.cal.Component] = []
    uids: set[str] = set()
    unknown_zones: set[str] = set()
    taken_out = 0
    for component in calendar.subcomponents:
        if component.name != "VEVENT":
            kept.append(component)
            continue
        uid = str(component.get("UID", "")).strip()
        try:
            readable = bool(uid) and _times_readable(component)
            readable = readable and not _too_many_steps(component, window_end)
        except Exception:  # an unreadable DTSTART or RRULE value
            readable = False
        if readable:
            kept.append(component)
            uids.add(uid)
            begin: Any = component["DTSTART"]
            zone = begin.params.get("TZID")
            if zone and isinstance(begin.dt, datetime) and begin.dt.tzinfo is None:
                unknown_zones.add(_one_line(zone))
        else:
            taken_out += 1
    calendar.subcomponents[:] = kept
    return uids, taken_out, unknown_zones


def _times_readable(component: icalendar.cal.Component) -> bool:
    """Whether DTSTART, the end (DTEND or DURATION) and RECURRENCE-ID can be read: icalendar
    reads values lazily, and a broken one in an edited instance would otherwise stop the
    expansion of its whole series. (Without its edit, that occurrence shows as the series
    has it.)"""
    if not isinstance(component, icalendar.Event):
        return False
    recurrence = component.get("RECURRENCE-ID")
    return (
        isinstance(component.start, date)
        and isinstance(component.end, date)
        and (recurrence is None or isinstance(recurrence.dt, date))
    )


def _too_many_steps(component: icalendar.cal.Component, window_end: datetime) -> bool:
    """Whether the event has no DTSTART, or dateutil would have to walk more than
    MAX_RULE_STEPS candidates from its DTSTART to the window's end (an estimate from FREQ,
    INTERVAL and the BY-lists: dateutil always starts at DTSTART)."""
    begin = component.get("DTSTART")
    if begin is None or not isinstance(begin.dt, date):
        return True
    first = begin.dt
    if not isinstance(first, datetime):
        first = datetime.combine(first, time(), UTC)
    elif first.tzinfo is None:
        first = first.replace(tzinfo=UTC)
    span_s = max(0.0, (window_end - first).total_seconds()) + 86_400
    for rule in _as_list(component.get("RRULE")):
        freq = str(_first(rule.get("FREQ"), "")).upper()
        interval = max(1, int(_first(rule.get("INTERVAL"), 1)))
        period_s = _PERIOD_S.get(freq)
        if period_s is None:
            return True
        fan_out = prod(
            max(1, len(_as_list(values))) * _FAN_OUT.get(str(key).upper(), 1)
            for key, values in rule.items()
            if str(key).upper().startswith("BY")
        )
        if span_s / (period_s * interval) * fan_out > MAX_RULE_STEPS:
            return True
    return False


def _single(series: Any) -> bool:
    """A plain event: no RRULE or RDATE and no edited instances. recurring-ical-events gives
    its one occurrence a RECURRENCE-ID as well; a CalendarEvent's recurrence_id means "one
    occurrence of a series" (what a user marks as a whole, core.recurring_series)."""
    core = getattr(series.recurrence, "core", None)
    if core is None or getattr(series, "modifications", None):
        return False
    return not core.rrules and not core.rdates


def _status(value: object) -> EventStatus:
    try:
        return EventStatus(str(value).strip().upper())
    except ValueError:  # absent or a value RFC 5545 does not give events
        return EventStatus.CONFIRMED


def _person(value: object) -> Attendee | None:
    """An ATTENDEE or ORGANIZER: the address without mailto:, lower-case; CN; PARTSTAT."""
    if value is None:
        return None
    address = str(value).strip()
    if address.lower().startswith("mailto:"):
        address = address[len("mailto:") :]
    params = getattr(value, "params", {})
    try:
        participation = Participation(str(params.get("PARTSTAT", "NEEDS-ACTION")).upper())
    except ValueError:  # an unknown or x- PARTSTAT: the RFC says treat it as NEEDS-ACTION
        participation = Participation.NEEDS_ACTION
    name = str(params.get("CN", "")).strip()
    if not address and not name:
        return None
    return Attendee(email=address.lower(), name=name, participation=participation)


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def _first(values: object, default: Any) -> Any:
    found = _as_list(values)
    return found[0] if found else default


def _one_line(error: object, limit: int = 160) -> str:
    """The first line of a library's message, short enough for a status line."""
    lines = str(error).strip().splitlines()
    text = lines[0] if lines else type(error).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_OCCURRENCES_PER_SERIES",
    "MAX_RULE_STEPS",
    "Expansion",
    "occurrence_order",
    "occurrences",
]
