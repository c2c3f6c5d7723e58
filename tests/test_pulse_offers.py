"""services.pulse_offers (issue 16): the pulse page offered for an ended session, on a real
socket (loopback, as the tests' address), its answer recorded on the GUI thread and on disk,
its refusals, one offer at a time, and its end (answered, expired on the test's clock,
closed)."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from pytestqt.qtbot import QtBot

from focusmate.core.errors import InvalidInput, NotPossibleNow, Problem
from focusmate.core.pulse import Concern, PulseVia, RepPulse
from focusmate.core.settings import Settings
from focusmate.core.text import english, use_translator
from focusmate.desktop.pulse_html import english_page_text
from focusmate.services.controller import SessionController
from focusmate.services.pulse_offers import (
    EndedOffer,
    OfferEnd,
    PulseOffers,
    ShownOffer,
    page_text,
)
from focusmate.storage.repository import TinyDBSessionRepository
from tests.fakes import FakeClock

ANSWER = urlencode({"heard": "2", "concern": "partly", "attention": "5", "comment": "ok"})


class Switch:
    """The settings as the service reads them; the test turns the page on and off."""

    def __init__(self, enabled: bool = True) -> None:
        self.settings = Settings(pulse_page_enabled=enabled)

    def __call__(self) -> Settings:
        return self.settings


@pytest.fixture
def switch() -> Switch:
    return Switch()


@pytest.fixture
def make_offers(
    controller: SessionController, clock: FakeClock, switch: Switch
) -> Iterator[Callable[..., PulseOffers]]:
    made: list[PulseOffers] = []

    def make(**options: object) -> PulseOffers:
        options.setdefault("address", lambda: "127.0.0.1")
        offers = PulseOffers(
            controller,
            switch,
            clock,
            allow_loopback=True,
            poll_ms=10,
            **options,  # type: ignore[arg-type]
        )
        made.append(offers)
        return offers

    yield make
    for offers in made:
        offers.close()


@pytest.fixture
def offers(make_offers: Callable[..., PulseOffers]) -> PulseOffers:
    return make_offers()


def ended(controller: SessionController, clock: FakeClock, name: str = "Jordan") -> str:
    controller.start(name, 30)
    clock.advance(minutes=30)
    return controller.end().id


def request(url: str, method: str = "GET", body: str | None = None) -> int:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
        connection.request(method, parts.path, body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def refuses_connections(url: str) -> bool:
    parts = urlsplit(url)
    try:
        http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=2).connect()
    except ConnectionRefusedError:
        return True
    return False


def test_an_answer_from_the_phone_is_recorded_on_the_gui_thread_and_on_disk(
    offers: PulseOffers,
    controller: SessionController,
    clock: FakeClock,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    session_id = ended(controller, clock)
    with qtbot.waitSignal(offers.offered) as offered:
        shown = offers.offer("last")
    assert offered.args == [shown] and offers.current == shown
    assert (shown.session_id, shown.with_name) == (session_id, "Jordan")
    assert shown.qr_png.startswith(b"\x89PNG")
    threads: list[threading.Thread] = []
    controller.state_changed.connect(lambda: threads.append(threading.current_thread()))
    with qtbot.waitSignal(offers.finished, timeout=5000) as finished:
        assert request(shown.url, "POST", ANSWER) == 200
    assert finished.args == [EndedOffer(session_id, "Jordan", OfferEnd.ANSWERED)]
    assert threads == [threading.main_thread()]
    kept = TinyDBSessionRepository(tmp_path / "data", writable=False).get(session_id)
    assert kept is not None
    assert kept.rep_pulse == RepPulse(2, Concern.PARTLY, 5, "ok", PulseVia.PAGE, clock.now())
    assert offers.current is None
    assert request(shown.url) == 410  # the page's grace: a reload reads why


def test_an_offer_is_refused_while_the_setting_is_off(
    offers: PulseOffers, controller: SessionController, clock: FakeClock, switch: Switch
) -> None:
    ended(controller, clock)
    switch.settings = Settings(pulse_page_enabled=False)
    with pytest.raises(NotPossibleNow, match="turn it on in the settings") as refused:
        offers.offer("last")
    assert refused.value.problem is Problem.PULSE_PAGE_OFF
    assert offers.current is None


def test_an_unknown_or_running_session_is_refused(
    offers: PulseOffers, controller: SessionController, clock: FakeClock
) -> None:
    with pytest.raises(InvalidInput, match="no session has ended yet"):
        offers.offer("last")
    with pytest.raises(InvalidInput, match="no session with the id 'nope'"):
        offers.offer("nope")
    running = controller.start("Jordan", 30)
    with pytest.raises(NotPossibleNow, match="still running"):
        offers.offer(running.id)
    assert offers.current is None


def test_without_a_local_network_address_nothing_listens(
    make_offers: Callable[..., PulseOffers], controller: SessionController, clock: FakeClock
) -> None:
    offers = make_offers(address=lambda: None)
    ended(controller, clock)
    with pytest.raises(NotPossibleNow, match="no local-network address") as refused:
        offers.offer("last")
    assert refused.value.problem is Problem.NO_LOCAL_NETWORK


def test_a_public_address_is_refused_by_the_page(
    make_offers: Callable[..., PulseOffers], controller: SessionController, clock: FakeClock
) -> None:
    offers = make_offers(address=lambda: "8.8.8.8")
    ended(controller, clock)
    with pytest.raises(InvalidInput, match="public address"):
        offers.offer("last")
    assert offers.current is None


def test_a_new_offer_closes_the_previous_page(
    offers: PulseOffers, controller: SessionController, clock: FakeClock, qtbot: QtBot
) -> None:
    first_id = ended(controller, clock)
    second_id = ended(controller, clock, "Ana")
    first = offers.offer(first_id)
    with qtbot.waitSignal(offers.finished) as finished:
        second = offers.offer(second_id)
    assert finished.args == [EndedOffer(first_id, "Jordan", OfferEnd.CLOSED)]
    assert refuses_connections(first.url)
    assert request(second.url) == 200
    assert offers.current == second


def test_the_offer_expires_on_the_clock_and_the_page_refuses_from_then(
    offers: PulseOffers, controller: SessionController, clock: FakeClock, qtbot: QtBot
) -> None:
    session_id = ended(controller, clock)
    shown = offers.offer(session_id)
    clock.advance(minutes=9, seconds=59)
    assert request(shown.url) == 200
    with qtbot.waitSignal(offers.finished, timeout=5000) as finished:
        clock.advance(seconds=1)
    assert finished.args == [EndedOffer(session_id, "Jordan", OfferEnd.EXPIRED)]
    assert request(shown.url, "POST", ANSWER) == 410
    assert controller.session(session_id).rep_pulse is None  # type: ignore[union-attr]


def test_closing_stops_listening_at_once_and_turning_the_setting_off_closes_it(
    offers: PulseOffers, controller: SessionController, clock: FakeClock, qtbot: QtBot
) -> None:
    ended(controller, clock)
    shown = offers.offer("last")
    with qtbot.waitSignal(offers.finished) as finished:
        offers.close()
    assert finished.args[0].how is OfferEnd.CLOSED
    assert refuses_connections(shown.url)
    again = offers.offer("last")
    offers.on_settings_changed(Settings(pulse_page_enabled=True))
    assert offers.current == again
    offers.on_settings_changed(Settings(pulse_page_enabled=False))
    assert offers.current is None and refuses_connections(again.url)


def test_an_answer_taken_just_before_a_close_is_still_recorded(
    offers: PulseOffers, controller: SessionController, clock: FakeClock, qtbot: QtBot
) -> None:
    """The salesperson was thanked: their answer is kept even if the window closed between
    the page's thread and the GUI thread."""
    session_id = ended(controller, clock)
    offers.offer("last")
    pulse = RepPulse(4, Concern.YES, 4, "", PulseVia.PAGE, clock.now())
    offers._answered.emit(1, session_id, pulse)  # noqa: SLF001 - as the page's thread does
    offers.close()
    qtbot.waitUntil(lambda: controller.session(session_id).rep_pulse == pulse)  # type: ignore[union-attr]


