"""What an import may store (issue 13): never a running session (finding 3), and the user is
told what was skipped (finding 16)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from focusmate.cli.main import main
from focusmate.core.errors import ExitCode
from focusmate.core.model import CoachingSession, Mark
from focusmate.storage.repository import CURRENT_FILE_NAME, TinyDBSessionRepository
from focusmate.storage.transfer import export_json
from tests.fakes import T0

ENDED = CoachingSession("ended", "Ana", T0, 30, ended_at=T0 + timedelta(minutes=30))
#: An export taken during a session holds it with "ended_at": null.
RUNNING = CoachingSession(
    "running", "Ben", T0 + timedelta(hours=1), 30, marks=(Mark("phone", T0 + timedelta(hours=1)),)
)


def export_during_a_session(tmp_path: Path) -> Path:
    file = tmp_path / "during.json"
    file.write_text(export_json([ENDED, RUNNING]))
    return file


def test_an_export_taken_during_a_session_imports_only_the_ended_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    code = main(["--data-dir", str(data), "import", str(export_during_a_session(tmp_path))])
    out = capsys.readouterr().out
    assert code == 0
    assert "1 added, 0 updated, 0 unchanged; 1 session was skipped because still running" in out
    assert not (data / CURRENT_FILE_NAME).exists()
    stored = TinyDBSessionRepository(data, writable=False).all_sessions()
    assert [s.id for s in stored] == ["ended"] and not any(s.running for s in stored)


def test_importing_it_again_still_says_why_one_was_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, file = tmp_path / "data", export_during_a_session(tmp_path)
    assert main(["--data-dir", str(data), "import", str(file)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data), "import", str(file)]) == 0
    out = capsys.readouterr().out
    assert "0 added, 0 updated, 1 unchanged; 1 session was skipped because still running" in out


@pytest.mark.parametrize("depth", [5_000, 100_000])
def test_a_deeply_nested_import_is_one_line_and_exit_5(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], depth: int
) -> None:
    """Finding 16: nesting too deep for Python's parser was a RecursionError traceback."""
    file = tmp_path / "deep.json"
    file.write_text('{"format": "focusmate-export", "version": 2, "sessions": ' + "[" * depth)
    code = main(["--data-dir", str(tmp_path / "data"), "import", str(file)])
    err = capsys.readouterr().err
    assert code == ExitCode.INVALID_DATA
    assert err.startswith("focusmate: ") and err.count("\n") == 1 and "nested too deeply" in err
