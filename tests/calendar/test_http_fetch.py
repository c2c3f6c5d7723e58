"""focusmate.calendar.http_fetch against a real HTTP(S) server on 127.0.0.1 and real files:
conditional requests, redirects, every failure as one FetchFailed line, and no secret part of
an address in any line, exception or log record."""

from __future__ import annotations

import logging
import os
import socket
import traceback
from pathlib import Path
from typing import Any

import pytest

from focusmate import __version__
from focusmate.calendar.failures import FetchFailed
from focusmate.calendar.http_fetch import (
    MAX_REDIRECTS,
    Fetched,
    Validators,
    fetch_ics,
    public_name,
)
from tests.calendar.feed_server import (
    FeedServer,
    Reply,
    closed_port,
    redirect,
    self_signed_tls,
    serving,
    with_validators,
)

CALENDAR = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:a\r\n"
    b"DTSTART:20260302T090000Z\r\nSUMMARY:1:1 Jordan\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
ELEVEN_MIB = b"BEGIN:VCALENDAR\r\n" + b"X" * (11 * 1024 * 1024)
#: Where Google puts the secret of a "secret address in iCal format": in the path.
PRIVATE_PART = "private-0123456789abcdef0123456789abcdef"
HIDDEN_PATH = f"/calendar/ical/me%40example.com/{PRIVATE_PART}/basic.ics"


def failure(location: str, **options: Any) -> FetchFailed:
    with pytest.raises(FetchFailed) as caught:
        fetch_ics(location, None, **options)
    return caught.value


