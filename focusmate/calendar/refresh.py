"""One calendar source's refresh (issue 15, deliverable 5): fetch it (conditionally), expand
it for the window the app needs, keep the last good copy on disk, and say in one line how it
went; when the source fails, the events come from that copy and the line says how old it is.

A :class:`SourceRefresher` lives as long as its source and runs on the calendar worker
thread only (ARCHITECTURE invariant 8): it hands back values and touches no state of the app.
It never raises for anything a feed, a server or the disk can do: every such problem is a
SourceStatus with ``ok`` False and one of its problem ids.

The window is [now - WINDOW_BEFORE, now + WINDOW_AFTER): the weekly review looks six weeks
back, ``calendar next`` a week ahead. An expansion covers REUSE_SPAN more at the end, so an
unchanged feed (or a changed answer with the same bytes) is not parsed again until the window
has moved that far; it is then parsed from the copy on disk, which is all this keeps of the
documents (memory holds the window's events only).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from focusmate.calendar import cache
from focusmate.calendar.cache import Attempt
from focusmate.calendar.failures import FetchFailed
from focusmate.calendar.http_fetch import Fetched, Validators, fetch_ics, public_name
from focusmate.calendar.ics import Expansion, occurrence_order, occurrences
from focusmate.core.calendar_events import CalendarEvent
from focusmate.core.calendar_sources import CalendarKind, CalendarSource
from focusmate.core.calendar_status import SourceStatus
from focusmate.core.errors import InvalidData, StorageFailure

if TYPE_CHECKING:
    from focusmate.calendar.caldav_fetch import CaldavFetched, CaldavValidators

#: The window of occurrences kept: back over the review's eight weeks (its People tab sets
#: scheduled one-on-ones against sessions held: this week's Monday and seven weeks before
#: it), ahead over `calendar next`'s seven days and a day more.
WINDOW_BEFORE = timedelta(weeks=8)
WINDOW_AFTER = timedelta(days=8)
#: How far the window may move before an unchanged feed is expanded again.
REUSE_SPAN = timedelta(hours=1)
#: A CalDAV server is asked for the objects of a window this much longer than the app's, so
#: that "unchanged" (same CTag) answers for a day while the window moves on; after that the
#: whole window is read again. The window a copy covers is kept with its validators.
CALDAV_SPAN = timedelta(days=1)
_COVERS = "window"
#: More occurrences than this in the window is no manager's calendar but a hostile feed.
MAX_EVENTS_IN_WINDOW = 10_000

#: The status line is English whatever the locale (strftime's %b is not).
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_log = logging.getLogger(__name__)

IcsFetch = Callable[[str, Validators | None], Fetched]
Expand = Callable[[bytes, str, datetime, datetime, tzinfo], Expansion]


#: focusmate.calendar.caldav_fetch.fetch_caldav's signature: location, user, password, the
#: window's start and end, the previous validators.
CaldavFetch = Callable[
    [str, str, str, datetime, datetime, "CaldavValidators | None"], "CaldavFetched"
]


@dataclass(frozen=True, slots=True)
class Refreshed:
    """A refresh's outcome: the status line and the occurrences in the window, fresh or
    from the last good copy."""

    status: SourceStatus
    events: tuple[CalendarEvent, ...]


@dataclass(frozen=True, slots=True)
class _Expanded:
    """The occurrences of one version of the documents, made for ``around`` in ``zone``."""

    digest: str
    zone: tzinfo
    around: datetime
    events: tuple[CalendarEvent, ...]
    skipped: int
    unknown_time_zones: tuple[str, ...]

    def serves(self, digest: str, now: datetime, zone: tzinfo) -> bool:
        moved = now - self.around
        return (
            digest == self.digest
            and zone == self.zone
            and not (moved < timedelta(0) or moved >= REUSE_SPAN)
        )

    def in_window(self, now: datetime) -> tuple[CalendarEvent, ...]:
        start, end = now - WINDOW_BEFORE, now + WINDOW_AFTER
        return tuple(
            e
            for e in self.events
            if e.starts_at < end and (e.ends_at > start or e.starts_at >= start)
        )


@dataclass(frozen=True, slots=True)
class _Copy:
    """What this refresher knows of the copy on disk without holding its documents."""

    digest: str
    validators: Mapping[str, Any]
    fetched_at: datetime


class SourceRefresher:
    """Refreshes one source. ``fetch_ics`` and ``fetch_caldav`` are injected for tests; the
    CalDAV one defaults to focusmate.calendar.caldav_fetch.fetch_caldav, imported on first
    use (caldav and its HTTP library load only for a CalDAV source)."""

    def __init__(
        self,
        source: CalendarSource,
        data_dir: Path,
        *,
        fetch_ics: IcsFetch = fetch_ics,
        fetch_caldav: CaldavFetch | None = None,
        expand: Expand = occurrences,
    ) -> None:
        self._source = source
        self._data_dir = data_dir
        self._fetch_ics = fetch_ics
        self._fetch_caldav = fetch_caldav
        self._expand = expand
        self._copy: _Copy | None = None
        self._read_disk = False
        self._expanded: _Expanded | None = None
        #: The digest of the latest documents that could not be read, and why (problem, line).
        self._refused: tuple[str, str, str] | None = None

    def refresh(self, now: datetime, local_zone: tzinfo, password: str | None) -> Refreshed:
        """Fetches the source and returns the window's occurrences around ``now`` (aware)
        and the status; ``password`` is the CalDAV password (None when none is known)."""
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("now must be an aware datetime")
        documents = self._first_copy()
        try:
            fetched, validators = self._fetch(now, password)
            if fetched is None and self._copy is not None:
                done = self._unchanged(now, local_zone, validators, documents)
                if done is not None:
                    return done
            if fetched is None:  # the copy is gone: ask for all of it
                fetched, validators = self._fetch(now, password)
            if fetched is None:
                raise FetchFailed("http-status", "the server answered unchanged to a plain request")
        except FetchFailed as failure:
            return self._fallen_back(now, local_zone, failure, documents)
        return self._changed(now, local_zone, fetched, validators, documents)

    def _first_copy(self) -> tuple[bytes, ...] | None:
        """On the first refresh, the copy on disk (kept by the caller for this refresh
        only); None afterwards or when there is none."""
        if self._read_disk:
            return None
        self._read_disk = True
        found = cache.load(self._data_dir, self._source)
        if found is None:
            return None
        self._copy = _Copy(found.digest, found.validators, found.fetched_at)
        return found.documents

    def _fetch(
        self, now: datetime, password: str | None
    ) -> tuple[tuple[bytes, ...] | None, Mapping[str, Any]]:
        """The documents (None: unchanged since the copy) and their validators' JSON."""
        previous = None if self._copy is None else self._copy.validators
        source = self._source
        if source.kind is CalendarKind.ICS:
            known = _ics_validators(previous)
            got = self._fetch_ics(source.location, known)
            return (None if got.body is None else (got.body,)), got.validators.to_json()
        if password is None:
            raise FetchFailed(
                "no-password",
                f"no password is known for {source.user} at {public_name(source.location)}",
            )
        from focusmate.calendar.caldav_fetch import (  # noqa: PLC0415 - only for CalDAV
            CaldavValidators,
            fetch_caldav,
        )

        fetch = self._fetch_caldav or fetch_caldav
        start, end = now - WINDOW_BEFORE, now + WINDOW_AFTER + CALDAV_SPAN
        known_dav = None
        if previous is not None and _covers(previous, now):
            known_dav = CaldavValidators.from_json(dict(previous))
        dav = fetch(source.location, source.user, password, start, end, known_dav)
        if dav.documents is None and previous is not None and known_dav is not None:
            return None, {**dav.validators.to_json(), _COVERS: previous[_COVERS]}
        return dav.documents, {
            **dav.validators.to_json(),
            _COVERS: [start.isoformat(), end.isoformat()],
        }

    def _changed(
        self,
        now: datetime,
        zone: tzinfo,
        documents: tuple[bytes, ...],
        validators: Mapping[str, Any],
        old_documents: tuple[bytes, ...] | None,
    ) -> Refreshed:
        digest = cache.digest_of(documents)
        try:
            if self._refused is not None and self._refused[0] == digest:
                # The same unreadable bytes again: not parsed again. A new exception, as the
                # old one's traceback would hold the frames (and documents) it went through.
                raise FetchFailed(*self._refused[1:])
            expanded = self._expanded_for(digest, documents, now, zone)
        except FetchFailed as failure:
            self._refused = (digest, failure.problem, str(failure))
            return self._fallen_back(now, zone, failure, old_documents)
        self._refused = None
        line = _events_line(expanded, now)
        attempt = Attempt(now, ok=True, line=line)
        try:
            if self._copy is not None and self._copy.digest == digest:
                # The same bytes (a feed without validators): the copy is made current, not
                # written again every few minutes.
                cache.note_attempt(self._data_dir, self._source, attempt, confirmed=validators)
            else:
                cache.save(self._data_dir, self._source, documents, validators, attempt)
        except (OSError, StorageFailure) as error:
            _log.warning("the copy of calendar %r was not saved: %s", self._source.name, error)
            line = f"{line}; no off-line copy: {_why(error)}"
        self._copy = _Copy(digest, validators, now)
        self._expanded = expanded
        return self._refreshed(now, expanded, Attempt(now, ok=True, line=line))

    def _unchanged(
        self,
        now: datetime,
        zone: tzinfo,
        validators: Mapping[str, Any],
        documents: tuple[bytes, ...] | None,
    ) -> Refreshed | None:
        """The copy's events, confirmed current; None when the copy is gone from disk (the
        refresher then forgets it and asks for the whole feed)."""
        assert self._copy is not None  # validators were sent: there was a copy
        copy = self._copy = _Copy(self._copy.digest, validators, now)
        try:
            expanded = self._copy_expanded(copy, now, zone, documents)
        except _CopyGone:
            return None
        except FetchFailed as failure:  # the copy no longer reads (a zone database changed)
            return self._fallen_back(now, zone, failure, None)
        attempt = Attempt(now, ok=True, line=_events_line(expanded, now))
        self._note(attempt, confirmed=validators)
        return self._refreshed(now, expanded, attempt)

    def _fallen_back(
        self,
        now: datetime,
        zone: tzinfo,
        failure: FetchFailed,
        documents: tuple[bytes, ...] | None,
    ) -> Refreshed:
        """The failure's status, with the events of the last good copy if there is one."""
        line, expanded = str(failure), None
        copy = self._copy
        if copy is not None:
            try:
                expanded = self._copy_expanded(copy, now, zone, documents)
                line = f"{line}; showing the copy from {_when(copy.fetched_at, now, zone)}"
            except (FetchFailed, _CopyGone) as unreadable:
                _log.warning(
                    "the copy of calendar %r is not read: %s", self._source.name, unreadable
                )
        attempt = Attempt(now, ok=False, line=line, problem=failure.problem)
        self._note(attempt, confirmed=None)
        if expanded is None:
            return Refreshed(self._status(attempt, None), ())
        return self._refreshed(now, expanded, attempt)

    def _copy_expanded(
        self, copy: _Copy, now: datetime, zone: tzinfo, documents: tuple[bytes, ...] | None
    ) -> _Expanded:
        """The copy's occurrences: the ones in memory if they serve, else the copy parsed
        (from ``documents`` when the caller holds them, else read from disk)."""
        if self._expanded is not None and self._expanded.serves(copy.digest, now, zone):
            return self._expanded
        if documents is None:
            found = cache.load(self._data_dir, self._source)
            if found is None or found.digest != copy.digest:
                self._copy = None
                raise _CopyGone
            documents = found.documents
        self._expanded = self._expanded_for(copy.digest, documents, now, zone)
        return self._expanded

    def _expanded_for(
        self, digest: str, documents: tuple[bytes, ...], now: datetime, zone: tzinfo
    ) -> _Expanded:
        """The documents expanded (or the expansion in memory, if it is of the same bytes
        and still serves); FetchFailed when they cannot be read."""
        if self._expanded is not None and self._expanded.serves(digest, now, zone):
            return self._expanded
        start, end = now - WINDOW_BEFORE, now + WINDOW_AFTER + REUSE_SPAN
        events: list[CalendarEvent] = []
        skipped = 0
        unknown: set[str] = set()
        for document in documents:
            try:
                expansion = self._expand(document, self._source.name, start, end, zone)
            except InvalidData as error:
                if len(documents) == 1:
                    raise FetchFailed("malformed", str(error)) from None
                skipped += 1  # one unreadable object on a CalDAV server hides nothing else
                continue
            events.extend(expansion.events)
            skipped += expansion.skipped
            unknown |= expansion.unknown_time_zones
            if len(events) > MAX_EVENTS_IN_WINDOW:
                raise FetchFailed(
                    "too-many-events",
                    f"the calendar has more than {MAX_EVENTS_IN_WINDOW:,} events in nine weeks",
                )
        if len(documents) > 1:
            events.sort(key=occurrence_order)
        return _Expanded(digest, zone, now, tuple(events), skipped, tuple(sorted(unknown)))

    def _note(self, attempt: Attempt, *, confirmed: Mapping[str, Any] | None) -> None:
        try:
            cache.note_attempt(self._data_dir, self._source, attempt, confirmed=confirmed)
        except (OSError, StorageFailure) as error:
            _log.warning("the status of calendar %r was not saved: %s", self._source.name, error)

    def _refreshed(self, now: datetime, expanded: _Expanded, attempt: Attempt) -> Refreshed:
        events = expanded.in_window(now)
        return Refreshed(self._status(attempt, expanded, len(events)), events)

    def _status(self, attempt: Attempt, expanded: _Expanded | None, count: int = 0) -> SourceStatus:
        copy = self._copy
        return SourceStatus(
            name=self._source.name,
            kind=self._source.kind,
            ok=attempt.ok,
            line=attempt.line,
            problem=attempt.problem,
            checked_at=attempt.checked_at,
            fetched_at=None if copy is None else copy.fetched_at,
            events=count,
            skipped=0 if expanded is None else expanded.skipped,
            unknown_time_zones=() if expanded is None else expanded.unknown_time_zones,
        )


