"""focusmate.calendar.refresh: one source's refresh against the loopback feed server, real
files and the real cache; the CalDAV branch with a named fake of the CalDAV fetch (the real
one is tested against Radicale in its own module)."""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from focusmate.calendar import cache, refresh
from focusmate.calendar.caldav_fetch import CaldavFetched, CaldavValidators
from focusmate.calendar.ics import Expansion, occurrences
from focusmate.calendar.refresh import WINDOW_AFTER, WINDOW_BEFORE, Refreshed, SourceRefresher
from focusmate.core.calendar_sources import CalendarKind, CalendarSource
from tests.calendar.feed_server import FeedServer, Reply, with_validators

BERLIN = ZoneInfo("Europe/Berlin")
#: 09:10 UTC, 10:10 in Berlin (winter).
NOW = datetime(2026, 12, 3, 9, 10, tzinfo=UTC)


def calendar(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\n{e.strip()}\nEND:VEVENT\n" for e in events)
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{body}END:VCALENDAR\n"
    return text.replace("\n", "\r\n").encode()


#: A weekly one-on-one on Thursdays at 10:00 UTC since October, and a single meeting.
WEEKLY = """
UID:jordan
SUMMARY:1:1 Jordan
DTSTART:20261001T100000Z
DTEND:20261001T103000Z
RRULE:FREQ=WEEKLY
"""
SINGLE = """
UID:review
SUMMARY:Pipeline review
DTSTART:20261204T130000Z
DTEND:20261204T140000Z
"""
FEED = calendar(WEEKLY, SINGLE)


@dataclass
class CountingExpander:
    """ics.occurrences itself, counting its calls: proves when a document was parsed."""

    calls: int = 0

    def __call__(
        self, document: bytes, source: str, start: datetime, end: datetime, zone: tzinfo
    ) -> Expansion:
        self.calls += 1
        return occurrences(document, source, start, end, zone)


@pytest.fixture
def expander() -> CountingExpander:
    return CountingExpander()


@pytest.fixture
def feed(feed_server: FeedServer) -> CalendarSource:
    feed_server.routes["/feed.ics"] = with_validators(FEED, '"v1"', None)
    return CalendarSource("work", CalendarKind.ICS, feed_server.url("/feed.ics"))


def refresher(
    source: CalendarSource, data_dir: Path, expander: CountingExpander
) -> SourceRefresher:
    return SourceRefresher(source, data_dir, expand=expander)


def uids(refreshed: Refreshed) -> list[tuple[str, datetime]]:
    return [(e.uid, e.starts_at) for e in refreshed.events]


def test_a_first_refresh_gives_the_window_and_keeps_a_copy(
    feed: CalendarSource, tmp_path: Path, expander: CountingExpander
) -> None:
    refreshed = refresher(feed, tmp_path, expander).refresh(NOW, BERLIN, None)
    status = refreshed.status
    assert (status.ok, status.problem, status.line) == (True, "", f"{len(refreshed.events)} events")
    assert (status.checked_at, status.fetched_at, status.events) == (NOW, NOW, 11)
    starts = [e.starts_at for e in refreshed.events]
    assert starts[0] == datetime(2026, 10, 8, 10, tzinfo=UTC)  # eight weeks back
    assert starts[-1] == datetime(2026, 12, 10, 10, tzinfo=UTC)  # a week ahead
    assert ("review", datetime(2026, 12, 4, 13, tzinfo=UTC)) in uids(refreshed)
    assert all(NOW - WINDOW_BEFORE <= s < NOW + WINDOW_AFTER for s in starts)
    copy = cache.load(tmp_path, feed)
    assert copy is not None
    assert copy.documents == (FEED,)


def test_an_unchanged_feed_is_not_parsed_again(
    feed: CalendarSource, feed_server: FeedServer, tmp_path: Path, expander: CountingExpander
) -> None:
    source = refresher(feed, tmp_path, expander)
    first = source.refresh(NOW, BERLIN, None)
    again = source.refresh(NOW + timedelta(minutes=55), BERLIN, None)
    assert expander.calls == 1
    assert feed_server.requests[1].headers["If-None-Match"] == '"v1"'
    assert again.events == first.events
    assert (again.status.ok, again.status.fetched_at) == (True, NOW + timedelta(minutes=55))


def test_the_same_bytes_under_a_new_etag_are_not_parsed_again(
    feed: CalendarSource, feed_server: FeedServer, tmp_path: Path, expander: CountingExpander
) -> None:
    source = refresher(feed, tmp_path, expander)
    source.refresh(NOW, BERLIN, None)
    feed_server.routes["/feed.ics"] = with_validators(FEED, '"v2"', None)
    assert source.refresh(NOW + timedelta(minutes=5), BERLIN, None).status.ok
    assert expander.calls == 1
    copy = cache.load(tmp_path, feed)
    assert copy is not None
    assert (copy.validators["etag"], copy.fetched_at) == ('"v2"', NOW + timedelta(minutes=5))


def test_a_feed_without_validators_is_not_written_again_while_its_bytes_stay(
    feed: CalendarSource, feed_server: FeedServer, tmp_path: Path, expander: CountingExpander
) -> None:
    feed_server.routes["/feed.ics"] = Reply(200, FEED)
    source = refresher(feed, tmp_path, expander)
    source.refresh(NOW, BERLIN, None)
    documents = tmp_path / "calendars" / f"{cache.cache_key(feed)}.ics"
    written = documents.stat().st_ino
    again = source.refresh(NOW + timedelta(minutes=5), BERLIN, None)
    assert again.status.ok
    assert documents.stat().st_ino == written  # an atomic write would have a new inode
    assert expander.calls == 1


def test_an_unchanged_feed_is_parsed_again_from_disk_once_the_window_moved_an_hour(
    feed: CalendarSource, tmp_path: Path, expander: CountingExpander
) -> None:
    source = refresher(feed, tmp_path, expander)
    source.refresh(NOW, BERLIN, None)
    later = source.refresh(NOW + timedelta(days=1, hours=1), BERLIN, None)
    assert expander.calls == 2
    assert later.events[-1].starts_at == datetime(2026, 12, 10, 10, tzinfo=UTC)
    assert later.events[0].starts_at == datetime(2026, 10, 15, 10, tzinfo=UTC)


def test_another_zone_expands_again(
    feed: CalendarSource, tmp_path: Path, expander: CountingExpander
) -> None:
    source = refresher(feed, tmp_path, expander)
    source.refresh(NOW, BERLIN, None)
    source.refresh(NOW, ZoneInfo("America/New_York"), None)
    assert expander.calls == 2


def test_a_500_serves_the_stale_copy_and_says_how_old(
    feed: CalendarSource, feed_server: FeedServer, tmp_path: Path, expander: CountingExpander
) -> None:
    source = refresher(feed, tmp_path, expander)
    fresh = source.refresh(NOW, BERLIN, None)
    feed_server.routes["/feed.ics"] = Reply(500)
    stale = source.refresh(NOW + timedelta(hours=2), BERLIN, None)
    assert (stale.status.ok, stale.status.problem) == (False, "http-status")
    assert stale.status.line == (
        "the server answered 500 Internal Server Error; showing the copy from 10:10, 2 h old"
    )
    assert stale.status.fetched_at == NOW
    assert stale.status.checked_at == NOW + timedelta(hours=2)
    assert stale.events == fresh.events[1:]  # the window moved past 8 October 10:00
    noted = cache.last_attempt(tmp_path, feed)
    assert noted is not None
    assert (noted.ok, noted.problem) == (False, "http-status")


def test_after_a_restart_the_copy_on_disk_is_read_once(
    feed: CalendarSource, feed_server: FeedServer, tmp_path: Path, expander: CountingExpander
) -> None:
    fresh = refresher(feed, tmp_path, CountingExpander()).refresh(NOW, BERLIN, None)
    feed_server.routes["/feed.ics"] = Reply(503)
    restarted = refresher(feed, tmp_path, expander)
    days_later = NOW + timedelta(days=3)
    for minutes in (0, 5, 10):
        stale = restarted.refresh(days_later + timedelta(minutes=minutes), BERLIN, None)
    assert expander.calls == 1
    assert stale.status.line.endswith("showing the copy from 3 Dec 10:10, 3 days old")
    assert stale.events[-1] == fresh.events[-1]


def test_after_a_restart_an_unchanged_feed_reads_the_copy(
    feed: CalendarSource, feed_server: FeedServer, tmp_path: Path, expander: CountingExpander
) -> None:
    fresh = refresher(feed, tmp_path, CountingExpander()).refresh(NOW, BERLIN, None)
    again = refresher(feed, tmp_path, expander).refresh(NOW, BERLIN, None)
    assert feed_server.requests[-1].headers["If-None-Match"] == '"v1"'
    assert again.events == fresh.events
    assert expander.calls == 1


def test_a_secret_address_is_in_no_status_line_or_log_record(
    feed_server: FeedServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    hidden = "/calendar/ical/me%40example.com/private-5eb1a2c4d/basic.ics"
    feed_server.routes["/feed.ics"] = Reply(200, FEED)
    feed_server.routes[hidden] = Reply(302, headers={"Location": "/feed.ics"})
    source = CalendarSource("work", CalendarKind.ICS, feed_server.url(hidden))
    with caplog.at_level(logging.DEBUG):
        SourceRefresher(source, tmp_path).refresh(NOW, BERLIN, None)
        feed_server.routes["/feed.ics"] = Reply(500)
        failed = SourceRefresher(source, tmp_path).refresh(NOW, BERLIN, None)
    assert failed.status.problem == "http-status"
    for told in (failed.status.line, caplog.text):
        assert "private-5eb1a2c4d" not in told
    for path in (tmp_path / "calendars").iterdir():
        assert b"private-5eb1a2c4d" not in path.read_bytes()


def test_a_failure_without_any_copy_is_the_line_alone(tmp_path: Path) -> None:
    source = CalendarSource("work", CalendarKind.ICS, str(tmp_path / "missing.ics"))
    refreshed = SourceRefresher(source, tmp_path).refresh(NOW, BERLIN, None)
    assert refreshed.events == ()
    assert refreshed.status.line == "the file 'missing.ics' does not exist"
    assert (refreshed.status.problem, refreshed.status.fetched_at) == ("not-found", None)


def test_a_broken_calendar_keeps_the_good_copy(
    feed: CalendarSource, feed_server: FeedServer, tmp_path: Path, expander: CountingExpander
) -> None:
    source = refresher(feed, tmp_path, expander)
    fresh = source.refresh(NOW, BERLIN, None)
    feed_server.routes["/feed.ics"] = Reply(200, b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n")
    broken = source.refresh(NOW + timedelta(minutes=5), BERLIN, None)
    assert (broken.status.ok, broken.status.problem) == (False, "malformed")
    assert "showing the copy from 10:10, 5 min old" in broken.status.line
    assert broken.events == fresh.events
    again = source.refresh(NOW + timedelta(minutes=10), BERLIN, None)
    assert (again.status.line, again.events) == (
        broken.status.line.replace("5 min old", "10 min old"),
        fresh.events,
    )
    assert expander.calls == 2  # the good feed, the broken one; not the same broken one again
    copy = cache.load(tmp_path, feed)
    assert copy is not None
    assert copy.documents == (FEED,)


def test_a_damaged_copy_is_ignored_and_fetched_afresh(
    feed: CalendarSource, feed_server: FeedServer, tmp_path: Path, expander: CountingExpander
) -> None:
    refresher(feed, tmp_path, CountingExpander()).refresh(NOW, BERLIN, None)
    (tmp_path / "calendars" / f"{cache.cache_key(feed)}.json").write_text("{damaged")
    refreshed = refresher(feed, tmp_path, expander).refresh(NOW, BERLIN, None)
    assert refreshed.status.ok
    assert "If-None-Match" not in feed_server.requests[-1].headers


def test_a_copy_deleted_behind_the_refresher_is_fetched_whole(
    feed: CalendarSource, feed_server: FeedServer, tmp_path: Path, expander: CountingExpander
) -> None:
    source = refresher(feed, tmp_path, expander)
    source.refresh(NOW, BERLIN, None)
    cache.remove(tmp_path, feed)
    later = source.refresh(NOW + timedelta(hours=3), BERLIN, None)
    assert later.status.ok
    assert [("If-None-Match" in r.headers) for r in feed_server.requests] == [False, True, False]
    assert cache.load(tmp_path, feed) is not None


def test_a_copy_that_cannot_be_saved_still_gives_the_events(
    feed: CalendarSource, tmp_path: Path, expander: CountingExpander
) -> None:
    (tmp_path / "calendars").write_text("a file where the folder belongs")
    refreshed = refresher(feed, tmp_path, expander).refresh(NOW, BERLIN, None)
    assert refreshed.status.ok
    assert refreshed.status.line.startswith("11 events; no off-line copy: ")
    assert "\n" not in refreshed.status.line


def test_too_many_events_in_the_window_keep_the_copy(
    feed: CalendarSource,
    feed_server: FeedServer,
    tmp_path: Path,
    expander: CountingExpander,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = refresher(feed, tmp_path, expander)
    source.refresh(NOW, BERLIN, None)
    monkeypatch.setattr(refresh, "MAX_EVENTS_IN_WINDOW", 11)
    daily = WEEKLY.replace("FREQ=WEEKLY", "FREQ=DAILY").replace("UID:jordan", "UID:daily")
    feed_server.routes["/feed.ics"] = Reply(200, calendar(daily))
    crowded = source.refresh(NOW + timedelta(minutes=5), BERLIN, None)
    assert (crowded.status.problem, len(crowded.events)) == ("too-many-events", 11)
    assert crowded.status.line.startswith("the calendar has more than 11 events in nine weeks;")


def test_a_file_source_is_reread_only_when_it_changes(
    tmp_path: Path, expander: CountingExpander
) -> None:
    path = tmp_path / "team.ics"
    path.write_bytes(FEED)
    source = refresher(CalendarSource("team", CalendarKind.ICS, str(path)), tmp_path, expander)
    source.refresh(NOW, BERLIN, None)
    source.refresh(NOW + timedelta(minutes=5), BERLIN, None)
    assert expander.calls == 1
    path.write_bytes(calendar(SINGLE))
    changed = source.refresh(NOW + timedelta(minutes=10), BERLIN, None)
    assert [e.uid for e in changed.events] == ["review"]


@pytest.mark.skipif(os.name != "posix", reason="modes are POSIX")
def test_the_copy_of_a_refresh_is_private(feed: CalendarSource, tmp_path: Path) -> None:
    SourceRefresher(feed, tmp_path).refresh(NOW, BERLIN, None)
    for path in (tmp_path / "calendars").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


@dataclass
class FakeCaldavFetch:
    """Stands in for calendar.caldav_fetch.fetch_caldav (a named fake: the real one needs a
    CalDAV server, and is tested against Radicale). Answers with ``documents`` and the
    CTag ``tag``; "unchanged" when the caller already has that tag; records each call."""

    documents: tuple[bytes, ...]
    tag: str = "ctag-1"
    calls: list[tuple[str, str, datetime, datetime, CaldavValidators | None]] = field(
        default_factory=list
    )

    def __call__(  # noqa: PLR0917 - fetch_caldav's signature
        self,
        location: str,
        user: str,
        password: str,
        start: datetime,
        end: datetime,
        previous: CaldavValidators | None,
    ) -> CaldavFetched:
        self.calls.append((user, password, start, end, previous))
        now = CaldavValidators({"/cal/": self.tag})
        unchanged = previous is not None and previous.tags.get("/cal/") == self.tag
        return CaldavFetched(None if unchanged else self.documents, now)


SERVER = CalendarSource("team", CalendarKind.CALDAV, "https://dav.example.com/", user="alex")


def caldav(tmp_path: Path, fake: FakeCaldavFetch, expander: CountingExpander) -> SourceRefresher:
    return SourceRefresher(SERVER, tmp_path, fetch_caldav=fake, expand=expander)


def test_caldav_objects_are_expanded_and_merged(tmp_path: Path, expander: CountingExpander) -> None:
    fake = FakeCaldavFetch((calendar(SINGLE), calendar(WEEKLY)))
    refreshed = caldav(tmp_path, fake, expander).refresh(NOW, BERLIN, "app-password")
    assert refreshed.status.ok
    assert len(refreshed.events) == 11
    assert [e.starts_at for e in refreshed.events] == sorted(e.starts_at for e in refreshed.events)
    assert fake.calls[0][:2] == ("alex", "app-password")
    assert fake.calls[0][2] == NOW - WINDOW_BEFORE
    assert fake.calls[0][3] >= NOW + WINDOW_AFTER


def test_an_unchanged_caldav_calendar_is_not_parsed_again(
    tmp_path: Path, expander: CountingExpander
) -> None:
    fake = FakeCaldavFetch((calendar(SINGLE), calendar(WEEKLY)))
    source = caldav(tmp_path, fake, expander)
    first = source.refresh(NOW, BERLIN, "pw")
    again = source.refresh(NOW + timedelta(minutes=5), BERLIN, "pw")
    assert fake.calls[1][4] == CaldavValidators({"/cal/": "ctag-1"})
    assert again.events == first.events
    assert expander.calls == 2  # two objects, parsed once each


def test_a_caldav_copy_is_read_whole_again_once_the_window_left_it(
    tmp_path: Path, expander: CountingExpander
) -> None:
    fake = FakeCaldavFetch((calendar(WEEKLY),))
    source = caldav(tmp_path, fake, expander)
    source.refresh(NOW, BERLIN, "pw")
    source.refresh(NOW + timedelta(hours=20), BERLIN, "pw")
    source.refresh(NOW + timedelta(days=2), BERLIN, "pw")
    assert [call[4] is None for call in fake.calls] == [True, False, True]


def test_one_unreadable_caldav_object_is_counted_not_fatal(
    tmp_path: Path, expander: CountingExpander
) -> None:
    fake = FakeCaldavFetch((calendar(SINGLE), b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"))
    refreshed = caldav(tmp_path, fake, expander).refresh(NOW, BERLIN, "pw")
    assert (refreshed.status.ok, refreshed.status.skipped) == (True, 1)
    assert refreshed.status.line == "1 event; 1 could not be read"


def test_caldav_without_a_password_shows_the_copy(
    tmp_path: Path, expander: CountingExpander
) -> None:
    fake = FakeCaldavFetch((calendar(WEEKLY),))
    fresh = caldav(tmp_path, fake, expander).refresh(NOW, BERLIN, "pw")
    locked = caldav(tmp_path, fake, expander).refresh(NOW, BERLIN, None)
    assert (locked.status.ok, locked.status.problem) == (False, "no-password")
    assert locked.status.line.startswith("no password is known for alex at https://dav.example.com")
    assert locked.events == fresh.events
    assert len(fake.calls) == 1
