"""Damaged data files: moved aside (never deleted), the newest good backup restored."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from focusmate.core.model import CoachingSession
from focusmate.storage.atomic_storage import MAX_STORED_BYTES
from focusmate.storage.backups import (
    KEEP_BACKUPS,
    backup_dir,
    open_or_recover,
    take_backup,
)
from focusmate.storage.repository import DATA_FILE_NAME, TinyDBSessionRepository
from tests.fakes import T0


def saved(data: Path, *ids: str) -> None:
    repo = TinyDBSessionRepository(data)
    for i, sid in enumerate(ids):
        start = T0 + timedelta(hours=i)
        repo.save(CoachingSession(sid, "Ana", start, 30, ended_at=start + timedelta(minutes=30)))


def test_backups_rotate_and_skip_identical_copies(tmp_path: Path) -> None:
    saved(tmp_path, "a")
    first = take_backup(tmp_path, T0)
    assert first is not None and take_backup(tmp_path, T0 + timedelta(seconds=1)) == first
    for n in range(KEEP_BACKUPS + 3):
        saved(tmp_path, f"s{n}")
        take_backup(tmp_path, T0 + timedelta(minutes=n + 1))
    backups = sorted(backup_dir(tmp_path).glob("focusmate-*.json"))
    assert len(backups) == KEEP_BACKUPS
    assert backups[-1].read_bytes() == (tmp_path / DATA_FILE_NAME).read_bytes()


DAMAGE = [
    b"",
    b"{trunc",
    b"\x00\xffgarbage",
    b'{"other": "app"}',
    b"[]",
    b'{"meta": {"1": {"schema_version": 1}}, "sessions": {"1": {"id": 5}}}',
]


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_file_is_moved_aside_and_the_backup_restored(
    tmp_path: Path, damage: bytes
) -> None:
    saved(tmp_path, "a", "b")
    take_backup(tmp_path, T0)
    data_file = tmp_path / DATA_FILE_NAME
    data_file.write_bytes(damage)
    repository, message = open_or_recover(tmp_path, T0 + timedelta(days=1))
    assert [s.id for s in repository.all_sessions()] == ["a", "b"]
    assert message is not None
    assert "backup from 2026-11-23 09:00 UTC was restored" in str(message)
    aside = list(tmp_path.glob(f"{DATA_FILE_NAME}.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == damage  # kept, never overwritten


def test_a_huge_file_is_not_ours(tmp_path: Path) -> None:
    saved(tmp_path, "a")
    take_backup(tmp_path, T0)
    with (tmp_path / DATA_FILE_NAME).open("r+b") as handle:
        handle.truncate(MAX_STORED_BYTES + 1)
    repository, message = open_or_recover(tmp_path, T0)
    assert [s.id for s in repository.all_sessions()] == ["a"] and message


def test_a_damaged_backup_is_passed_over_for_an_older_good_one(tmp_path: Path) -> None:
    saved(tmp_path, "a")
    take_backup(tmp_path, T0)
    saved(tmp_path, "b")
    newest = take_backup(tmp_path, T0 + timedelta(hours=1))
    assert newest is not None
    newest.write_text("{broken")
    (tmp_path / DATA_FILE_NAME).write_text("{broken")
    repository, _ = open_or_recover(tmp_path, T0 + timedelta(days=1))
    assert [s.id for s in repository.all_sessions()] == ["a"]


def test_no_good_backup_starts_empty_and_keeps_the_file(tmp_path: Path) -> None:
    (tmp_path / DATA_FILE_NAME).write_text(json.dumps([1, 2]))
    repository, message = open_or_recover(tmp_path, T0)
    assert repository.all_sessions() == []
    assert message is not None and "no good backup" in str(message)
    assert len(list(tmp_path.glob("*.damaged-*"))) == 1


def test_a_good_file_opens_without_a_message(tmp_path: Path) -> None:
    saved(tmp_path, "a")
    repository, message = open_or_recover(tmp_path, T0)
    assert message is None and len(repository.all_sessions()) == 1
