"""Fetching a CalDAV server (issue 15, deliverables 1 and 5): the raw iCalendar objects of
every event calendar the user reaches there that overlap a window, or word that nothing
changed, or one FetchFailed line saying why not.

The transport, authentication dance and multistatus parsing are caldav's (DAVClient over
niquests); this module decides what to ask and what the answers mean.

What ``location`` names is found out, not configured: one PROPFIND (depth 0) asks the
address for its resource type, CTag and principal. A calendar collection is read alone;
anything else is taken as a server or principal address, whose calendar home (RFC 4791
calendar-home-set, found through current-user-principal, or /.well-known/caldav on the
same host when the address says nothing) lists the calendars; each one that holds events
(its supported-calendar-component-set names VEVENT, or it has none) is read.

Change detection: each calendar's CTag (http://calendarserver.org/ns/ getctag; its
sync-token where the server has no CTag) is kept in :class:`CaldavValidators`. When every
calendar has one and all equal ``previous``, no object is fetched.

Objects come from a calendar-query REPORT with a VEVENT time-range filter and NO server-side
expansion: the server returns each whole object (a series' master with its edited
instances) whose recurrence set overlaps the window, so a weekly series begun years before
the window still comes back; focusmate.calendar.ics expands it.

Network rule (ARCHITECTURE invariant 9): https only, plain http to a loopback host only,
checked before any connection and again on every redirect hop; TLS verified against the
default trust store. Certificate revocation lookups (OCSP, CRL) are switched off: they would
open connections to the certificate authority, which the user never added.

Privacy: the password is handed to the HTTP client only. A user part in ``location`` is
dropped; lines and log records name the scheme and host only (http_fetch.public_name), and
FetchFailed is raised from None so that no library exception holding a URL rides along.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

import caldav
import niquests
from caldav.elements import cdav, dav
from caldav.elements.base import BaseElement, ValuedBaseElement
from caldav.lib import error as caldav_error

from focusmate.calendar.failures import FetchFailed
from focusmate.calendar.http_fetch import is_loopback, public_name

log = logging.getLogger(__name__)

#: More objects than this in the window is no manager's calendar but a hostile or broken
#: server; the issue's limit.
MAX_OBJECTS = 20_000

#: An answer announcing more than this is not read: 20,000 objects of a few kilobytes each
#: fit well below it. (A chunked answer announces no length; MAX_OBJECTS bounds it then.)
MAX_ANSWER_BYTES = 64 * 1024 * 1024

_CTAG = "{http://calendarserver.org/ns/}getctag"
_CALENDAR_TYPE = cdav.Calendar.tag
_AUTH_LINE = "the server refused the user name or password (401)"


class _GetCtag(ValuedBaseElement):
    """The Calendar Server CTag property, which caldav 2.2 has no element for."""

    tag: ClassVar[str] = _CTAG


@dataclass(frozen=True, slots=True)
class CaldavValidators:
    """Per calendar collection URL, the CTag (or sync-token) it had when last read."""

    tags: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"calendars": dict(sorted(self.tags.items()))}

    @staticmethod
    def from_json(value: object) -> CaldavValidators:
        """The validators in ``value`` (as ``to_json`` wrote them); an empty set for anything
        else, which only costs one full fetch."""
        calendars = value.get("calendars") if isinstance(value, dict) else None
        if not isinstance(calendars, dict):
            return CaldavValidators()
        return CaldavValidators(
            {
                url: tag
                for url, tag in calendars.items()
                if isinstance(url, str) and isinstance(tag, str)
            }
        )


@dataclass(frozen=True, slots=True)
class CaldavFetched:
    """The raw iCalendar objects read (None: nothing changed since ``previous``), and the
    validators to pass as ``previous`` next time."""

    documents: tuple[bytes, ...] | None
    validators: CaldavValidators


@dataclass(frozen=True, slots=True)
class _Collection:
    url: str
    #: The CTag or sync-token; "" if the server gives neither (then always read).
    tag: str


def fetch_caldav(  # noqa: PLR0917 - the signature the calendar refresh was promised
    location: str,
    user: str,
    password: str,
    start: datetime,
    end: datetime,
    previous: CaldavValidators | None,
    *,
    timeout_s: float = 20.0,
) -> CaldavFetched:
    """The event objects overlapping [``start``, ``end``] (aware) in the calendars at
    ``location``, or ``documents`` None if every calendar's CTag equals ``previous``.
    Raises FetchFailed (problem ids of core.calendar_status) for any failure."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("the window must be aware datetimes")
    address = _checked_address(location.strip())
    where = public_name(address)
    guard = _Guard(where)
    try:
        with _client(address, user, password, timeout_s, guard) as client:
            calendars = _calendars(client, address, where)
            validators = CaldavValidators({c.url: c.tag for c in calendars if c.tag})
            if (
                previous is not None
                and all(c.tag for c in calendars)
                and dict(validators.tags) == dict(previous.tags)
            ):
                log.info("CalDAV %s: unchanged (%d calendars)", where, len(calendars))
                return CaldavFetched(None, validators)
            documents: list[bytes] = []
            for calendar in calendars:
                room = MAX_OBJECTS - len(documents)
                documents.extend(_objects(client, calendar.url, (start, end), where, room))
    except FetchFailed:
        raise
    except caldav_error.AuthorizationError:
        if guard.last_status == 403:
            raise FetchFailed("auth", f"{where} refused access to this calendar (403)") from None
        raise FetchFailed("auth", _AUTH_LINE) from None
    except niquests.exceptions.RequestException as failure:
        raise _connection_failure(where, failure, timeout_s) from None
    except (SyntaxError, caldav_error.DAVError, ValueError, AttributeError, IndexError):
        # lxml's XMLSyntaxError on broken XML; caldav's checks of the multistatus; a reply
        # whose shape the parser does not expect (an element missing where it reaches).
        log.info("CalDAV %s: unreadable answer", where, exc_info=True)
        raise FetchFailed(
            "malformed", f"{where} sent an answer that is not readable CalDAV"
        ) from None
    log.info("CalDAV %s: %d objects from %d calendars", where, len(documents), len(calendars))
    return CaldavFetched(tuple(documents), validators)


