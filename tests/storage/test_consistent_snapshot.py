"""A reader (export, report) sees every session even when the app writes between its reads
(issue 13, finding 5: the database was read before the running-session file, so a session
that ended in between was in neither)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from focusmate.core.model import CoachingSession, Reflection
from focusmate.storage.repository import TinyDBSessionRepository
from tests.fakes import T0

ENDED = T0 + timedelta(minutes=30)


def after_first_read(monkeypatch: pytest.MonkeyPatch, write: Callable[[], None]) -> None:
    """Run ``write`` (the app, another process) right after the reader's first file read,
    whichever file that is: the interleaving that lost sessions, made certain."""
    original = Path.read_bytes
    pending = [write]

    def read_then_write(path: Path) -> bytes:
        payload = original(path)
        if pending:
            monkeypatch.setattr(Path, "read_bytes", original)
            pending.pop()()
        return payload

    monkeypatch.setattr(Path, "read_bytes", read_then_write)


def test_a_session_ending_between_two_reads_is_not_missed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = TinyDBSessionRepository(tmp_path)
    writer.save(CoachingSession("old", "Ana", T0 - timedelta(days=1), 30, ended_at=T0))
    running = CoachingSession("now", "Ben", T0, 30)
    writer.save(running)
    reader = TinyDBSessionRepository(tmp_path, writable=False)
    after_first_read(monkeypatch, lambda: writer.save(replace(running, ended_at=ENDED)))
    assert [s.id for s in reader.all_sessions()] == ["old", "now"]


def test_a_reflection_saved_between_two_reads_is_not_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = TinyDBSessionRepository(tmp_path)
    ended = CoachingSession("s", "Ana", T0, 30, ended_at=ENDED)
    writer.save(ended)
    writer.save(ended.with_reflection(Reflection(answers={}, complete=False, next_time="a")))
    reader = TinyDBSessionRepository(tmp_path, writable=False)
    done = ended.with_reflection(Reflection(answers={}, complete=True, next_time="ab"))
    after_first_read(monkeypatch, lambda: writer.save(done))
    (read,) = reader.all_sessions()
    assert read.reflection is not None and read.reflection.next_time in {"a", "ab"}
