"""Moving the data folder as the app and the CLI do it: the refusals (chosen at launch, a
session running, a bad target) with their messages and exit codes, and the move itself
through `focusmate move-data` (offline) and the app's socket command."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from focusmate.cli.main import main
from focusmate.core.errors import ExitCode
from focusmate.core.move_refusal import MoveRefused, Refusal
from focusmate.core.protocol import decode_request, encode
from focusmate.core.settings import Settings
from focusmate.desktop.locations import (
    DataDirSource,
    DataLocation,
    DataPointer,
    default_data_dir,
    lock_path,
)
from focusmate.desktop.single_instance import InstanceLock
from focusmate.services.controller import SessionController
from focusmate.services.data_folder import DataFolder, move_offline
from focusmate.services.socket_commands import SocketCommands
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.storage.settings_store import load_settings, save_settings
from tests.storage.test_data_move import data_files, make_data_folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as leaving:
        code = int(leaving.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def default_folder() -> Path:
    """The platform's data folder (in the test's private XDG_DATA_HOME), with real data."""
    folder = default_data_dir()
    make_data_folder(folder)
    (folder / "focusmate.lock").unlink()  # no app is running
    return folder


def test_the_cli_moves_the_data_when_no_app_runs(
    capsys: pytest.CaptureFixture[str], default_folder: Path, tmp_path: Path
) -> None:
    before = data_files(default_folder)
    code, out, err = run(capsys, "move-data", str(tmp_path / "new"))
    assert (code, err) == (0, "")
    assert out == f"Moved your focusmate data from {default_folder} to {tmp_path / 'new'}.\n"
    assert data_files(tmp_path / "new") == before
    assert not default_folder.exists()  # emptied, lock released, removed
    assert DataPointer().points_to() == tmp_path / "new"
    # Every later command finds the data there, with no option.
    code, out, _ = run(capsys, "export", "--format", "json")
    assert code == 0 and len(json.loads(out)["sessions"]) > 500


def test_a_relative_target_is_taken_from_the_current_folder(
    capsys: pytest.CaptureFixture[str],
    default_folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, _ = run(capsys, "move-data", "relative")
    assert code == 0 and DataPointer().points_to() == tmp_path / "relative"


@pytest.mark.parametrize(
    ("argv", "code", "needle"),
    [
        (["--data-dir", "{old}", "move-data", "{new}"], ExitCode.USAGE, "chosen with --data-dir"),
        (["move-data", "{old}"], ExitCode.USAGE, "is already the data folder"),
        (["move-data", "{old}/drafts"], ExitCode.USAGE, "inside the current data folder"),
        (["move-data", "{busy}"], ExitCode.USAGE, "already holds other files (notes.txt)"),
        (["move-data", "{busy}/notes.txt"], ExitCode.USAGE, "is a file, not a folder"),
    ],
)
def test_each_refusal_has_its_message_and_exit_code_and_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    default_folder: Path,
    tmp_path: Path,
    *,
    argv: list[str],
    code: int,
    needle: str,
) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    before = data_files(default_folder)
    names = {"old": default_folder, "new": tmp_path / "new", "busy": busy}
    result = run(capsys, *(a.format(**names) for a in argv))
    assert result[0] == code and result[1] == ""
    assert result[2].startswith("focusmate: ") and needle in result[2]
    assert result[2].count("\n") == 1
    assert data_files(default_folder) == before and not (tmp_path / "new").exists()
    assert DataPointer().points_to() is None


def test_the_environment_variable_fixes_the_folder_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOCUSMATE_DATA_DIR", str(tmp_path / "data"))
    code, _, err = run(capsys, "move-data", str(tmp_path / "new"))
    assert code == ExitCode.USAGE and "chosen with FOCUSMATE_DATA_DIR" in err


def test_move_data_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    text = " ".join(out.split())  # argparse wraps the lines
    assert code == 0 and "move-data move your data to another folder (the app restarts" in text


def test_offline_move_steps_aside_for_a_running_app(
    qapp: QApplication, default_folder: Path, tmp_path: Path
) -> None:
    """While an app holds the lock, the CLI must ask it instead (it then restarts)."""
    lock = InstanceLock(lock_path(default_folder))
    assert lock.try_acquire()
    try:
        location = DataLocation(default_folder, DataDirSource.DEFAULT)
        assert move_offline(location, tmp_path / "new") is None
    finally:
        lock.release()
    assert not (tmp_path / "new").exists() and DataPointer().points_to() is None


@pytest.fixture
def default_folder_controller(
    make_controller: Callable[..., SessionController], default_folder: Path
) -> SessionController:
    """The app's controller on the default data folder (which holds a running session)."""
    return make_controller(TinyDBSessionRepository(default_folder))


def test_the_app_refuses_while_a_session_runs_and_moves_after_it(
    default_folder_controller: SessionController, default_folder: Path, tmp_path: Path
) -> None:
    restarts: list[bool] = []
    folder = DataFolder(
        DataLocation(default_folder, DataDirSource.DEFAULT),
        session_running=lambda: default_folder_controller.current is not None,
        restart=lambda: restarts.append(True),
    )
    assert default_folder_controller.current is not None  # the data folder holds a running session
    with pytest.raises(MoveRefused) as refused:
        folder.move(tmp_path / "new")
    assert refused.value.refusal is Refusal.SESSION_RUNNING
    assert refused.value.exit_code == ExitCode.NOT_NOW and "end the session first" in str(
        refused.value
    )
    assert not (tmp_path / "new").exists() and restarts == []
    default_folder_controller.end()
    before = data_files(default_folder)
    assert folder.move(tmp_path / "new") == []
    assert restarts == []  # the caller restarts, once it has told the user what it must
    assert data_files(tmp_path / "new") == before


def test_the_socket_command_moves_then_restarts_the_app(
    default_folder_controller: SessionController, default_folder: Path, tmp_path: Path
) -> None:
    default_folder_controller.end()
    restarts: list[bool] = []
    folder = DataFolder(
        DataLocation(default_folder, DataDirSource.DEFAULT), restart=lambda: restarts.append(True)
    )
    remote = SocketCommands(default_folder_controller, lambda _window: None, folder)
    request = decode_request(encode({"cmd": "move-data", "to": str(tmp_path / "new")}))
    reply = remote.handle(request)
    assert reply["ok"] and restarts == [True]
    result = reply["result"]
    assert (result["from"], result["to"]) == (str(default_folder), str(tmp_path / "new"))
    assert result["left_behind"] == [] and result["moved"] == len(data_files(tmp_path / "new"))
    assert load_settings(tmp_path / "new").default_minutes == 45


def test_a_fixed_folder_is_refused_by_the_app_too(tmp_path: Path) -> None:
    save_settings(tmp_path / "data", Settings())
    folder = DataFolder(DataLocation(tmp_path / "data", DataDirSource.OPTION))
    assert folder.fixed_by == "--data-dir"
    with pytest.raises(MoveRefused) as refused:
        folder.move(tmp_path / "new")
    assert refused.value.refusal is Refusal.FIXED and refused.value.exit_code == ExitCode.USAGE
    assert not (tmp_path / "new").exists()
