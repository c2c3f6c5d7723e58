"""Benchmark: sync's merge (issue 19) on a five-year history (~2,600 sessions, ~10,000 marks,
a reflection each), published by two devices.

Prints the time a joining device spends in the pure core: parsing the JSON lines of every
log and folding them, or loading a snapshot instead; and the incremental merge of one new
session (start, check-in, marks, end, reflection, pulse) onto a folded state. The issue's
targets: a joining device complete in <= 2 s overall (files, decryption and the store come
on top of these figures), one new session merged in <= 50 ms.

    .venv/bin/python tests/benchmarks/bench_sync_merge.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: tests.*

from focusmate.core.model import CheckIn, CoachingSession, Mark, Reflection
from focusmate.core.pulse import Concern, PulseVia, RepPulse
from focusmate.core.sync_changes import Change, change_to_record
from focusmate.core.sync_clock import Hlc, millis, receive, start_clock
from focusmate.core.sync_diff import changes_from_sessions, diff, stamp
from focusmate.core.sync_merge import MergedState, apply, changed_sessions, fold
from focusmate.core.sync_snapshot import load_snapshot, snapshot
from tests.benchmarks.make_history import history

END = datetime(2026, 12, 1, tzinfo=UTC)
T = TypeVar("T")


def timed(runs: int, work: Callable[[], T]) -> tuple[float, T]:
    """The median wall time of ``runs`` calls in ms, and the last result."""
    times = []
    result = work()
    for _ in range(runs):
        began = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), result


def two_devices(sessions: list[CoachingSession], rng: random.Random) -> list[Change]:
    """The history as two devices published it: alternate weeks on each; one reflection in
    ten edited again on the other device (it had seen the first), one in a hundred edited
    on both at once."""
    clocks = {"laptop": start_clock("laptop"), "desk": start_clock("desk")}
    changes: list[Change] = []
    for session in sessions:
        device = "laptop" if session.started_at.isocalendar().week % 2 else "desk"
        other = "desk" if device == "laptop" else "laptop"
        now_ms = millis(session.started_at)
        written, clocks[device] = changes_from_sessions(
            [session], clocks[device], now_ms, rng.randbytes
        )
        changes.extend(written)
        if session.reflection is None or rng.random() > 0.11:
            continue
        first = written[-1]
        clocks[other] = receive(clocks[other], first.hlc, now_ms + 3_600_000)
        edited = replace(session.reflection, next_time="listen longer, then ask")
        seen = () if rng.random() < 0.1 else (first.id,)
        payload = diff(session, session.with_reflection(edited))[-1]
        assert payload.__class__.__name__ == "ReflectionSaved"
        again, clocks[other] = stamp(
            [replace(payload, replaces=seen)], clocks[other], now_ms + 3_600_000, rng.randbytes
        )
        changes.extend(again)
    return changes


def one_session(state: MergedState, clock: Hlc, rng: random.Random) -> list[Change]:
    start = END + timedelta(hours=9)
    session = CoachingSession(
        "new-session",
        "Jordan",
        start,
        30,
        ended_at=start + timedelta(minutes=32),
        marks=tuple(Mark("phone", start + timedelta(minutes=m)) for m in (3, 9, 14, 20, 27)),
        reflection=Reflection({}, "worried about the quarter", "listen longer", complete=True),
        checkin=CheckIn(slowed_down_s=60),
        rep_pulse=RepPulse(4, Concern.YES, 5, "", PulseVia.TYPED, start + timedelta(hours=1)),
    )
    changes, _ = stamp(diff(None, session, state), clock, millis(start), rng.randbytes)
    return changes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(1)
    sessions = history(5, 1, END)
    changes = two_devices(sessions, rng)
    lines = [json.dumps(change_to_record(c), ensure_ascii=False) for c in changes]
    log_bytes = sum(len(line.encode()) + 1 for line in lines)
    marks = sum(len(s.marks) for s in sessions)
    print(f"history: {len(sessions)} sessions, {marks} marks, {len(changes)} changes")
    print(f"logs: {log_bytes / 1e6:.1f} MB of JSON lines (before encryption)")

    parse_ms, records = timed(args.runs, lambda: [json.loads(line) for line in lines])
    fold_ms, state = timed(args.runs, lambda: fold(records))
    values_ms, _ = timed(args.runs, lambda: fold(changes))
    conflicts = len(state.conflicts)
    print(f"replay: json.loads {parse_ms:.0f} ms + fold of the records {fold_ms:.0f} ms")
    total = parse_ms + fold_ms
    print(f"        = {total:.0f} ms ({len(state.sessions)} sessions, {conflicts} conflicts)")
    print(f"fold of parsed changes (no record checks): {values_ms:.0f} ms")

    snap_ms, snap = timed(args.runs, lambda: json.dumps(snapshot(state), ensure_ascii=False))
    text_ms, document = timed(args.runs, lambda: json.loads(snap))
    load_ms, loaded = timed(args.runs, lambda: load_snapshot(document))
    assert isinstance(loaded, MergedState) and loaded.sessions == state.sessions
    kept = len(json.loads(snap)["changes"])
    size_mb = len(snap.encode()) / 1e6
    print(f"snapshot: {size_mb:.1f} MB, {kept} changes kept; written in {snap_ms:.0f} ms")
    joined = text_ms + load_ms
    print(f"joining from it: json.loads {text_ms:.0f} ms + load {load_ms:.0f} ms = {joined:.0f} ms")

    latest = max(state.last_seen.values())
    new = one_session(state, receive(start_clock("laptop"), latest, millis(END)), rng)
    apply_ms, after = timed(max(args.runs, 20), lambda: apply(state, new))
    assert after.sessions.keys() == state.sessions.keys() | {"new-session"}
    print(f"incremental: apply one new session ({len(new)} changes) {apply_ms:.1f} ms")
    record_ms, _ = timed(
        max(args.runs, 20), lambda: apply(state, [change_to_record(c) for c in new])
    )
    print(f"             the same from records {record_ms:.1f} ms")
    diff_ms, changed = timed(max(args.runs, 20), lambda: changed_sessions(state, after))
    print(f"             the sessions to write ({len(changed)}) found in {diff_ms:.1f} ms")


if __name__ == "__main__":
    main()
