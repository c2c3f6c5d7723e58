"""The `status --json` document, built from values (core.status): idle, running, hotkeys."""

from __future__ import annotations

from datetime import timedelta

from focusmate.core.checkin import CarryOver
from focusmate.core.dnd import DndStatus
from focusmate.core.marks import MarkKinds
from focusmate.core.session import add_mark, start_session
from focusmate.core.session_time import Timing
from focusmate.core.status import (
    HOTKEYS_NOT_STARTED,
    HotkeyReadiness,
    RunningSession,
    status_document,
)
from tests.fakes import T0

SILENCED = DndStatus("fake", True, "notifications are paused")


def test_idle_says_so_with_the_adapters_states() -> None:
    assert status_document(None, SILENCED, HOTKEYS_NOT_STARTED) == {
        "state": "idle",
        "session": None,
        "dnd": {"backend": "fake", "engaged": True, "detail": "notifications are paused"},
        "hotkeys": {
            "via": "none",
            "ready": False,
            "bindings": {},
            "reason": "global hotkeys are not started",
        },
    }


def test_running_counts_every_kind_at_the_instant_given() -> None:
    session = add_mark(start_session("s1", "Ana", 30, "", T0), "phone", T0 + timedelta(minutes=2))
    running = RunningSession(
        session, Timing(elapsed_s=1865, remaining_s=-65), MarkKinds(), CarryOver("Ana")
    )
    ready = HotkeyReadiness(
        True, "X11 (XWayland): only X11 windows", "x11", {"phone": "Ctrl+Alt+P"}
    )
    document = status_document(running, SILENCED, ready)
    assert document["state"] == "running"
    shown = document["session"]
    assert (shown["elapsed_s"], shown["remaining_s"]) == (1865, -65)  # the timing given
    assert shown["marks"] == {"phone": 1, "app": 0}  # every configured kind
    assert shown["carry_over"] == {"commitment": None, "last_session_at": None}
    assert document["hotkeys"] == {
        "via": "x11",
        "ready": True,
        "bindings": {"phone": "Ctrl+Alt+P"},
        "reason": "X11 (XWayland): only X11 windows",
    }
