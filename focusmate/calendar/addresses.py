"""Whether a typed address may become a calendar source's location (issue 15; ARCHITECTURE
invariant 9): the one rule the command line, the Calendars tab and the calendar service
share, checked before anything is saved or fetched."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from focusmate.calendar.http_fetch import is_loopback
from focusmate.core.calendar_sources import CalendarKind, check_location
from focusmate.core.errors import InvalidInput
from focusmate.core.terminal_text import terminal_line


def checked_address(kind: CalendarKind, raw: str) -> str:
    """``raw`` as a source's location: https anywhere, plain http only to a loopback address
    (ARCHITECTURE invariant 9); for iCalendar also webcal:// and a file, made absolute (the
    running app reads it from its own working folder). InvalidInput naming only the host:
    a secret address carries its secret in the rest."""
    location = check_location(raw)
    parts = urlsplit(location)
    scheme = parts.scheme.lower()
    if kind is CalendarKind.ICS and len(scheme) <= 1:  # a Windows drive letter is no scheme
        return str(Path(location).expanduser().absolute())
    if kind is CalendarKind.ICS and scheme == "file":
        return location
    if kind is CalendarKind.ICS and scheme not in {"https", "http", "webcal", "webcals"}:
        raise InvalidInput(
            "the calendar's address must be https://, webcal:// or a file "
            "(http:// only to this computer)"
        )
    if kind is CalendarKind.CALDAV and scheme not in {"https", "http"}:
        raise InvalidInput("the CalDAV address must be https:// (http:// only to this computer)")
    try:
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        raise InvalidInput("the calendar's address has an invalid port") from None
    if not host:
        raise InvalidInput("the calendar's address names no host")
    if scheme == "http" and not is_loopback(host):
        raise InvalidInput(
            f"plain http:// is refused for {terminal_line(host)}: use https:// "
            "(http only to this computer)"
        )
    return location
