"""Benchmark: launch to tray icon, idle memory and CPU, the review's memory, wake-ups during a
session, and `focusmate log phone` latency (issue 18's figures, side by side with the floor).

Runs the installed focusmate on a real headless desktop (Xvfb + D-Bus + trayer + dunst, the
same harness as the e2e tests) next to a minimal PySide6 tray app, the floor for this stack,
and prints figures. Not part of the test suite: run it by hand.

    .venv/bin/python tests/benchmarks/bench_loop.py [--runs 9] [--marks 50] [--idle-s 60]

Everything is measured twice: with an empty history and with five years (~2,600 sessions).
Launch to icon: the median of ``--runs`` launches alternating with the floor's. Memory: RSS
and PSS from /proc/PID/smaps_rollup ``--memory-at-s`` after each one's icon, each running
alone (PSS splits shared pages among the processes mapping them), then side by side, then again
``--after-review-s`` after the weekly review was opened (`focusmate review`) and closed
(Escape). Idle CPU: utime + stime ticks over ``--idle-s``, per minute. Wake-ups during a
session: voluntary context switches of all threads per second (no perf needed; preemptions
apart), after a hotkey pressed at once after `start` (it must be logged) and the marks.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: tests.*

from tests.benchmarks.bench_cli import REPOSITORY, installed_venv, series_ms
from tests.benchmarks.figures import percentile
from tests.benchmarks.make_history import imported_history
from tests.e2e import focusmate_app
from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import RunningApp

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


def memory_mb(pid: int) -> tuple[float, float]:
    """RSS and PSS in MB (/proc/PID/smaps_rollup): PSS splits the pages shared with other
    processes (Qt's libraries) among them, so it moves with what else runs."""
    totals = {
        line.split()[0]: int(line.split()[1]) / 1024
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]
    }
    return totals["Rss:"], totals["Pss:"]


