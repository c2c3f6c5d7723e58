"""Benchmark: one calendar source's refresh with five years of weekly one-on-ones for 12
people plus noise (about 4,000 events, with moved and cancelled instances), served by the
loopback feed server (tests.calendar.feed_server) and refreshed by calendar.refresh.

Prints the CPU time (time.thread_time: this thread's work, not the server's) of a first
refresh (fetch, parse, expansion), of an unchanged one (304), of one whose window moved
(the copy parsed again), of ics.occurrences alone with and without its window pre-filter,
and the memory growth over 20 refreshes (tracemalloc and RSS). The issue's target: one
refresh with parse and expansion <= 150 ms CPU, memory growth <= 5 MB.

    .venv/bin/python tests/benchmarks/calendar_refresh.py [--runs 5] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: tests.*

from focusmate.calendar import ics
from focusmate.calendar.ics import occurrences
from focusmate.calendar.refresh import WINDOW_AFTER, WINDOW_BEFORE, SourceRefresher
from focusmate.core.calendar_sources import CalendarKind, CalendarSource
from tests.calendar.feed_server import serving, with_validators
from tests.calendar.test_ics import BERLIN_ZONE

BERLIN = ZoneInfo("Europe/Berlin")
PEOPLE = [
    "Jordan",
    "Priya",
    "Alex",
    "Sam",
    "Mia",
    "Noah",
    "Lena",
    "Omar",
    "Yuki",
    "Ines",
    "Tom",
    "Zoë",
]
NOISE = ["Pipeline review", "Forecast call", "Lunch", "QBR prep", "Customer call", "Focus time"]


def _local(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _times(start: datetime, length: timedelta) -> list[str]:
    """DTSTART and DTEND of a meeting at ``start`` (Berlin wall time)."""
    return [
        f"DTSTART;TZID=Europe/Berlin:{_local(start)}",
        f"DTEND;TZID=Europe/Berlin:{_local(start + length)}",
    ]


def _event(lines: list[str]) -> str:
    return "BEGIN:VEVENT\n" + "\n".join(lines) + "\nEND:VEVENT\n"


def _series(index: int, name: str, first: datetime, weeks: int) -> list[str]:
    """One person's weekly series from ``first`` (Berlin wall time), every 9th instance
    moved a day later, every 13th cancelled (EXDATE or a CANCELLED edit, alternately)."""
    uid = f"one-on-one-{index}@bench.example.com"
    email = f"{name.lower().replace('ë', 'e')}@example.com"
    people = [
        "ORGANIZER;CN=Me:mailto:me@example.com",
        f"ATTENDEE;CN={name};PARTSTAT=ACCEPTED:mailto:{email}",
        "ATTENDEE;CN=Me;PARTSTAT=ACCEPTED:mailto:me@example.com",
    ]
    exdates, edits = [], []
    for week in range(weeks):
        instance = first + timedelta(weeks=week)
        recurrence = f"RECURRENCE-ID;TZID=Europe/Berlin:{_local(instance)}"
        if week % 13 == 6 and week % 2:
            exdates.append(f"EXDATE;TZID=Europe/Berlin:{_local(instance)}")
        elif week % 13 == 6:
            times = _times(instance, timedelta(minutes=30))
            edits.append(_event([f"UID:{uid}", recurrence, "STATUS:CANCELLED", *times, *people]))
        elif week % 9 == 4:
            times = _times(instance + timedelta(days=1, hours=2), timedelta(minutes=30))
            edits.append(_event([f"UID:{uid}", recurrence, "SEQUENCE:1", *times, *people]))
    master = _event(
        [
            f"UID:{uid}",
            f"SUMMARY:1:1 {name}",
            *_times(first, timedelta(minutes=30)),
            f"RRULE:FREQ=WEEKLY;COUNT={weeks}",
            *exdates,
            *people,
        ]
    )
    return [master, *edits]


def _noise(now: datetime, count: int) -> list[str]:
    """Single meetings on working days over the five years, two or three a day."""
    found = []
    day = now - timedelta(days=5 * 365)
    number = 0
    while len(found) < count:
        day += timedelta(days=1)
        if day.weekday() >= 5:
            continue
        for slot in range(3 if day.day % 2 else 2):
            start = day.replace(hour=8 + 3 * slot, minute=0, second=0, microsecond=0)
            number += 1
            lines = [
                f"UID:noise-{number}@bench.example.com",
                f"SUMMARY:{NOISE[number % len(NOISE)]}",
                *_times(start, timedelta(hours=1)),
                "ATTENDEE;CN=Team;PARTSTAT=ACCEPTED:mailto:team@example.com",
                "DESCRIPTION:Agenda: the numbers of the quarter\\, the risks in the pipeline\\, "
                "who needs help\\, and the next steps for each account we discussed last time.",
            ]
            found.append(_event(lines))
    return found


def five_years(now: datetime, noise: int = 3_500) -> bytes:
    """The benchmark's calendar: ends a year after ``now`` and starts five years earlier."""
    local_now = now.astimezone(BERLIN).replace(tzinfo=None)
    events: list[str] = []
    for index, name in enumerate(PEOPLE):
        first = (local_now - timedelta(days=4 * 365 + 7 * index)).replace(
            hour=9 + index % 8, minute=0, second=0, microsecond=0
        )
        events += _series(index, name, first, weeks=5 * 52)
    events += _noise(local_now, noise)
    text = (
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//focusmate//bench//EN\n"
        + BERLIN_ZONE
        + "".join(events)
        + "END:VCALENDAR\n"
    )
    return b"".join(_folded(line) for line in text.encode().splitlines())


