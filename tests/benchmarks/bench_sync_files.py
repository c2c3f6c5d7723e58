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
  (the read marks saved in the data folder);
- the same on a WebDAV share (wsgidav on loopback; segments go on across runs up to 256 KB);
- end to end with core's merge (core.sync_*): a joining device and one new session.

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
from focusmate.sync.webdav_folder import SEGMENT_LIMIT_BYTES as WEBDAV_LIMIT_BYTES
from focusmate.sync.webdav_folder import WebDavFolder

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


def sessions_by_day(
    make: Callable[[str, datetime], list[Change]],
) -> dict[tuple[str, datetime], list[Change]]:
    """Five years of changes by (device, day), two sessions a weekday, from ``make``."""
    rng = random.Random(19)
    days: dict[tuple[str, datetime], list[Change]] = {}
    day = START
    while day < START + timedelta(days=365 * 5):
        if day.weekday() < 5:
            for hour in (rng.choice((9, 10, 11)), rng.choice((14, 15, 16))):
                device = rng.choices([d for d, _ in DEVICES], [w for _, w in DEVICES])[0]
                days.setdefault((device, day), []).extend(make(device, day.replace(hour=hour)))
        day += timedelta(days=1)
    return days


def history() -> dict[tuple[str, datetime], list[Change]]:
    """Five years of plausible opaque changes."""
    clock = Clock()
    rng = random.Random(20)
    return sessions_by_day(lambda device, at: session_changes(clock, rng, device, at))


class QuickFolder(LocalFolder):
    """For laying the history down only: appends without fsync (thousands of them)."""

    def append(self, path: str, data: bytes, expected_size: int) -> None:
        with self.path(path).open("ab") as handle:
            handle.write(data)


def lay_down(
    share: Path,
    codec: Codec,
    days: dict[tuple[str, datetime], list[Change]],
    folder: type[QuickFolder] | None = None,
) -> None:
    """Each day a device was used is a run of the app (a segment each, on a local folder)."""
    for (device, _day), changes in sorted(days.items(), key=lambda item: item[0][1]):
        LogWriter((folder or QuickFolder)(share), codec, device).append(changes)


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


class CoreSessions:
    """Sessions as core's records (core.sync_changes' contract): started with its check-in,
    marks, ended, the reflection, the pulse for some."""

    def __init__(self) -> None:
        self.rng = random.Random(19)
        self.counter = 0

    def session(self, device: str, start: datetime) -> list[Change]:
        from focusmate.core.model import CheckIn, Question, Reflection  # noqa: PLC0415
        from focusmate.core.pulse import Concern, PulseVia, RepPulse  # noqa: PLC0415
        from focusmate.core.sync_changes import (  # noqa: PLC0415
            MarkAdded,
            PulseSaved,
            ReflectionSaved,
            SessionEnded,
            SessionStarted,
        )

        rng = self.rng
        sid = f"{device}-{int(start.timestamp())}"
        minutes = rng.randint(15, 55)
        person = rng.choice(PEOPLE)
        out = [
            self.record(
                device, start, SessionStarted(sid, person, start, 30, "", "coaching", CheckIn())
            )
        ]
        for m in sorted(rng.sample(range(minutes), k=min(minutes, rng.randint(4, 30)))):
            at = start + timedelta(minutes=m)
            out.append(self.record(device, at, MarkAdded(sid, f"{sid}-{m}", "phone", at)))
        end = start + timedelta(minutes=minutes)
        out.append(self.record(device, end, SessionEnded(sid, end, 0)))
        answers = {q: rng.randint(1, 5) for q in Question}
        reflection = Reflection(answers, "they felt rushed", "listen longer", complete=True)
        out.append(self.record(device, end, ReflectionSaved(sid, reflection)))
        if rng.random() < 0.4:
            pulse = RepPulse(4, Concern.PARTLY, 4, "good talk", PulseVia.TYPED, end)
            out.append(self.record(device, end, PulseSaved(sid, pulse)))
        return out

    def record(self, device: str, at: datetime, payload: object) -> Change:
        from focusmate.core.sync_changes import Change as CoreChange  # noqa: PLC0415
        from focusmate.core.sync_changes import change_to_record  # noqa: PLC0415
        from focusmate.core.sync_clock import Hlc, millis  # noqa: PLC0415
        from focusmate.core.sync_ids import change_id  # noqa: PLC0415

        self.counter += 1
        wall = millis(at)
        stamp = Hlc(wall, self.counter % 65536, device)
        identifier = change_id(wall, self.rng.randbytes)
        return change_to_record(CoreChange(identifier, stamp, payload))  # type: ignore[arg-type]


