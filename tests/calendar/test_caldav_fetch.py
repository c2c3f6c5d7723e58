"""focusmate.calendar.caldav_fetch against a real Radicale on 127.0.0.1 (and, for answers
Radicale never gives, a scripted HTTP server on loopback): discovery, the seeded one-on-ones
through ics and the matcher, CTag change detection, every failure's problem id, the http
rule, and that no password or user part reaches a message or a log record."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from focusmate.calendar import caldav_fetch
from focusmate.calendar.caldav_fetch import CaldavFetched, CaldavValidators, fetch_caldav
from focusmate.calendar.failures import FetchFailed
from focusmate.calendar.ics import occurrences
from focusmate.core.one_on_ones import Person, one_on_ones
from tests.calendar.feed_server import self_signed_tls, serving
from tests.calendar.radicale_server import (
    BERLIN,
    RadicaleServer,
    SeededCalendar,
    seed_one_on_ones,
)

#: Crosses the change to summer time (29 March 2026): the weekly 10:00 stays 10:00 in Berlin.
WEEK_START = datetime(2026, 3, 16, tzinfo=BERLIN)
PEOPLE = (Person("Jordan", ("jordan@example.com",)), Person("Priya", ("priya@example.com",)))


def _one_object(component: str, uid: str, *lines: str) -> bytes:
    """A calendar object holding one component, as a client would PUT it."""
    body = [f"BEGIN:{component}", f"UID:{uid}", "DTSTAMP:20260301T000000Z", *lines]
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//focusmate tests//EN"]
    return "\r\n".join([*head, *body, f"END:{component}", "END:VCALENDAR", ""]).encode()


DENTIST = _one_object(
    "VEVENT",
    "dentist@focusmate.test",
    "DTSTART:20260317T160000Z",
    "DTEND:20260317T170000Z",
    "SUMMARY:Dentist",
)
CHORE = _one_object("VTODO", "chore@focusmate.test", "SUMMARY:File expenses")


@pytest.fixture(scope="module")
def seeded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RadicaleServer]:
    """One server for the tests that only read: a "home" calendar with one event and a
    "tasks" calendar that holds to-dos only (the fixture seeded adds "work")."""
    with RadicaleServer(tmp_path_factory.mktemp("radicale")) as server:
        server.put_event(server.make_calendar("home"), DENTIST)
        server.put_event(server.make_calendar("tasks", ("VTODO",)), CHORE)
        yield server


@pytest.fixture(scope="module")
def seeded(seeded_server: RadicaleServer) -> SeededCalendar:
    """The one-on-ones of WEEK_START in the "work" calendar of seeded_server."""
    return seed_one_on_ones(seeded_server, WEEK_START)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RadicaleServer]:
    """A server of the test's own, for tests that change or stop it."""
    with RadicaleServer(tmp_path / "radicale") as started:
        yield started


def _fetch(
    server: RadicaleServer,
    location: str | None = None,
    previous: CaldavValidators | None = None,
    password: str | None = None,
) -> CaldavFetched:
    return fetch_caldav(
        location or server.url,
        server.user,
        server.password if password is None else password,
        WEEK_START,
        WEEK_START + timedelta(days=42),
        previous,
        timeout_s=10.0,
    )


def _uids(fetched: CaldavFetched) -> set[str]:
    assert fetched.documents is not None
    found = set()
    for document in fetched.documents:
        found |= {
            line.split(":", 1)[1]
            for line in document.decode().splitlines()
            if line.startswith("UID:")
        }
    return found


def test_the_server_root_finds_every_event_calendar_of_the_user(
    seeded_server: RadicaleServer, seeded: SeededCalendar
) -> None:
    fetched = _fetch(seeded_server)

    assert set(fetched.validators.tags) == {
        seeded_server.calendar_url("work"),
        seeded_server.calendar_url("home"),
    }
    assert _uids(fetched) == {
        "jordan-weekly@focusmate.test",
        "priya-weekly@focusmate.test",
        "off-site@focusmate.test",
        "workshop@focusmate.test",
        "team@focusmate.test",
        "dentist@focusmate.test",
    }


def test_the_principal_address_finds_the_same_calendars(
    seeded_server: RadicaleServer, seeded: SeededCalendar
) -> None:
    fetched = _fetch(seeded_server, f"{seeded_server.url}{seeded_server.user}/")

    assert set(fetched.validators.tags) == {
        seeded_server.calendar_url("work"),
        seeded_server.calendar_url("home"),
    }


