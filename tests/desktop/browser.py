"""Helpers for the pulse page's tests: a form served on loopback that records its answers,
plain HTTP requests to it, and Debian's Chromium driven by Selenium through Debian's
chromedriver (never a downloaded driver: Selenium Manager is kept out)."""

from __future__ import annotations

import http.client
import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from focusmate.core.pulse import RepPulse
from focusmate.desktop.pulse_html import english_page_text
from focusmate.desktop.pulse_page import PulseOffer, PulsePage
from tests.fakes import FakeClock

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@dataclass
class ServedForm:
    """A pulse form open on 127.0.0.1, its offer, and the answers it handed over."""

    page: PulsePage
    offer: PulseOffer
    answers: list[RepPulse] = field(default_factory=list)

    @property
    def port(self) -> int:
        return urlsplit(self.offer.url).port or 0

    @property
    def path(self) -> str:
        return urlsplit(self.offer.url).path

    def request(
        self, method: str, path: str | None = None, body: bytes | None = None, **headers: str
    ) -> tuple[int, dict[str, str], bytes]:
        """One request (the form's own path unless another is given): status, headers, body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(method, path or self.path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def post(self, body: bytes) -> int:
        return self.request(
            "POST", body=body, **{"Content-Type": "application/x-www-form-urlencoded"}
        )[0]

    def refuses_connections(self) -> bool:
        """Whether the port refuses a connection now (a reset is the listener closing: not yet)."""
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=5).close()
        except ConnectionRefusedError:
            return True
        except ConnectionResetError:
            # connect() meets a reset when the listener closes during the handshake; CI saw
            # it once. The next poll gets the settled answer.
            return False
        return False


FORM_TYPE = "application/x-www-form-urlencoded"


def status_of(url: str, method: str = "GET", body: str | None = None) -> int:
    """The status of one request to ``url`` (a POST body is sent as the form's)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        headers = {"Content-Type": FORM_TYPE} if body is not None else {}
        connection.request(method, parts.path, body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def listens(url: str) -> bool:
    """Whether anything accepts a connection at ``url``'s host and port."""
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname or "", parts.port or 0), timeout=5).close()
    except ConnectionRefusedError:
        return False
    return True


@contextmanager
def served_form(clock: FakeClock, lifetime_s: int = 600) -> Iterator[ServedForm]:
    """An English pulse form on loopback, on the test's clock; closed afterwards."""
    page = PulsePage()
    answers: list[RepPulse] = []
    offer = page.open(
        english_page_text(),
        host="127.0.0.1",
        clock=clock.now,
        on_answer=answers.append,
        lifetime_s=lifetime_s,
        allow_loopback=True,
    )
    try:
        yield ServedForm(page, offer, answers)
    finally:
        page.close()


@contextmanager
def chromium(profile: Path) -> Iterator[webdriver.Chrome]:
    """Headless Chromium with its performance log (every network event of the page).

    The caller sets SE_MANAGER_PATH to /bin/false: Selenium Manager would download a driver,
    and a program that always fails makes any use of it an error instead."""
    assert os.environ.get("SE_MANAGER_PATH") == "/bin/false"
    for tool in (CHROMIUM, CHROMEDRIVER):
        assert tool.is_file(), f"{tool} is missing: apt-get install chromium chromium-driver"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    options.add_argument("--headless=new")
    # Chromium's sandbox refuses to start as root, which the test machines and CI run as.
    options.add_argument("--no-sandbox")
    # Containers give /dev/shm 64 MB, too little for Chromium's shared memory.
    options.add_argument("--disable-dev-shm-usage")
    options.add_argument(f"--user-data-dir={profile}")
    for quiet in ("--no-first-run", "--disable-background-networking", "--disable-sync"):
        options.add_argument(quiet)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    try:
        # Off the new-tab page, whose own chrome:// loads would mix with the page's.
        driver.get("about:blank")
        yield driver
    finally:
        driver.quit()


def network_events(driver: webdriver.Chrome) -> list[dict[str, Any]]:
    """The DevTools network events since the last call (reading the log empties it)."""
    log: list[dict[str, Any]] = driver.get_log("performance")  # type: ignore[no-untyped-call]
    messages = [json.loads(entry["message"])["message"] for entry in log]
    return [m for m in messages if m["method"].startswith("Network.")]


def document_response(events: list[dict[str, Any]]) -> tuple[int, dict[str, str]]:
    """The status and headers (lower-case names) of the last page loaded."""
    (*_, last) = (
        e["params"]["response"]
        for e in events
        if e["method"] == "Network.responseReceived" and e["params"]["type"] == "Document"
    )
    return last["status"], {k.lower(): v for k, v in last["headers"].items()}


def load(driver: webdriver.Chrome, url: str) -> list[dict[str, Any]]:
    """Open ``url``; the network events of its loading."""
    network_events(driver)
    driver.get(url)
    return network_events(driver)


def requested(events: list[dict[str, Any]]) -> list[str]:
    """The address of every request in ``events``."""
    return [
        e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"
    ]


def answer_by_keyboard(driver: webdriver.Chrome, comment_lines: tuple[str, str]) -> None:
    """Heard 4, concern partly, attention 5, a two-line comment, sent: keys only."""
    keys = [Keys.TAB, Keys.ARROW_RIGHT * 3]  # heard: focus on 1, then 4
    keys += [Keys.TAB, Keys.ARROW_RIGHT]  # concern: focus on yes, then partly
    keys += [Keys.TAB, Keys.ARROW_RIGHT * 4]  # attention: focus on 1, then 5
    keys += [Keys.TAB, comment_lines[0], Keys.ENTER, comment_lines[1]]
    keys += [Keys.TAB, Keys.SPACE]  # the send button
    actions = ActionChains(driver)
    for key in keys:
        actions.send_keys(key)
    actions.perform()
