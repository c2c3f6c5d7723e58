"""Benchmark: the command-line client's whole process against the running app (issue 18,
deliverable 4), next to the interpreter's own floor.

Runs the installed `focusmate` (the console script, as a user types it) against a focusmate
running headless on a real desktop (Xvfb + D-Bus + trayer + dunst, as bench_loop.py does)
with the five-year history (make_history.py), and prints, for each command, p50 / p99 / max
of the whole process (fork, interpreter, imports, connect, the app's work, exit), after a
warm-up, next to `python -c pass` and `python -S -c pass` run the same way, and `log phone`
without --data-dir (the folder named by the data location file, as most users run it). Then
what the client imports for `log phone`: -X importtime's sum after site, the modules loaded
and any of Qt, TinyDB, pynput, jeepney or icalendar among them (invariant 13). Not part
of the test suite: run it by hand. The machine is shared: run it more than once and compare
medians.

A user's `focusmate` is not the dev venv's: packaging/install.sh makes a non-editable venv
(no editable finder, no extra .pth files, so a faster `python -c pass`). The rounds at the
end time each checkout's commands both ways, alternately: its own such venv (built the
install.sh way, one per checkout under /tmp, made again when its package changes) and the
dev venv.

    .venv/bin/python tests/benchmarks/bench_cli.py [--runs 50] [--warmup 5] [--before DIR]
        [--venv both|installed|dev]
"""

from __future__ import annotations

import argparse
import compileall
import functools
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: tests.*

from focusmate.core.protocol import Message
from focusmate.desktop import ipc_client
from focusmate.desktop.locations import DataPointer, server_name
from tests.benchmarks.figures import percentile
from tests.benchmarks.make_history import imported_history
from tests.e2e.desktop import HeadlessDesktop
from tests.e2e.focusmate_app import RunningApp, installed_focusmate

REPOSITORY = Path(__file__).resolve().parents[2]
#: Top-level packages the socket commands must not load (ARCHITECTURE invariant 13).
HEAVY = ("PySide6", "shiboken6", "tinydb", "pynput", "jeepney", "icalendar")
#: How often -X importtime runs `log phone` (its figures vary less than whole processes).
IMPORT_RUNS = 15

#: A checkout's command line run as its console script would be, from that checkout alone
#: (-P: not from the current folder; PYTHONPATH names the checkout).
FROM_CHECKOUT = "import sys; sys.argv[0] = 'focusmate'; from focusmate.__main__ import main; main()"
#: One round of --before: every socket command once, in an order each one's state allows.
ROUND = (
    ("status",),
    ("status", "--json"),
    ("start", "--with", "Bench"),
    ("log", "phone"),
    ("end",),
)

Run = Callable[[], subprocess.CompletedProcess[str]]


def timed_ms(run: Run) -> float:
    before = time.perf_counter()
    result = run()
    elapsed = (time.perf_counter() - before) * 1000
    if result.returncode != 0:
        raise RuntimeError(f"exit {result.returncode}: {result.stderr.strip()}")
    return elapsed


def answer_ms(server: str, request: Message) -> float:
    """The app's answer alone: the request sent from this process, already running."""
    before = time.perf_counter()
    response = ipc_client.request(server, request)
    elapsed = (time.perf_counter() - before) * 1000
    if not response["ok"]:
        raise RuntimeError(str(response))
    return elapsed


def app_server(app: RunningApp) -> str:
    """The running app's socket, named as in the desktop's environment (its runtime folder)."""
    with mock.patch.dict(os.environ, {"XDG_RUNTIME_DIR": app.desktop.env["XDG_RUNTIME_DIR"]}):
        return server_name(app.data_dir)


def series_ms(run: Run, runs: int, warmup: int) -> list[float]:
    """``runs`` timings of ``run`` after ``warmup`` untimed ones."""
    for _ in range(warmup):
        timed_ms(run)
    return [timed_ms(run) for _ in range(runs)]


def figures(label: str, values: Sequence[float]) -> str:
    ordered = list(values)
    return (
        f"{label:<30} p50 {percentile(ordered, 50):6.1f} ms   p99 {percentile(ordered, 99):6.1f} ms"
        f"   max {max(ordered):6.1f} ms   (n={len(ordered)})"
    )


