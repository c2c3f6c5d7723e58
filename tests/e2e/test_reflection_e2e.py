"""The reflection on a real X server, by keyboard: drafts survive SIGKILL, the loop carries over.

The reflection is typed with xdotool, by keyboard only: digits for the ratings, Tab between
fields, letters into the notes. The app is killed with SIGKILL in the middle of typing,
started again, and the draft is on disk and opens again from the tray menu; Ctrl+Enter then
saves it. What a crash can lose is only what was typed in the last DRAFT_DELAY_MS (0.4 s)
before it: every draft is debounced by that much and then written atomically.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import RunningApp

pytestmark = pytest.mark.timeout(120)

DIALOG = "Reflect on your session"


def exported_reflection(app: RunningApp, index: int = 0) -> dict[str, Any] | None:
    """A session's reflection (oldest first) as `focusmate export` reads it from disk."""
    reflection: dict[str, Any] | None = app.exported_sessions()[index]["reflection"]
    return reflection


def focus_dialog(app: RunningApp) -> int:
    return app.focus_window(DIALOG)


def test_a_draft_survives_a_kill_between_keystrokes(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first = RunningApp(desktop, data)
    assert first.cli("start", "--with", "Ana").returncode == 0
    assert first.cli("end").returncode == 0
    focus_dialog(first)
    # The four questions, then empathy: a digit picks, Tab moves on; then the first note.
    desktop.key("4", "Tab", "3", "Tab", "4", "Tab", "5", "Tab", "4", "Tab")
    desktop.type_text("worried")
    wait_until(
        lambda: (exported_reflection(first) or {}).get("their_perspective") == "worried" or None,
        timeout_s=10,
        what="the draft on disk",
    )
    typing = subprocess.Popen(
        ["xdotool", "type", "--delay", "150", " about the quota"], env=desktop.env
    )
    time.sleep(0.7)  # a few keys in, several to go
    first.proc.kill()  # SIGKILL between two keystrokes: no chance to save anything more
    first.proc.wait()
    assert typing.poll() is None, "the kill should land while xdotool is still typing"
    typing.wait(timeout=10)
    first.stop()

    second = RunningApp(desktop, data)
    try:
        draft = exported_reflection(second)
        assert draft is not None and not draft["complete"]
        assert draft["their_perspective"].startswith("worried")
        assert draft["answers"] == {
            "fully_present": 4,
            "person_over_phone": 3,
            "understood_before_advising": 4,
            "respect_like_top_client": 5,
        }
        assert draft["empathy"] == 4
        # The draft is waiting in the tray menu: Start, then "Reflect on Ana (…)…". The menu
        # lists it once start-up has read the history, a moment after the socket answers;
        # the hotkeys are armed after that read (services.startup.Background.start).
        second.wait_for_hotkeys()
        menu = desktop.open_tray_menu(second.icon)
        desktop.key("Down", "Down", "Return")
        wait_until(
            lambda: menu not in desktop.popup_menus() or None,
            timeout_s=5,
            what="the tray menu to close",
        )
        focus_dialog(second)
        # Every rating is there: Save; the saved dialog keeps one quiet line, Escape closes it.
        desktop.key("ctrl+Return", "Escape")
        wait_until(
            lambda: not second.windows_named(DIALOG) or None,
            timeout_s=10,
            what="the saved reflection to close",
        )
        saved = exported_reflection(second)
        assert saved is not None and saved["complete"]
        assert saved["their_perspective"].startswith("worried")
    finally:
        second.stop()


def test_keyboard_only_completion_on_a_real_display(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    """Every field of the reflection by keyboard on X11, timed (printed, not asserted)."""
    app = RunningApp(desktop, tmp_path / "data")
    try:
        assert app.cli("start", "--with", "Ben").returncode == 0
        assert app.cli("end").returncode == 0
        focus_dialog(app)
        began = time.monotonic()
        desktop.key("5", "Tab", "4", "Tab", "4", "Tab", "5", "Tab", "3", "Tab")
        desktop.type_text("anxious about the new territory")
        desktop.key("Tab", "1", "Tab")  # a real worry came up
        desktop.type_text("losing two key accounts")
        desktop.key("Tab")  # no earlier session: next is the commitment
        desktop.type_text("ask what he already tried")
        desktop.key("ctrl+Return", "Escape")  # Save, then close the quiet line
        wait_until(
            lambda: not app.windows_named(DIALOG) or None,
            timeout_s=10,
            what="the saved reflection to close",
        )
        elapsed = time.monotonic() - began
        print(
            f"\nkeyboard-only reflection through xdotool on X11: {elapsed:.1f} s "
            "(xdotool types at 25 keys/s here)"
        )
        saved = exported_reflection(app)
        assert saved is not None and saved["complete"]
        assert saved["worry"] == "came_up" and saved["worry_note"] == "losing two key accounts"
        assert saved["next_time"] == "ask what he already tried" and saved["empathy"] == 3
    finally:
        app.stop()


def test_two_sessions_in_a_row_carry_the_commitment(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    app = RunningApp(desktop, tmp_path / "data")
    try:
        assert app.cli("start", "--with", "Cy").returncode == 0
        assert app.status()["session"]["carry_over"] == {
            "commitment": None,
            "last_session_at": None,
        }
        assert app.cli("end").returncode == 0
        focus_dialog(app)
        desktop.key("3", "Tab", "3", "Tab", "3", "Tab", "3", "Tab", "2", "Tab", "Tab", "2")
        desktop.key("Tab", "Tab")  # past the worry note: the commitment (no history yet)
        desktop.type_text("ask before advising")
        desktop.key("ctrl+Return", "Escape")  # Save, then close the quiet line
        wait_until(
            lambda: not app.windows_named(DIALOG) or None,
            timeout_s=10,
            what="the first reflection to close",
        )

        assert app.cli("start", "--with", "Cy").returncode == 0
        carry = app.status()["session"]["carry_over"]
        assert carry["commitment"] == "ask before advising"
        assert carry["last_session_at"] is not None
        assert app.cli("end").returncode == 0
        focus_dialog(app)
        desktop.key("4", "Tab", "4", "Tab", "4", "Tab", "4", "Tab", "4", "Tab", "Tab", "1")
        desktop.key("Tab", "Tab", "1")  # same challenge as last time: yes
        desktop.key("Tab", "1")  # last time's commitment: kept
        desktop.key("ctrl+Return", "Escape")  # Save, then close the quiet line
        wait_until(
            lambda: not app.windows_named(DIALOG) or None,
            timeout_s=10,
            what="the second reflection to close",
        )
        first, second = exported_reflection(app, 0), exported_reflection(app, 1)
        assert first is not None and second is not None
        assert second["same_challenge"] is True and second["commitment_outcome"] == "kept"
        exported = app.exported_sessions()
        assert second["previous_session_id"] == exported[0]["id"]
    finally:
        app.stop()
