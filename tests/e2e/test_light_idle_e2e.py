"""Issue 18: the idle tray app stays light, on the real headless X desktop.

* What is loaded when the icon shows, and still once start-up's deferred work ran (the
  hotkeys armed): no pynput/Xlib, no jeepney, no Qt Quick/QML/Graphs, no review window, no
  portal adapter, no sync where it is not set up (read from the app's own sys.modules,
  written by a wrapper at Windows.show and on SIGUSR1); and no session of a year of history
  held then (checked and let go).
* The weekly review opened and closed leaves the app's process as light: its window, chart
  and sums ran in a process of their own, and the app read no history for it (SIGUSR2).
* No Qt class nothing idle uses is made while idle (PySide6 makes its classes, and their
  enums, on first use; an application-wide event filter once made them all: ~210 classes).
* pynput's listener thread starts with a session: the process has more threads while a
  session runs than idle before it (and pynput is not even loaded idle, above).
* A hotkey pressed at once after `focusmate start` returns is logged (the listener starts
  before the start returns).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

from focusmate.core.records import export_document
from tests.benchmarks.make_history import history
from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import WM_CLASS, RunningApp, installed_focusmate, prepare_settings

#: Never loaded while idle (issue 18): the review and its chart, Qt Quick (imported nowhere
#: since the chart is painted with QPainter), the portal's D-Bus, pynput, QtNetwork.
NOT_WHEN_IDLE = (
    "pynput",
    "Xlib",
    "jeepney",
    "PySide6.QtQuick",
    "PySide6.QtQml",
    "PySide6.QtGraphs",
    "PySide6.QtQuickWidgets",
    "PySide6.QtNetwork",  # the local socket is the standard library's (desktop.ipc_server)
    "focusmate.ui.review_window",
    "focusmate.ui.week_chart",
    "focusmate.ui.review_process",  # the review's own process is started on first open
    "focusmate.core.review_pipe",
    "focusmate.desktop.portal_shortcuts",
    # Made on first use: sync where it is set up (services.sync_on_use), the review's sums,
    # the exports' writers, a session's id, a calendar's time zones, macOS's plist.
    "focusmate.services.sync_service",
    "focusmate.core.sync_merge",
    "concurrent.futures",
    "hashlib",
    "focusmate.core.week_review",
    "focusmate.services.exports",
    "uuid",
    "zoneinfo",
    "plistlib",
)

#: Qt classes nothing in the idle tray uses: made only if something makes them all.
NOT_MADE_WHEN_IDLE = (
    ("QtCore", "QProcess"),
    ("QtCore", "QFile"),
    ("QtWidgets", "QWizard"),
    ("QtWidgets", "QGraphicsView"),
    ("QtWidgets", "QCalendarWidget"),
    ("QtWidgets", "QFontDialog"),
)

WRAPPER = textwrap.dedent(
    """
    import gc, json, os, signal, sys
    import focusmate.ui.windows as fw  # loaded with the rest, once the icon shows
    from focusmate.core.model import CoachingSession

    def dump(path):
        gc.unfreeze()  # what start-up froze is counted too, garbage or not (nothing collected)
        held = [o.id for o in gc.get_objects() if isinstance(o, CoachingSession)]
        # vars() of a PySide6 module lists the classes made so far, and makes none
        made = {m: sorted(vars(sys.modules["PySide6." + m])) for m in ("QtCore", "QtWidgets")}
        with open(path + ".part", "w") as f:
            json.dump({"modules": sorted(sys.modules), "sessions_held": held, "made": made}, f)
        os.replace(path + ".part", path)

    _show = fw.Windows.show

    def show(self):
        _show(self)
        dump(os.environ["FM_TEST_OUT"] + "-icon.json")

    fw.Windows.show = show
    signal.signal(signal.SIGUSR1, lambda *_: dump(os.environ["FM_TEST_OUT"] + "-idle.json"))
    signal.signal(signal.SIGUSR2, lambda *_: dump(os.environ["FM_TEST_OUT"] + "-review.json"))
    from focusmate.cli.main import main
    sys.argv = ["focusmate", *sys.argv[1:]]
    sys.exit(main())
    """
)


def loaded(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == n or m.startswith(n + ".") for n in NOT_WHEN_IDLE)]


def test_nothing_heavy_is_loaded_nor_the_history_held_once_idle(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    source = tmp_path / "history.json"
    a_year = history(1, 1, datetime.now(UTC))
    source.write_text(json.dumps(export_document(a_year)))
    imported = desktop.run(
        [installed_focusmate(), "--data-dir", str(data_dir), "import", str(source)]
    )
    assert imported.returncode == 0, imported.stderr
    prepare_settings(data_dir, morning_reminder=False)
    script = tmp_path / "wrapper.py"
    script.write_text(WRAPPER)
    out = tmp_path / "modules"
    proc = desktop.spawn(
        [sys.executable, str(script), "--data-dir", str(data_dir)],
        name="focusmate-wrapped",
        extra_env={"FM_TEST_OUT": str(out)},
    )
    try:
        desktop.wait_for_tray_icon(wm_class=WM_CLASS, timeout_s=15)
        at_icon = json.loads(
            wait_until(lambda: _read(out, "icon"), timeout_s=10, what="the icon's dump")
        )
        status = [installed_focusmate(), "--data-dir", str(data_dir), "status", "--json"]

        def armed() -> bool | None:
            result = desktop.run(status)
            ready = result.returncode == 0 and json.loads(result.stdout)["hotkeys"]["ready"]
            return ready or None

        wait_until(armed, timeout_s=15, what="the hotkeys armed (start-up's deferred work ran)")
        os.kill(proc.pid, signal.SIGUSR1)
        idle = json.loads(
            wait_until(lambda: _read(out, "idle"), timeout_s=10, what="the idle dump")
        )
        after_review = opened_and_closed_review(desktop, data_dir, proc.pid, out)
    finally:
        desktop.terminate(proc)
    assert "focusmate.ui.windows" in at_icon["modules"]  # a real dump
    assert loaded(at_icon["modules"]) == []
    # `status --json` (how this test knows start-up's work ran) reports the do-not-disturb
    # state, which asks the session bus: jeepney loads for that answer, on use.
    assert [m for m in loaded(idle["modules"]) if not m.startswith("jeepney")] == []
    for dump in (at_icon, idle):
        assert "QSystemTrayIcon" in dump["made"]["QtWidgets"]  # the classes made are listed
        assert [(m, c) for m, c in NOT_MADE_WHEN_IDLE if c in dump["made"][m]] == []
    # Read, checked and let go (no reflection waits, no session runs): none held.
    assert len(a_year) > 200
    assert set(idle["sessions_held"]) & {s.id for s in a_year} == set()
    # The review ran in its own process: none of its modules, none of the history here.
    review_side = (
        "focusmate.ui.review_window",
        "focusmate.ui.week_chart",
        "focusmate.core.week_review",
    )
    assert "focusmate.ui.review_process" in after_review["modules"]  # it was opened from here
    assert [m for m in after_review["modules"] if m in review_side] == []
    assert set(after_review["sessions_held"]) & {s.id for s in a_year} == set()


def opened_and_closed_review(
    desktop: HeadlessDesktop, data_dir: Path, pid: int, out: Path
) -> dict[str, list[str]]:
    """`focusmate review` (the menu entry's action), its window found, closed with Escape;
    then the app's dump."""
    asked = desktop.run([installed_focusmate(), "--data-dir", str(data_dir), "review"])
    assert asked.returncode == 0, asked.stderr
    title = "focusmate: weekly review"
    found = wait_until(
        lambda: (
            desktop.run(["xdotool", "search", "--onlyvisible", "--name", title]).stdout.split()
            or None
        ),
        timeout_s=30,
        what="the weekly review's window",
    )
    desktop.run(["xdotool", "windowfocus", "--sync", found[0]], check=True)
    desktop.key("Escape")
    wait_until(
        lambda: (
            not desktop.run(["xdotool", "search", "--onlyvisible", "--name", title]).stdout or None
        ),
        timeout_s=10,
        what="Escape to close the review",
    )
    os.kill(pid, signal.SIGUSR2)
    dumped: dict[str, list[str]] = json.loads(
        wait_until(lambda: _read(out, "review"), timeout_s=10, what="the dump after the review")
    )
    return dumped


def _read(out: Path, tag: str) -> str | None:
    path = Path(f"{out}-{tag}.json")
    return path.read_text() if path.exists() else None


def threads(pid: int) -> int:
    return len(list(Path(f"/proc/{pid}/task").iterdir()))


def test_the_listener_runs_only_in_a_session_and_hears_a_key_at_once(
    app: RunningApp, desktop: HeadlessDesktop
) -> None:
    hotkeys = app.wait_for_hotkeys()
    assert (hotkeys["via"], hotkeys["ready"]) == ("x11", True)  # armed, not listening
    idle_threads = threads(app.proc.pid)
    assert app.cli("start", "--with", "Kim").returncode == 0
    desktop.key("ctrl+alt+p")  # at once: no wait for any readiness
    wait_until(
        lambda: app.status()["session"]["marks"]["phone"] == 1 or None,
        timeout_s=5,
        what="the mark of a key pressed as the session started",
    )
    assert threads(app.proc.pid) > idle_threads  # pynput's listener
    assert app.cli("end").returncode == 0
    assert app.status()["hotkeys"]["ready"] is True  # still armed for the next session


def test_a_session_started_at_once_after_launch_hears_its_keys(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    """No wait for the hotkeys: the session starts as soon as the app answers (before its
    deferred start-up, usually), and a key pressed at once is logged."""
    app = RunningApp(desktop, tmp_path / "data")
    try:
        assert app.cli("start", "--with", "Ana").returncode == 0
        desktop.key("ctrl+alt+p")
        wait_until(
            lambda: app.status()["session"]["marks"]["phone"] == 1 or None,
            timeout_s=5,
            what="the mark of a key pressed as soon as the session started",
        )
    finally:
        app.stop()
