"""The history on disk and kinds of session: a file written before kinds existed still reads
(its sessions as coaching), and a client meeting stays one through a new process."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from focusmate.core.model import CoachingSession
from focusmate.core.session_kind import CLIENT, COACHING
from focusmate.storage.repository import DATA_FILE_NAME, TinyDBSessionRepository
from tests.fakes import T0


def ended(sid: str, kind: str) -> CoachingSession:
    return CoachingSession(sid, "Ana", T0, 30, ended_at=T0 + timedelta(minutes=30), kind=kind)


def test_a_history_written_before_kinds_reads_as_coaching(tmp_path: Path) -> None:
    TinyDBSessionRepository(tmp_path).save(ended("a", CLIENT))
    file = tmp_path / DATA_FILE_NAME
    document = json.loads(file.read_text())
    for record in document["sessions"].values():  # TinyDB: table -> document id -> record
        del record["kind"]  # as focusmate wrote its records before version 3
    file.write_text(json.dumps(document))
    (old,) = TinyDBSessionRepository(tmp_path).all_sessions()
    assert old == ended("a", COACHING)


def test_a_client_meeting_stays_one_in_a_new_process(tmp_path: Path) -> None:
    TinyDBSessionRepository(tmp_path).save(ended("a", CLIENT))
    assert TinyDBSessionRepository(tmp_path).get("a") == ended("a", CLIENT)