def _covers(validators: Mapping[str, Any], now: datetime) -> bool:
    """Whether a CalDAV copy, read for the window in ``validators``, holds today's window."""
    try:
        first, last = (datetime.fromisoformat(value) for value in validators[_COVERS])
        return bool(first <= now - WINDOW_BEFORE and now + WINDOW_AFTER + REUSE_SPAN <= last)
    except (KeyError, TypeError, ValueError):  # an older or damaged copy: read it all again
        return False


class _CopyGone(Exception):  # noqa: N818 - a state, not an error the user sees
    """The copy this refresher knew of is no longer on disk, or is another one."""


def _ics_validators(record: Mapping[str, Any] | None) -> Validators | None:
    if record is None:
        return None
    try:
        return Validators.from_json(dict(record))
    except ValueError:  # another shape (the source was CalDAV before): fetch it whole
        return None


def _events_line(expanded: _Expanded, now: datetime) -> str:
    count = len(expanded.in_window(now))
    line = f"{count} event{'' if count == 1 else 's'}"
    if expanded.skipped:
        line += f"; {expanded.skipped} could not be read"
    if expanded.unknown_time_zones:
        zones = ", ".join(expanded.unknown_time_zones[:3])
        line += f"; unknown time zone {zones} read as local time"
    return line


def _when(fetched_at: datetime, now: datetime, zone: tzinfo) -> str:
    """ "09:10, 2 h old", "2 Dec 09:10, 3 days old": short, in the user's zone."""
    local, today = fetched_at.astimezone(zone), now.astimezone(zone)
    clock = local.strftime("%H:%M")
    if local.date() != today.date():
        clock = f"{local.day} {_MONTHS[local.month - 1]} {clock}"
    age_min = max(0, int((now - fetched_at).total_seconds() // 60))
    if age_min < 60:
        age = f"{age_min} min"
    elif age_min < 48 * 60:
        age = f"{age_min // 60} h"
    else:
        age = f"{age_min // (24 * 60)} days"
    return f"{clock}, {age} old"


def _why(error: Exception) -> str:
    lines = str(error).splitlines() or [type(error).__name__]
    return getattr(error, "strerror", None) or lines[0][:120]


__all__ = [
    "MAX_EVENTS_IN_WINDOW",
    "REUSE_SPAN",
    "WINDOW_AFTER",
    "WINDOW_BEFORE",
    "CaldavFetch",
    "Refreshed",
    "SourceRefresher",
]
