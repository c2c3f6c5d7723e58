"""The pulse page's security rules, each against the real server on a real socket (issue 16).

Time on the form (its lifetime, the rate window) is the test's FakeClock; what is measured in
real time (the read timeout, a connection's deadline) is waited for, never asserted on.
"""

from __future__ import annotations

import re
import select
import socket
import subprocess
import threading
from collections.abc import Iterator
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from focusmate.core.errors import InvalidInput, NotPossibleNow
from focusmate.core.pulse import Concern, PulseVia, RepPulse
from focusmate.desktop.pulse_html import english_page_text
from focusmate.desktop.pulse_page import (
    CONTENT_SECURITY_POLICY,
    GONE_GRACE_S,
    MAX_CONNECTIONS,
    RATE_LIMIT_REQUESTS,
    RATE_WINDOW_S,
    PulsePage,
    check_listen_address,
    local_network_address,
)
from focusmate.desktop.qr import qr_png
from tests.desktop.browser import ServedForm, served_form
from tests.fakes import FakeClock

ANSWER = urlencode({"heard": "4", "concern": "yes", "attention": "2", "comment": "ok"}).encode()
WAIT_LIMIT = 200  # the most polls a test makes while it waits for the server to act alone


@pytest.fixture
def form(clock: FakeClock) -> Iterator[ServedForm]:
    """The pulse form open on loopback for ten minutes of the test's clock."""
    with served_form(clock) as served:
        yield served


def wait_until_refused(form: ServedForm) -> None:
    """Wait (bounded) for the listening socket to close."""
    stop = threading.Event()
    for _ in range(WAIT_LIMIT):
        if form.refuses_connections():
            return
        stop.wait(0.1)
    pytest.fail("the listening socket stayed open")


def test_the_form_is_served_with_the_strict_headers(form: ServedForm) -> None:
    status, headers, body = form.request("GET")
    assert status == 200
    assert headers["Content-Security-Policy"] == (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    )
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cache-Control"] == "no-store"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Server"] == "focusmate"  # no Python version for a scanner
    assert b"<form" in body


def test_the_address_holds_a_fresh_256_bit_token(clock: FakeClock) -> None:
    with served_form(clock) as first, served_form(clock) as second:
        tokens = [re.fullmatch(r"/p/([A-Za-z0-9_-]+)", f.path) for f in (first, second)]
        assert all(tokens)
        assert len(tokens[0].group(1)) * 6 >= 256  # type: ignore[union-attr]
        assert first.path != second.path
        assert urlsplit(first.offer.url).hostname == "127.0.0.1"
        assert first.offer.expires_at == clock.now() + timedelta(seconds=600)


@pytest.mark.parametrize(
    "path",
    ["/", "/p/", "/p", "/favicon.ico", "{path}x", "{path}/", "{path}?a=1", "/P/{token}", "/p/x"],
)
def test_every_other_path_and_a_wrong_token_answer_404(form: ServedForm, path: str) -> None:
    target = path.format(path=form.path, token=form.path.removeprefix("/p/"))
    status, headers, _ = form.request("GET", target)
    assert status == 404
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert form.request("POST", target, ANSWER)[0] == 404
    assert form.answers == []


def test_a_wrong_token_of_the_right_length_answers_404(form: ServedForm) -> None:
    token = form.path.removeprefix("/p/")
    wrong = "/p/" + ("A" if token[0] != "A" else "B") + token[1:]
    assert form.request("GET", wrong)[0] == 404


def test_an_answer_is_handed_over_once_then_the_token_is_gone(
    form: ServedForm, clock: FakeClock
) -> None:
    assert form.post(ANSWER) == 200
    assert form.answers == [RepPulse(4, Concern.YES, 2, "ok", PulseVia.PAGE, clock.now())]
    assert form.request("GET")[0] == 410
    assert form.post(ANSWER) == 410
    assert len(form.answers) == 1
    clock.advance(seconds=GONE_GRACE_S)
    wait_until_refused(form)


def test_of_answers_sent_at_once_exactly_one_is_taken(form: ServedForm) -> None:
    statuses: list[int] = []
    senders = [
        threading.Thread(target=lambda: statuses.append(form.post(ANSWER))) for _ in "123456"
    ]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    assert sorted(statuses) == [200, 410, 410, 410, 410, 410]
    assert len(form.answers) == 1


