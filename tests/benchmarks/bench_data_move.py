"""Benchmark: moving the data folder with five years of history (~2,600 sessions).

The folder holds what a long-time user's does: the history (~1.9 MB), five rotated backups
of it, settings and the reminder log. Prints the move itself (copy with fsync, read back
byte for byte, parse both histories, switch the data location file, remove the old files)
on this disk and, where there is one, on a tmpfs, and `focusmate move-data` as a whole
process (Python start-up included, no app running).

    .venv/bin/python tests/benchmarks/bench_data_move.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: tests.*

from focusmate.core.settings import Settings
from focusmate.desktop.locations import LOCK_FILE_NAME, POINTER_FILE_NAME, DataPointer
from focusmate.storage.backups import take_backup
from focusmate.storage.data_move import move_data
from focusmate.storage.reminder_log import FileReminderLog
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.storage.settings_store import save_settings
from tests.benchmarks.make_history import history

FOCUSMATE = str(Path(sys.executable).with_name("focusmate"))
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def long_time_users_folder(folder: Path) -> int:
    sessions = history(5, seed=1, end=NOW)
    repository = TinyDBSessionRepository(folder)
    for day in range(5):  # five distinct backups, as after five days of sessions
        repository.save_many(sessions[: len(sessions) - 5 + day])
        take_backup(folder, NOW + timedelta(days=day))
    repository.save_many(sessions)
    save_settings(folder, Settings())
    FileReminderLog(folder).record_shown(NOW)
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def time_moves(root: Path, runs: int) -> list[float]:
    here, there = root / "a", root / "b"
    long_time_users_folder(here)
    pointer = DataPointer(root / "config" / POINTER_FILE_NAME)
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        move_data(here, there, pointer, leave=(LOCK_FILE_NAME, POINTER_FILE_NAME))
        seconds.append(time.perf_counter() - started)
        here, there = there, here
    return seconds


def time_cli(root: Path, runs: int) -> list[float]:
    env = {**os.environ, "XDG_DATA_HOME": str(root / "data"), "XDG_CONFIG_HOME": str(root / "c")}
    env.pop("FOCUSMATE_DATA_DIR", None)
    long_time_users_folder(root / "data" / "focusmate")
    seconds = []
    for run in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [FOCUSMATE, "move-data", str(root / f"moved-{run}")],
            env=env,
            check=True,
            capture_output=True,
        )
        seconds.append(time.perf_counter() - started)
    return seconds


def show(what: str, seconds: list[float]) -> None:
    print(
        f"{what}: median {statistics.median(seconds):.3f} s "
        f"(min {min(seconds):.3f}, max {max(seconds):.3f}, {len(seconds)} runs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=Path.home()) as tmp:
        size = long_time_users_folder(Path(tmp) / "probe")
        files = sum(1 for p in (Path(tmp) / "probe").rglob("*") if p.is_file())
        print(f"five-year data folder: {files} files, {size / 1e6:.1f} MB")
        show("move on this disk", time_moves(Path(tmp) / "disk", args.runs))
        show("`focusmate move-data` (whole process)", time_cli(Path(tmp) / "cli", args.runs))
    if Path("/dev/shm").is_dir():
        with tempfile.TemporaryDirectory(dir="/dev/shm") as tmp:
            show("move on a tmpfs", time_moves(Path(tmp), args.runs))


if __name__ == "__main__":
    main()
