"""Benchmark: the weekly review and reports with five years of history (~2,600 sessions).

Prints the review's open-to-painted as the app opens it (ui.review_process: its own process,
started from a venv installed as packaging/install.sh installs it, until its window's first
paint; offscreen, and on a headless X desktop), its week navigation (in-process, on the same
data file), saving a reflection (empty and five-year history), and `report --json` /
`report --png` as whole processes.

    .venv/bin/python tests/benchmarks/bench_review.py [--runs 5] [--venv installed|dev]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: tests.*

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from focusmate.core.model import Question, Reflection
from focusmate.core.records import export_document
from focusmate.core.review_pipe import REVIEW_MODULE
from focusmate.desktop.system_clock import SystemClock
from focusmate.services.controller import SessionController
from focusmate.services.review_data import ReviewData
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.ui.review_process import ReviewProcess
from tests.benchmarks.bench_cli import REPOSITORY, installed_venv
from tests.benchmarks.make_history import history
from tests.e2e.desktop import HeadlessDesktop

FOCUSMATE = str(Path(sys.executable).with_name("focusmate"))


def five_years(folder: Path) -> Path:
    source = folder / "history.json"
    source.write_text(json.dumps(export_document(history(5, 1, datetime.now(UTC)))))
    data = folder / "data"
    subprocess.run(
        [FOCUSMATE, "--data-dir", str(data), "import", str(source)], check=True, capture_output=True
    )
    return data


def whole_process(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        before = time.perf_counter()
        subprocess.run([FOCUSMATE, *args], check=True, capture_output=True)
        times.append(time.perf_counter() - before)
    return statistics.median(times)


def reflection_save_ms(data: Path, runs: int) -> tuple[float, float]:
    """Median times to save a draft (its own small file) and then the finished reflection
    (a write of the whole history), both durably."""
    controller = SessionController(
        TinyDBSessionRepository(data), SystemClock(), lambda: uuid.uuid4().hex
    )
    drafts, finals = [], []
    for _ in range(runs):
        controller.start("Bench", 30)
        session = controller.end()
        for complete, times in ((False, drafts), (True, finals)):
            reflection = Reflection(
                dict.fromkeys(Question, 4), "calm", "listen", complete=complete, empathy=4
            )
            before = time.perf_counter()
            controller.save_reflection(session.id, reflection)
            times.append((time.perf_counter() - before) * 1000)
    return statistics.median(drafts), statistics.median(finals)


def review_process_ms(data: Path, program: list[str], runs: int) -> list[float]:
    """Open the review as the app does and time until its window is first painted (the
    process's start, imports, reading the history and the first page); then close it.
    ``program``: what runs ``-P -m`` the review's module."""
    times = []
    for _ in range(runs):
        review = ReviewProcess(data, [*program, "-P", "-m", REVIEW_MODULE])
        loop = QEventLoop()
        review.shown.connect(loop.quit)
        review.ended.connect(loop.quit)
        QTimer.singleShot(30_000, loop.quit)
        before = time.perf_counter()
        review.open(None, [])
        loop.exec()
        if not review.running:
            raise SystemExit("the review's process ended before its window showed")
        times.append((time.perf_counter() - before) * 1000)
        review.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--venv",
        choices=("installed", "dev"),
        default="installed",
        help="where the review's process runs from (dev: this interpreter)",
    )
    args = parser.parse_args()
    python = (
        str(installed_venv(REPOSITORY) / "bin" / "python")
        if args.venv == "installed"
        else sys.executable
    )
    data = five_years(Path(tempfile.mkdtemp(prefix="fm-review-")))
    app = QApplication(sys.argv[:1])
    opens = review_process_ms(data, [python], args.runs)
    with HeadlessDesktop() as desktop:  # the same on a real X server (xcb), as users run it
        on_x = {**desktop.env, "QT_QPA_PLATFORM": "xcb"}
        in_desktop = ["env", "-i", *(f"{name}={value}" for name, value in on_x.items()), python]
        opens_on_x = review_process_ms(data, in_desktop, args.runs)
    # Week navigation, as in the review's process (its window, on the history it reads).
    from focusmate.ui.review_window import ReviewWindow  # noqa: PLC0415 - the review's only

    history = ReviewData(data, SystemClock())
    week = history.this_week()
    window = ReviewWindow(history.week_review, week, week, history.settings.kinds)
    window.show()
    app.processEvents()
    window.grab()
    steps = []
    for _ in range(args.runs):
        before = time.perf_counter()
        window.prev_button.click()
        app.processEvents()
        window.grab()
        steps.append(time.perf_counter() - before)
    sessions = len(history.all_sessions())
    empty = data.parent / "empty"
    for label, folder in (("empty history", empty), ("five years", data)):
        draft_ms, final_ms = reflection_save_ms(folder, args.runs)
        print(
            f"reflection, {label}: draft saved in {draft_ms:.1f} ms, "
            f"complete in {final_ms:.1f} ms (median)"
        )
    print(f"history: {sessions} sessions")
    for where, times in (("offscreen", opens), ("on Xvfb", opens_on_x)):
        print(
            f"review, its own process ({args.venv} venv, {where}), open to painted: median "
            f"{statistics.median(times):.0f} ms, max {max(times):.0f} ms ({len(times)} opens)"
        )
    print(f"review window, previous week: median {statistics.median(steps) * 1000:.0f} ms")
    png = str(data.parent / "week.png")
    print(
        f"report --json (whole process): median "
        f"{whole_process(['--data-dir', str(data), 'report', '--json'], args.runs):.2f} s"
    )
    print(
        f"report --png (whole process): median "
        f"{whole_process(['--data-dir', str(data), 'report', '--png', png], args.runs):.2f} s"
    )
    os._exit(0)  # skip Qt's teardown of the offscreen window: not part of what is measured


if __name__ == "__main__":
    main()