def test_after_its_lifetime_the_form_answers_410_and_stops_listening(
    form: ServedForm, clock: FakeClock
) -> None:
    clock.advance(seconds=599)
    assert form.request("GET")[0] == 200
    clock.advance(seconds=1)
    assert form.request("GET")[0] == 410
    assert form.post(ANSWER) == 410
    assert form.answers == []
    clock.advance(seconds=GONE_GRACE_S)
    wait_until_refused(form)


def test_a_body_over_4_kb_is_refused_unread_and_the_server_goes_on(form: ServedForm) -> None:
    head = (
        f"POST {form.path} HTTP/1.1\r\nHost: x\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1048576\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", form.port), timeout=10) as client:
        client.sendall(head + b"a" * 4096)
        answer = client.recv(65536)
        assert answer.startswith(b"HTTP/1.0 413")
        assert b"Content-Security-Policy" in answer
        with pytest.raises(OSError):  # the server closed the connection: the rest is refused
            for _ in range(1024):
                client.sendall(b"a" * 1024)
                if client.recv(1) == b"":
                    raise ConnectionResetError
    padded = form.request(
        "POST", body=b"x" * 4097, **{"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert padded[0] == 413
    assert form.post(ANSWER) == 200
    assert len(form.answers) == 1


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Content-Type": "text/plain"}, 415),
        ({"Content-Type": "multipart/form-data; boundary=x"}, 415),
        (
            {"Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked"},
            411,
        ),
        ({"Content-Type": "application/x-www-form-urlencoded", "Content-Length": "-1"}, 400),
    ],
)
def test_a_post_not_shaped_like_the_form_is_refused(
    form: ServedForm, headers: dict[str, str], status: int
) -> None:
    assert form.request("POST", None, ANSWER, **headers)[0] == status
    assert form.answers == []


def test_a_post_without_a_length_is_refused(form: ServedForm) -> None:
    with socket.create_connection(("127.0.0.1", form.port), timeout=10) as client:
        client.sendall(f"POST {form.path} HTTP/1.0\r\n\r\n".encode() + ANSWER)
        assert client.recv(100).startswith(b"HTTP/1.0 411")
    assert form.answers == []