def anonymous_mb(pid: int) -> float:
    """The part of RSS that is the process's own (heap, Qt's caches), not a library's pages."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Anonymous:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def wakeups(pid: int) -> dict[str, tuple[int, int]]:
    """Context switches of each thread so far, (voluntary, involuntary): each time a thread
    sleeps and is woken (a timer, a socket, a key event) it counts one voluntary switch, a
    wake-up; an involuntary one is a preemption (the machine's load), no work of ours."""
    counts = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            lines = (task / "status").read_text().splitlines()
        except FileNotFoundError:
            continue  # the thread ended meanwhile
        fields = {line.split(":")[0]: int(line.split()[1]) for line in lines if "ctxt" in line}
        counts[task.name] = (
            fields["voluntary_ctxt_switches"],
            fields["nonvoluntary_ctxt_switches"],
        )
    return counts


def thread_name(pid: int, task: str) -> str:
    try:
        return Path(f"/proc/{pid}/task/{task}/comm").read_text().strip()
    except FileNotFoundError:
        return "?"


def wakeups_per_s(pid: int, seconds: float) -> tuple[float, str]:
    """Wake-ups per second over ``seconds`` of the threads alive at the end (a thread that
    started meanwhile counts from 0; one that ended is not seen), and in words per thread with
    the preemptions apart."""
    before = wakeups(pid)
    time.sleep(seconds)
    after = wakeups(pid)
    per_thread = {
        task: tuple(
            (n - was) / seconds for n, was in zip(now, before.get(task, (0, 0)), strict=True)
        )
        for task, now in after.items()
    }
    words = ", ".join(
        f"{thread_name(pid, task)} {woken:.2f} (+{preempted:.2f} preempted)"
        for task, (woken, preempted) in sorted(per_thread.items(), key=lambda item: -item[1][0])
        if woken or preempted
    )
    return sum(woken for woken, _ in per_thread.values()), words


def floor_launch(
    desktop: HeadlessDesktop, script: Path, python: str
) -> tuple[float, subprocess.Popen[bytes]]:
    """Launch the floor with ``python`` (the one focusmate runs on, --venv)."""
    launched = time.monotonic()
    proc = desktop.spawn([python, str(script)], name="floor")
    desktop.wait_for_tray_icon(wm_class="floor", timeout_s=15)
    return time.monotonic() - launched, proc


def prepared(seed: Path | None, target: Path) -> Path:
    """A data folder for one run: empty, or a copy of the five-year history."""
    if seed is not None:
        shutil.copytree(seed, target)
    return target


def wait_after(moment: float, seconds: float) -> None:
    """Sleep until ``seconds`` after ``moment`` (time.monotonic())."""
    time.sleep(max(0.0, moment + seconds - time.monotonic()))


def ratio(ours: float, floor: float) -> str:
    return f"{ours / floor:.2f}x" if floor else "-"


def review_round_trip(app: RunningApp) -> float:
    """Open the weekly review in the running app (as the menu's entry does) and close it with
    Escape; the seconds until it showed."""
    asked = time.monotonic()
    assert app.cli("review").returncode == 0
    window = app.focus_window("focusmate: weekly review")
    shown = time.monotonic() - asked
    time.sleep(1.0)  # drawn, as a user would see it
    app.desktop.run(["xdotool", "windowfocus", "--sync", str(window)], check=True)
    app.desktop.key("Escape")
    wait_until(
        lambda: not app.windows_named("focusmate: weekly review") or None,
        timeout_s=10,
        what="the review to close",
    )
    return shown


def measure(
    desktop: HeadlessDesktop, work: Path, seed: Path | None, args: argparse.Namespace
) -> list[str]:
    floor_script = work / "floor.py"
    floor_script.write_text(FLOOR_APP)
    label = "empty history" if seed is None else "five-year history"
    fm_launch, floor_launch_s = [], []
    for run in range(args.runs):  # alternating: the machine's load falls on both alike
        app = RunningApp(desktop, prepared(seed, work / f"{label}-{run}".replace(" ", "-")))
        fm_launch.append(app.launch_to_icon_s)
        app.stop()
        seconds, floor = floor_launch(desktop, floor_script, args.python)
        floor_launch_s.append(seconds)
        desktop.terminate(floor)
        time.sleep(0.3)
    # Idle memory of each alone first: PSS splits a page among the processes that map it, so
    # with both running, half of the floor's Qt pages would count as focusmate's and half of
    # focusmate's as the floor's (printed too, "side by side").
    _, floor = floor_launch(desktop, floor_script, args.python)
    wait_after(time.monotonic(), args.memory_at_s)
    floor_alone = memory_mb(floor.pid)
    desktop.terminate(floor)
    launched = time.monotonic()
    app = RunningApp(desktop, prepared(seed, work / f"{label}-idle".replace(" ", "-")))
    wait_after(launched + app.launch_to_icon_s, args.memory_at_s)
    alone = memory_mb(app.proc.pid)
    idle_anonymous = anonymous_mb(app.proc.pid)
    _, floor = floor_launch(desktop, floor_script, args.python)
    wait_after(time.monotonic(), args.memory_at_s)
    side_by_side = memory_mb(app.proc.pid)[1], memory_mb(floor.pid)[1]
    pids = (app.proc.pid, floor.pid)
    # What focusmate does just after its icon shows (reads the history, arms the hotkeys,
    # takes the start-up backup) is start-up, not idling: idle starts after memory_at_s.
    ticks_before = [cpu_ticks(pid) for pid in pids]
    time.sleep(args.idle_s)
    per_minute = [
        (cpu_ticks(pid) - t) * 60 / args.idle_s for pid, t in zip(pids, ticks_before, strict=True)
    ]
    review_s = review_round_trip(app)
    time.sleep(args.after_review_s)
    after_review = memory_mb(app.proc.pid)
    review_anonymous = anonymous_mb(app.proc.pid)
    assert app.cli("start", "--with", "Bench").returncode == 0
    app.desktop.key("ctrl+alt+p")  # at once: the listener is up before `start` returns
    wait_until(
        lambda: app.status()["session"]["marks"]["phone"] == 1 or None,
        timeout_s=5,
        what="the mark of a hotkey pressed as the session started",
    )
    marks_ms = series_ms(lambda: app.cli("log", "phone"), args.marks, 0)
    time.sleep(2)  # the marks' own work is over
    ticks = cpu_ticks(app.proc.pid)
    session_wakeups, session_threads = wakeups_per_s(app.proc.pid, args.session_s)
    session_ticks = (cpu_ticks(app.proc.pid) - ticks) * 60 / args.session_s
    floor_wakeups, _floor_threads = wakeups_per_s(floor.pid, args.session_s)
    assert app.status()["session"]["marks"]["phone"] == args.marks + 1
    app.stop()
    desktop.terminate(floor)
    launch, floor_s = statistics.median(fm_launch), statistics.median(floor_launch_s)
    (rss, pss), (floor_rss, floor_pss) = alone, floor_alone
    return [
        f"[{label}]",
        f"launch to tray icon, median of {args.runs}  focusmate {launch:.3f} s (min "
        f"{min(fm_launch):.3f}, max {max(fm_launch):.3f}); floor {floor_s:.3f} s; "
        f"ratio {ratio(launch, floor_s)}",
        f"idle RSS {args.memory_at_s:.0f} s after the icon   focusmate {rss:.1f} MB; floor "
        f"{floor_rss:.1f} MB; ratio {ratio(rss, floor_rss)}",
        f"idle PSS {args.memory_at_s:.0f} s after the icon   focusmate {pss:.1f} MB; floor "
        f"{floor_pss:.1f} MB; ratio {ratio(pss, floor_pss)} (each running alone; side by side "
        f"{side_by_side[0]:.1f} vs {side_by_side[1]:.1f} MB, "
        f"{ratio(side_by_side[0], side_by_side[1])})",
        f"after the review opened ({review_s:.2f} s to show) and closed, {args.after_review_s:.0f}"
        f" s later: RSS {after_review[0]:.1f} MB ({after_review[0] / rss - 1:+.0%} of idle, "
        f"{ratio(after_review[0], floor_rss)} the floor); PSS side by side "
        f"{after_review[1]:.1f} MB ({after_review[1] / side_by_side[0] - 1:+.0%}); anonymous "
        f"{idle_anonymous:.1f} -> {review_anonymous:.1f} MB, file-backed "
        f"{rss - idle_anonymous:.1f} -> {after_review[0] - review_anonymous:.1f} MB",
        f"idle CPU ticks per minute ({args.idle_s:.0f} s)  focusmate {per_minute[0]:.1f}; "
        f"floor {per_minute[1]:.1f}",
        f"during a session ({args.session_s:.0f} s)  wake-ups per second {session_wakeups:.2f} "
        f"(floor idle {floor_wakeups:.2f}); CPU ticks per minute {session_ticks:.1f}; per "
        f"thread: {session_threads}",
        f"`focusmate log phone`   p50 {percentile(marks_ms, 50):.1f} ms, p99 "
        f"{percentile(marks_ms, 99):.1f} ms, max {max(marks_ms):.1f} ms "
        "(whole process: start, connect, durable write, answer)",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="alternating launches per history")
    parser.add_argument("--marks", type=int, default=50)
    parser.add_argument("--memory-at-s", type=float, default=20, help="idle memory, after the icon")
    parser.add_argument("--idle-s", type=float, default=60, help="idle CPU, measured over")
    parser.add_argument("--after-review-s", type=float, default=10)
    parser.add_argument("--session-s", type=float, default=10)
    parser.add_argument(
        "--venv",
        choices=("installed", "dev"),
        default="installed",
        help="installed: focusmate and the floor from a venv made as install.sh makes it (no "
        "editable-install finder at each start); dev: this venv",
    )
    args = parser.parse_args()
    args.python = sys.executable
    if args.venv == "installed":
        venv = installed_venv(REPOSITORY)
        focusmate_app.FOCUSMATE = venv / "bin" / "focusmate"
        args.python = str(venv / "bin" / "python")
    work = Path(tempfile.mkdtemp(prefix="fm-bench-"))
    seed = imported_history(work, years=5)
    lines = [
        f"runs={args.runs} marks={args.marks} idle={args.idle_s:.0f}s (CPU ticks: {CLOCK_TICKS}/s)"
        f" venv={args.venv} ({args.python})"
    ]
    with HeadlessDesktop() as desktop:
        for history_seed in (None, seed):
            lines += measure(desktop, work, history_seed, args)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
