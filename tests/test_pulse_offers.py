"""services.pulse_offers (issue 16): the pulse page offered for an ended session, on a real
socket (loopback, as the tests' address), its answer recorded on the GUI thread and on disk,
its refusals, one offer at a time, and its end (answered, expired on the test's clock,
closed)."""

from __future__ import annotations

import threading
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
from tests.desktop.browser import listens, status_of
from tests.fakes import FakeClock
from tests.pulse_offer_rig import Switch, ended_session, loopback_offers

ANSWER = urlencode({"heard": "2", "concern": "partly", "attention": "5", "comment": "ok"})


def test_an_answer_from_the_phone_is_recorded_on_the_gui_thread_and_on_disk(
    pulse_offers: PulseOffers,
    controller: SessionController,
    clock: FakeClock,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    session_id = ended_session(controller, clock)
    with qtbot.waitSignal(pulse_offers.offered) as offered:
        shown = pulse_offers.offer("last")
    assert offered.args == [shown] and pulse_offers.current == shown
    assert (shown.session_id, shown.with_name) == (session_id, "Jordan")
    assert shown.qr_png.startswith(b"\x89PNG")
    threads: list[threading.Thread] = []
    controller.state_changed.connect(lambda: threads.append(threading.current_thread()))
    with qtbot.waitSignal(pulse_offers.finished, timeout=5000) as finished:
        assert status_of(shown.url, "POST", ANSWER) == 200
    assert finished.args == [EndedOffer(session_id, "Jordan", OfferEnd.ANSWERED)]
    assert threads == [threading.main_thread()]
    kept = TinyDBSessionRepository(tmp_path / "data", writable=False).get(session_id)
    assert kept is not None
    assert kept.rep_pulse == RepPulse(2, Concern.PARTLY, 5, "ok", PulseVia.PAGE, clock.now())
    assert pulse_offers.current is None
    assert status_of(shown.url) == 410  # the page's grace: a reload reads why


def test_an_offer_is_refused_while_the_setting_is_off(
    pulse_offers: PulseOffers, controller: SessionController, clock: FakeClock, pulse_switch: Switch
) -> None:
    ended_session(controller, clock)
    pulse_switch.settings = Settings(pulse_page_enabled=False)
    with pytest.raises(NotPossibleNow, match="turn it on in the settings") as refused:
        pulse_offers.offer("last")
    assert refused.value.problem is Problem.PULSE_PAGE_OFF
    assert pulse_offers.current is None


def test_an_unknown_or_running_session_is_refused(
    pulse_offers: PulseOffers, controller: SessionController, clock: FakeClock
) -> None:
    with pytest.raises(InvalidInput, match="no session has ended yet"):
        pulse_offers.offer("last")
    with pytest.raises(InvalidInput, match="no session with the id 'nope'"):
        pulse_offers.offer("nope")
    running = controller.start("Jordan", 30)
    with pytest.raises(NotPossibleNow, match="still running"):
        pulse_offers.offer(running.id)
    assert pulse_offers.current is None


def test_without_a_local_network_address_nothing_listens(
    controller: SessionController, clock: FakeClock, pulse_switch: Switch
) -> None:
    offers = loopback_offers(controller, clock, pulse_switch, address=lambda: None)
    ended_session(controller, clock)
    with pytest.raises(NotPossibleNow, match="no local-network address") as refused:
        offers.offer("last")
    assert refused.value.problem is Problem.NO_LOCAL_NETWORK


def test_a_public_address_is_refused_by_the_page(
    controller: SessionController, clock: FakeClock, pulse_switch: Switch
) -> None:
    offers = loopback_offers(controller, clock, pulse_switch, address=lambda: "8.8.8.8")
    ended_session(controller, clock)
    with pytest.raises(InvalidInput, match="public address"):
        offers.offer("last")
    assert offers.current is None


def test_a_new_offer_closes_the_previous_page(
    pulse_offers: PulseOffers, controller: SessionController, clock: FakeClock, qtbot: QtBot
) -> None:
    first_id = ended_session(controller, clock)
    second_id = ended_session(controller, clock, "Ana")
    first = pulse_offers.offer(first_id)
    with qtbot.waitSignal(pulse_offers.finished) as finished:
        second = pulse_offers.offer(second_id)
    assert finished.args == [EndedOffer(first_id, "Jordan", OfferEnd.CLOSED)]
    assert not listens(first.url)
    assert status_of(second.url) == 200
    assert pulse_offers.current == second


def test_the_offer_expires_on_the_clock_and_the_page_refuses_from_then(
    pulse_offers: PulseOffers, controller: SessionController, clock: FakeClock, qtbot: QtBot
) -> None:
    session_id = ended_session(controller, clock)
    shown = pulse_offers.offer(session_id)
    clock.advance(minutes=9, seconds=59)
    assert status_of(shown.url) == 200
    with qtbot.waitSignal(pulse_offers.finished, timeout=5000) as finished:
        clock.advance(seconds=1)
    assert finished.args == [EndedOffer(session_id, "Jordan", OfferEnd.EXPIRED)]
    assert status_of(shown.url, "POST", ANSWER) == 410
    assert controller.session(session_id).rep_pulse is None  # type: ignore[union-attr]


def test_closing_stops_listening_at_once_and_turning_the_setting_off_closes_it(
    pulse_offers: PulseOffers, controller: SessionController, clock: FakeClock, qtbot: QtBot
) -> None:
    ended_session(controller, clock)
    shown = pulse_offers.offer("last")
    with qtbot.waitSignal(pulse_offers.finished) as finished:
        pulse_offers.close()
    assert finished.args[0].how is OfferEnd.CLOSED
    assert not listens(shown.url)
    again = pulse_offers.offer("last")
    pulse_offers.on_settings_changed(Settings(pulse_page_enabled=True))
    assert pulse_offers.current == again
    pulse_offers.on_settings_changed(Settings(pulse_page_enabled=False))
    assert pulse_offers.current is None and not listens(again.url)


def test_an_answer_taken_just_before_a_close_is_still_recorded(
    pulse_offers: PulseOffers, controller: SessionController, clock: FakeClock, qtbot: QtBot
) -> None:
    """The salesperson was thanked: their answer is kept even if the window closed between
    the page's thread and the GUI thread."""
    session_id = ended_session(controller, clock)
    pulse_offers.offer("last")
    pulse = RepPulse(4, Concern.YES, 4, "", PulseVia.PAGE, clock.now())
    pulse_offers._answered.emit(1, session_id, pulse)  # noqa: SLF001 - as the page's thread does
    pulse_offers.close()
    qtbot.waitUntil(lambda: controller.session(session_id).rep_pulse == pulse)  # type: ignore[union-attr]


def test_an_answer_that_cannot_be_saved_ends_the_offer_saying_why(
    pulse_offers: PulseOffers, controller: SessionController, clock: FakeClock, qtbot: QtBot
) -> None:
    session_id = ended_session(controller, clock)
    shown = pulse_offers.offer("last")
    original = controller.record_pulse

    def failing(_session_id: str, _pulse: RepPulse) -> None:
        raise NotPossibleNow("the disk is full")

    controller.record_pulse = failing  # type: ignore[assignment, method-assign]
    try:
        with qtbot.waitSignal(pulse_offers.finished, timeout=5000) as finished:
            assert status_of(shown.url, "POST", ANSWER) == 200
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
    pulse_offers: PulseOffers, controller: SessionController, clock: FakeClock
) -> None:
    ended_session(controller, clock)
    shown: ShownOffer = pulse_offers.offer("last")
    assert (shown.expires_at - clock.now()).total_seconds() == 600
    assert urlsplit(shown.url).hostname == "127.0.0.1"
