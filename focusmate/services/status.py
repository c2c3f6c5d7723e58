"""Gathers the `status --json` document from the controller and the hotkey listener.

core.status builds the document; this reads what it needs at one instant: the running
session and its timing from the controller, the do-not-disturb status, the hotkeys' readiness.
"""

from __future__ import annotations

from typing import Any

from focusmate.core.status import HotkeyReadiness, RunningSession, status_document
from focusmate.services.controller import SessionController


def status_of(controller: SessionController, hotkeys: HotkeyReadiness) -> dict[str, Any]:
    """The `status --json` document now."""
    session, now_timing = controller.current, controller.timing()
    running = None
    if session is not None and now_timing is not None:
        running = RunningSession(
            session, now_timing, controller.kinds, controller.carry_over_for(session.id)
        )
    return status_document(running, controller.dnd_status(), hotkeys)
