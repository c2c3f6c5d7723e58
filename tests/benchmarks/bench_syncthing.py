"""Benchmark: what the real sync engine of issue 19's tests costs and takes, Syncthing 1.19 on
loopback (tests/sync_engines/syncthing.py).

Prints, over several pairs of daemons: start to ready (REST answering, offline options
confirmed), configured to connected, and stop; and over several files on one pair: a new
1 KB and a new 1 MB file from a to b, an appended line a to b, a new file b to a, and a
deletion a to b, each from the write to the bytes (or their absence) on the other side.
The folder watcher's 1 s delay (fsWatcherDelayS) is in every transfer figure.
Standard library only, so it also runs with a bare python3 (a fresh root's).

    python3 tests/benchmarks/bench_syncthing.py [--pairs 3] [--files 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: tests.*

from tests.sync_engines.syncthing import SyncthingPair


def line(what: str, seconds: list[float]) -> None:
    print(
        f"{what:<34} median {statistics.median(seconds):6.3f} s"
        f"   min {min(seconds):6.3f}   max {max(seconds):6.3f}   (n={len(seconds)})"
    )


def pair_figures(root: Path, pairs: int) -> None:
    figures: dict[str, list[float]] = {}
    for index in range(pairs):
        pair = SyncthingPair(root / f"pair-{index}").start()
        began = time.monotonic()
        pair.stop()
        for step, seconds in pair.timings_s.items():
            figures.setdefault(step, []).append(seconds)
        figures.setdefault("stop (both, shutdown to reaped)", []).append(time.monotonic() - began)
    for step, seconds in figures.items():
        line(step, seconds)


def transfer_figures(root: Path, files: int) -> None:
    with SyncthingPair(root / "transfers") as pair:
        kilobyte, megabyte = os.urandom(1024), os.urandom(1024 * 1024)

        def new_file(data: bytes) -> Callable[[int], float]:
            def run(n: int) -> float:
                (pair.a.folder / f"new-{len(data)}-{n}").write_bytes(data)
                return pair.wait_synced(f"new-{len(data)}-{n}")

            return run

        def append(n: int) -> float:
            log = pair.a.folder / "appended.log"
            with log.open("ab") as appending:
                appending.write(f'{{"change": {n}}}\n'.encode())
            return pair.wait_synced("appended.log")

        def back(n: int) -> float:
            (pair.b.folder / f"back-{n}").write_bytes(kilobyte)
            return pair.wait_synced(f"back-{n}", source=pair.b)

        def delete(n: int) -> float:
            (pair.a.folder / f"new-1024-{n}").unlink()
            return pair.wait_gone(f"new-1024-{n}")

        (pair.a.folder / "appended.log").write_bytes(b'{"change": 0}\n')
        pair.wait_synced("appended.log")
        for what, run in (
            ("new 1 KB file a -> b", new_file(kilobyte)),
            ("new 1 MB file a -> b", new_file(megabyte)),
            ("appended line a -> b", append),
            ("new 1 KB file b -> a", back),
            ("deletion a -> b", delete),
        ):
            line(what, [run(n) for n in range(files)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=3, help="pairs started and stopped")
    parser.add_argument("--files", type=int, default=5, help="transfers of each kind")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-syncthing-") as folder:
        root = Path(folder)
        pair_figures(root, args.pairs)
        transfer_figures(root, args.files)


if __name__ == "__main__":
    main()