def command_lines(app: RunningApp, argv: Sequence[str], args: argparse.Namespace) -> list[str]:
    """``focusmate ARGV`` as a whole process, then the app's answer to its request alone."""
    request: Message = {"cmd": argv[0]} | ({"kind": argv[1]} if argv[0] == "log" else {})
    server = app_server(app)
    whole = series_ms(functools.partial(app.cli, *argv), args.runs, args.warmup)
    answers = [answer_ms(server, request) for _ in range(args.warmup + args.runs)]
    return [
        figures(f"focusmate {' '.join(argv)}", whole),
        figures("  the app's answer alone", answers[args.warmup :]),
    ]


def start_end_lines(app: RunningApp, args: argparse.Namespace) -> list[str]:
    """`start --with Bench` and `end`, alternately (each needs the other's state), as whole
    processes and then as the app's answers alone."""
    start = ("start", "--with", "Bench", "--minutes", "30")
    request: Message = {"cmd": "start", "with": "Bench", "minutes": 30, "focus": ""}
    server = app_server(app)
    timings: dict[str, list[float]] = {name: [] for name in ("start", "end", "a_start", "a_end")}
    for n in range(args.warmup + args.runs):
        pair = {"start": timed_ms(lambda: app.cli(*start)), "end": timed_ms(lambda: app.cli("end"))}
        pair |= {"a_start": answer_ms(server, request), "a_end": answer_ms(server, {"cmd": "end"})}
        for name, value in pair.items():
            if n >= args.warmup:
                timings[name].append(value)
    return [
        figures("focusmate start --with Bench", timings["start"]),
        figures("  the app's answer alone", timings["a_start"]),
        figures("focusmate end", timings["end"]),
        figures("  the app's answer alone", timings["a_end"]),
    ]


def pointer_lines(app: RunningApp, args: argparse.Namespace) -> list[str]:
    """`log phone` as most users type it, without --data-dir: from this checkout's installed
    venv, the folder named by the data location file (read through desktop.locations, which
    loads pathlib and platformdirs), to set beside the same command given --data-dir."""
    config = app.desktop.env["XDG_CONFIG_HOME"]
    with mock.patch.dict(os.environ, {"XDG_CONFIG_HOME": config}):
        DataPointer().point_to(app.data_dir)
    focusmate = str(installed_venv(REPOSITORY) / "bin" / "focusmate")
    run = functools.partial(app.desktop.run, [focusmate, "log", "phone"])
    label = "installed: log phone, no --data-dir (data location file)"
    return [figures(label, series_ms(run, args.runs, args.warmup))]


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


def floor_lines(desktop: HeadlessDesktop, args: argparse.Namespace) -> list[str]:
    pythons = {"dev venv": sys.executable}
    if args.venv != "dev":
        pythons["installed"] = str(installed_venv(REPOSITORY) / "bin" / "python")
    lines = []
    for name, python in pythons.items():
        for flags in ([], ["-S"]):
            run = functools.partial(desktop.run, [python, *flags, "-c", "pass"])
            label = f"floor ({name}): python {' '.join([*flags, '-c pass'])}"
            lines.append(figures(label, series_ms(run, args.runs, args.warmup)))
    return lines


Client = Callable[..., subprocess.CompletedProcess[str]]


def checkout_client(app: RunningApp, tree: Path) -> Client:
    """The checkout's commands run by the dev venv's Python (its editable finder and .pth
    files included), from that checkout."""

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-P", "-c", FROM_CHECKOUT, "--data-dir", str(app.data_dir)]
        return app.desktop.run([*command, *argv], extra_env={"PYTHONPATH": str(tree)})

    return run


def installed_client(app: RunningApp, venv: Path) -> Client:
    """The console script of a venv made the install.sh way, as a user types it."""

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        command = [str(venv / "bin" / "focusmate"), "--data-dir", str(app.data_dir)]
        return app.desktop.run([*command, *argv])

    return run


