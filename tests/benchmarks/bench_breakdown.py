"""Benchmark: where start-up time and idle memory go, focusmate next to the floor (issue 18).

Runs the installed focusmate on the headless desktop of the e2e tests (Xvfb + D-Bus + trayer +
dunst, as bench_loop.py does) with an empty and a five-year history (make_history.py), and the
floor (bench_loop.FLOOR_APP, a minimal PySide6 tray app). Not part of the test suite:

    .venv/bin/python tests/benchmarks/bench_breakdown.py [--idle-s 20] [--quick]

How each figure is taken (nothing in focusmate/ is changed):

* Import time: ``python -X importtime``; the self time of each module imported before the
  icon, summed per bucket (PySide6 per Qt module, shiboken6, tinydb, pynput (+ Xlib), jeepney,
  focusmate per layer, stdlib, other). focusmate runs through LAUNCHER, which prints a marker
  to stderr when ``app._show_tray_icon`` returns: imports after it (the rest) are "after".
* Start-up steps: LAUNCHER imports focusmate's entry point itself, then wraps (monkeypatches)
  every function and class that ``focusmate.app.run`` calls by name and records
  ``time.monotonic()`` around each call; the bench records the same clock before spawning and
  when the tray icon is embedded and viewable (HeadlessDesktop.wait_for_tray_icon). Launch
  to icon is the sum; "unwrapped" is the time in run() between wrapped calls. -X importtime is
  not on in this run.
* Memory, ``--idle-s`` after the icon (no tracing in this run): /proc/PID/smaps per mapping,
  RSS and PSS grouped by Qt module (libQt6X.so + PySide6's QtX binding), Qt plugins, Python,
  other shared libraries, and anonymous memory (Python objects, C heaps, thread stacks);
  totals from smaps_rollup. Then SIGUSR1 makes LAUNCHER write sys.modules (count per
  bucket), the threads (threading.enumerate and /proc/PID/task/*/comm) and the sessions held.
* Python allocations per bucket: a second launch with tracemalloc (64 frames) started in
  LAUNCHER before any import; at ``--idle-s`` each live block goes to "history held" if a
  frame of its traceback is in tinydb, focusmate/storage or core/records.py (records to
  sessions),
  else to the bucket of its innermost frame outside importlib (an unmarshalled module counts
  for its importer). tracemalloc's own overhead is not in the RSS figures above.
* The floor: same launch-to-icon, importtime and smaps; its Python is not traced.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: tests.*

from focusmate.core.records import export_document
from tests.benchmarks.bench_loop import FLOOR_APP, prepared, wait_after
from tests.benchmarks.make_history import history
from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import WM_CLASS, installed_focusmate, prepare_settings

ICON_MARK = "BENCH-BREAKDOWN the tray icon shown"
#: Seconds the importtime launch runs on after the icon: Background.start's imports end within.
SETTLE_S = 3.0

#: Runs inside the app's process: `python LAUNCHER --data-dir DIR` is what `focusmate` does.
LAUNCHER = textwrap.dedent(
    """
    import json, os, signal, sys, threading, time
    T0 = time.monotonic()
    if os.environ.get("FM_BREAKDOWN_TRACE"):
        import tracemalloc
        tracemalloc.start(64)
    EVENTS = []
    HELD = {}

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            start = time.monotonic()
            try:
                return fn(*args, **kwargs)
            finally:
                EVENTS.append((name, start, time.monotonic()))
        return wrapper

    t = time.monotonic()
    from focusmate.cli.main import main
    EVENTS.append(("import focusmate.cli.main (the entry point)", t, time.monotonic()))
    t = time.monotonic()
    import focusmate.app as fa
    EVENTS.append(("import focusmate.app (Qt, services, ui)", t, time.monotonic()))
    STEPS = (
        "log_to_stderr _lock_data_dir clock_from_environment unlink_data_folder "
        "tighten_permissions check_owned_files open_or_recover load_settings SettingsService "
        "make_silencer _check_display focusmate_application make_notifier HeldNotifications "
        "KeyringSecretStore CalendarService AppActions DataFolder _tray_available "
        "autostart_for _autostart_command Windows Background SocketCommands CommandServer "
        "tell_at_start _quit_on_signals"
    ).split()

    def wrap_steps(module):
        for name in STEPS:
            if hasattr(module, name):  # a step made elsewhere (SocketCommands: on first request)
                setattr(module, name, timed(name, getattr(module, name)))

    def wrap_the_rest():
        # focusmate.root.assembly: what app.py builds after the icon, wrapped once imported.
        t = time.monotonic()
        import focusmate.root.assembly as fb
        EVENTS.append(("import focusmate.root.assembly (after the icon)", t, time.monotonic()))
        _controller = fb.SessionController

        def controller(*args, **kwargs):
            start = time.monotonic()
            HELD["controller"] = made = _controller(*args, **kwargs)
            EVENTS.append(("SessionController", start, time.monotonic()))
            return made

        fb.SessionController = controller
        fb.PulseOffers.for_settings = staticmethod(
            timed("PulseOffers.for_settings", fb.PulseOffers.for_settings)
        )
        for cls, method in ((fb.CommandServer, "listen"), (fb.Windows, "show")):
            setattr(cls, method, timed(f"{cls.__name__}.{method}", getattr(cls, method)))
        wrap_steps(fb)

    _show_icon = fa._show_tray_icon

    def show_icon(*args, **kwargs):
        start = time.monotonic()
        icon = _show_icon(*args, **kwargs)
        EVENTS.append(("_show_tray_icon", start, time.monotonic()))
        print("@ICON_MARK@", file=sys.stderr, flush=True)
        wrap_the_rest()
        return icon

    fa._show_tray_icon = show_icon
    wrap_steps(fa)
    from focusmate.services.startup import Background
    Background.start = timed("Background.start (after the icon)", Background.start)

    def dump(_signum, _frame):
        out = {"t0": T0, "events": EVENTS}
        out["modules"] = {n: getattr(m, "__file__", None) for n, m in list(sys.modules.items())}
        out["threads"] = [f"{t.name} ({type(t).__module__})" for t in threading.enumerate()]
        out["native_threads"] = [
            open(f"/proc/self/task/{tid}/comm").read().strip()
            for tid in os.listdir("/proc/self/task")
        ]
        ctl = HELD.get("controller")
        # What it holds now, without reading it (all_sessions() would read it back in).
        held = getattr(ctl, "_history", None)
        out["sessions_held"] = len(held) if held is not None else 0
        if os.environ.get("FM_BREAKDOWN_TRACE"):
            import tracemalloc
            blocks = []
            for stat in tracemalloc.take_snapshot().statistics("traceback"):
                files = [f.filename for f in reversed(stat.traceback)]  # innermost first
                history = any(
                    "/tinydb/" in f or "/focusmate/storage/" in f or f.endswith("/core/records.py")
                    for f in files
                )
                inner = next((f for f in files if "importlib" not in f), "?")
                blocks.append(("history" if history else inner, stat.size))
            sizes = {}
            for key, size in blocks:
                sizes[key] = sizes.get(key, 0) + size
            out["traced"] = sizes
        with open(os.environ["FM_BREAKDOWN_OUT"] + ".part", "w") as f:
            json.dump(out, f)
        os.replace(os.environ["FM_BREAKDOWN_OUT"] + ".part", os.environ["FM_BREAKDOWN_OUT"])

    signal.signal(signal.SIGUSR1, dump)
    sys.argv = ["focusmate", *sys.argv[1:]]
    sys.exit(main())
    """
).replace("@ICON_MARK@", ICON_MARK)

SITE = "/site-packages/"
STDLIB = frozenset(sys.stdlib_module_names)
Row = tuple[str, float, float]


def bucket(module: str) -> str:  # noqa: PLR0911 - one return per bucket
    """The group a module (dotted name) belongs to."""
    top, _, rest = module.partition(".")
    if top == "PySide6":
        return f"PySide6.{rest.split('.')[0]}" if rest.startswith("Qt") else "PySide6 (package)"
    if top in ("shiboken6", "shibokensupport", "signature_bootstrap", "__feature__"):
        return "shiboken6"
    if top in ("pynput", "Xlib", "evdev"):
        return "pynput (+ Xlib)"
    if top in ("tinydb", "jeepney", "keyring"):
        return top
    if top == "focusmate":
        layer = rest.split(".")[0]
        return f"focusmate.{layer}" if layer in _LAYERS else "focusmate"
    if top in STDLIB or top.startswith("_") or top in ("sitecustomize", "encodings"):
        return "stdlib"
    return f"other: {top}"


_LAYERS = frozenset(("app", "calendar", "cli", "core", "desktop", "services", "storage", "ui"))


def file_bucket(path: str) -> str:
    """The bucket of a source file (for tracemalloc's blocks)."""
    if path == "history":
        return "history held (tinydb, storage, records)"
    if "/focusmate/" in path:
        module = "focusmate." + path.rsplit("/focusmate/", 1)[1].removesuffix(".py")
        return bucket(module.replace("/", "."))
    if SITE in path:
        return bucket(path.rsplit(SITE, 1)[1].removesuffix(".py").replace("/", "."))
    if path.startswith("<frozen"):
        return "stdlib"
    if "/lib/python3" in path:
        return "stdlib"
    return "other: " + path


def import_times(log: str, until: str | None) -> tuple[dict[str, float], dict[str, int]]:
    """Self time (ms) and module count per bucket, from -X importtime lines before ``until``."""
    ms: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for line in log.splitlines():
        if until is not None and until in line:
            break
        found = re.match(r"import time:\s+(\d+) \|\s+\d+ \|( *)(\S+)", line)
        if found:
            ms[bucket(found.group(3))] += int(found.group(1)) / 1000
            count[bucket(found.group(3))] += 1
    return ms, count


def smaps(pid: int) -> tuple[dict[str, tuple[float, float]], tuple[float, float]]:
    """RSS and PSS (MB) per mapping group, and the totals from smaps_rollup."""
    groups: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    name = ""
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        fields = line.split()
        if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
            name = mapping_group(fields[5] if len(fields) > 5 else "")
        elif fields[0] in ("Rss:", "Pss:"):
            groups[name][fields[0] == "Pss:"] += int(fields[1]) / 1024
    totals = {
        line.split()[0]: int(line.split()[1]) / 1024
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]
    }
    return {k: (v[0], v[1]) for k, v in groups.items()}, (totals["Rss:"], totals["Pss:"])


