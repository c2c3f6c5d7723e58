"""The QR window (issue 16): opened through Windows for an offer of the real PulseOffers on
loopback, the code decoding to the address, the address selectable, "For Jordan · expires at
...", how the offer ended said in place, Close and Escape stopping the page, refusals as quiet
notices, the keyboard, and German."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import pytest
from PySide6.QtCore import QLocale, Qt, QTime
from pytestqt.qtbot import QtBot

from focusmate.core.errors import NotPossibleNow
from focusmate.core.settings import Settings
from focusmate.services.controller import SessionController
from focusmate.services.pulse_offers import EndedOffer, OfferEnd, PulseOffers, ShownOffer
from focusmate.services.settings import SettingsService
from focusmate.ui.actions import AppActions
from focusmate.ui.i18n import InstalledLanguage
from focusmate.ui.pulse_code_window import PulseCodeWindow
from focusmate.ui.windows import Windows
from tests.desktop.browser import listens, status_of
from tests.fakes import FakeClock
from tests.pulse_offer_rig import Switch, ended_session, loopback_offers
from tests.ui.accessibility import tab_chain, unnamed_controls
from tests.ui.keyboard import reading_order, texts, untranslated

ANSWER = urlencode({"heard": "5", "concern": "yes", "attention": "4", "comment": ""})


@pytest.fixture
def windows(
    controller: SessionController, actions: AppActions, pulse_offers: PulseOffers
) -> Iterator[Windows]:
    windows = Windows(
        controller, actions, use_tray=False, confirm=lambda _q: False, pulse_offers=pulse_offers
    )
    yield windows
    windows.close_all()


def code_window(windows: Windows) -> PulseCodeWindow:
    window = windows.window(PulseCodeWindow)
    assert window is not None
    return window


def test_the_window_shows_the_code_the_address_and_for_whom_until_when(
    windows: Windows, controller: SessionController, clock: FakeClock, tmp_path: Path
) -> None:
    ended_session(controller, clock)
    windows.offer_pulse_page("last")
    window = code_window(windows)
    shown = window.offer
    assert shown is not None and window.isVisible()
    assert window.address.text() == shown.url
    assert window.address.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    local = shown.expires_at.astimezone()
    at = QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    assert window.for_whom.text() == f"For Jordan · expires at {at}"
    assert "Jordan" in window.intro.text()
    pixmap = window.code.pixmap()
    assert not pixmap.isNull() and pixmap.width() >= 200  # large enough for a camera
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.fail("zbarimg is missing: apt-get install zbar-tools")
    picture = tmp_path / "code.png"
    assert window.code.grab().save(str(picture))
    decoded = subprocess.run(
        [zbarimg, "--quiet", "--raw", str(picture)], capture_output=True, text=True, check=True
    )
    assert decoded.stdout.strip() == shown.url
    assert window.close_button.hasFocus() or not window.isActiveWindow()


def test_when_the_phone_answers_the_window_says_so_in_place(
    qtbot: QtBot, windows: Windows, controller: SessionController, clock: FakeClock
) -> None:
    session_id = ended_session(controller, clock)
    windows.offer_pulse_page(session_id)
    window = code_window(windows)
    assert window.offer is not None
    assert status_of(window.offer.url, "POST", ANSWER) == 200
    qtbot.waitUntil(window.status.isVisible)
    assert window.status.text() == "Jordan's answers are saved."
    assert not any(w.isVisibleTo(window) for w in (window.intro, window.code, window.address))
    assert window.isVisible()  # the user closes it; nothing else pops up
    assert controller.session(session_id).rep_pulse is not None  # type: ignore[union-attr]


def test_an_expired_code_says_so_and_another_offer_replaces_the_code(
    qtbot: QtBot, windows: Windows, controller: SessionController, clock: FakeClock
) -> None:
    ended_session(controller, clock)
    windows.offer_pulse_page("last")
    window = code_window(windows)
    clock.advance(minutes=10)
    qtbot.waitUntil(window.status.isVisible)
    assert window.status.text() == (
        "This code expired before Jordan answered. Open a new one to try again."
    )
    windows.offer_pulse_page("last")
    assert code_window(windows) is window  # the same window, the new code
    assert window.code.isVisibleTo(window) and not window.status.isVisibleTo(window)


def test_closing_the_window_by_escape_or_close_stops_the_page(
    qtbot: QtBot,
    windows: Windows,
    controller: SessionController,
    clock: FakeClock,
    pulse_offers: PulseOffers,
) -> None:
    ended_session(controller, clock)
    windows.offer_pulse_page("last")
    window = code_window(windows)
    url = window.address.text()
    assert listens(url)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert windows.window(PulseCodeWindow) is None
    assert pulse_offers.current is None and not listens(url)
    windows.offer_pulse_page("last")
    window = code_window(windows)
    url = window.address.text()
    window.close_button.click()
    assert pulse_offers.current is None and not listens(url)


def test_a_refusal_is_a_quiet_notice_and_opens_no_window(
    windows: Windows, controller: SessionController, clock: FakeClock, pulse_switch: Switch
) -> None:
    ended_session(controller, clock)
    pulse_switch.settings = Settings(pulse_page_enabled=False)
    windows.offer_pulse_page("last")
    assert windows.window(PulseCodeWindow) is None
    assert [box.text() for box in windows.notices] == [
        "Answering on the phone is off. Turn it on in the settings (General) first."
    ]
    assert not windows.notices[0].isModal()


def test_without_the_service_the_button_says_it_is_not_available(
    controller: SessionController, actions: AppActions, clock: FakeClock
) -> None:
    windows = Windows(controller, actions, use_tray=False, confirm=lambda _q: False)
    try:
        ended_session(controller, clock)
        windows.offer_pulse_page("last")
        assert [box.text() for box in windows.notices] == [
            "Answering on the phone is not available."
        ]
    finally:
        windows.close_all()


def test_an_answer_that_could_not_be_saved_is_said_with_the_reason(qtbot: QtBot) -> None:
    window = PulseCodeWindow()
    qtbot.addWidget(window)
    at = datetime(2026, 12, 3, 14, 32, tzinfo=UTC)
    window.show_offer(ShownOffer("s1", "Jordan", "http://192.0.2.2:1/p/x", at, b""))
    other = EndedOffer("s2", "Ana", OfferEnd.ANSWERED)
    window.show_ended(other)  # another session's end changes nothing here
    assert not window.status.isVisibleTo(window)
    window.show_ended(
        EndedOffer("s1", "Jordan", OfferEnd.NOT_SAVED, NotPossibleNow("the disk is full"))
    )
    assert window.status.text() == (
        "Jordan's answers came but could not be saved: That did not work: the disk is full"
    )


def test_keyboard_names_and_reading_order(
    qtbot: QtBot, windows: Windows, controller: SessionController, clock: FakeClock
) -> None:
    ended_session(controller, clock)
    windows.offer_pulse_page("last")
    window = code_window(windows)
    qtbot.waitExposed(window)
    assert unnamed_controls(window) == []
    assert tab_chain(window) == reading_order(window) == [window.address, window.close_button]
    assert window.close_button.isDefault()


def test_in_german_no_english_is_left(
    qtbot: QtBot,
    windows: Windows,
    controller: SessionController,
    clock: FakeClock,
    request: pytest.FixtureRequest,
) -> None:
    ended_session(controller, clock)
    windows.offer_pulse_page("last")
    english = texts(code_window(windows))
    code_window(windows).close()
    installed: InstalledLanguage = request.getfixturevalue("german")
    assert installed.code == "de"
    windows.offer_pulse_page("last")
    german = code_window(windows)
    assert untranslated(english, german) == []  # the address differs: a new token
    assert german.for_whom.text().startswith("Für Jordan · gültig bis ")


def test_the_pulse_dialogs_button_opens_the_code_for_its_session(
    controller: SessionController, actions: AppActions, clock: FakeClock, tmp_path: Path
) -> None:
    settings = SettingsService(tmp_path / "settings", Settings(pulse_page_enabled=True))
    offers = loopback_offers(controller, clock, lambda: settings.current)
    windows = Windows(
        controller,
        actions,
        use_tray=False,
        confirm=lambda _q: False,
        settings=settings,
        pulse_offers=offers,
    )
    try:
        session_id = ended_session(controller, clock)
        ended_session(controller, clock, "Ana")  # the latest, not the dialog's
        windows.open_pulse(session_id)
        dialog = windows.pulse(session_id)
        assert dialog is not None and dialog.page_button.isVisibleTo(dialog)
        dialog.page_button.click()
        shown = code_window(windows).offer
        assert shown is not None and (shown.session_id, shown.with_name) == (session_id, "Jordan")
    finally:
        windows.close_all()
        offers.close()
