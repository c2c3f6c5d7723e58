"""focusmate.calendar.cache on real files: the last good copy of a source, private on disk,
keyed by what the source reads, and a damaged copy read as none."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from focusmate.calendar import cache
from focusmate.calendar.cache import Attempt, CachedCopy
from focusmate.core.calendar_sources import CalendarKind, CalendarSource
from focusmate.core.errors import StorageFailure

FEED = CalendarSource("work", CalendarKind.ICS, "https://calendar.example.com/private/basic.ics")
SERVER = CalendarSource("team", CalendarKind.CALDAV, "https://dav.example.com/", user="alex")
NINE = datetime(2026, 12, 3, 9, 10, tzinfo=UTC)
TEN = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
DOCUMENTS = (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", b"", b"BEGIN:VCALENDAR\r\nX:\xff\r\n")
FETCHED = Attempt(NINE, ok=True, line="3 events")


def saved(data_dir: Path, source: CalendarSource = SERVER) -> CachedCopy:
    return cache.save(data_dir, source, DOCUMENTS, {"calendars": {"/a/": "ctag-1"}}, FETCHED)


def meta_file(data_dir: Path, source: CalendarSource = SERVER) -> Path:
    return data_dir / "calendars" / f"{cache.cache_key(source)}.json"


def test_a_saved_copy_loads_as_it_was(tmp_path: Path) -> None:
    copy = saved(tmp_path)
    assert cache.load(tmp_path, SERVER) == copy
    assert copy.documents == DOCUMENTS
    assert copy.validators == {"calendars": {"/a/": "ctag-1"}}
    assert copy.fetched_at == NINE
    assert cache.last_attempt(tmp_path, SERVER) == FETCHED


@pytest.mark.skipif(os.name != "posix", reason="modes are POSIX")
def test_the_folder_is_0700_and_its_files_0600(tmp_path: Path) -> None:
    saved(tmp_path)
    folder = tmp_path / "calendars"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in folder.iterdir()}
    assert len(modes) == 2
    assert set(modes.values()) == {0o600}


def test_the_address_is_not_written_to_disk(tmp_path: Path) -> None:
    saved(tmp_path, FEED)
    for path in (tmp_path / "calendars").iterdir():
        assert b"private" not in path.read_bytes()


def test_nothing_saved_is_none(tmp_path: Path) -> None:
    assert cache.load(tmp_path, FEED) is None
    assert cache.last_attempt(tmp_path, FEED) is None


@pytest.mark.parametrize(
    "other",
    [
        CalendarSource("team", CalendarKind.CALDAV, "https://dav.example.com/x/", user="alex"),
        CalendarSource("team", CalendarKind.CALDAV, "https://dav.example.com/", user="sam"),
        CalendarSource("team", CalendarKind.ICS, "https://dav.example.com/", user="alex"),
    ],
    ids=["location", "user", "kind"],
)
def test_a_source_pointed_elsewhere_does_not_read_the_copy(
    tmp_path: Path, other: CalendarSource
) -> None:
    saved(tmp_path)
    assert cache.load(tmp_path, other) is None


def test_a_renamed_source_keeps_its_copy(tmp_path: Path) -> None:
    copy = saved(tmp_path)
    renamed = CalendarSource("Team calendar", SERVER.kind, SERVER.location, SERVER.user, 10)
    assert cache.load(tmp_path, renamed) == copy


def test_an_attempt_is_noted_beside_the_copy(tmp_path: Path) -> None:
    copy = saved(tmp_path)
    failed = Attempt(TEN, ok=False, line="the server answered 500", problem="http-status")
    cache.note_attempt(tmp_path, SERVER, failed)
    assert cache.last_attempt(tmp_path, SERVER) == failed
    assert cache.load(tmp_path, SERVER) == copy


def test_an_attempt_is_noted_without_any_copy(tmp_path: Path) -> None:
    failed = Attempt(TEN, ok=False, line="no password", problem="no-password")
    cache.note_attempt(tmp_path, SERVER, failed)
    assert cache.last_attempt(tmp_path, SERVER) == failed
    assert cache.load(tmp_path, SERVER) is None


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"format": 99}',
        b'{"format": 1, "copy": {"lengths": "x"}, "attempt": null}',
        b'{"format": 1, "copy": {"lengths": [true]}, "attempt": null}',
        b'{"format": 1, "copy": {}, "attempt": {}}',
        b'{"format": 1, "copy": {"lengths": [1], "sha256": "00", "validators": {},'
        b' "fetched_at": "2026-12-03T09:10:00"}, "attempt": {"checked_at": 7}}',
    ],
)
def test_a_damaged_meta_file_is_no_copy(tmp_path: Path, damage: bytes) -> None:
    saved(tmp_path)
    meta_file(tmp_path).write_bytes(damage)
    assert cache.load(tmp_path, SERVER) is None
    assert cache.last_attempt(tmp_path, SERVER) is None


def test_documents_that_do_not_match_their_meta_are_no_copy(tmp_path: Path) -> None:
    saved(tmp_path)
    documents = meta_file(tmp_path).with_suffix(".ics")
    documents.write_bytes(documents.read_bytes().replace(b"VCALENDAR", b"VCALENDAX", 1))
    assert cache.load(tmp_path, SERVER) is None
    documents.unlink()
    assert cache.load(tmp_path, SERVER) is None


def test_a_damaged_meta_file_is_replaced_when_an_attempt_is_noted(tmp_path: Path) -> None:
    saved(tmp_path)
    meta_file(tmp_path).write_bytes(b"\x00garbage")
    cache.note_attempt(tmp_path, SERVER, FETCHED)
    assert cache.last_attempt(tmp_path, SERVER) == FETCHED


def test_remove_forgets_the_copy_and_status(tmp_path: Path) -> None:
    saved(tmp_path)
    saved(tmp_path, FEED)
    cache.remove(tmp_path, SERVER)
    assert cache.load(tmp_path, SERVER) is None
    assert cache.last_attempt(tmp_path, SERVER) is None
    assert cache.load(tmp_path, FEED) is not None
    cache.remove(tmp_path, SERVER)  # twice is fine


def test_a_folder_that_is_a_link_is_never_written_or_emptied(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "calendars").symlink_to(outside)
    with pytest.raises(StorageFailure):
        saved(data_dir)
    (outside / "kept.json").write_text("{}")
    cache.remove(data_dir, SERVER)
    assert [p.name for p in outside.iterdir()] == ["kept.json"]


def test_an_unchanged_answer_makes_the_copy_current(tmp_path: Path) -> None:
    copy = saved(tmp_path)
    unchanged = Attempt(TEN, ok=True, line="3 events")
    cache.note_attempt(tmp_path, SERVER, unchanged, confirmed={"calendars": {"/a/": "ctag-2"}})
    current = cache.load(tmp_path, SERVER)
    assert current is not None
    assert (current.documents, current.fetched_at) == (copy.documents, TEN)
    assert current.validators == {"calendars": {"/a/": "ctag-2"}}
