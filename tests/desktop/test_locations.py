"""Where the data folder is: --data-dir, $FOCUSMATE_DATA_DIR, the data location file, the
platform default, in that order; a bad data location file stops focusmate with its name."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from focusmate.cli.main import main
from focusmate.core.errors import ExitCode
from focusmate.desktop.locations import (
    POINTER_FILE_NAME,
    DataDirSource,
    DataLocationError,
    DataPointer,
    config_dir,
    default_data_dir,
    locate_data_dir,
)


def test_the_default_pointer_lives_in_the_config_folder_of_xdg_config_home() -> None:
    config_home = Path(os.environ["XDG_CONFIG_HOME"])
    assert DataPointer().path == config_home / "focusmate" / POINTER_FILE_NAME
    assert config_dir() == DataPointer().path.parent
    assert default_data_dir() == Path(os.environ["XDG_DATA_HOME"]) / "focusmate"


def test_option_then_environment_then_pointer_then_default(
    tmp_path: Path, pointer: DataPointer
) -> None:
    moved = tmp_path / "moved"
    moved.mkdir()
    pointer.point_to(moved)
    env = {"FOCUSMATE_DATA_DIR": str(tmp_path / "env")}
    option = locate_data_dir(str(tmp_path / "opt"), env, pointer)
    assert (option.path, option.source) == (tmp_path / "opt", DataDirSource.OPTION)
    assert option.fixed_by == "--data-dir"
    from_env = locate_data_dir(None, env, pointer)
    assert (from_env.path, from_env.fixed_by) == (tmp_path / "env", "FOCUSMATE_DATA_DIR")
    pointed = locate_data_dir(None, {}, pointer)
    assert (pointed.path, pointed.source, pointed.fixed_by) == (moved, DataDirSource.POINTER, None)
    pointer.path.unlink()
    default = locate_data_dir(None, {}, pointer)
    assert (default.path, default.source) == (default_data_dir(), DataDirSource.DEFAULT)


def test_the_pointer_is_written_atomically_and_privately(
    tmp_path: Path, pointer: DataPointer
) -> None:
    pointer.point_to(tmp_path / "a folder with ü")
    assert json.loads(pointer.path.read_text("utf-8")) == {
        "version": 1,
        "data_dir": str(tmp_path / "a folder with ü"),
    }
    if os.name == "posix":
        assert stat.S_IMODE(pointer.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(pointer.path.parent.stat().st_mode) == 0o700
    assert [p.name for p in pointer.path.parent.iterdir()] == [POINTER_FILE_NAME]  # no temp


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"[]",
        b'{"version": 2, "data_dir": "/somewhere"}',
        b'{"version": 1}',
        b'{"version": 1, "data_dir": "relative/folder"}',
        b'{"version": 1, "data_dir": 42}',
    ],
)
def test_a_damaged_pointer_is_an_error_naming_the_file_never_an_empty_folder(
    pointer: DataPointer, content: bytes
) -> None:
    pointer.path.parent.mkdir(parents=True)
    pointer.path.write_bytes(content)
    with pytest.raises(DataLocationError) as raised:
        locate_data_dir(None, {}, pointer)
    assert str(pointer.path) in str(raised.value)
    assert "delete it to use the default folder" in str(raised.value)
    assert raised.value.exit_code == ExitCode.INVALID_DATA


def test_a_pointer_to_a_missing_folder_is_an_error_not_a_new_empty_history(
    tmp_path: Path, pointer: DataPointer
) -> None:
    pointer.point_to(tmp_path / "usb-stick" / "focusmate")
    with pytest.raises(DataLocationError, match=r"is not there.*connect it"):
        locate_data_dir(None, {}, pointer)
    assert not (tmp_path / "usb-stick").exists()


def test_the_option_and_the_environment_bypass_a_damaged_pointer(
    tmp_path: Path, pointer: DataPointer
) -> None:
    pointer.path.parent.mkdir(parents=True)
    pointer.path.write_bytes(b"garbage")
    assert locate_data_dir(str(tmp_path), {}, pointer).path == tmp_path
    assert locate_data_dir(None, {"FOCUSMATE_DATA_DIR": str(tmp_path)}, pointer).path == tmp_path


def test_the_cli_reports_a_damaged_pointer_in_one_line_with_exit_5(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = DataPointer().path
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{")
    assert main(["report"]) == ExitCode.INVALID_DATA
    err = capsys.readouterr().err
    assert err.startswith("focusmate: the data location file ") and str(path) in err
    assert err.count("\n") == 1
