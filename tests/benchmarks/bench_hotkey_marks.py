"""Benchmark: from a real key press (xdotool on Xvfb) to the mark being durable on disk.

Runs the installed focusmate on the headless desktop harness, starts a session, presses
Ctrl+Alt+P with xdotool and polls the running-session file until it holds the new mark.
Prints p50/p99 with an empty history and with five years of synthetic history.

    .venv/bin/python tests/benchmarks/bench_hotkey_marks.py [--presses 200]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: tests.*

from focusmate.storage.repository import CURRENT_FILE_NAME
from tests.benchmarks.figures import percentile
from tests.benchmarks.make_history import imported_history
from tests.e2e.desktop import HeadlessDesktop
from tests.e2e.focusmate_app import RunningApp


def marks_on_disk(current_file: Path) -> int:
    try:
        return len(json.loads(current_file.read_bytes())["marks"])
    except (FileNotFoundError, ValueError, KeyError):
        return -1


def measure(desktop: HeadlessDesktop, data: Path, presses: int) -> list[float]:
    app = RunningApp(desktop, data)
    try:
        assert app.cli("start", "--with", "Bench").returncode == 0
        current = data / CURRENT_FILE_NAME
        latencies = []
        for n in range(1, presses + 1):
            launched = time.perf_counter()
            # Runs in the background so the disk can be watched while xdotool still works.
            key = subprocess.Popen(["xdotool", "key", "ctrl+alt+p"], env=desktop.env)
            while marks_on_disk(current) < n:
                if time.perf_counter() - launched > 5:
                    raise RuntimeError(f"mark {n} never reached the disk")
            latencies.append((time.perf_counter() - launched) * 1000)
            key.wait()
        return sorted(latencies)
    finally:
        app.stop()


def xdotool_alone(desktop: HeadlessDesktop, runs: int = 20) -> list[float]:
    """What xdotool itself costs from start to exit (it starts, connects, sends a key)."""
    times = []
    for _ in range(runs):
        before = time.perf_counter()
        subprocess.run(["xdotool", "key", "shift"], env=desktop.env, check=True)
        times.append((time.perf_counter() - before) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=200)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fm-hotkeys-"))
    with HeadlessDesktop() as desktop:
        results = {
            "empty history": measure(desktop, work / "empty-history", args.presses),
            "five years": measure(desktop, imported_history(work, years=5), args.presses),
        }
        alone = xdotool_alone(desktop)
    print(f"xdotool alone, start to exit: p50 {percentile(alone, 50):.1f} ms (included below)")
    for label, values in results.items():
        print(
            f"launching xdotool -> mark durable on disk, {label} ({len(values)} presses): "
            f"p50 {percentile(values, 50):.1f} ms, p99 {percentile(values, 99):.1f} ms, "
            f"max {values[-1]:.1f} ms"
        )


if __name__ == "__main__":
    main()
