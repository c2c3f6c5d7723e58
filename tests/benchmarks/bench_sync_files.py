"""Benchmark: the sync folder's files with five years of history (issue 19's targets: a
joining device complete in <= 2 s including the merge; an incremental merge of one session
<= 50 ms). Only the files' part is measured here (listing, reading, decrypting, parsing,
writing); the merge is core's and is timed on its own.

The history: ~2,600 sessions over five years on three devices (a laptop, a desk computer, a
second laptop), each session ~23 changes (started, checked in, marks, ended, the reflection's
answers and texts, the pulse): ~60,000 changes, a new segment for each day a device was
used (the app starts each morning), so ~2,600 segment files.

Printed, encrypted and plain, median of --runs:
- a joining device reading every segment (no snapshot), and from the newest snapshot (one
  sealed file holding all 60,000 changes as the state: no compaction, the worst case) plus
  the day's tails;
- writing that snapshot;
- the passphrase's key (Argon2id), once per start;
- publishing one batch (a mark; a whole session) durably: outbox, segment, fsyncs;
- an incremental poll after another device published one session, and its acknowledge
  (the read marks saved in the data folder).

    .venv/bin/python tests/benchmarks/bench_sync_files.py [--runs 5] [--dir /tmp/x]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: tests.*

from focusmate.sync.codec import Codec
from focusmate.sync.format_file import Mode, create_folder
from focusmate.sync.keys import derive_key, new_kdf_settings
from focusmate.sync.local_folder import LocalFolder
from focusmate.sync.log_writer import LogWriter
from focusmate.sync.names import ROOT
from focusmate.sync.sync_folder import Install, SyncFolder

DEVICES = (("laptop01", 0.6), ("desk0001", 0.35), ("laptop02", 0.05))
PEOPLE = ("Jordan", "Sam", "Priya", "Alex", "Morgan", "Chen", "Dana", "Luis")
START = datetime(2021, 12, 1, tzinfo=UTC)
PASSPHRASE = "a long passphrase for the benchmark"  # noqa: S105 - a benchmark's own folder

Change = dict[str, object]


class Clock:
    """Time-ordered ids and hybrid-logical-clock strings, as core would make them."""

    def __init__(self) -> None:
        self.counter = 0

    def stamp(self, device: str, at: datetime, change_type: str, **payload: object) -> Change:
        self.counter += 1
        ms = int(at.timestamp() * 1000)
        return {
            "id": f"{ms:013x}{self.counter:06x}{device}",
            "hlc": f"{ms:015d}-{self.counter % 65536:04x}-{device}",
            "device": device,
            "type": change_type,
            "v": 1,
            **payload,
        }


def session_changes(clock: Clock, rng: random.Random, device: str, start: datetime) -> list[Change]:
    sid = f"{device}-{int(start.timestamp())}"
    person = rng.choice(PEOPLE)
    minutes = rng.randint(15, 55)
    out = [
        clock.stamp(
            device,
            start,
            "session-started",
            session=sid,
            person=person,
            kind="coaching",
            planned_minutes=30,
        ),
        clock.stamp(
            device,
            start,
            "checked-in",
            session=sid,
            focus="pipeline review",
            intention="ask before advising",
        ),
    ]
    for m in sorted(rng.sample(range(minutes), k=min(minutes, rng.randint(4, 20)))):
        at = start + timedelta(minutes=m, seconds=rng.randint(0, 59))
        out.append(
            clock.stamp(
                device,
                at,
                "mark-added",
                session=sid,
                mark=f"m{m}",
                kind=rng.choice(("phone", "phone", "app", "interrupted")),
            )
        )
    end = start + timedelta(minutes=minutes)
    out.append(clock.stamp(device, end, "session-ended", session=sid, ended_at=end.isoformat()))
    for question in (
        "fully_present",
        "person_over_phone",
        "understood_before_advising",
        "respect_like_top_client",
    ):
        out.append(
            clock.stamp(
                device,
                end,
                "reflection-answer",
                session=sid,
                question=question,
                answer=rng.randint(1, 5),
            )
        )
    out.append(
        clock.stamp(
            device,
            end,
            "reflection-text",
            session=sid,
            field="worry",
            text="worried about the quarter and whether the team trusts the plan",
        )
    )
    out.append(
        clock.stamp(
            device,
            end,
            "reflection-text",
            session=sid,
            field="next",
            text="listen longer before answering; ask what they would do",
        )
    )
    if rng.random() < 0.4:
        for item in ("heard", "clear", "useful"):
            out.append(
                clock.stamp(
                    device, end, "pulse-answer", session=sid, item=item, answer=rng.randint(1, 5)
                )
            )
    return out


def history() -> dict[tuple[str, datetime], list[Change]]:
    """Five years of changes by (device, day), two sessions a weekday."""
    rng = random.Random(19)
    clock = Clock()
    days: dict[tuple[str, datetime], list[Change]] = {}
    day = START
    while day < START + timedelta(days=365 * 5):
        if day.weekday() < 5:
            for hour in (rng.choice((9, 10, 11)), rng.choice((14, 15, 16))):
                device = rng.choices([d for d, _ in DEVICES], [w for _, w in DEVICES])[0]
                at = day.replace(hour=hour)
                days.setdefault((device, day), []).extend(session_changes(clock, rng, device, at))
        day += timedelta(days=1)
    return days


class QuickFolder(LocalFolder):
    """For laying the history down only: appends without fsync (thousands of them)."""

    def append(self, path: str, data: bytes, expected_size: int) -> None:
        with self.path(path).open("ab") as handle:
            handle.write(data)


def lay_down(share: Path, codec: Codec, days: dict[tuple[str, datetime], list[Change]]) -> None:
    for (device, _day), changes in sorted(days.items(), key=lambda item: item[0][1]):
        LogWriter(QuickFolder(share), codec, device).append(changes)  # one run, one segment


def median_s(
    runs: int, work: Callable[[], object], before: Callable[[], object] | None = None
) -> float:
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def bench_mode(
    work: Path, mode: Mode, days: dict[tuple[str, datetime], list[Change]], runs: int
) -> None:
    share = work / mode.name.lower()
    share.mkdir()
    passphrase = PASSPHRASE if mode is Mode.ENCRYPTED else None
    codec = create_folder(LocalFolder(share), mode, passphrase)
    lay_down(share, codec, days)
    total = sum(len(c) for c in days.values())
    segments = len(list((share / ROOT).rglob("log-*.jsonl")))
    size_mb = sum(p.stat().st_size for p in (share / ROOT).rglob("log-*")) / 1e6
    print(f"\n{mode.name.lower()}: {total} changes in {segments} segments, {size_mb:.1f} MB")

    def install(name: str) -> Install:
        return Install(name, name, work / f"{mode.name}-data-{name}")

    def fresh(name: str) -> SyncFolder:
        shutil.rmtree(work / f"{mode.name}-data-{name}", ignore_errors=True)
        return SyncFolder(LocalFolder(share), codec, install(name))

    def join_all() -> None:
        incoming = fresh("joiner").join()
        assert incoming is not None and len(incoming.changes) == total, "not all read"

    print(f"  join, reading every segment     {ms(median_s(runs, join_all))}")
    laptop = SyncFolder(LocalFolder(share), codec, install("laptop01"))
    first = laptop.join()
    assert first is not None
    laptop.acknowledge(first)
    state = {"changes": [c for changes in days.values() for c in changes]}
    hlc = max(str(c["hlc"]) for c in state["changes"])  # type: ignore[union-attr]
    written = median_s(runs, lambda: laptop.write_snapshot(hlc, state))
    print(f"  write a snapshot (all changes)  {ms(written)}")
    snapshot = next((share / ROOT / "devices" / "laptop01").glob("snapshot-*"))
    print(f"    its size                      {snapshot.stat().st_size / 1e6:8.1f} MB")
    rng = random.Random(7)
    clock = Clock()
    desk = SyncFolder(LocalFolder(share), codec, install("desk0001"))
    today = START + timedelta(days=365 * 5 + 1, hours=9)
    desk.publish(session_changes(clock, rng, "desk0001", today))  # the day's tail after it

    def join_from_snapshot() -> None:
        incoming = fresh("joiner").join()
        assert incoming is not None and incoming.snapshot_state is not None, "no snapshot"

    print(f"  join from the snapshot + tails  {ms(median_s(runs, join_from_snapshot))}")

    mark = [clock.stamp("desk0001", today, "mark-added", session="x", mark="m", kind="phone")]
    print(f"  publish one mark                {ms(median_s(runs * 6, lambda: desk.publish(mark)))}")
    session = session_changes(clock, rng, "desk0001", today + timedelta(hours=2))
    print(
        f"  publish one session (batch)     {ms(median_s(runs * 6, lambda: desk.publish(session)))}"
    )

    reader = laptop
    caught_up = reader.poll()
    assert caught_up is not None
    reader.acknowledge(caught_up)
    polls: list[float] = []
    acks: list[float] = []
    for n in range(runs * 6):
        desk.publish(session_changes(clock, rng, "desk0001", today + timedelta(hours=3, minutes=n)))
        started = time.perf_counter()
        incoming = reader.poll()
        polls.append(time.perf_counter() - started)
        assert incoming is not None and incoming.changes, "nothing new read"
        started = time.perf_counter()
        reader.acknowledge(incoming)
        acks.append(time.perf_counter() - started)
    print(f"  incremental poll of one session {ms(statistics.median(polls))}")
    print(f"  its acknowledge (marks saved)   {ms(statistics.median(acks))}")
    started = time.perf_counter()
    idle = reader.poll()
    print(f"  a poll with nothing new         {ms(time.perf_counter() - started)}")
    assert idle is not None and not idle.changes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=None, help="where to lay the folders down")
    args = parser.parse_args()
    settings = new_kdf_settings()
    started = time.perf_counter()
    derive_key(PASSPHRASE, settings)
    print(f"key from the passphrase ({settings.name}) {ms(time.perf_counter() - started)}")
    days = history()
    with tempfile.TemporaryDirectory(dir=args.dir) as temporary:
        for mode in (Mode.ENCRYPTED, Mode.PLAIN):
            bench_mode(Path(temporary), mode, days, args.runs)


if __name__ == "__main__":
    main()