def test_a_calendar_address_reads_that_calendar_alone(seeded_server: RadicaleServer) -> None:
    fetched = _fetch(seeded_server, seeded_server.calendar_url("home"))

    assert set(fetched.validators.tags) == {seeded_server.calendar_url("home")}
    assert _uids(fetched) == {"dentist@focusmate.test"}


def test_the_seeded_calendar_gives_exactly_the_expected_one_on_ones(
    seeded_server: RadicaleServer, seeded: SeededCalendar
) -> None:
    fetched = _fetch(seeded_server, seeded.calendar_url)
    assert fetched.documents is not None

    events = [
        event
        for document in fetched.documents
        for event in occurrences(
            document, "Work", seeded.week_start, seeded.window_end, BERLIN
        ).events
    ]
    found = one_on_ones(events, PEOPLE, me=("me@example.com",), series_choices={})

    # Berlin is UTC+1 until 29 March 2026 and UTC+2 after: 10:00 there is 09:00Z, then 08:00Z.
    jordan = [_utc("2026-03-16 09:00"), _utc("2026-03-24 13:00")]  # then cancelled, declined
    jordan += [_utc("2026-04-13 08:00"), _utc("2026-04-20 08:00")]
    priya = [_utc(f"{day} {hour}") for day, hour in PRIYA_WEDNESDAYS]
    assert [(m.person.name, m.event.starts_at) for m in found] == sorted(
        [("Jordan", start) for start in jordan] + [("Priya", start) for start in priya],
        key=lambda pair: pair[1],
    )
    assert (list(seeded.jordan_starts), list(seeded.priya_starts)) == (jordan, priya)
    moved = next(m.event for m in found if m.event.starts_at == jordan[1])
    assert moved.recurrence_id == _utc("2026-03-23 09:00")
    assert moved.ends_at - moved.starts_at == timedelta(minutes=30)


PRIYA_WEDNESDAYS = [
    ("2026-03-18", "14:00"),
    ("2026-03-25", "14:00"),
    ("2026-04-01", "13:00"),
    ("2026-04-08", "13:00"),
]


def _utc(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=UTC)


def test_a_series_begun_before_the_window_comes_back_whole(
    seeded_server: RadicaleServer, seeded: SeededCalendar
) -> None:
    """Radicale's time-range filter expands a series itself: the master (DTSTART four weeks
    before the seeded week) is returned for a window holding only its fifth occurrence."""
    monday = WEEK_START + timedelta(days=28)
    fetched = fetch_caldav(
        seeded.calendar_url,
        seeded_server.user,
        seeded_server.password,
        monday,
        monday + timedelta(days=1),
        None,
    )

    assert _uids(fetched) == {"jordan-weekly@focusmate.test"}
    assert fetched.documents is not None
    assert b"RRULE:FREQ=WEEKLY;COUNT=10" in fetched.documents[0]
    assert fetched.documents[0].count(b"BEGIN:VEVENT") == 4


def test_unchanged_ctags_fetch_no_objects(
    seeded_server: RadicaleServer, seeded: SeededCalendar
) -> None:
    first = _fetch(seeded_server)
    kept = CaldavValidators.from_json(first.validators.to_json())

    again = _fetch(seeded_server, previous=kept)

    assert again.documents is None
    assert again.validators == first.validators


@pytest.mark.parametrize(
    "garbage",
    [None, 3, "ctag", [], {}, {"calendars": []}, {"calendars": "x"}, {"other": {"u": "t"}}],
)
def test_validators_from_garbage_are_empty(garbage: object) -> None:
    assert CaldavValidators.from_json(garbage) == CaldavValidators()


def test_validators_keep_only_text_tags_of_text_urls() -> None:
    record = {"calendars": {"https://a/": "ctag:1", "https://b/": 2, "https://c/": None}}

    assert CaldavValidators.from_json(record) == CaldavValidators({"https://a/": "ctag:1"})


def test_an_added_event_brings_new_documents(server: RadicaleServer) -> None:
    calendar = server.make_calendar("work")
    first = _fetch(server)
    assert first.documents == ()

    server.put_event(calendar, DENTIST)
    second = _fetch(server, previous=first.validators)

    assert second.documents is not None
    assert _uids(second) == {"dentist@focusmate.test"}
    assert second.validators != first.validators


def test_a_wrong_password_is_auth(seeded_server: RadicaleServer) -> None:
    with pytest.raises(FetchFailed) as failed:
        _fetch(seeded_server, password="wrong-" + seeded_server.password)

    assert failed.value.problem == "auth"
    assert str(failed.value) == "the server refused the user name or password (401)"