class NetworkSpy:
    """Stands in for name resolution (a named spy; every connection starts with it): records
    each attempt and lets only 127.0.0.1 through, so a test proves what was, or was not,
    tried, and no test reaches the internet."""

    def __init__(self, real: Any) -> None:
        self.attempts: list[tuple[str, int]] = []
        self._real = real

    def getaddrinfo(self, host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        self.attempts.append((host, port))
        if host == "127.0.0.1":
            return self._real(host, port, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


@pytest.fixture
def network_spy(monkeypatch: pytest.MonkeyPatch) -> NetworkSpy:
    spy = NetworkSpy(socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", spy.getaddrinfo)
    return spy


def test_a_feed_with_an_etag_is_fetched_then_answered_unchanged(feed_server: FeedServer) -> None:
    feed_server.routes["/feed.ics"] = with_validators(CALENDAR, '"v1"', None)
    first = fetch_ics(feed_server.url("/feed.ics"), None)
    assert first == Fetched(CALENDAR, Validators('"v1"', None))
    again = fetch_ics(feed_server.url("/feed.ics"), first.validators)
    assert again == Fetched(None, first.validators)
    assert feed_server.requests[1].headers["If-None-Match"] == '"v1"'


def test_last_modified_is_sent_back_as_if_modified_since(feed_server: FeedServer) -> None:
    stamp = "Wed, 02 Dec 2026 09:10:00 GMT"
    feed_server.routes["/feed.ics"] = with_validators(CALENDAR, None, stamp)
    first = fetch_ics(feed_server.url("/feed.ics"), None)
    assert first.validators == Validators(None, stamp)
    assert fetch_ics(feed_server.url("/feed.ics"), first.validators).body is None
    assert feed_server.requests[1].headers["If-Modified-Since"] == stamp
    assert "If-None-Match" not in feed_server.requests[1].headers


def test_the_request_names_focusmate_accepts_calendars_and_expects_no_100_continue(
    feed_server: FeedServer,
) -> None:
    feed_server.routes["/feed.ics"] = Reply(200, CALENDAR)
    fetch_ics(feed_server.url("/feed.ics"), None)
    headers = feed_server.requests[0].headers
    assert headers["User-Agent"] == f"focusmate/{__version__}"
    assert headers["Accept"] == "text/calendar, */*;q=0.5"
    assert "Expect" not in headers


def test_a_gzipped_feed_is_inflated(feed_server: FeedServer) -> None:
    feed_server.routes["/feed.ics"] = Reply(200, CALENDAR, gzipped=True)
    assert fetch_ics(feed_server.url("/feed.ics"), None).body == CALENDAR


def test_a_byte_order_mark_and_white_space_before_the_calendar_are_accepted(
    feed_server: FeedServer,
) -> None:
    body = b"\xef\xbb\xbf\r\n  " + CALENDAR
    feed_server.routes["/feed.ics"] = Reply(200, body)
    assert fetch_ics(feed_server.url("/feed.ics"), None).body == body


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirects_are_followed(feed_server: FeedServer, status: int) -> None:
    feed_server.routes["/old"] = redirect("/middle", status)
    feed_server.routes["/middle"] = redirect(feed_server.url("/feed.ics"), status)
    feed_server.routes["/feed.ics"] = Reply(200, CALENDAR)
    assert fetch_ics(feed_server.url("/old"), None).body == CALENDAR
    assert [r.path for r in feed_server.requests] == ["/old", "/middle", "/feed.ics"]


def test_a_redirect_loop_is_one_line(feed_server: FeedServer) -> None:
    feed_server.routes["/a"] = redirect("/b")
    feed_server.routes["/b"] = redirect("/a")
    error = failure(feed_server.url("/a"))
    assert error.problem == "http-status"
    assert str(error) == f"http://127.0.0.1:{feed_server.port} redirects in a loop"


def test_more_redirects_than_allowed_are_refused(feed_server: FeedServer) -> None:
    for hop in range(MAX_REDIRECTS + 1):
        feed_server.routes[f"/{hop}"] = redirect(f"/{hop + 1}")
    feed_server.routes[f"/{MAX_REDIRECTS + 1}"] = Reply(200, CALENDAR)
    error = failure(feed_server.url("/0"))
    assert error.problem == "http-status"
    assert f"more than {MAX_REDIRECTS} times" in str(error)
    assert len(feed_server.requests) == MAX_REDIRECTS + 1


def test_a_redirect_to_plain_http_elsewhere_is_refused_before_connecting(
    feed_server: FeedServer, network_spy: NetworkSpy
) -> None:
    feed_server.routes["/feed.ics"] = redirect("http://calendar.example.com/feed.ics")
    error = failure(feed_server.url("/feed.ics"))
    assert (error.problem, str(error)) == (
        "insecure",
        "plain http:// is refused for calendar.example.com: use https://",
    )
    assert network_spy.attempts == [("127.0.0.1", feed_server.port)]


def test_a_redirect_to_a_file_is_refused(feed_server: FeedServer) -> None:
    feed_server.routes["/feed.ics"] = redirect("file:///etc/passwd")
    assert failure(feed_server.url("/feed.ics")).problem == "http-status"


def test_plain_http_to_a_remote_host_is_refused_without_any_connection(
    network_spy: NetworkSpy,
) -> None:
    error = failure("http://example.com/calendar.ics")
    assert (error.problem, str(error)) == (
        "insecure",
        "plain http:// is refused for example.com: use https://",
    )
    assert network_spy.attempts == []


@pytest.mark.parametrize(
    ("status", "problem", "line"),
    [
        (500, "http-status", "the server answered 500 Internal Server Error"),
        (502, "http-status", "the server answered 502 Bad Gateway"),
        (401, "auth", "refused access (401 Unauthorized)"),
        (403, "auth", "refused access (403 Forbidden)"),
        (404, "not-found", "has no calendar at this address (404)"),
        (410, "not-found", "has no calendar at this address (410)"),
        (304, "http-status", "the server answered 304 Not Modified"),
    ],
)
def test_each_failing_status_is_its_problem_and_one_line(
    feed_server: FeedServer, status: int, problem: str, line: str
) -> None:
    feed_server.routes["/feed.ics"] = Reply(status, b"<html>no</html>")
    error = failure(feed_server.url("/feed.ics"))
    assert error.problem == problem
    assert line in str(error)
    assert "\n" not in str(error)


def test_an_html_page_is_not_a_calendar(feed_server: FeedServer) -> None:
    feed_server.routes["/feed.ics"] = Reply(200, b"\n<!DOCTYPE html><html><body>Sign in")
    error = failure(feed_server.url("/feed.ics"))
    assert (error.problem, str(error)) == (
        "malformed",
        "the address did not return a calendar; it starts with '<!DOCTYPE html>'",
    )


def test_an_empty_body_is_not_a_calendar(feed_server: FeedServer) -> None:
    feed_server.routes["/feed.ics"] = Reply(200, b"  \r\n")
    assert str(failure(feed_server.url("/feed.ics"))).endswith("; it is empty")


@pytest.mark.parametrize(
    "reply",
    [
        Reply(200, ELEVEN_MIB),
        Reply(200, ELEVEN_MIB, chunked=True),
        Reply(200, ELEVEN_MIB, gzipped=True),
    ],
    ids=["content-length", "chunked", "gzipped"],
)
def test_a_body_over_the_cap_is_too_large(feed_server: FeedServer, reply: Reply) -> None:
    feed_server.routes["/feed.ics"] = reply
    error = failure(feed_server.url("/feed.ics"))
    assert (error.problem, str(error)) == ("too-large", "the calendar is larger than 10 MiB")


def test_a_server_that_does_not_answer_in_time_is_unreachable(feed_server: FeedServer) -> None:
    feed_server.routes["/feed.ics"] = Reply(stall=True)
    error = failure(feed_server.url("/feed.ics"), timeout_s=0.5)
    assert (error.problem, str(error)) == (
        "unreachable",
        f"http://127.0.0.1:{feed_server.port} did not answer in time",
    )


def test_a_server_that_drips_the_calendar_is_cut_off(feed_server: FeedServer) -> None:
    """Each piece comes within the socket's timeout; the whole does not come within
    timeout_s, and that is the limit."""
    feed_server.routes["/feed.ics"] = Reply(200, CALENDAR, drip_s=0.2)
    error = failure(feed_server.url("/feed.ics"), timeout_s=0.5)
    assert (error.problem, str(error)) == (
        "unreachable",
        f"http://127.0.0.1:{feed_server.port} did not answer in time",
    )


def test_a_closed_port_is_unreachable() -> None:
    with closed_port() as port:
        error = failure(f"http://127.0.0.1:{port}/feed.ics")
    assert (error.problem, str(error)) == (
        "unreachable",
        f"http://127.0.0.1:{port} refused the connection",
    )


def test_an_unknown_host_is_unreachable(network_spy: NetworkSpy) -> None:
    error = failure("https://calendar.example.com/feed.ics")
    assert error.problem == "unreachable"
    assert str(error) == "https://calendar.example.com is not known (no such host, or off-line)"


def test_a_self_signed_certificate_is_insecure(tmp_path: Path) -> None:
    with serving(self_signed_tls(tmp_path)) as server:
        server.routes["/feed.ics"] = Reply(200, CALENDAR)
        error = failure(server.url("/feed.ics"))
    assert error.problem == "insecure"
    assert str(error).startswith(f"the certificate of https://127.0.0.1:{server.port} is not")
    assert "self-signed" in str(error) or "self signed" in str(error)


def test_webcal_on_loopback_is_fetched_over_http(feed_server: FeedServer) -> None:
    feed_server.routes["/feed.ics"] = Reply(200, CALENDAR)
    webcal = feed_server.url("/feed.ics").replace("http://", "webcal://")
    assert fetch_ics(webcal, None).body == CALENDAR


@pytest.mark.parametrize("scheme", ["webcal", "webcals"])
def test_webcal_elsewhere_is_https(network_spy: NetworkSpy, scheme: str) -> None:
    error = failure(f"{scheme}://calendar.example.com/feed.ics")
    assert network_spy.attempts == [("calendar.example.com", 443)]
    assert "https://calendar.example.com" in str(error)


def test_a_file_is_read_and_unchanged_while_its_time_and_size_stay(tmp_path: Path) -> None:
    path = tmp_path / "team.ics"
    path.write_bytes(CALENDAR)
    first = fetch_ics(str(path), None)
    assert first.body == CALENDAR
    assert fetch_ics(str(path), first.validators).body is None
    path.write_bytes(CALENDAR + b"\r\n")
    assert fetch_ics(str(path), first.validators).body == CALENDAR + b"\r\n"


def test_a_file_url_and_a_path_under_home_are_read(tmp_path: Path) -> None:
    path = tmp_path / "team calendar.ics"
    path.write_bytes(CALENDAR)
    assert fetch_ics(path.as_uri(), None).body == CALENDAR
    home = Path(os.environ["HOME"])
    (home / "mine.ics").write_bytes(CALENDAR)
    assert fetch_ics("~/mine.ics", None).body == CALENDAR


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("missing.ics", None, "not-found"),
        ("big.ics", CALENDAR + b"X" * 2048, "too-large"),
        ("page.ics", b"<html>", "malformed"),
    ],
)
def test_a_file_that_cannot_serve_is_one_line(
    tmp_path: Path, name: str, content: bytes | None, problem: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    error = failure(str(path), max_bytes=1024)
    assert error.problem == problem
    assert f"'{name}'" in str(error) or problem == "too-large"


def test_a_folder_is_not_a_calendar_file(tmp_path: Path) -> None:
    assert failure(str(tmp_path)).problem == "not-found"


@pytest.mark.parametrize(
    "reply",
    [
        Reply(500),
        Reply(401),
        Reply(404),
        Reply(200, b"<!DOCTYPE html>"),
        Reply(200, ELEVEN_MIB),
        redirect("/calendar/ical/loop"),
        redirect("http://elsewhere.example.com/x"),
    ],
)
def test_no_line_log_record_or_traceback_holds_the_secret(
    feed_server: FeedServer, caplog: pytest.LogCaptureFixture, reply: Reply
) -> None:
    feed_server.routes[f"{HIDDEN_PATH}?token={PRIVATE_PART}"] = reply
    feed_server.routes["/calendar/ical/loop"] = redirect(f"{HIDDEN_PATH}?token={PRIVATE_PART}")
    address = feed_server.url(f"{HIDDEN_PATH}?token={PRIVATE_PART}").replace(
        "http://", f"http://me:{PRIVATE_PART}@"
    )
    with caplog.at_level(logging.DEBUG):
        error = failure(address)
    told = "".join(traceback.format_exception(error)) + caplog.text
    assert PRIVATE_PART not in told
    assert "me%40example.com" not in told


def test_nothing_logged_on_success_holds_the_secret(
    feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    feed_server.routes[f"{HIDDEN_PATH}?token={PRIVATE_PART}"] = redirect(HIDDEN_PATH)
    feed_server.routes[HIDDEN_PATH] = Reply(200, CALENDAR)
    with caplog.at_level(logging.DEBUG):
        fetch_ics(feed_server.url(f"{HIDDEN_PATH}?token={PRIVATE_PART}"), None)
    assert caplog.records
    assert PRIVATE_PART not in caplog.text


def test_an_unreachable_secret_address_is_not_named(network_spy: NetworkSpy) -> None:
    error = failure(f"https://me:{PRIVATE_PART}@calendar.example.com{HIDDEN_PATH}?k={PRIVATE_PART}")
    assert PRIVATE_PART not in "".join(traceback.format_exception(error))


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        (f"https://calendar.google.com{HIDDEN_PATH}", "https://calendar.google.com"),
        (
            f"https://me:{PRIVATE_PART}@outlook.office365.com/owa/x.ics",
            "https://outlook.office365.com",
        ),
        (
            f"webcal://p12-caldav.icloud.com/published/2/{PRIVATE_PART}",
            "webcal://p12-caldav.icloud.com",
        ),
        (f"http://[::1]:8080/{PRIVATE_PART}", "http://[::1]:8080"),
        ("http://127.0.0.1:notaport/x", "http://127.0.0.1"),
        ("/home/alex/Calendars/team.ics", "the file 'team.ics'"),
        ("file:///home/alex/team%20a.ics", "the file 'team a.ics'"),
        (f"ftp://files.example.com/{PRIVATE_PART}", "a ftp: address"),
    ],
)
def test_public_name_is_the_scheme_and_host_only(location: str, shown: str) -> None:
    assert public_name(location) == shown


@pytest.mark.parametrize("path", ["/a b.ics", "/caf\u00e9.ics", "/x\r\nHost: evil"])
def test_an_address_with_characters_no_address_may_have_is_malformed(
    feed_server: FeedServer, path: str
) -> None:
    error = failure(feed_server.url(path))
    assert error.problem == "malformed"
    assert path.strip("/") not in str(error)


def test_an_address_of_another_kind_is_refused() -> None:
    assert failure("ftp://files.example.com/x.ics").problem == "malformed"


def test_validators_round_trip_through_json() -> None:
    validators = Validators('W/"7"', "Wed, 02 Dec 2026 09:10:00 GMT")
    assert Validators.from_json(validators.to_json()) == validators
    assert Validators.from_json({}) == Validators()


@pytest.mark.parametrize("record", [None, [], {"etag": 7}, {"last_modified": ["x"]}])
def test_validators_of_another_shape_are_refused(record: object) -> None:
    with pytest.raises(ValueError, match="validators"):
        Validators.from_json(record)
