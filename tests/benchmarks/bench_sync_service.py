"""Benchmark: sync in the app's own code (services.sync_service) with five years of history
(~2,600 sessions), encrypted, on a local folder (issue 19's targets: a joining device
complete in <= 2 s; an incremental merge of one new session <= 50 ms).

Two desks (controller + SyncService, each its own data folder) share one folder:
- the laptop turns sync on with its five-year history (publishing it);
- the office joins: from `enable` to every session in its store (the snapshot the laptop
  wrote, the tails, core's merge, the controller's one write of 2,600 sessions);
- the laptop ends one new session: from the office's poll to that session in its store
  (read, decrypt, merge, write: the incremental merge in the running app), median of --runs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_sync_service.py
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: tests.*

from PySide6.QtCore import QCoreApplication

from focusmate.desktop.secrets import MemorySecretStore
from focusmate.services.controller import SessionController
from focusmate.services.sync_service import SyncService
from focusmate.storage.repository import TinyDBSessionRepository
from tests.benchmarks.make_history import history
from tests.fakes import FakeClock

PASSPHRASE = "a passphrase for the benchmark"  # noqa: S105 - a benchmark's own folder


SECRETS = MemorySecretStore()


def desk(root: Path, name: str, clock: FakeClock) -> tuple[SessionController, SyncService]:
    numbers = itertools.count(1)
    controller = SessionController(
        TinyDBSessionRepository(root / name), clock, lambda: f"{name}-{next(numbers)}"
    )
    return controller, SyncService(controller, root / name, SECRETS, clock)


def until(app: QCoreApplication, done: Callable[[], bool], timeout_s: float = 60) -> float:
    began = time.perf_counter()
    while not done():
        app.processEvents()
        if time.perf_counter() - began > timeout_s:
            raise TimeoutError("not done in time")
        time.sleep(0.001)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()
    app = QCoreApplication.instance() or QCoreApplication([])
    clock = FakeClock(datetime(2026, 12, 3, 8, 0, tzinfo=UTC))
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        share = root / "share"
        share.mkdir()
        laptop, laptop_sync = desk(root, "laptop", clock)
        past = history(args.years, 1, clock.now())
        laptop.import_sessions(past)
        print(f"{len(past)} sessions, {sum(len(s.marks) for s in past)} marks")
        began = time.perf_counter()
        laptop_sync.enable(str(share), PASSPHRASE, "Laptop")
        until(app, lambda: laptop_sync.status()["state"] == "in sync")
        spent = time.perf_counter() - began
        print(f"enable with the history (its publishing, then the snapshot): {spent:.2f} s")
        laptop_sync.stop()  # the snapshot written, the state kept
        laptop, laptop_sync = desk(root, "laptop", clock)
        laptop_sync.start()
        until(app, lambda: laptop_sync.status().get("state") == "in sync")

        office, office_sync = desk(root, "office", clock)
        began = time.perf_counter()
        office_sync.enable(str(share), PASSPHRASE, "Office")
        spent = until(app, lambda: len(office.all_sessions()) == len(past))
        print(f"join: enable to {len(past)} sessions in the office's store: {spent:.2f} s")

        times, ends, merges = [], [], []
        for _ in range(args.runs):
            laptop.start("Jordan", 30)
            for _ in range(6):
                clock.advance(seconds=60)
                laptop.mark("phone")
            began = time.perf_counter()
            laptop.end()
            ends.append(time.perf_counter() - began)
            session = laptop.all_sessions()[-1]
            time.sleep(0.3)  # the laptop's worker has written it
            began = time.perf_counter()
            office_sync.poll_now()
            until(app, lambda s=session: office.session(s.id) == s)  # type: ignore[misc]
            times.append(time.perf_counter() - began)
            merges.append(office_sync.status()["last_merge"]["merge_ms"])
            clock.advance(hours=1)
        print(
            f"one new session: poll, decrypt, merge, store write: median "
            f"{statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f} ms)"
        )
        print(f"  of which core's merge (SyncBook.take): median {statistics.median(merges):.1f} ms")
        print(
            "  and the store's write of the history file, as when a session ends here ("
            f"the laptop's own end(): {statistics.median(ends) * 1000:.0f} ms)"
        )
        laptop_sync.stop()
        office_sync.stop()


if __name__ == "__main__":
    main()