def installed_venv(tree: Path) -> Path:
    """A non-editable venv with ``tree`` installed as packaging/install.sh installs it: one
    per checkout under /tmp, kept between runs and made again when what is installed from
    it changes (the package's tree at its commit, or its uncommitted changes)."""
    git = ["git", "-C", str(tree)]
    trees = subprocess.run(
        [*git, "rev-parse", "HEAD:focusmate", "HEAD:pyproject.toml"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    changes = subprocess.run(
        [*git, "diff", "HEAD", "--", "focusmate", "pyproject.toml"], capture_output=True, check=True
    ).stdout
    stamp = hashlib.sha256(trees.encode() + changes).hexdigest()
    venv = (
        Path(tempfile.gettempdir())
        / "fm-bench-venvs"
        / hashlib.sha256(str(tree.resolve()).encode()).hexdigest()[:12]
    )
    if (venv / "installed-from").is_file() and (venv / "installed-from").read_text() == stamp:
        return venv
    print(f"installing {tree} into {venv} (packaging/pip_install.py, as install.sh does)")
    shutil.rmtree(venv, ignore_errors=True)  # about 0.8 GB (PySide6): one per checkout
    venv.parent.mkdir(exist_ok=True)
    subprocess.run(["python3", "-m", "venv", str(venv)], check=True)
    script = REPOSITORY / "packaging" / "pip_install.py"
    log = venv / "install.log"
    subprocess.run(
        [str(venv / "bin" / "python"), str(script), "--log", str(log), str(tree)], check=True
    )
    (venv / "installed-from").write_text(stamp)
    return venv


def clients_to_compare(app: RunningApp, args: argparse.Namespace) -> dict[str, Client]:
    trees = {"after": REPOSITORY} | ({"before": args.before} if args.before else {})
    clients: dict[str, Client] = {}
    for name, tree in trees.items():
        if args.venv in {"both", "installed"}:
            clients[f"installed {name}"] = installed_client(app, installed_venv(tree))
        if args.venv in {"both", "dev"}:
            clients[f"dev venv {name}"] = checkout_client(app, tree)
    return clients


def compared_lines(
    app: RunningApp, clients: dict[str, Client], args: argparse.Namespace
) -> list[str]:
    """The socket commands of each client, round after round against the same app: the load
    of a shared machine falls on all alike."""
    timings: dict[tuple[str, str], list[float]] = {}
    for n in range(args.warmup + args.runs):
        for name, client in clients.items():
            for argv in ROUND:
                elapsed = timed_ms(functools.partial(client, *argv))
                if n >= args.warmup:
                    timings.setdefault((" ".join(argv), name), []).append(elapsed)
    lines = [f"alternately: {', '.join(clients)} (before: {args.before}, after: {REPOSITORY}):"]
    for argv in ROUND:
        for name in clients:
            lines.append(figures(f"  {' '.join(argv)}: {name}", timings[" ".join(argv), name]))
    return lines


def measure(desktop: HeadlessDesktop, data: Path, args: argparse.Namespace) -> list[str]:
    app = RunningApp(desktop, data)
    try:
        lines = floor_lines(desktop, args)
        lines += command_lines(app, ["status"], args) + command_lines(
            app, ["status", "--json"], args
        )
        lines += start_end_lines(app, args)
        timed_ms(lambda: app.cli("start", "--with", "Bench"))
        lines += command_lines(app, ["log", "phone"], args)
        if args.venv != "dev":
            lines += pointer_lines(app, args)
        argv = [installed_focusmate(), "--data-dir", str(data), "log", "phone"]
        profiles = [import_profile(desktop, argv) for _ in range(IMPORT_RUNS)]
        timed_ms(lambda: app.cli("end"))
        lines += compared_lines(app, clients_to_compare(app, args), args)
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
    parser.add_argument(
        "--before",
        type=Path,
        metavar="DIR",
        help="also time the socket commands of an earlier checkout (git worktree add DIR "
        "COMMIT) against this one's, alternately",
    )
    parser.add_argument(
        "--venv",
        choices=("both", "installed", "dev"),
        default="both",
        help="time each checkout from a venv made the install.sh way, the dev venv, or both",
    )
    args = parser.parse_args()
    # As an install leaves them: without up-to-date .pyc files (PYTHONDONTWRITEBYTECODE, a
    # fresh checkout) every run would compile the modules changed since, and time that too.
    for tree in (REPOSITORY, args.before):
        if tree is not None and not compileall.compile_dir(tree / "focusmate", quiet=1):
            raise SystemExit(f"cannot compile {tree / 'focusmate'}")
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
