"""The pulse page's offers as the service and window tests use them: the setting the test
switches, an ended session, and PulseOffers on loopback (the tests' local network) looking at
the test's clock every 10 ms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from focusmate.core.settings import Settings
from focusmate.services.controller import SessionController
from focusmate.services.pulse_offers import PulseOffers
from tests.fakes import FakeClock


class Switch:
    """The settings as the service reads them; the test turns the page on and off."""

    def __init__(self, enabled: bool = True) -> None:
        self.settings = Settings(pulse_page_enabled=enabled)

    def __call__(self) -> Settings:
        return self.settings


def ended_session(controller: SessionController, clock: FakeClock, name: str = "Jordan") -> str:
    """The id of a 30-minute session with ``name``, started and ended now."""
    controller.start(name, 30)
    clock.advance(minutes=30)
    return controller.end().id


def loopback_offers(
    controller: SessionController,
    clock: FakeClock,
    settings: Callable[[], Settings],
    **options: Any,
) -> PulseOffers:
    """PulseOffers on 127.0.0.1 unless ``address`` says otherwise, reading ``settings`` (a
    Switch, or a SettingsService's current settings)."""
    options.setdefault("address", lambda: "127.0.0.1")
    return PulseOffers(controller, settings, clock, allow_loopback=True, poll_ms=10, **options)
