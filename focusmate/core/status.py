"""The `status --json` document: what the running app answers to ``{"cmd": "status"}``.

Pure: the caller (services.status) passes the session, its timing at one instant and the
adapters' states; nothing here reads the clock or asks an adapter.

The shape (each key is part of the CLI contract)::

    {"state": "idle" | "running",
     "session": null | {"id", "with", "kind": "coaching" | "client", "started_at",
                        "planned_minutes", "elapsed_s", "remaining_s",
                        "marks": {kind: count}, "carry_over": {...}},
     "dnd": {"backend", "engaged", "detail"},
     "hotkeys": {"via": "portal" | "x11" | "none", "ready": bool,
                 "bindings": {action: trigger}, "reason": str}}

``hotkeys.via`` is the mechanism in use: the desktop's xdg-desktop-portal GlobalShortcuts
("portal"), pynput's X11 listener ("x11"), or none; ``bindings`` the trigger of each action
that would be logged now (the desktop's own wording through the portal, e.g. "Ctrl+Alt+P").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from focusmate.core.checkin import CarryOver
from focusmate.core.dnd import DndStatus
from focusmate.core.marks import MarkKinds
from focusmate.core.model import CoachingSession
from focusmate.core.records import format_instant
from focusmate.core.session_time import Timing


@dataclass(frozen=True, slots=True)
class HotkeyReadiness:
    """Whether a global hotkey press would be logged now, and if not, why (English, for the
    log and scripts); ``reason`` may also note a limit while ready (a refused binding)."""

    ready: bool
    reason: str = ""
    #: "portal", "x11" or "none": what listens for the keys.
    via: str = "none"
    #: action -> the trigger it is bound to now (empty when nothing listens).
    bindings: Mapping[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The ``hotkeys`` object of `status --json`."""
        return {
            "via": self.via,
            "ready": self.ready,
            "bindings": dict(self.bindings),
            "reason": self.reason,
        }


#: Before the listener is started (it waits until the tray icon shows) or after it is stopped.
HOTKEYS_NOT_STARTED = HotkeyReadiness(False, "global hotkeys are not started")


@dataclass(frozen=True, slots=True)
class RunningSession:
    """The running session as the status shows it: the session, its timing at one instant,
    the kinds of marks to count and what carried over to it."""

    session: CoachingSession
    timing: Timing
    kinds: MarkKinds
    carry_over: CarryOver


def status_document(
    running: RunningSession | None, dnd: DndStatus, hotkeys: HotkeyReadiness
) -> dict[str, Any]:
    """The `status --json` document (see the module's docstring for its shape)."""
    common = {"dnd": dnd.as_json(), "hotkeys": hotkeys.as_json()}
    if running is None:
        return {"state": "idle", "session": None, **common}
    session = running.session
    return {
        "state": "running",
        "session": {
            "id": session.id,
            "with": session.with_name,
            "kind": session.kind,
            "started_at": format_instant(session.started_at),
            "planned_minutes": session.planned_minutes,
            "elapsed_s": running.timing.elapsed_s,
            "remaining_s": running.timing.remaining_s,
            "marks": running.kinds.full_counts(session.mark_counts()),
            "carry_over": running.carry_over.as_json(),
        },
        **common,
    }
