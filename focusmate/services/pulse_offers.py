"""The pulse page offered to the salesperson's phone (issue 16): one at a time, from the
pulse dialog's button or ``focusmate pulse ... --serve``, the same path for both.

``offer(reference)`` opens desktop.pulse_page.PulsePage for an ended session ("last" or its
id, core.pulse_target) on this machine's local-network address, with the page's sentences in
the user's language, and emits ``offered`` with what the QR window shows (the code rendered
here as PNG, since ui may not import desktop). It refuses, one line and an exit code, when
the setting is off, the session is unknown or still running, or there is no local network.
A new offer closes the previous one.

Threads (ARCHITECTURE invariant 8): the page calls back on a connection thread; that callback
only emits the queued ``_answered`` signal, so the pulse is recorded through
SessionController.record_pulse (invariant 2) on the GUI thread. An answer the page accepted
is recorded for its own session even if its offer was closed meanwhile: the salesperson was
thanked.

The page goes 410 on its own at the first answer or at expiry and closes its socket after its
grace (desktop.pulse_page.GONE_GRACE_S); ``close()`` (the window closed, the setting turned
off, the app quits) closes it at once. While an offer is open a timer checks the clock once a
second for its expiry; with no offer nothing runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from focusmate.core.clock import Clock
from focusmate.core.errors import FocusmateError, NotPossibleNow, Problem
from focusmate.core.pulse import SCALE_HIGH, SCALE_LOW, PulseVia, RepPulse
from focusmate.core.pulse_target import pulse_target
from focusmate.core.settings import Settings
from focusmate.core.text import translate
from focusmate.services.controller import SessionController
from focusmate.services.settings import SettingsService

if TYPE_CHECKING:
    from focusmate.desktop.pulse_html import PageText
    from focusmate.desktop.pulse_page import PulsePage

log = logging.getLogger(__name__)

#: How often an open offer looks at the clock for its expiry.
EXPIRY_POLL_MS = 1000
#: How long the form takes an answer (desktop.pulse_page.DEFAULT_LIFETIME_S, the issue's).
LIFETIME_S = 600


@dataclass(frozen=True)
class ShownOffer:
    """An open offer, as the QR window shows it (``qr_png``: the address's code as PNG)."""

    session_id: str
    with_name: str
    url: str
    expires_at: datetime
    qr_png: bytes


class OfferEnd(StrEnum):
    """How an offer ended."""

    ANSWERED = "answered"  # the answers are saved
    NOT_SAVED = "not-saved"  # the answers came but could not be saved
    EXPIRED = "expired"
    CLOSED = "closed"  # the window was closed, a new offer replaced it, or the app quits


@dataclass(frozen=True)
class EndedOffer:
    """An offer that ended, and how; ``error`` says why for NOT_SAVED."""

    session_id: str
    with_name: str
    how: OfferEnd
    error: FocusmateError | None = None


def page_text() -> PageText:
    """Every sentence of the page, in the user's language (the app's translation)."""
    from focusmate.desktop.pulse_html import PageText  # noqa: PLC0415 - on the first offer

    # In English this is desktop.pulse_html.english_page_text() (a test holds them equal): the
    # questions' words are core.pulse's, repeated as literals for lupdate.
    return PageText(
        #: For translators: the language's BCP 47 tag, as in the page's <html lang="...">.
        language=translate("PulsePage", "en"),
        title=translate("PulsePage", "Your one-on-one"),
        intro=translate(
            "PulsePage",
            "Three quick questions about our conversation. Your answers go only to me.",
        ),
        heard_question=translate("PulsePage", "Did you feel heard before you got advice?"),
        concern_question=translate("PulsePage", "Did your real concern come up?"),
        attention_question=translate(
            "PulsePage", "Did you have my full attention — no phone, no screen?"
        ),
        scale_hint=translate("PulsePage", "{low} = not at all, {high} = completely").format(
            low=SCALE_LOW, high=SCALE_HIGH
        ),
        concern_yes=translate("PulsePage", "Yes"),
        concern_partly=translate("PulsePage", "Partly"),
        concern_no=translate("PulsePage", "No"),
        comment_label=translate("PulsePage", "Anything else? (optional)"),
        send=translate("PulsePage", "Send"),
        thanks=translate("PulsePage", "Thank you. Your answers are sent; you can close this page."),
        closed=translate(
            "PulsePage", "This form is closed: it was answered already or it expired."
        ),
        incomplete=translate("PulsePage", "Please answer the three questions."),
    )


class PulseOffers(QObject):
    """Owns the one pulse page; see the module's docstring."""

    #: A page listens now (carries the ShownOffer): the QR window shows it.
    offered = Signal(object)
    #: The open offer ended (carries the EndedOffer): answered, expired or closed.
    finished = Signal(object)
    # From a page's connection thread: (offer number, session id, RepPulse). Queued.
    _answered = Signal(int, str, object)

    def __init__(
        self,
        controller: SessionController,
        settings: Callable[[], Settings],
        clock: Clock,
        *,
        address: Callable[[], str | None] | None = None,
        lifetime_s: int = LIFETIME_S,
        allow_loopback: bool = False,
        poll_ms: int = EXPIRY_POLL_MS,
        parent: QObject | None = None,
    ) -> None:
        """``settings`` reads the current settings; ``address`` finds this machine's
        local-network address (None: desktop.pulse_page.local_network_address; tests give
        loopback, with ``allow_loopback``). The page's modules (http.server, segno) load on
        the first offer, not when the app starts."""
        super().__init__(parent)
        self._controller = controller
        self._settings = settings
        self._clock = clock
        self._address = address
        self._lifetime_s = lifetime_s
        self._allow_loopback = allow_loopback
        self._page: PulsePage | None = None
        self._shown: ShownOffer | None = None
        self._number = 0
        self._expiry = QTimer(self)
        self._expiry.setInterval(poll_ms)
        self._expiry.timeout.connect(self._on_expiry_check)
        self._answered.connect(self._on_answered, Qt.ConnectionType.QueuedConnection)

    @classmethod
    def for_settings(
        cls, controller: SessionController, settings: SettingsService, clock: Clock
    ) -> PulseOffers:
        """The app's: reads ``settings`` when offering, and stops the page when the user
        turns it off."""
        offers = cls(controller, lambda: settings.current, clock)
        settings.changed.connect(offers.on_settings_changed)
        return offers

    @property
    def current(self) -> ShownOffer | None:
        """The open offer (its page takes an answer), else None."""
        return self._shown

    def offer(self, reference: str) -> ShownOffer:
        """Open the page for the ended session ``reference`` names (an id or "last"), closing
        any earlier offer; emits ``offered``. NotPossibleNow when the setting is off, the
        session runs or there is no local network; InvalidInput for an unknown session."""
        if not self._settings().pulse_page_enabled:
            raise NotPossibleNow(
                "the pulse page is off; turn it on in the settings first", Problem.PULSE_PAGE_OFF
            )
        session = pulse_target(self._controller.all_sessions(), reference)
        from focusmate.desktop.pulse_page import PulsePage, local_network_address  # noqa: PLC0415
        from focusmate.desktop.qr import qr_png  # noqa: PLC0415 - on the first offer

        host = (self._address or local_network_address)()
        if host is None:
            raise NotPossibleNow(
                "this computer has no local-network address a phone could reach",
                Problem.NO_LOCAL_NETWORK,
            )
        self.close()
        self._number += 1
        number, session_id = self._number, session.id
        page = PulsePage()
        try:
            opened = page.open(
                page_text(),
                host=host,
                clock=self._clock.now,
                on_answer=lambda pulse: self._answered.emit(number, session_id, pulse),
                lifetime_s=self._lifetime_s,
                allow_loopback=self._allow_loopback,
            )
        except OSError as error:
            raise FocusmateError(
                f"the pulse page could not listen on {host}: {error.strerror or error}"
            ) from None
        self._page = page
        self._shown = ShownOffer(
            session_id, session.with_name, opened.url, opened.expires_at, qr_png(opened.url)
        )
        self._expiry.start()
        self.offered.emit(self._shown)
        return self._shown

    def close(self) -> None:
        """Stop listening at once; an open offer ends as CLOSED. Safe to call at any time."""
        if self._page is not None:
            self._page.close()
            self._page = None
        self._end(OfferEnd.CLOSED)

    def on_settings_changed(self, settings: Settings) -> None:
        """The page stops when the user turns it off."""
        if not settings.pulse_page_enabled:
            self.close()

    def _end(self, how: OfferEnd, error: FocusmateError | None = None) -> None:
        shown, self._shown = self._shown, None
        self._expiry.stop()
        if shown is not None:
            self.finished.emit(EndedOffer(shown.session_id, shown.with_name, how, error))

    def _on_expiry_check(self) -> None:
        # The page answers 410 from now and closes its socket after its grace by itself.
        if self._shown is not None and self._clock.now() >= self._shown.expires_at:
            self._end(OfferEnd.EXPIRED)

    def _on_answered(self, number: int, session_id: str, pulse: object) -> None:
        """On the GUI thread: keep the answers (ARCHITECTURE invariants 2 and 8)."""
        if not isinstance(pulse, RepPulse) or pulse.via is not PulseVia.PAGE:
            return
        current = self._shown is not None and number == self._number
        try:
            self._controller.record_pulse(session_id, pulse)
        except FocusmateError as error:
            log.error("the pulse from the page was not saved: %s", error)
            if current:
                self._end(OfferEnd.NOT_SAVED, error)
            return
        if current:
            self._end(OfferEnd.ANSWERED)
