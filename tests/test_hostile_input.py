"""Hostile input: any bytes to import, any argv to the CLI, any bytes on the socket protocol.

Each gives a clear message and a defined exit code, never a traceback and never a partial
write: the data file is byte-for-byte what it was.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusmate.cli.main import main
from focusmate.core.errors import ExitCode
from focusmate.core.model import CoachingSession, Mark, Reflection
from focusmate.storage.repository import DATA_FILE_NAME, TinyDBSessionRepository
from focusmate.storage.transfer import export_json, read_import_file
from tests.fakes import T0

VALID_CODES = {int(code) for code in ExitCode}
hostile = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as leaving:
        code = leaving.code if isinstance(leaving.code, int) else 0
    _, err = capsys.readouterr()
    return code, err


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    ended = T0 + timedelta(minutes=30)
    session = CoachingSession("keep", "Ana", T0, 30, ended_at=ended, marks=(Mark("phone", T0),))
    TinyDBSessionRepository(folder).save(session)
    return folder


@hostile
@given(st.binary(max_size=2000))
def test_any_bytes_as_an_import_file(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], payload: bytes
) -> None:
    before = (data / DATA_FILE_NAME).read_bytes()
    source = tmp_path / "in.json"
    source.write_bytes(payload)
    code, err = run_cli(["--data-dir", str(data), "import", str(source)], capsys)
    assert code in {0, int(ExitCode.INVALID_DATA)}
    if code:
        assert err.startswith("focusmate: ") and err.count("\n") == 1
        assert (data / DATA_FILE_NAME).read_bytes() == before


COMMANDS = ["start", "log", "undo", "end", "status", "report", "export", "frobnicate", ""]


@hostile
@given(st.sampled_from(COMMANDS), st.lists(st.text(max_size=30), max_size=6))
def test_any_arguments(
    data: Path, capsys: pytest.CaptureFixture[str], command: str, rest: list[str]
) -> None:
    """Every command with any arguments (no command at all would start the GUI: e2e)."""
    before = (data / DATA_FILE_NAME).read_bytes()
    code, err = run_cli(["--data-dir", str(data), command, *rest], capsys)
    assert code in VALID_CODES | {0}
    if code:
        assert err.startswith(("focusmate: ", "usage: focusmate")), err
    assert (data / DATA_FILE_NAME).read_bytes() == before


def test_names_and_notes_round_trip_exactly(tmp_path: Path) -> None:
    """Control characters, right-to-left text and a 1 MB note survive export and import."""
    name = "Zoë \u202eevil\u202c \x07bell\tשרה 🙂"
    note = ("line\x00one\r\nمرحبا " * 60_000)[:1_000_000]
    reflection = Reflection({}, note, "\u200f", complete=False)
    session = CoachingSession(
        "rt", name, T0, 30, focus="\x1b[31m", ended_at=T0, reflection=reflection
    )
    path = tmp_path / "export.json"
    path.write_text(export_json([session]))
    assert read_import_file(path) == [session]
    repo = TinyDBSessionRepository(tmp_path / "data")
    repo.save(session)
    assert TinyDBSessionRepository(tmp_path / "data").get("rt") == session
    assert json.loads(path.read_text())["sessions"][0]["with"] == name
