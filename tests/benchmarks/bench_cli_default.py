"""Benchmark: `focusmate log phone` as most users type it, without --data-dir, against an app
that runs as theirs does (no --data-dir: the default data folder, its own XDG folders), from
the venv install.sh makes (bench_cli.installed_venv), next to the same command given the
folder and to `python -c pass`, alternating. The app answers on client_paths.DEFAULT_SOCKET,
so the command need not work the folder out (issue 18). Not part of the test suite:

    .venv/bin/python tests/benchmarks/bench_cli_default.py [--runs 50] [--warmup 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: tests.*

from tests.benchmarks.bench_cli import REPOSITORY, figures, installed_venv, timed_ms
from tests.e2e.desktop import HeadlessDesktop
from tests.e2e.test_data_move_e2e import UsersApp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    venv = installed_venv(REPOSITORY)
    focusmate = str(venv / "bin" / "focusmate")
    work = Path(tempfile.mkdtemp(prefix="fm-bench-default-"))
    with HeadlessDesktop() as desktop:
        app = UsersApp(desktop, work / "home")
        assert app.cli("start", "--with", "Bench").returncode == 0
        commands = {
            "log phone, no --data-dir": [focusmate, "log", "phone"],
            "log phone --data-dir": [focusmate, "--data-dir", str(app.data_dir), "log", "phone"],
            "python -c pass": [str(venv / "bin" / "python"), "-c", "pass"],
        }
        times: dict[str, list[float]] = {label: [] for label in commands}

        for round_ in range(args.warmup + args.runs):  # alternating: the load falls on all
            for label, argv in commands.items():
                taken = timed_ms(lambda argv=argv: desktop.run(argv, extra_env=app.env))
                if round_ >= args.warmup:
                    times[label].append(taken)
        marks = app.cli("status", "--json").stdout
        desktop.terminate(app.proc)
    print(f"{sys.executable}, installed venv {venv}, runs={args.runs} after {args.warmup}")
    for label, values in times.items():
        print(figures(label, values))
    print(f"the app's session after the runs: {marks.strip()[:160]}")


if __name__ == "__main__":
    main()
