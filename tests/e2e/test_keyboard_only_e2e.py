"""The whole loop by keyboard alone, on a real X server: start → marks → end → reflection → review
→ the salesperson's answers.

What a keyboard user has: the application menu's entry (which runs `focusmate`; while focusmate
runs that brings up its primary window), the entry's "Weekly review" action (`focusmate
review`), the global hotkeys, and each window's keys. Here `focusmate` is run the way the menu
runs it, and every other input is a key press sent to the X server with xdotool. There is no
window manager on this display, so the test gives each new window the focus, as a window
manager would; nothing is clicked.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.child_processes import children_running
from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import RunningApp

pytestmark = pytest.mark.timeout(120)


def test_start_marks_end_reflection_and_review_by_keyboard_alone(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    app = RunningApp(desktop, tmp_path / "data")
    try:
        # Start: the menu entry while focusmate runs opens the start dialog; type, Enter.
        assert app.cli().returncode == 0
        app.focus_window("Start coaching session")
        desktop.type_text("Dana")
        desktop.key("Return")
        wait_until(
            lambda: app.status()["state"] == "running" or None,
            timeout_s=10,
            what="the session to start",
        )
        assert app.status()["session"]["with"] == "Dana"

        # Marks: the global hotkeys, whatever window has the focus.
        desktop.key("ctrl+alt+p", "ctrl+alt+p", "ctrl+alt+a")
        wait_until(
            lambda: app.status()["session"]["marks"] == {"phone": 2, "app": 1} or None,
            timeout_s=10,
            what="three marks",
        )

        # End: the menu entry again brings up the session window; Alt+E is "End session".
        assert app.cli().returncode == 0
        app.focus_window("focusmate: coaching session")
        desktop.key("alt+e")
        wait_until(
            lambda: app.status()["state"] == "idle" or None, timeout_s=10, what="the session to end"
        )

        # Reflection: digits rate, Tab moves on, letters write, Ctrl+Enter saves.
        app.focus_window("Reflect on your session")
        desktop.key("4", "Tab", "3", "Tab", "4", "Tab", "5", "Tab", "4", "Tab")
        desktop.type_text("worried about the quota")
        desktop.key("ctrl+Return")
        wait_until(
            lambda: (app.exported_sessions()[0]["reflection"] or {}).get("complete") or None,
            timeout_s=10,
            what="the saved reflection",
        )
        # Saved, the reflection keeps one quiet line (their answers could follow); Escape ends it.
        desktop.key("Escape")
        wait_until(
            lambda: not app.windows_named("Reflect on your session") or None,
            timeout_s=10,
            what="the reflection's quiet line to close",
        )
        saved = app.exported_sessions()[0]
        assert saved["reflection"]["their_perspective"] == "worried about the quota"
        assert [m["kind"] for m in saved["marks"]] == ["phone", "phone", "app"]

        # Review: the menu entry's "Weekly review" action; Alt+S puts the focus on the
        # session rows (the first becomes current), Enter opens that session's reflection.
        assert app.cli("review").returncode == 0
        review = app.focus_window("focusmate: weekly review")
        desktop.key("alt+s", "Return")
        saved_title = "Your reflection on the session with Dana"
        app.focus_window(saved_title)
        desktop.key("Escape")  # the saved reflection stays saved
        wait_until(
            lambda: not app.windows_named(saved_title) or None,
            timeout_s=10,
            what="the reflection to close",
        )
        # Their answers: Alt+A for the same session; a digit answers each question (the concern
        # row's 2 is "partly"), Tab moves on, Ctrl+Enter saves.
        app.desktop.run(["xdotool", "windowfocus", "--sync", str(review)], check=True)
        desktop.key("alt+a")
        app.focus_window("Their side: Dana")
        desktop.key("4", "Tab", "2", "Tab", "5", "ctrl+Return")
        pulse = wait_until(
            lambda: app.exported_sessions()[0]["rep_pulse"],
            timeout_s=10,
            what="the salesperson's answers",
        )
        assert (pulse["heard"], pulse["concern"], pulse["attention"], pulse["via"]) == (
            4,
            "partly",
            5,
            "typed",
        )
        app.desktop.run(["xdotool", "windowfocus", "--sync", str(review)], check=True)
        desktop.key("Escape")
        wait_until(
            lambda: not app.windows_named("focusmate: weekly review") or None,
            timeout_s=10,
            what="Escape to close the review",
        )
        assert app.exported_sessions()[0]["reflection"]["complete"]
        # Its process ended cleanly with its window (once, a thread reading its input made
        # the interpreter's exit abort, which the app logs).
        wait_until(
            lambda: not children_running(app.proc.pid) or None,
            timeout_s=10,
            what="the review's process to end with its window",
        )
        time.sleep(0.5)  # the app hears of the end
        log = desktop.read_log(f"focusmate-{app.data_dir.name}")
        assert "weekly review ended" not in log and "Fatal Python error" not in log, log
    finally:
        app.stop()


def test_review_from_the_menu_action_starts_focusmate_when_it_is_not_running(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    """`focusmate review` with no focusmate running starts it, then opens the review."""
    data = tmp_path / "data"
    first = RunningApp(desktop, data)
    assert first.cli("start", "--with", "Eli").returncode == 0
    assert first.cli("end").returncode == 0
    first.stop()
    app = RunningApp(desktop, data, arguments=("review",))
    try:
        app.focus_window("focusmate: weekly review")
        assert app.status()["state"] == "idle"
    finally:
        app.stop()
    # A clean quit is no news: nothing about hotkeys stopping in the log.
    assert "global hotkeys" not in desktop.read_log(f"focusmate-{data.name}")