def _checked_address(location: str) -> str:
    """``location`` without a user part, if it may be fetched: https anywhere, http to a
    loopback host only. FetchFailed before any connection otherwise."""
    parts = urlsplit(location)
    scheme = parts.scheme.lower()
    try:
        host = parts.hostname
        port = parts.port
    except ValueError:  # a port that is no number
        raise FetchFailed("malformed", f"{public_name(location)} has an invalid port") from None
    if scheme not in {"http", "https"} or not host:
        raise FetchFailed(
            "malformed", f"{public_name(location)} is not a CalDAV address: use https://"
        )
    if scheme == "http" and not is_loopback(host):
        raise FetchFailed("insecure", f"plain http:// is refused for {host}: use https://")
    shown_host = f"[{host}]" if ":" in host else host
    netloc = shown_host if port is None else f"{shown_host}:{port}"
    return parts._replace(scheme=scheme, netloc=netloc).geturl()


#: What niquests hands a hook: the request before it is sent, the response after.
_Exchange = niquests.PreparedRequest | niquests.Response


class _Guard:
    """Watches every request the client sends, redirect hops included: refuses one that
    breaks the http rule before it connects and an answer announced as too large before it
    is read, and remembers the latest status (caldav turns 401 and 403 alike into
    AuthorizationError)."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.last_status = 0

    def check_request(self, request: _Exchange, **_: Any) -> _Exchange:
        parts = urlsplit(request.url or "")
        if parts.scheme != "https" and not (parts.scheme == "http" and is_loopback(parts.hostname)):
            raise FetchFailed(
                "insecure", f"{self.where} sent the request on to {public_name(request.url or '')}"
            )
        return request

    def check_response(self, response: _Exchange, **_: Any) -> _Exchange:
        """Runs before the body is read: refuses one announced as too large."""
        if isinstance(response, niquests.Response):
            self.last_status = response.status_code or 0
            announced = response.headers.get("Content-Length", "")
            if announced.isdigit() and int(announced) > MAX_ANSWER_BYTES:
                response.close()  # its connection is not handed back to any pool
                raise FetchFailed(
                    "too-large",
                    f"{self.where} sent an answer larger than {MAX_ANSWER_BYTES // 2**20} MB",
                )
        return response


def _client(
    address: str, user: str, password: str, timeout_s: float, guard: _Guard
) -> caldav.DAVClient:
    client = caldav.DAVClient(
        url=address,
        username=user,
        password=password,
        timeout=timeout_s,  # type: ignore[arg-type]  # caldav says int; niquests takes float
        ssl_verify_cert=True,
        enable_rfc6764=False,
        # Known, so that caldav never swaps in a session of its own (it does while it
        # probes multiplexing after a 401), which would lose the guard below.
        features={"http.multiplexing": {"support": "unsupported"}},
    )
    client.session.close()
    session = niquests.Session(multiplexed=False, revocation_configuration=None)
    session.hooks["pre_request"].append(guard.check_request)
    session.hooks["response"].append(guard.check_response)
    client.session = session
    return client


def _calendars(client: caldav.DAVClient, address: str, where: str) -> list[_Collection]:
    """The event calendars at ``address``: itself if it is a calendar, else its principal's."""
    asked: list[BaseElement] = [
        dav.ResourceType(),
        _GetCtag(),
        dav.SyncToken(),
        cdav.SupportedCalendarComponentSet(),
        dav.CurrentUserPrincipal(),
        cdav.CalendarHomeSet(),
    ]
    found = _one(_propfind(client, address, asked, 0, where))
    if _CALENDAR_TYPE in _resource_types(found):
        return [_Collection(address, _tag(found))]
    home = _href(found, cdav.CalendarHomeSet.tag, address)
    if home is None:
        principal = _href(found, dav.CurrentUserPrincipal.tag, address)
        if principal is None:
            well_known = urljoin(address, "/.well-known/caldav")
            principal = _href(
                _one(_propfind(client, well_known, [dav.CurrentUserPrincipal()], 0, where)),
                dav.CurrentUserPrincipal.tag,
                well_known,
            )
        if principal is not None:
            at_principal = _propfind(client, principal, [cdav.CalendarHomeSet()], 0, where)
            home = _href(_one(at_principal), cdav.CalendarHomeSet.tag, principal)
    if home is None:
        raise FetchFailed("not-found", f"{where} names no calendar and no CalDAV account")
    children = _propfind(client, home, asked[:4], 1, where)
    calendars = [
        _Collection(urljoin(home, href), _tag(props))
        for href, props in children.items()
        if _CALENDAR_TYPE in _resource_types(props) and _holds_events(props)
    ]
    if not calendars:
        raise FetchFailed("not-found", f"{where} has no calendar with events for this user")
    return calendars