def test_an_incomplete_answer_shows_the_form_again_and_keeps_it_open(form: ServedForm) -> None:
    status, _, body = form.request(
        "POST", body=b"heard=4", **{"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 400
    assert b"Please answer the three questions." in body
    assert b'role="alert"' in body
    assert form.answers == []
    assert form.post(ANSWER) == 200


def test_other_methods_are_refused_with_the_same_headers(form: ServedForm) -> None:
    status, headers, _ = form.request("PUT", body=ANSWER)
    assert status == 501
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert form.answers == []


def test_rapid_requests_are_refused_and_nothing_is_taken(
    form: ServedForm, clock: FakeClock
) -> None:
    statuses = [form.request("GET")[0] for _ in range(100)]
    assert statuses == [200] * RATE_LIMIT_REQUESTS + [429] * (100 - RATE_LIMIT_REQUESTS)
    status, headers, _ = form.request("POST", body=ANSWER)
    assert status == 429
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert form.answers == []
    clock.advance(seconds=RATE_WINDOW_S)
    assert form.post(ANSWER) == 200
    assert len(form.answers) == 1


def test_stuck_clients_are_cut_off_and_never_hold_more_than_the_bound(form: ServedForm) -> None:
    threads_before = threading.active_count()
    stuck = [socket.create_connection(("127.0.0.1", form.port)) for _ in range(3 * MAX_CONNECTIONS)]
    try:
        # The first connection closed by the server is one past the bound (refused at once)
        # while the others still hold their threads; without the bound it would be the first
        # read timeout, with a thread for every connection.
        readable, _, _ = select.select(stuck, [], [], 60)
        threads_then = threading.active_count()
        assert readable[0].recv(1) == b""
        assert threads_then <= threads_before + MAX_CONNECTIONS
        for client in stuck:
            client.settimeout(60)
            assert client.recv(1) in (b"", b"H")  # each cut off, at the latest at its timeout
        assert form.request("GET")[0] == 200
    finally:
        for client in stuck:
            client.close()


def test_a_request_without_headers_is_not_answered(form: ServedForm) -> None:
    """HTTP/0.9 has no headers, so no policy could go with the page."""
    with socket.create_connection(("127.0.0.1", form.port), timeout=10) as client:
        client.sendall(f"GET {form.path}\r\n\r\n".encode())
        assert client.recv(100) == b""


def test_a_client_dripping_bytes_is_cut_off_at_its_deadline(form: ServedForm) -> None:
    pause = threading.Event()
    with socket.create_connection(("127.0.0.1", form.port), timeout=60) as client:
        # One header line that never ends: within every read timeout and size limit.
        client.sendall(f"GET {form.path} HTTP/1.0\r\nX-Drip: ".encode())
        for _ in range(WAIT_LIMIT):
            try:
                client.sendall(b"1")
            except OSError:
                break  # cut off
            pause.wait(0.5)
        else:
            pytest.fail("the dripping client was never cut off")
    assert form.request("GET")[0] == 200


def test_close_frees_the_port_at_once_and_twice_is_fine(clock: FakeClock) -> None:
    with served_form(clock) as form:
        with pytest.raises(NotPossibleNow):
            form.page.open(
                english_page_text(),
                host="127.0.0.1",
                clock=clock.now,
                on_answer=form.answers.append,
                allow_loopback=True,
            )
        form.page.close()
        assert form.refuses_connections()
        form.page.close()
        assert not form.page.is_listening


@pytest.mark.parametrize(
    "host",
    # S104: the point is that binding to every interface is refused.
    ["8.8.8.8", "0.0.0.0", "127.0.0.1", "::1", "fd00::2", "localhost", "224.0.0.1"],  # noqa: S104
)
def test_the_page_never_listens_beyond_the_local_network(clock: FakeClock, host: str) -> None:
    page = PulsePage()
    with pytest.raises(InvalidInput):
        page.open(english_page_text(), host=host, clock=clock.now, on_answer=print)
    assert not page.is_listening


def test_private_addresses_are_accepted_and_loopback_only_for_tests() -> None:
    assert check_listen_address("192.168.1.20") == "192.168.1.20"
    assert check_listen_address("10.0.0.7") == "10.0.0.7"
    assert check_listen_address("127.0.0.1", allow_loopback=True) == "127.0.0.1"


def test_the_machines_local_address_serves_the_form(clock: FakeClock) -> None:
    host = local_network_address()
    assert host is not None, "this machine has no local-network address"
    answers: list[RepPulse] = []
    page = PulsePage()
    offer = page.open(english_page_text(), host=host, clock=clock.now, on_answer=answers.append)
    try:
        assert urlsplit(offer.url).hostname == host
        port = urlsplit(offer.url).port
        with socket.create_connection((host, port), timeout=10) as client:
            client.sendall(f"GET {urlsplit(offer.url).path} HTTP/1.0\r\n\r\n".encode())
            assert client.recv(20).startswith(b"HTTP/1.0 200")
        with pytest.raises(ConnectionRefusedError):  # bound to that address only
            socket.create_connection(("127.0.0.1", port), timeout=10).close()
    finally:
        page.close()


class _PageReader(HTMLParser):
    """What the page shows and links: its text, inputs, labels and any outside reference."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.inputs: list[str] = []
        self.labelled: set[str] = set()
        self.references: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in {"input", "textarea"}:
            self.inputs.append(found.get("id") or "")
        if tag == "label":
            self.labelled.add(found.get("for") or "")
        self.references += [v or "" for k, v in attrs if k in {"src", "href", "action"}]
        assert tag not in {"script", "img", "link", "iframe", "object", "base"}, tag

    def handle_data(self, data: str) -> None:
        if data.strip() and self.lasttag not in {"style", "title"}:
            self.text.append(data.strip())


def test_the_page_shows_the_questions_only_with_a_label_on_every_input(form: ServedForm) -> None:
    reader = _PageReader()
    reader.feed(form.request("GET")[2].decode())
    text = english_page_text()
    assert reader.text == [
        text.title,
        text.intro,
        text.heard_question,
        text.scale_hint,
        *"12345",
        text.concern_question,
        text.concern_yes,
        text.concern_partly,
        text.concern_no,
        text.attention_question,
        text.scale_hint,
        *"12345",
        text.comment_label,
        text.send,
    ]
    assert len(reader.inputs) == 14
    assert set(reader.inputs) <= reader.labelled
    assert reader.references == []


def test_after_the_answer_a_thank_you_page(form: ServedForm) -> None:
    status, _, body = form.request(
        "POST", body=ANSWER, **{"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 200
    assert english_page_text().thanks.encode() in body


def test_the_qr_code_reads_back_as_the_address(form: ServedForm, tmp_path: Path) -> None:
    png = tmp_path / "qr.png"
    png.write_bytes(qr_png(form.offer.url, scale=6))
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True, check=True
    )
    assert decoded.stdout.strip() == form.offer.url
