"""Benchmark: launch to tray icon, idle memory and CPU, and `focusmate log phone` latency.

Runs the installed focusmate on a real headless desktop (Xvfb + D-Bus + trayer + dunst, the
same harness as the e2e tests) next to a minimal PySide6 tray app, the floor for this stack,
and prints figures. Not part of the test suite: run it by hand.

    .venv/bin/python tests/benchmarks/bench_loop.py [--runs 5] [--marks 50] [--idle-s 60]

Everything is measured twice: with an empty history and with five years (~2,600 sessions).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: tests.*

from focusmate.core.records import export_document
from tests.benchmarks.figures import percentile
from tests.benchmarks.make_history import history
from tests.e2e.desktop import HeadlessDesktop
from tests.e2e.focusmate_app import RunningApp

#: Seconds after the icon shows before "idle" starts: the deferred start-up work ends well
#: within it (the history is read 0.25 s after the icon).
SETTLE_S = 3.0

FLOOR_APP = textwrap.dedent(
    """
    import sys
    from PySide6.QtGui import QColor, QIcon, QPixmap
    from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon
    app = QApplication(sys.argv[:1])
    app.setApplicationName("floor")
    app.setQuitOnLastWindowClosed(False)
    pixmap = QPixmap(22, 22)
    pixmap.fill(QColor(0, 128, 0))
    tray = QSystemTrayIcon(QIcon(pixmap))
    menu = QMenu()
    menu.addAction("Quit", app.quit)
    tray.setContextMenu(menu)
    tray.show()
    sys.exit(app.exec())
    """
)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def floor_launch(desktop: HeadlessDesktop, script: Path) -> tuple[float, int]:
    launched = time.monotonic()
    proc = desktop.spawn([sys.executable, str(script)], name="floor")
    desktop.wait_for_tray_icon(wm_class="floor", timeout_s=15)
    return time.monotonic() - launched, proc.pid


def prepared(seed: Path | None, target: Path) -> Path:
    """A data folder for one run: empty, or a copy of the five-year history."""
    if seed is not None:
        shutil.copytree(seed, target)
    return target


def measure(
    desktop: HeadlessDesktop, work: Path, seed: Path | None, args: argparse.Namespace
) -> list[str]:
    floor_script = work / "floor.py"
    floor_script.write_text(FLOOR_APP)
    label = "empty history" if seed is None else "five-year history"
    fm_launch, floor_launch_s = [], []
    for run in range(args.runs):
        app = RunningApp(desktop, prepared(seed, work / f"{label}-{run}".replace(" ", "-")))
        fm_launch.append(app.launch_to_icon_s)
        app.stop()
        seconds, pid = floor_launch(desktop, floor_script)
        floor_launch_s.append(seconds)
        os.kill(pid, 15)
        time.sleep(0.3)
    app = RunningApp(desktop, prepared(seed, work / f"{label}-idle".replace(" ", "-")))
    _, floor_pid = floor_launch(desktop, floor_script)
    # What focusmate does just after its icon shows (reads the history, starts the hotkeys,
    # takes the start-up backup) is start-up, not idling: counted apart.
    settling = cpu_ticks(app.proc.pid)
    time.sleep(SETTLE_S)
    after_icon = cpu_ticks(app.proc.pid) - settling
    ticks_before = (cpu_ticks(app.proc.pid), cpu_ticks(floor_pid))
    time.sleep(args.idle_s)
    idle = (cpu_ticks(app.proc.pid) - ticks_before[0], cpu_ticks(floor_pid) - ticks_before[1])
    memory = (rss_mb(app.proc.pid), rss_mb(floor_pid))
    assert app.cli("start", "--with", "Bench").returncode == 0
    marks_ms = []
    for _ in range(args.marks):
        before = time.perf_counter()
        result = app.cli("log", "phone")
        marks_ms.append((time.perf_counter() - before) * 1000)
        assert result.returncode == 0, result.stderr
    session_start = cpu_ticks(app.proc.pid)
    time.sleep(10)
    session_ticks = cpu_ticks(app.proc.pid) - session_start
    assert app.status()["session"]["marks"]["phone"] == args.marks
    app.stop()
    os.kill(floor_pid, 15)
    launch, floor = statistics.median(fm_launch), statistics.median(floor_launch_s)
    return [
        f"[{label}]",
        f"launch to tray icon     focusmate median {launch:.3f} s (min {min(fm_launch):.3f}, "
        f"max {max(fm_launch):.3f}); floor median {floor:.3f} s; ratio {launch / floor:.2f}",
        f"idle RSS after {args.idle_s:.0f} s     focusmate {memory[0]:.1f} MB; floor "
        f"{memory[1]:.1f} MB; ratio {memory[0] / memory[1]:.2f}",
        f"CPU ticks in the {SETTLE_S:.0f} s after the icon (deferred start-up work): {after_icon}",
        f"idle CPU ticks in {args.idle_s:.0f} s  focusmate {idle[0]}; floor {idle[1]}",
        f"CPU ticks in 10 s of a running session (1 s timer): {session_ticks}",
        f"`focusmate log phone`   p50 {percentile(marks_ms, 50):.1f} ms, p99 "
        f"{percentile(marks_ms, 99):.1f} ms, max {max(marks_ms):.1f} ms "
        "(whole process: start, connect, durable write, answer)",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--marks", type=int, default=50)
    parser.add_argument("--idle-s", type=float, default=60)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fm-bench-"))
    source = work / "history.json"
    source.write_text(json.dumps(export_document(history(5, 1, datetime.now(UTC)))))
    seed = work / "five-years"
    subprocess.run(
        [
            str(Path(sys.executable).with_name("focusmate")),
            "--data-dir",
            str(seed),
            "import",
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    lines = [
        f"runs={args.runs} marks={args.marks} idle={args.idle_s:.0f}s (CPU ticks: {CLOCK_TICKS}/s)"
    ]
    with HeadlessDesktop() as desktop:
        for history_seed in (None, seed):
            lines += measure(desktop, work, history_seed, args)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
