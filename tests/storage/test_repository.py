"""The TinyDB session repository on a real file."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusmate.core.errors import InvalidData
from focusmate.core.model import CoachingSession, Mark
from focusmate.storage.repository import DATA_FILE_NAME, TinyDBSessionRepository
from tests.core.strategies import sessions
from tests.fakes import T0


def session(sid: str, hours: int = 0) -> CoachingSession:
    return CoachingSession(sid, f"Person {sid}", T0 + timedelta(hours=hours), 30)


def test_saved_sessions_survive_a_new_process(tmp_path: Path) -> None:
    repo = TinyDBSessionRepository(tmp_path)
    repo.save(session("b", 2))
    repo.save(session("a", 1))
    marked = session("a", 1).with_mark(Mark("phone", T0))
    repo.save(marked)
    reopened = TinyDBSessionRepository(tmp_path)
    assert [s.id for s in reopened.all_sessions()] == ["a", "b"]
    assert reopened.get("a") == marked
    assert reopened.get("zzz") is None


def test_save_many_then_save_never_overwrites_another_session(tmp_path: Path) -> None:
    repo = TinyDBSessionRepository(tmp_path)
    repo.save(session("a"))
    repo.save_many([session("b", 1), session("c", 2), replace(session("a"), focus="updated")])
    repo.save(session("d", 3))
    all_ids = [s.id for s in TinyDBSessionRepository(tmp_path).all_sessions()]
    assert all_ids == ["a", "b", "c", "d"]
    assert repo.get("a") is not None and repo.get("a").focus == "updated"  # type: ignore[union-attr]


@settings(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    deadline=None,
    max_examples=30,
)
@given(st.lists(sessions(), max_size=6, unique_by=lambda s: s.id))
def test_what_is_saved_is_what_is_read(tmp_path: Path, data: list[CoachingSession]) -> None:
    folder = tmp_path / str(len(list(tmp_path.iterdir())))
    TinyDBSessionRepository(folder).save_many(data)
    assert TinyDBSessionRepository(folder).all_sessions() == sorted(
        data, key=lambda s: s.started_at
    )


def test_a_reader_never_creates_files(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    assert TinyDBSessionRepository(folder, writable=False).all_sessions() == []
    assert list(folder.iterdir()) == []


def test_a_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / DATA_FILE_NAME
    content = json.dumps({"meta": {"1": {"schema_version": 99}}, "sessions": {}})
    path.write_text(content)
    with pytest.raises(InvalidData, match="schema version"):
        TinyDBSessionRepository(tmp_path)
    assert path.read_text() == content


@pytest.mark.parametrize(
    ("document", "complaint"),
    [
        ({"meta": {"1": {"schema_version": 1}}, "people": {}}, "not a focusmate data file"),
        ({"meta": [1, 2], "sessions": {}}, "not a focusmate data file"),
        ({"meta": {"1": {"schema_version": 1}}, "sessions": "all of them"}, "no object"),
        ({"sessions": {"1": {"id": "x"}}}, "no schema version"),
        ({"meta": {"1": "one"}, "sessions": {}}, "schema version"),
    ],
)
def test_a_file_that_is_not_ours_is_refused_when_opened_and_left_alone(
    tmp_path: Path, document: dict[str, object], complaint: str
) -> None:
    """Checked before the tray icon shows, from one read of the file."""
    path = tmp_path / DATA_FILE_NAME
    content = json.dumps(document)
    path.write_text(content)
    with pytest.raises(InvalidData, match=complaint):
        TinyDBSessionRepository(tmp_path)
    assert path.read_text() == content


def test_a_damaged_session_record_is_reported(tmp_path: Path) -> None:
    path = tmp_path / DATA_FILE_NAME
    path.write_text(
        json.dumps({"meta": {"1": {"schema_version": 1}}, "sessions": {"1": {"id": "x"}}})
    )
    with pytest.raises(InvalidData):
        TinyDBSessionRepository(tmp_path).all_sessions()


def test_a_running_session_lives_in_its_own_small_file(tmp_path: Path) -> None:
    repo = TinyDBSessionRepository(tmp_path)
    yesterday = T0 - timedelta(days=1)
    repo.save(CoachingSession("old", "Old", yesterday, 30, ended_at=yesterday + timedelta(hours=1)))
    history = (tmp_path / DATA_FILE_NAME).read_bytes()
    running = session("run", 0)
    for minute in range(3):
        running = running.with_mark(Mark("phone", T0 + timedelta(minutes=minute)))
        repo.save(running)
    assert (tmp_path / DATA_FILE_NAME).read_bytes() == history  # marks never rewrite history
    reader = TinyDBSessionRepository(tmp_path, writable=False)
    assert reader.get("run") == running and [s.id for s in reader.all_sessions()] == ["old", "run"]
    ended = replace(running, ended_at=T0 + timedelta(minutes=30))
    repo.save(ended)
    assert not repo.current_path.exists()
    assert TinyDBSessionRepository(tmp_path).get("run") == ended


def test_a_crash_between_the_two_writes_keeps_the_ended_copy(tmp_path: Path) -> None:
    repo = TinyDBSessionRepository(tmp_path)
    running = session("run", 0)
    repo.save(running)
    stale = repo.current_path.read_bytes()
    repo.save(replace(running, ended_at=T0 + timedelta(minutes=10)))
    repo.current_path.write_bytes(stale)  # as if the app died before removing the small file
    again = TinyDBSessionRepository(tmp_path)
    assert [s.ended_at for s in again.all_sessions()] == [T0 + timedelta(minutes=10)]


def test_importing_another_running_session_never_clobbers_the_current_one(tmp_path: Path) -> None:
    repo = TinyDBSessionRepository(tmp_path)
    mine = session("mine", 0)
    repo.save(mine)
    repo.save_many([session("theirs", 1)])
    assert repo.current() == mine
    assert {s.id for s in repo.all_sessions()} == {"mine", "theirs"}


def test_reflection_drafts_live_in_small_files_until_saved_complete(tmp_path: Path) -> None:
    from focusmate.core.model import Question, Reflection  # noqa: PLC0415

    repo = TinyDBSessionRepository(tmp_path)
    ended = CoachingSession("e", "Ana", T0, 30, ended_at=T0 + timedelta(minutes=30))
    repo.save(ended)
    history = (tmp_path / DATA_FILE_NAME).read_bytes()
    draft = ended.with_reflection(Reflection({Question.FULLY_PRESENT: 3}, "tired"))
    repo.save(draft)
    assert (tmp_path / DATA_FILE_NAME).read_bytes() == history  # typing never rewrites history
    assert TinyDBSessionRepository(tmp_path, writable=False).get("e") == draft
    assert TinyDBSessionRepository(tmp_path).all_sessions() == [draft]
    leftover = next((tmp_path / "drafts").glob("*.json")).read_bytes()
    done = ended.with_reflection(Reflection(dict.fromkeys(Question, 4), complete=True))
    repo.save(done)
    assert list((tmp_path / "drafts").glob("*.json")) == []
    assert repo.get("e") == done
    # A crash after the database write but before the draft was removed: complete wins.
    (tmp_path / "drafts" / "left.json").write_bytes(leftover)
    assert TinyDBSessionRepository(tmp_path).get("e") == done
    assert TinyDBSessionRepository(tmp_path).all_sessions() == [done]


def test_a_damaged_draft_never_hides_the_saved_session(tmp_path: Path) -> None:
    repo = TinyDBSessionRepository(tmp_path)
    ended = CoachingSession("e", "Ana", T0, 30, ended_at=T0 + timedelta(minutes=30))
    repo.save(ended)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "bad.json").write_text("{trunc")
    assert repo.all_sessions() == [ended] and repo.get("e") == ended
