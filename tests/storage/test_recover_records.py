"""A data file holding a record focusmate cannot read (issue 13, finding 4: a session dated
year 1, accepted by an older import) costs that record only: the history around it is kept,
the file is kept aside, and report/export never crash meanwhile."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from focusmate.cli.main import main
from focusmate.core.errors import ExitCode
from focusmate.core.model import CoachingSession
from focusmate.storage.backups import open_or_recover, take_backup
from focusmate.storage.repository import DATA_FILE_NAME, TinyDBSessionRepository
from tests.fakes import T0

YEAR_1 = {
    "id": "year-1",
    "with": "Ana",
    "focus": "",
    "planned_minutes": 30,
    "marks": [],
    "started_at": "0001-01-01T00:00:00+00:00",
    "ended_at": "0001-01-01T00:30:00+00:00",
}


def saved(data: Path, *ids: str) -> None:
    repository = TinyDBSessionRepository(data)
    for sid in ids:
        start = T0 + timedelta(hours=ord(sid))
        end = start + timedelta(minutes=30)
        repository.save(CoachingSession(sid, "Ben", start, 30, ended_at=end))


def add_year_1(data: Path) -> bytes:
    """Put the year-1 record into the data file, as an older focusmate's import did."""
    document = json.loads((data / DATA_FILE_NAME).read_bytes())
    document["sessions"]["99"] = YEAR_1
    (data / DATA_FILE_NAME).write_text(json.dumps(document))
    return (data / DATA_FILE_NAME).read_bytes()


def test_with_no_good_backup_every_session_that_reads_is_kept(tmp_path: Path) -> None:
    saved(tmp_path, "a", "b")
    damaged = add_year_1(tmp_path)
    take_backup(tmp_path, T0)  # every backup since the import holds the record too
    repository, notice = open_or_recover(tmp_path, T0 + timedelta(days=1))
    assert [s.id for s in repository.all_sessions()] == ["a", "b"]
    assert notice is not None and notice.unreadable == 1
    assert "the sessions that could be read from it were kept" in str(notice)
    assert "could not be read (they stay in that file): 1." in str(notice)
    (aside,) = tmp_path.glob(f"{DATA_FILE_NAME}.damaged-*")
    assert aside.read_bytes() == damaged  # the unreadable record is kept there


def test_sessions_saved_after_the_backup_are_kept_too(tmp_path: Path) -> None:
    saved(tmp_path, "a")
    take_backup(tmp_path, T0)  # the last good backup, before the bad import
    saved(tmp_path, "b")
    add_year_1(tmp_path)
    repository, notice = open_or_recover(tmp_path, T0 + timedelta(days=1))
    assert [s.id for s in repository.all_sessions()] == ["a", "b"]
    assert notice is not None and notice.backup_from and notice.recovered == 1
    assert "Sessions the backup lacked, read from that file: 1." in str(notice)


@pytest.mark.parametrize(
    "command", [["report"], ["export", "--format", "ics"], ["export", "--format", "json"]]
)
def test_report_and_export_say_one_line_until_the_app_repairs_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    saved(tmp_path, "a")
    add_year_1(tmp_path)
    assert main(["--data-dir", str(tmp_path), *command]) == ExitCode.INVALID_DATA
    err = capsys.readouterr().err
    assert err.startswith("focusmate: ") and err.count("\n") == 1