def _objects(
    client: caldav.DAVClient,
    calendar_url: str,
    window: tuple[datetime, datetime],
    where: str,
    room: int,
) -> list[bytes]:
    """The raw objects of one calendar with an event overlapping the window, unexpanded;
    FetchFailed if there are more than ``room``."""
    events_in_window = cdav.CompFilter("VEVENT") + cdav.TimeRange(*window)
    query = (
        cdav.CalendarQuery()
        + (dav.Prop() + dav.GetEtag() + cdav.CalendarData())
        + (cdav.Filter() + (cdav.CompFilter("VCALENDAR") + events_in_window))
    )
    response = client.report(calendar_url, str(query), depth=1)
    found = _multistatus(response, calendar_url, where)
    if len(found) > room:
        raise FetchFailed(
            "too-many-events",
            f"{where} holds more than {MAX_OBJECTS:,} events in the coming weeks; none are read",
        )
    documents = []
    for href, props in found.items():
        data = props.get(cdav.CalendarData.tag)
        if urljoin(calendar_url, href) != calendar_url and data is not None and data.text:
            documents.append(data.text.encode("utf-8"))
    return documents


def _propfind(
    client: caldav.DAVClient, url: str, asked: list[BaseElement], depth: int, where: str
) -> dict[str, dict[str, Any]]:
    body = str(dav.Propfind() + (dav.Prop() + asked))
    return _multistatus(client.propfind(url, body, depth), url, where)