def bench_with_core_merge(work: Path, runs: int) -> None:
    """Join and incremental merge end to end: these files, then core's merge."""
    from focusmate.core.sync_merge import MergedState, apply, fold  # noqa: PLC0415
    from focusmate.core.sync_records import change_from_record  # noqa: PLC0415
    from focusmate.core.sync_snapshot import load_snapshot, snapshot  # noqa: PLC0415

    maker = CoreSessions()
    days = sessions_by_day(maker.session)
    records = [r for changes in days.values() for r in changes]
    share = work / "core"
    share.mkdir()
    codec = create_folder(LocalFolder(share), Mode.ENCRYPTED, PASSPHRASE)
    lay_down(share, codec, days)
    print(f"\nwith core's merge, encrypted: {len(records)} changes (core's record contract)")
    started = time.perf_counter()
    state = fold(change_from_record(r) for r in records)
    print(f"  core alone: fold every change   {ms(time.perf_counter() - started)}")
    laptop = SyncFolder(LocalFolder(share), codec, Install("laptop01", "l", work / "core-l"))
    first = laptop.join()
    assert first is not None
    laptop.acknowledge(first)
    hlc = max(str(r["hlc"]) for r in records)
    assert laptop.write_snapshot(hlc, snapshot(state))
    desk = SyncFolder(LocalFolder(share), codec, Install("desk0001", "d", work / "core-d"))
    today = START + timedelta(days=365 * 5 + 1, hours=9)
    desk.publish(maker.session("desk0001", today))  # today's tail after the snapshot

    parts: dict[str, list[float]] = {"files": [], "load": [], "apply": [], "total": []}
    for _ in range(runs):
        shutil.rmtree(work / "core-j", ignore_errors=True)
        joiner = SyncFolder(LocalFolder(share), codec, Install("joiner", "j", work / "core-j"))
        t0 = time.perf_counter()
        incoming = joiner.join()
        t1 = time.perf_counter()
        assert incoming is not None and incoming.snapshot_state is not None
        loaded = load_snapshot(incoming.snapshot_state)
        assert isinstance(loaded, MergedState), loaded
        t2 = time.perf_counter()
        apply(loaded, (change_from_record(r) for r in incoming.changes))
        joiner.acknowledge(incoming)
        t3 = time.perf_counter()
        for key, spent in zip(parts, (t1 - t0, t2 - t1, t3 - t2, t3 - t0), strict=True):
            parts[key].append(spent)
    median = {key: statistics.median(values) for key, values in parts.items()}
    print(f"  join: snapshot, tails, merge    {ms(median['total'])}")
    print(f"    the files (sync.join)         {ms(median['files'])}")
    print(f"    core's load_snapshot          {ms(median['load'])}")
    print(f"    core's apply of the tails     {ms(median['apply'])}")
    caught = laptop.poll()
    assert caught is not None
    laptop.acknowledge(caught)
    times = []
    for n in range(runs * 4):
        desk.publish(maker.session("desk0001", today + timedelta(hours=1, minutes=n)))
        started = time.perf_counter()
        incoming = laptop.poll()
        assert incoming is not None and incoming.changes, "nothing new read"
        state = apply(state, (change_from_record(r) for r in incoming.changes))
        laptop.acknowledge(incoming)
        times.append(time.perf_counter() - started)
    print(f"  one new session: poll, merge, acknowledge {ms(statistics.median(times))}")


class QuickDavLayout(QuickFolder):
    """Lays the history down as the WebDAV writer leaves it: runs go on with the newest
    segment up to 256 KB."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, segment_limit_bytes=WEBDAV_LIMIT_BYTES)

    @property
    def whole_writes(self) -> bool:
        return True


def bench_webdav(work: Path, days: dict[tuple[str, datetime], list[Change]], runs: int) -> None:
    """The same history on a WebDAV share: wsgidav (Python, on loopback) serving it."""
    from tests.sync.webdav_server import PASSWORD, USER, WebDavServer  # noqa: PLC0415

    share = work / "dav"
    share.mkdir()
    codec = create_folder(LocalFolder(share), Mode.ENCRYPTED, PASSPHRASE)
    lay_down(share, codec, days, QuickDavLayout)
    segments = len(list((share / ROOT).rglob("log-*.jsonl")))
    print(f"\nwebdav (wsgidav on loopback), encrypted: {segments} segments")
    server = WebDavServer(share, work)
    server.start()
    try:

        def device(name: str) -> SyncFolder:
            shutil.rmtree(work / f"dav-{name}", ignore_errors=True)
            transport = WebDavFolder(server.url, (USER, PASSWORD))
            return SyncFolder(transport, codec, Install(name, name, work / f"dav-{name}"))

        def join_all() -> None:
            joiner = device("joiner")
            incoming = joiner.join()
            joiner.close()
            assert incoming is not None and incoming.changes, "nothing read"

        print(f"  join, reading every segment     {ms(median_s(runs, join_all))}")
        reader, desk = device("laptop01"), device("desk0001")
        caught = reader.join()
        assert caught is not None
        reader.acknowledge(caught)
        clock, rng = Clock(), random.Random(5)
        today = START + timedelta(days=365 * 5 + 1, hours=9)
        publish, polls = [], []
        for n in range(runs * 4):
            session = session_changes(clock, rng, "desk0001", today + timedelta(minutes=n))
            started = time.perf_counter()
            desk.publish(session)
            publish.append(time.perf_counter() - started)
            started = time.perf_counter()
            incoming = reader.poll()
            assert incoming is not None and incoming.changes, "nothing new read"
            reader.acknowledge(incoming)
            polls.append(time.perf_counter() - started)
        print(f"  publish one session             {ms(statistics.median(publish))}")
        print(f"  poll and acknowledge it         {ms(statistics.median(polls))}")
        reader.close()
        desk.close()
    finally:
        server.stop()


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
        bench_webdav(Path(temporary), days, args.runs)
        bench_with_core_merge(Path(temporary), args.runs)


if __name__ == "__main__":
    main()