def mapping_group(path: str) -> str:  # noqa: PLR0911 - one return per group
    lib = re.search(r"/libQt6(\w+?)\.so", path)
    if lib:
        return f"Qt: Qt{lib.group(1)}"
    binding = re.search(r"/PySide6/(Qt\w+)\.(abi3|cpython)", path)
    if binding:
        return f"Qt: {binding.group(1)}"
    if "/PySide6/Qt/plugins/" in path:
        return "Qt plugins: " + path.split("/PySide6/Qt/plugins/", 1)[1].split("/", 1)[0]
    if "shiboken6" in path or "libpyside6" in path:
        return "Qt: shiboken6 + libpyside6"
    if "libicu" in path:
        return "ICU (libicu*)"
    if "python3" in path and (".so" not in path or "libpython" in path):
        return "Python interpreter"
    if ".so" in path:
        return "Python extension modules" if SITE in path or "lib-dynload" in path else "other .so"
    if path in ("", "[heap]", "[stack]") or path.startswith("[anon"):
        return "anonymous (Python objects, C heaps, stacks)"
    if path.startswith("["):
        return "kernel " + path
    return "other mapped files (fonts, caches, locale)"


def merged(groups: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Qt modules: the C++ library and its Python binding together."""
    out: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for name, (rss, pss) in groups.items():
        out[name][0] += rss
        out[name][1] += pss
    return {k: (v[0], v[1]) for k, v in out.items()}


def table(title: str, columns: list[str], rows: dict[str, list[str]]) -> list[str]:
    width = max([len(title), *map(len, rows)])
    lines = [f"{title:<{width}}  " + "  ".join(f"{c:>22}" for c in columns)]
    lines += [
        f"{name:<{width}}  " + "  ".join(f"{v:>22}" for v in vals) for name, vals in rows.items()
    ]
    return lines


class Launch:
    """One launch of focusmate (through LAUNCHER) or of the floor, until its icon shows."""

    def __init__(
        self,
        desktop: HeadlessDesktop,
        work: Path,
        tag: str,
        data_dir: Path | None,
        *,
        importtime: bool = False,
        trace: bool = False,
    ) -> None:
        self.desktop, self.tag, self.out = desktop, tag, work / f"{tag}.json"
        python = [sys.executable, *(["-X", "importtime"] if importtime else [])]
        if data_dir is None:
            script, wm_class, args = work / "floor.py", "floor", []
            script.write_text(FLOOR_APP)
        else:
            prepare_settings(data_dir, morning_reminder=False)
            script, wm_class, args = work / "launcher.py", WM_CLASS, ["--data-dir", str(data_dir)]
            script.write_text(LAUNCHER)
        env = {"FM_BREAKDOWN_OUT": str(self.out), **({"FM_BREAKDOWN_TRACE": "1"} if trace else {})}
        self.launched = time.monotonic()
        self.proc = desktop.spawn([*python, str(script), *args], name=tag, extra_env=env)
        try:
            desktop.wait_for_tray_icon(wm_class=wm_class, timeout_s=90 if trace else 20)
        except TimeoutError:
            print(desktop.read_log(tag)[-3000:], file=sys.stderr)
            raise
        self.icon = time.monotonic()

    def dump(self) -> dict[str, Any]:
        os.kill(self.proc.pid, signal.SIGUSR1)
        try:
            wait_until(lambda: self.out.exists() or None, timeout_s=60, what="the launcher's dump")
        except TimeoutError:
            print(self.desktop.read_log(self.tag)[-3000:], file=sys.stderr)
            raise
        data: dict[str, Any] = json.loads(self.out.read_text())
        return data

    def idle(self, seconds: float) -> None:
        wait_after(self.icon, seconds)

    def stop(self) -> None:
        self.desktop.terminate(self.proc)


def steps(run: Launch, dump: dict[str, Any]) -> list[Row]:
    """(step, start ms, duration ms) from the launch, with the unwrapped time and the icon."""
    rows: list[Row] = [
        ("interpreter start (python + site)", 0.0, (dump["t0"] - run.launched) * 1e3)
    ]
    before_icon = sorted((e for e in dump["events"] if e[1] < run.icon), key=lambda e: e[1])
    covered, last_end = 0.0, dump["t0"]
    for name, start, end in before_icon:
        rows.append((name, (start - run.launched) * 1e3, (end - start) * 1e3))
        if start >= last_end:
            covered += end - start
            last_end = end
    show_end = max(e[2] for e in before_icon if e[0] == "_show_tray_icon")
    unwrapped = (show_end - dump["t0"]) - covered
    rows.append(("unwrapped code in run() between steps", float("nan"), unwrapped * 1e3))
    rows.append(
        (
            "_show_tray_icon returned → icon embedded",
            (show_end - run.launched) * 1e3,
            (run.icon - show_end) * 1e3,
        )
    )
    rows.append(("= launch → tray icon", 0.0, (run.icon - run.launched) * 1e3))
    return rows


def median_steps(runs: list[list[Row]]) -> list[Row]:
    """Each step's median start and duration over the launches that had it before the icon
    (whether the work after the icon began before the tray saw it varies), in the order of
    their first appearance."""
    names = list(dict.fromkeys(name for run in runs for name, _, _ in run))
    by_name = [{name: (start, length) for name, start, length in run} for run in runs]
    rows = []
    for name in names:
        had = [run[name] for run in by_name if name in run]
        rows.append(
            (name, statistics.median(s for s, _ in had), statistics.median(d for _, d in had))
        )
    return rows


def measure(
    desktop: HeadlessDesktop,
    work: Path,
    label: str,
    seed: Path | None,
    *,
    idle_s: float,
    runs: int,
) -> dict[str, Any]:
    folder = label.replace(" ", "-")
    it = Launch(
        desktop,
        work,
        f"{folder}-importtime",
        prepared(seed, work / f"{folder}-it"),
        importtime=True,
    )
    time.sleep(SETTLE_S)  # Background.start runs 0.25 s after the icon
    it.stop()
    ms, count = import_times(desktop.read_log(it.tag), ICON_MARK)
    after_ms, after_count = import_times(desktop.read_log(it.tag), None)
    timelines, floor_s = [], []
    for run in range(runs - 1):
        launch = Launch(desktop, work, f"{folder}-{run}", prepared(seed, work / f"{folder}-{run}"))
        time.sleep(0.5)
        timelines.append(steps(launch, launch.dump()))
        launch.stop()
        floor = Launch(desktop, work, f"floor-{folder}-{run}", None)
        floor_s.append((floor.icon - floor.launched) * 1e3)
        floor.stop()
    plain = Launch(desktop, work, f"{folder}-plain", prepared(seed, work / f"{folder}-plain"))
    plain.idle(idle_s)
    groups, totals = smaps(plain.proc.pid)
    dump = plain.dump()
    plain.stop()
    traced = Launch(
        desktop, work, f"{folder}-traced", prepared(seed, work / f"{folder}-tr"), trace=True
    )
    traced.idle(idle_s)
    traced_dump = traced.dump()
    traced.stop()
    python: dict[str, float] = defaultdict(float)
    for path, size in traced_dump["traced"].items():
        python[file_bucket(path)] += size / 2**20
    modules: dict[str, int] = defaultdict(int)
    for name in dump["modules"]:
        modules[bucket(name)] += 1
    return {
        "import_ms": ms,
        "import_count": count,
        "after_icon_ms": sum(after_ms.values()) - sum(ms.values()),
        "after_icon_count": sum(after_count.values()) - sum(count.values()),
        "steps": median_steps([*timelines, steps(plain, dump)]),
        "floor_launch_ms": floor_s,
        "smaps": merged(groups),
        "totals": totals,
        "python_mb": python,
        "modules": modules,
        "threads": dump["threads"],
        "native_threads": dump["native_threads"],
        "sessions_held": dump["sessions_held"],
    }


def measure_floor(desktop: HeadlessDesktop, work: Path, idle_s: float) -> dict[str, Any]:
    it = Launch(desktop, work, "floor-importtime", None, importtime=True)
    it.stop()
    ms, count = import_times(desktop.read_log(it.tag), None)
    plain = Launch(desktop, work, "floor-plain", None)
    plain.idle(idle_s)
    groups, totals = smaps(plain.proc.pid)
    threads = [
        (task / "comm").read_text().strip()
        for task in Path(f"/proc/{plain.proc.pid}/task").iterdir()
    ]
    launch_s = plain.icon - plain.launched
    plain.stop()
    return {
        "import_ms": ms,
        "import_count": count,
        "smaps": merged(groups),
        "totals": totals,
        "launch_s": launch_s,
        "native_threads": threads,
    }


def keys(results: Iterable[dict[str, Any]], field: str) -> list[str]:
    union: dict[str, float] = defaultdict(float)
    for result in results:
        for key, value in result[field].items():
            union[key] += value[0] if isinstance(value, tuple) else value
    return sorted(union, key=lambda k: -union[k])


def report(
    empty: dict[str, Any], five: dict[str, Any], floor: dict[str, Any], idle_s: float
) -> list[str]:
    cols = ["empty", "five years", "floor"]
    everything = (empty, five, floor)
    lines = ["", "== (a) import time before the icon: self ms (modules), -X importtime =="]
    rows = {
        key: [
            f"{r['import_ms'].get(key, 0):.1f} ({r['import_count'].get(key, 0)})"
            for r in everything
        ]
        for key in keys(everything, "import_ms")
        if max(r["import_ms"].get(key, 0) for r in everything) >= 0.5
    }
    rows["(smaller buckets)"] = [
        f"{sum(v for k, v in r['import_ms'].items() if k not in rows):.1f}" for r in everything
    ]
    rows["= total"] = [
        f"{sum(r['import_ms'].values()):.1f} ({sum(r['import_count'].values())})"
        for r in everything
    ]
    lines += table("bucket", cols, rows)
    lines.append(
        "imported after the icon (Background.start: hotkeys, ...): "
        f"empty {empty['after_icon_ms']:.1f} ms ({empty['after_icon_count']} modules), "
        f"five years {five['after_icon_ms']:.1f} ms ({five['after_icon_count']} modules)"
    )
    lines += [
        "",
        "== (a) wall time per start-up step, ms from launch: median start / duration "
        "(no importtime) ==",
    ]
    names = list(dict.fromkeys(name for r in (empty, five) for name, _, _ in r["steps"]))

    def cell(result: dict[str, Any], name: str) -> str:
        for step, start, duration in result["steps"]:
            if step == name:
                return (
                    f"{start:7.1f} / {duration:6.1f}"
                    if not math.isnan(start)
                    else f"{duration:6.1f}"
                )
        return "-"

    rows = {name: [cell(empty, name), cell(five, name)] for name in names}
    rows["floor (median, alternating): launch → tray icon"] = [
        f"{statistics.median(empty['floor_launch_ms'] or [floor['launch_s'] * 1e3]):.1f}",
        f"{statistics.median(five['floor_launch_ms'] or [floor['launch_s'] * 1e3]):.1f}",
    ]
    lines += table("step", cols[:2], rows)
    lines += [
        "",
        f"== (b) memory {idle_s:.0f} s after the icon: RSS / PSS MB from /proc/PID/smaps ==",
    ]
    rows = {
        key: [
            f"{r['smaps'].get(key, (0, 0))[0]:.1f} / {r['smaps'].get(key, (0, 0))[1]:.1f}"
            for r in everything
        ]
        for key in keys(everything, "smaps")
        if max(r["smaps"].get(key, (0, 0))[0] for r in everything) >= 0.3
    }
    rows["(smaller groups)"] = [
        f"{sum(v[0] for k, v in r['smaps'].items() if k not in rows):.1f} / "
        f"{sum(v[1] for k, v in r['smaps'].items() if k not in rows):.1f}"
        for r in everything
    ]
    rows["= total (smaps_rollup)"] = [
        f"{r['totals'][0]:.1f} / {r['totals'][1]:.1f}" for r in everything
    ]
    rows["ratio to the floor"] = [
        f"{r['totals'][0] / floor['totals'][0]:.2f} / {r['totals'][1] / floor['totals'][1]:.2f}"
        for r in everything
    ]
    lines += table("mapping group", cols, rows)
    lines += [
        "",
        f"== (b) Python allocations live {idle_s:.0f} s after the icon, MB (tracemalloc); "
        "modules in sys.modules ==",
    ]
    rows = {
        key: [
            f"{r['python_mb'].get(key, 0):.2f} MB, {r['modules'].get(key, 0)} mod"
            for r in (empty, five)
        ]
        for key in keys((empty, five), "python_mb")
        if max(r["python_mb"].get(key, 0) for r in (empty, five)) >= 0.05
    }
    rows["= total"] = [
        f"{sum(r['python_mb'].values()):.2f} MB, {sum(r['modules'].values())} mod"
        for r in (empty, five)
    ]
    lines += table("bucket", cols[:2], rows)
    for label, r in (("empty", empty), ("five years", five)):
        lines.append(
            f"{label}: sessions held {r['sessions_held']}; Python threads {r['threads']}; "
            f"native threads {len(r['native_threads'])} {sorted(r['native_threads'])}"
        )
    lines.append(
        f"floor: native threads {len(floor['native_threads'])} {sorted(floor['native_threads'])}"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle-s", type=float, default=20)
    parser.add_argument("--runs", type=int, default=3, help="launches per history for the steps")
    parser.add_argument(
        "--quick", action="store_true", help="idle 5 s instead of --idle-s, one launch"
    )
    args = parser.parse_args()
    idle_s, runs = (5.0, 1) if args.quick else (args.idle_s, args.runs)
    installed_focusmate()
    work = Path(tempfile.mkdtemp(prefix="fm-breakdown-"))
    source = work / "history.json"
    source.write_text(json.dumps(export_document(history(5, 1, datetime.now(UTC)))))
    seed = work / "five-years"
    subprocess.run(
        [installed_focusmate(), "--data-dir", str(seed), "import", str(source)],
        check=True,
        capture_output=True,
    )
    try:
        with HeadlessDesktop() as desktop:
            empty = measure(desktop, work, "empty history", None, idle_s=idle_s, runs=runs)
            five = measure(desktop, work, "five-year history", seed, idle_s=idle_s, runs=runs)
            floor = measure_floor(desktop, work, idle_s)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n".join(report(empty, five, floor, idle_s)))


if __name__ == "__main__":
    main()
