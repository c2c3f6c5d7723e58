"""calendar.skipped: "Not this one" kept across restarts, pruned, and a damaged file read as
nothing skipped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from focusmate.calendar.skipped import KEEP_FOR, load_skipped, save_skipped, skipped_path

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def test_saved_occurrences_read_back_and_old_ones_are_dropped(tmp_path: Path) -> None:
    recent = ("jordan", NOW + timedelta(hours=1))
    old = ("priya", NOW - KEEP_FOR - timedelta(days=1))
    save_skipped(tmp_path, {recent, old}, NOW)
    assert load_skipped(tmp_path) == {recent}
    assert skipped_path(tmp_path).stat().st_mode & 0o777 == 0o600
    assert skipped_path(tmp_path).parent.stat().st_mode & 0o777 == 0o700


def test_no_file_or_a_damaged_one_reads_as_nothing_skipped(tmp_path: Path) -> None:
    assert load_skipped(tmp_path) == set()
    skipped_path(tmp_path).parent.mkdir()
    for damaged in ("{not json", '{"a": 1}', '[["uid"]]', '[["uid", "yesterday"]]'):
        skipped_path(tmp_path).write_text(damaged)
        assert load_skipped(tmp_path) == set()
    skipped_path(tmp_path).write_text('[["uid", "2026-12-03T10:00:00"]]')  # no offset
    assert load_skipped(tmp_path) == set()