def test_an_answer_that_cannot_be_saved_ends_the_offer_saying_why(
    offers: PulseOffers, controller: SessionController, clock: FakeClock, qtbot: QtBot
) -> None:
    session_id = ended(controller, clock)
    shown = offers.offer("last")
    original = controller.record_pulse

    def failing(_session_id: str, _pulse: RepPulse) -> None:
        raise NotPossibleNow("the disk is full")

    controller.record_pulse = failing  # type: ignore[assignment, method-assign]
    try:
        with qtbot.waitSignal(offers.finished, timeout=5000) as finished:
            assert request(shown.url, "POST", ANSWER) == 200
    finally:
        controller.record_pulse = original  # type: ignore[method-assign]
    end: EndedOffer = finished.args[0]
    assert (end.session_id, end.how) == (session_id, OfferEnd.NOT_SAVED)
    assert str(end.error) == "the disk is full"


def test_the_page_speaks_the_users_language_and_english_is_the_pages_own() -> None:
    assert page_text() == english_page_text()
    use_translator(lambda _context, text, _d=None: {"en": "de", "Send": "Senden"}.get(text, text))
    try:
        german = page_text()
    finally:
        use_translator(english)
    assert (german.language, german.send) == ("de", "Senden")
    assert replace(german, language="en", send="Send") == english_page_text()


def test_a_shown_offer_carries_what_the_window_needs(
    offers: PulseOffers, controller: SessionController, clock: FakeClock
) -> None:
    ended(controller, clock)
    shown: ShownOffer = offers.offer("last")
    assert (shown.expires_at - clock.now()).total_seconds() == 600
    assert urlsplit(shown.url).hostname == "127.0.0.1"