def _multistatus(response: Any, url: str, where: str) -> dict[str, dict[str, Any]]:
    """href -> {property tag: element} of a 207 answer; FetchFailed for any other status."""
    status = int(response.status)
    if status == 404:
        raise FetchFailed("not-found", f"{where} has nothing at this address (404)")
    if status != 207:
        reason = " ".join(str(response.reason or "").split())[:60]
        raise FetchFailed("http-status", f"{where} answered {status} {reason}".rstrip())
    if response.tree is None or response.tree.tag != dav.MultiStatus.tag:
        raise FetchFailed("malformed", f"{where} sent an answer that is not CalDAV XML")
    objects: dict[str, dict[str, Any]] = response.find_objects_and_props()
    return objects


def _one(found: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The properties of the one resource a depth-0 PROPFIND describes."""
    if not found:
        return {}
    return next(iter(found.values()))


def _resource_types(props: Mapping[str, Any]) -> set[str]:
    element = props.get(dav.ResourceType.tag)
    return set() if element is None else {child.tag for child in element}


def _tag(props: Mapping[str, Any]) -> str:
    for name in (_CTAG, dav.SyncToken.tag):
        element = props.get(name)
        if element is not None and element.text and element.text.strip():
            return f"{'ctag' if name == _CTAG else 'sync'}:{element.text.strip()}"
    return ""


def _holds_events(props: Mapping[str, Any]) -> bool:
    """A calendar that says nothing of its components takes all of them (RFC 4791 5.2.3)."""
    element = props.get(cdav.SupportedCalendarComponentSet.tag)
    if element is None or len(element) == 0:
        return True
    return any(str(comp.get("name", "")).upper() == "VEVENT" for comp in element)


def _href(props: Mapping[str, Any], name: str, base: str) -> str | None:
    element = props.get(name)
    if element is None:
        return None
    href = element.find(dav.Href.tag)
    if href is None or not href.text or not href.text.strip():
        return None
    return urljoin(base, str(href.text).strip())


def _connection_failure(
    where: str, failure: niquests.exceptions.RequestException, timeout_s: float
) -> FetchFailed:
    """One line for a request that got no HTTP answer, naming the host only."""
    if isinstance(failure, niquests.exceptions.SSLError):
        return FetchFailed("insecure", f"no trusted secure connection to {where}")
    if isinstance(failure, niquests.exceptions.Timeout):
        return FetchFailed("unreachable", f"{where} did not answer within {timeout_s:g} s")
    if isinstance(failure, niquests.exceptions.TooManyRedirects):
        return FetchFailed("http-status", f"{where} sends the request round in redirects")
    text = str(failure).lower()
    if "refused" in text:
        return FetchFailed("unreachable", f"{where} refused the connection")
    if "resolve" in text or "name or service" in text or "nodename" in text:
        return FetchFailed("unreachable", f"{where} is not known (no such host, or off-line)")
    return FetchFailed("unreachable", f"{where} could not be reached")


__all__ = ["MAX_ANSWER_BYTES", "MAX_OBJECTS", "CaldavFetched", "CaldavValidators", "fetch_caldav"]