def _folded(line: bytes) -> bytes:
    """One content line as RFC 5545 writes it: CRLF, folded at 75 octets."""
    parts = [line[:75]] + [b" " + line[at : at + 74] for at in range(75, len(line), 74)]
    return b"\r\n".join(parts) + b"\r\n"


def cpu_ms(action: Callable[[], object]) -> float:
    before = time.thread_time()
    action()
    return (time.thread_time() - before) * 1000


def rss_mib() -> float:
    """The resident set size now (Linux /proc), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of a refresh")
    args = parser.parse_args()
    now = datetime.now(UTC).replace(microsecond=0)
    document = five_years(now)
    print(f"calendar: {len(document) / 1024:.0f} KiB, {document.count(b'BEGIN:VEVENT')} VEVENTs")
    start, end = now - WINDOW_BEFORE, now + WINDOW_AFTER
    alone = [cpu_ms(lambda: occurrences(document, "work", start, end, BERLIN)) for _ in range(3)]
    found = occurrences(document, "work", start, end, BERLIN)
    print(
        f"ics.occurrences alone: {statistics.median(alone):.0f} ms CPU (median of 3); "
        f"{len(found.events)} occurrences in the window, {found.skipped} skipped"
    )
    with mock.patch.object(ics, "_within_reach", lambda whole, _start, _end: whole):
        unfiltered = cpu_ms(lambda: occurrences(document, "work", start, end, BERLIN))
        same = occurrences(document, "work", start, end, BERLIN) == found
    print(
        f"ics.occurrences parsing every event (without the window pre-filter, as before): "
        f"{unfiltered:.0f} ms CPU; same occurrences: {same}"
    )
    with serving() as server, tempfile.TemporaryDirectory(prefix="fm-cal-") as folder:
        server.routes["/feed.ics"] = with_validators(document, '"bench-1"', None)
        source = CalendarSource("work", CalendarKind.ICS, server.url("/feed.ics"))
        first, unchanged, moved = [], [], []
        for run in range(args.runs):
            refresher = SourceRefresher(source, Path(folder) / f"data-{run}")
            first.append(cpu_ms(lambda r=refresher: r.refresh(now, BERLIN, None)))
            unchanged.append(cpu_ms(lambda r=refresher: r.refresh(now, BERLIN, None)))
            later = now + timedelta(hours=2)
            moved.append(cpu_ms(lambda r=refresher, t=later: r.refresh(t, BERLIN, None)))
        status = refresher.refresh(now, BERLIN, None).status
        print(f"status: {status.line}")
        print(f"first refresh (fetch, parse, expand): median {statistics.median(first):.0f} ms CPU")
        print(f"unchanged refresh (304): median {statistics.median(unchanged):.1f} ms CPU")
        print(f"window moved 2 h, feed unchanged: median {statistics.median(moved):.0f} ms CPU")
        refresher = SourceRefresher(source, Path(folder) / "data-memory")
        refresher.refresh(now, BERLIN, None)
        tracemalloc.start()
        rss_before = rss_mib()
        traced_before = tracemalloc.get_traced_memory()[0]
        for step in range(20):
            # Every fifth refresh the feed changes and the window moves an hour: both paths.
            if step % 5 == 4:
                server.routes["/feed.ics"] = with_validators(document, f'"bench-{step}"', None)
            refresher.refresh(now + timedelta(hours=step // 5), BERLIN, None)
        traced_after = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        print(
            f"memory over 20 refreshes: tracemalloc {(traced_after - traced_before) / 2**20:+.2f} "
            f"MiB, RSS {rss_mib() - rss_before:+.1f} MiB"
        )
        if args.profile:
            profiled = SourceRefresher(source, Path(folder) / "data-profile")
            profile = cProfile.Profile()
            profile.runcall(profiled.refresh, now, BERLIN, None)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
