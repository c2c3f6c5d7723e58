"""Benchmark: the command-line client's whole process against the running app (issue 18,
deliverable 4), next to the interpreter's own floor.

Runs the installed `focusmate` (the console script, as a user types it) against a focusmate
running headless on a real desktop (Xvfb + D-Bus + trayer + dunst, as bench_loop.py does)
with the five-year history (make_history.py), and prints, for each command, p50 / p99 / max
of the whole process (fork, interpreter, imports, connect, the app's work, exit), after a
warm-up, next to `python -c pass` and `python -S -c pass` run the same way. Then what the
client imports for `log phone`: -X importtime's sum after site, the modules loaded and any
of Qt, TinyDB, pynput, jeepney or icalendar among them (ARCHITECTURE invariant 13). Not part
of the test suite: run it by hand. The machine is shared: run it more than once and compare
medians.

    .venv/bin/python tests/benchmarks/bench_cli.py [--runs 50] [--warmup 5]
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: tests.*

from tests.benchmarks.figures import percentile
from tests.benchmarks.make_history import imported_history
from tests.e2e.desktop import HeadlessDesktop
from tests.e2e.focusmate_app import RunningApp, installed_focusmate

#: Top-level packages the socket commands must not load (ARCHITECTURE invariant 13).
HEAVY = ("PySide6", "shiboken6", "tinydb", "pynput", "jeepney", "icalendar")
#: How often -X importtime runs `log phone` (its figures vary less than whole processes).
IMPORT_RUNS = 15

Run = Callable[[], subprocess.CompletedProcess[str]]


def timed_ms(run: Run) -> float:
    before = time.perf_counter()
    result = run()
    elapsed = (time.perf_counter() - before) * 1000
    if result.returncode != 0:
        raise RuntimeError(f"exit {result.returncode}: {result.stderr.strip()}")
    return elapsed


def series_ms(run: Run, runs: int, warmup: int) -> list[float]:
    """``runs`` timings of ``run`` after ``warmup`` untimed ones."""
    for _ in range(warmup):
        timed_ms(run)
    return [timed_ms(run) for _ in range(runs)]


def figures(label: str, values: Sequence[float]) -> str:
    ordered = list(values)
    return (
        f"{label:<28} p50 {percentile(ordered, 50):6.1f} ms   p99 {percentile(ordered, 99):6.1f} ms"
        f"   max {max(ordered):6.1f} ms   (n={len(ordered)})"
    )


def start_end_ms(app: RunningApp, runs: int, warmup: int) -> tuple[list[float], list[float]]:
    """`start --with Bench` and `end`, alternately: each needs the other's state."""
    starts, ends = [], []
    for n in range(warmup + runs):
        started = timed_ms(lambda: app.cli("start", "--with", "Bench", "--minutes", "30"))
        ended = timed_ms(lambda: app.cli("end"))
        if n >= warmup:
            starts.append(started)
            ends.append(ended)
    return starts, ends


def import_profile(desktop: HeadlessDesktop, argv: Sequence[str]) -> tuple[float, int, list[str]]:
    """One run of ``argv`` under -X importtime (every import of the process, lazy ones too):
    the milliseconds of the imports after site's, the modules imported and the heavy ones."""
    result = desktop.run(
        [sys.executable, "-X", "importtime", *argv], extra_env={"PYTHONUNBUFFERED": "1"}
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    names, after_site_us, seen_site = [], 0, False
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line[13:]:
            continue
        _self, cumulative, name = line[12:].split("|")
        if not cumulative.strip().isdigit():
            continue  # the header line
        names.append(name.strip())
        if seen_site and name.startswith(" ") and not name.startswith("  "):
            after_site_us += int(cumulative)  # a top-level import, its children included
        seen_site = seen_site or name.strip() == "site"
    heavy = sorted({n for n in names if n.split(".")[0] in HEAVY})
    return after_site_us / 1000, len(names), heavy


def floor_lines(desktop: HeadlessDesktop, runs: int, warmup: int) -> list[str]:
    python = sys.executable
    return [
        figures(
            "floor: python -c pass",
            series_ms(lambda: desktop.run([python, "-c", "pass"]), runs, warmup),
        ),
        figures(
            "floor: python -S -c pass",
            series_ms(lambda: desktop.run([python, "-S", "-c", "pass"]), runs, warmup),
        ),
    ]


def measure(desktop: HeadlessDesktop, data: Path, args: argparse.Namespace) -> list[str]:
    app = RunningApp(desktop, data)
    try:
        lines = floor_lines(desktop, args.runs, args.warmup)
        for argv in (["status"], ["status", "--json"]):
            run: Run = functools.partial(app.cli, *argv)
            lines.append(
                figures(f"focusmate {' '.join(argv)}", series_ms(run, args.runs, args.warmup))
            )
        starts, ends = start_end_ms(app, args.runs, args.warmup)
        lines += [figures("focusmate start --with Bench", starts), figures("focusmate end", ends)]
        timed_ms(lambda: app.cli("start", "--with", "Bench"))
        marks = series_ms(lambda: app.cli("log", "phone"), args.runs, args.warmup)
        lines.append(figures("focusmate log phone", marks))
        argv = [installed_focusmate(), "--data-dir", str(data), "log", "phone"]
        profiles = [import_profile(desktop, argv) for _ in range(IMPORT_RUNS)]
        timed_ms(lambda: app.cli("end"))
    finally:
        app.stop()
    import_ms = statistics.median(p[0] for p in profiles)
    _, modules, heavy = profiles[-1]
    lines += [
        f"`log phone` imports after site: median {import_ms:.1f} ms of {IMPORT_RUNS} runs "
        f"(-X importtime, which itself slows them), {modules} modules",
        f"heavy modules loaded by `log phone`: {', '.join(heavy) if heavy else 'none'}",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fm-bench-cli-"))
    data = imported_history(work, years=5)
    print(
        f"{sys.executable} (Python {sys.version.split()[0]}), {os.cpu_count()} CPUs, "
        f"runs={args.runs} after {args.warmup} warm-up; five-year history in {data}"
    )
    with HeadlessDesktop() as desktop:
        print("\n".join(measure(desktop, data, args)))


if __name__ == "__main__":
    main()
