"""How a calendar source is doing, in the user's language: the line the Calendars tab shows for
a core.calendar_status.SourceStatus.

The service's line is English by contract (``focusmate calendar status`` prints it), so the
status's stable problem id is worded here and the English line, which names the server and
its answer, follows as the detail. How stale the events are is told from the status's own
times (the latest check against the last good copy), so nothing here reads a clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, QLocale

from focusmate.core.calendar_status import PENDING_PROBLEM, SourceStatus
from focusmate.core.text import plural, translate

#: The problem id of a source not checked since the app started.
PENDING = PENDING_PROBLEM


def is_pending(status: SourceStatus) -> bool:
    return status.problem == PENDING


def status_text(status: SourceStatus) -> str:
    """One line: whether the source works, what it holds or what went wrong, and how old the
    events are that focusmate uses from it."""
    if is_pending(status):
        return translate("CalendarStatus", "Not checked yet")
    if status.ok:
        return translate("CalendarStatus", "Working: {events}, checked {when}").format(
            events=_events(status), when=_when(status.checked_at)
        )
    return translate("CalendarStatus", "Not working: {what}. {copy}").format(
        what=_what_failed(status), copy=_copy(status)
    )


def tested_text(status: SourceStatus) -> str:
    """The outcome of a connection test: nothing was kept, so no copy and no time to tell."""
    if status.ok:
        return translate("CalendarStatus", "The connection works: {events}.").format(
            events=_events(status)
        )
    return translate("CalendarStatus", "Not working: {what}.").format(what=_what_failed(status))


def _events(status: SourceStatus) -> str:
    return plural(
        status.events,
        translate("CalendarStatus", "{n} event"),
        translate("CalendarStatus", "{n} events"),
    )


def _what_failed(status: SourceStatus) -> str:
    """The problem in the user's words, with the service's English line as the detail."""
    lead = problem_lead(status.problem)
    if lead is None:
        return status.line
    return translate("CalendarStatus", "{lead} ({detail})").format(lead=lead, detail=status.line)


def problem_lead(problem: str) -> str | None:  # noqa: PLR0911 - one case per problem id
    """The problem in the user's words, or None for an id this version does not know."""
    match problem:
        case "auth":
            return translate("CalendarStatus", "The server refused the user name or password")
        case "unreachable":
            return translate("CalendarStatus", "The server could not be reached")
        case "too-large":
            return translate("CalendarStatus", "The calendar is too large")
        case "malformed":
            return translate("CalendarStatus", "The calendar could not be read")
        case "insecure":
            return translate("CalendarStatus", "The connection is not secure")
        case "http-status":
            return translate("CalendarStatus", "The server gave an unexpected answer")
        case "no-password":
            return translate("CalendarStatus", "The password is needed")
        case "not-found":
            return translate("CalendarStatus", "There is no calendar at this address")
        case "too-many-events":
            return translate("CalendarStatus", "The calendar has too many events")
    return None


def _copy(status: SourceStatus) -> str:
    """Which events focusmate uses meanwhile: the last good copy and its age, or none."""
    if status.fetched_at is None:
        return translate("CalendarStatus", "There is no copy of it yet.")
    if status.checked_at is None:
        return translate("CalendarStatus", "Using the copy from {when}.").format(
            when=_when(status.fetched_at)
        )
    return translate(
        "CalendarStatus", "Using the copy from {when} ({age} before this check)."
    ).format(when=_when(status.fetched_at), age=age_text(status.checked_at - status.fetched_at))


def age_text(age: timedelta) -> str:
    """A duration as a person says it: minutes, then hours, then days."""
    minutes = max(0, int(age.total_seconds() // 60))
    if minutes < 60:
        return plural(
            minutes,
            translate("CalendarStatus", "{n} minute"),
            translate("CalendarStatus", "{n} minutes"),
        )
    hours = minutes // 60
    if hours < 48:
        return plural(
            hours, translate("CalendarStatus", "{n} hour"), translate("CalendarStatus", "{n} hours")
        )
    return plural(
        hours // 24, translate("CalendarStatus", "{n} day"), translate("CalendarStatus", "{n} days")
    )


def _when(instant: datetime | None) -> str:
    """The local date and time in the user's format ("" if unknown)."""
    if instant is None:
        return ""
    local = QDateTime.fromSecsSinceEpoch(int(instant.timestamp()))
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)
