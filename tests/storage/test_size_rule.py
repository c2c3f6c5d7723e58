"""One size rule for what is stored (issue 13, finding 2): two imports that each fit but not
together are refused on the merged result, so the data file never grows past what the next
start reads (a larger file was called damaged and an older backup restored)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from focusmate.cli.main import main
from focusmate.core.errors import ExitCode
from focusmate.core.model import CoachingSession, Reflection
from focusmate.storage import atomic_storage
from focusmate.storage.backups import open_or_recover
from focusmate.storage.repository import DATA_FILE_NAME
from focusmate.storage.transfer import export_json
from tests.fakes import T0

LIMIT = 200_000


def export_of(tmp_path: Path, name: str, count: int) -> Path:
    """``count`` ended sessions with long reflections: ~10 KB each in the data file."""
    sessions = [
        CoachingSession(
            f"{name}-{i}",
            "Ana",
            T0 + timedelta(hours=i),
            30,
            ended_at=T0 + timedelta(hours=i, minutes=30),
            reflection=Reflection(their_perspective="x" * 10_000, complete=True),
        )
        for i in range(count)
    ]
    file = tmp_path / f"{name}.json"
    file.write_text(export_json(sessions))
    return file


def test_two_imports_may_not_grow_the_file_past_what_a_start_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(atomic_storage, "MAX_STORED_BYTES", LIMIT, raising=False)
    data = tmp_path / "data"
    first, second = export_of(tmp_path, "first", 12), export_of(tmp_path, "second", 12)
    assert first.stat().st_size < LIMIT and second.stat().st_size < LIMIT
    assert main(["--data-dir", str(data), "import", str(first)]) == 0
    before = (data / DATA_FILE_NAME).read_bytes()
    capsys.readouterr()
    assert main(["--data-dir", str(data), "import", str(second)]) == ExitCode.INVALID_DATA
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nothing was saved" in err
    assert (data / DATA_FILE_NAME).read_bytes() == before
    repository, notice = open_or_recover(data, T0)
    assert notice is None and len(repository.all_sessions()) == 12
