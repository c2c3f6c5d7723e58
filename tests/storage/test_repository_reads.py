"""How often the repository parses its file (issue 18): the weekly review's process reads
the history at once after opening it, and again at each change the app tells it of."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from focusmate.core.model import CoachingSession
from focusmate.storage import repository
from focusmate.storage.atomic_storage import AtomicJSONStorage
from focusmate.storage.repository import TinyDBSessionRepository
from tests.fakes import T0


def session(sid: str, hours: int = 0) -> CoachingSession:
    """An ended session (a running one lives in a small file of its own, read each time)."""
    start = T0 + timedelta(hours=hours)
    return CoachingSession(sid, f"Person {sid}", start, 30, ended_at=start + timedelta(minutes=30))


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the records made into sessions, in order."""
    made: list[str] = []
    original: Callable[..., CoachingSession] = repository.session_from_record

    def counting(record: object, where: str = "session") -> CoachingSession:
        found = original(record, where)
        made.append(found.id)
        return found

    monkeypatch.setattr(repository, "session_from_record", counting)
    return made


@pytest.fixture
def file_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per read of the data file's JSON."""
    reads: list[int] = []
    original = AtomicJSONStorage.read

    def counting(self: AtomicJSONStorage) -> object:
        reads.append(1)
        return original(self)

    monkeypatch.setattr(AtomicJSONStorage, "read", counting)
    return reads


def written(folder: Path, *ids: str) -> TinyDBSessionRepository:
    writer = TinyDBSessionRepository(folder)
    for n, sid in enumerate(ids):
        writer.save(session(sid, n))
    return writer


def test_reads_that_keep_parse_an_unchanged_file_once(tmp_path: Path, parsed: list[str]) -> None:
    writer = written(tmp_path, "a", "b")
    reader = TinyDBSessionRepository(tmp_path, writable=False)
    parsed.clear()  # what the writer parsed for itself
    for _ in range(3):
        assert [s.id for s in reader.all_sessions(keep=True)] == ["a", "b"]
    assert sorted(parsed) == ["a", "b"]
    writer.save(session("c", 5))  # a new file (atomic replacement): parsed again
    parsed.clear()
    assert [s.id for s in reader.all_sessions(keep=True)] == ["a", "b", "c"]
    assert sorted(parsed) == ["a", "b", "c"]


def test_reads_that_do_not_keep_parse_each_time(tmp_path: Path, parsed: list[str]) -> None:
    written(tmp_path, "a")
    reader = TinyDBSessionRepository(tmp_path, writable=False)
    parsed.clear()  # what the writer parsed for itself
    reader.all_sessions(keep=True)
    reader.all_sessions()  # served by the kept parse, which it lets go
    reader.all_sessions()
    assert parsed == ["a", "a"]


@pytest.mark.parametrize(("read_at_once", "reads"), [(True, 1), (False, 2)])
def test_read_at_once_parses_the_file_once_for_the_check_and_the_first_read(
    tmp_path: Path, file_reads: list[int], read_at_once: bool, reads: int
) -> None:
    written(tmp_path, "a", "b")
    file_reads.clear()
    reader = TinyDBSessionRepository(tmp_path, writable=False, read_at_once=read_at_once)
    assert [s.id for s in reader.all_sessions()] == ["a", "b"]
    assert len(file_reads) == reads


def test_read_at_once_reads_a_file_replaced_after_the_check(
    tmp_path: Path, file_reads: list[int]
) -> None:
    writer = written(tmp_path, "a")
    reader = TinyDBSessionRepository(tmp_path, writable=False, read_at_once=True)
    writer.save(session("b", 1))
    assert [s.id for s in reader.all_sessions()] == ["a", "b"]