def test_a_stopped_server_is_unreachable(server: RadicaleServer) -> None:
    server.make_calendar("work")
    server.stop()

    with pytest.raises(FetchFailed) as failed:
        _fetch(server)

    assert failed.value.problem == "unreachable"
    assert "refused the connection" in str(failed.value)


def test_a_missing_calendar_is_not_found(seeded_server: RadicaleServer) -> None:
    with pytest.raises(FetchFailed) as failed:
        _fetch(seeded_server, seeded_server.calendar_url("nothing-here"))

    assert failed.value.problem == "not-found"


def test_a_user_without_event_calendars_is_not_found(server: RadicaleServer) -> None:
    server.make_calendar("tasks", ("VTODO",))

    with pytest.raises(FetchFailed) as failed:
        _fetch(server)

    assert failed.value.problem == "not-found"


def test_more_objects_than_the_limit_is_too_many_events(
    seeded_server: RadicaleServer, seeded: SeededCalendar, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Seeding 20,001 events would take minutes; the limit is what is under test.
    monkeypatch.setattr(caldav_fetch, "MAX_OBJECTS", 3)

    with pytest.raises(FetchFailed) as failed:
        _fetch(seeded_server)

    assert failed.value.problem == "too-many-events"


# The network rule -----------------------------------------------------------------------

_connections: list[tuple[str, tuple[Any, ...]]] | None = None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _connections is not None and event in {"socket.connect", "socket.getaddrinfo"}:
        _connections.append((event, args))


sys.addaudithook(_audit)


@contextmanager
def recorded_connections() -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    """Every name lookup and connect the process makes meanwhile (Python's audit events;
    an audit hook cannot be removed, so it records only inside this block)."""
    global _connections  # noqa: PLW0603 - the hook is process-wide by nature
    _connections = []
    try:
        yield _connections
    finally:
        _connections = None


def _failure(location: str) -> FetchFailed:
    """How fetching ``location`` (with any user and password) fails."""
    with pytest.raises(FetchFailed) as failed:
        fetch_caldav(location, "me", "pw", WEEK_START, WEEK_START + timedelta(days=1), None)
    return failed.value


@pytest.mark.parametrize(
    "location",
    [
        "http://example.com/dav/",
        "http://calendar.example.com:8080/",
        "http://192.168.1.20/radicale/",
        "http://10.0.0.1/",
    ],
)
def test_plain_http_to_another_host_is_refused_before_any_connection(location: str) -> None:
    with recorded_connections() as connections:
        failure = _failure(location)

    assert failure.problem == "insecure"
    host = urlsplit(location).hostname
    assert str(failure) == f"plain http:// is refused for {host}: use https://"
    assert connections == []


def test_an_address_that_is_no_web_address_is_refused() -> None:
    assert _failure("ftp://example.com/").problem == "malformed"


class ScriptedDav:
    """An HTTP server on 127.0.0.1 answering every request with one scripted answer, for
    what a real CalDAV server does not send: a redirect elsewhere, broken XML, a 500."""

    def __init__(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None):
        answer: Callable[[BaseHTTPRequestHandler], None] = self._answer
        self.status, self.body, self.headers = status, body, headers or {}
        self.paths: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_PROPFIND(self) -> None:
                answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the test's output is the assertions'."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/dav/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        self.paths.append(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        handler.rfile.read(length)
        handler.send_response(self.status)
        for name, value in self.headers.items():
            handler.send_header(name, value)
        if "Content-Length" not in self.headers:
            handler.send_header("Content-Length", str(len(self.body)))
        handler.end_headers()
        handler.wfile.write(self.body)

    def __enter__(self) -> ScriptedDav:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def test_a_redirect_to_plain_http_elsewhere_is_refused_before_following_it() -> None:
    moved = {"Location": "http://calendar.example.com/dav/"}
    with ScriptedDav(301, headers=moved) as dav, recorded_connections() as connections:
        failure = _failure(dav.url)

    assert failure.problem == "insecure"
    assert "http://calendar.example.com" in str(failure)
    assert connections, "the recorder saw the connection to the scripted server"
    assert all("example.com" not in str(args) for _, args in connections)


def test_a_certificate_no_trust_store_knows_is_insecure(tmp_path: Path) -> None:
    with serving(self_signed_tls(tmp_path)) as https:
        failure = _failure(https.url("/dav/"))

    assert failure.problem == "insecure"
    assert https.requests == []


def test_an_address_naming_no_calendar_and_no_account_is_not_found() -> None:
    """A plain WebDAV collection: no calendar type, no principal, no calendar home, and
    /.well-known/caldav on the same host says no more."""
    plain = (
        b"<?xml version='1.0'?><multistatus xmlns='DAV:'><response><href>/dav/</href>"
        b"<propstat><prop><resourcetype><collection/></resourcetype></prop>"
        b"<status>HTTP/1.1 200 OK</status></propstat></response></multistatus>"
    )
    with ScriptedDav(207, plain, {"Content-Type": "application/xml"}) as dav:
        failure = _failure(dav.url)

    assert failure.problem == "not-found"
    assert dav.paths == ["/dav/", "/.well-known/caldav"]


def _calendar_answer(tag_element: str) -> bytes:
    """A PROPFIND answer describing a calendar collection with ``tag_element``."""
    return (
        "<?xml version='1.0'?><multistatus xmlns='DAV:' xmlns:C='urn:ietf:params:xml:ns:caldav'>"
        "<response><href>/dav/</href><propstat><prop><resourcetype><collection/><C:calendar/>"
        f"</resourcetype>{tag_element}</prop><status>HTTP/1.1 200 OK</status></propstat>"
        "</response></multistatus>"
    ).encode()


def test_a_sync_token_serves_where_the_server_has_no_ctag() -> None:
    token = _calendar_answer("<sync-token>http://example.com/sync/7</sync-token>")
    with ScriptedDav(207, token, {"Content-Type": "application/xml"}) as dav:
        first = CaldavValidators({dav.url: "sync:http://example.com/sync/7"})
        again = fetch_caldav(dav.url, "me", "pw", WEEK_START, WEEK_START, first)

    assert again.documents is None
    assert again.validators == first


def test_a_calendar_without_ctag_or_sync_token_is_always_read() -> None:
    """The scripted server answers no REPORT (501): that the fetch got there is the point."""
    untagged = _calendar_answer("")
    with (
        ScriptedDav(207, untagged, {"Content-Type": "application/xml"}) as dav,
        pytest.raises(FetchFailed) as failed,
    ):
        fetch_caldav(dav.url, "me", "pw", WEEK_START, WEEK_START, CaldavValidators())

    assert failed.value.problem == "http-status"
    assert "501" in str(failed.value)


def test_an_answer_announced_as_too_large_is_not_read() -> None:
    huge = {"Content-Type": "application/xml", "Content-Length": str(65 * 2**20)}
    with ScriptedDav(207, b"<multistatus xmlns='DAV:'/>", huge) as dav:
        failure = _failure(dav.url)

    assert failure.problem == "too-large"
    assert str(failure).endswith("sent an answer larger than 64 MB")


def test_broken_xml_is_malformed() -> None:
    broken = b"<?xml version='1.0'?><multistatus xmlns='DAV:'><response><href>"
    with ScriptedDav(207, broken, {"Content-Type": "text/xml"}) as dav:
        failure = _failure(dav.url)

    assert failure.problem == "malformed"


def test_a_web_page_instead_of_caldav_is_malformed() -> None:
    page = b"<html><body>Welcome</body></html>"
    with ScriptedDav(207, page, {"Content-Type": "text/html"}) as dav:
        failure = _failure(dav.url)

    assert failure.problem == "malformed"


def test_a_server_error_is_http_status() -> None:
    with ScriptedDav(500, b"oops", {"Content-Type": "text/plain"}) as dav:
        failure = _failure(dav.url)

    assert failure.problem == "http-status"
    assert str(failure).endswith("answered 500 Internal Server Error")


# Privacy --------------------------------------------------------------------------------


def test_no_password_or_user_part_in_any_message_or_log_record(
    server: RadicaleServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.put_event(server.make_calendar("home"), DENTIST)
    secret = server.password
    with_user_part = server.url.replace("http://", f"http://{server.user}:{secret}@")
    lines: list[str] = []
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="caldav")  # caldav sets WARNING on its own logger

    fetched = _fetch(server, with_user_part)
    for password in ("wrong-" + secret, secret):
        for location in (with_user_part, server.url + "nothing/here/", server.url):
            try:
                _fetch(server, location, password=password)
            except FetchFailed as failure:
                assert failure.__cause__ is None
                lines.append(str(failure))
    server.stop()
    with pytest.raises(FetchFailed) as unreachable:
        _fetch(server, with_user_part)
    lines.append(str(unreachable.value))

    assert fetched.documents
    assert len(lines) == 5
    everything = "\n".join([caplog.text, *lines, *(r.getMessage() for r in caplog.records)])
    assert "sending request - method=PROPFIND" in everything  # the records were captured
    assert secret not in everything
    assert f"{server.user}:" not in everything
