"""No write, chmod or delete follows a link out of the data folder (issue 13, finding 8), and
a data folder of another user is refused, not used silently (finding 16)."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from focusmate.cli.main import main
from focusmate.core.errors import ExitCode, StorageFailure
from focusmate.core.model import CoachingSession, Reflection
from focusmate.desktop.locations import DataPointer
from focusmate.storage.backups import take_backup
from focusmate.storage.links import unlink_data_folder
from focusmate.storage.permissions import check_owner
from focusmate.storage.repository import DATA_FILE_NAME, TinyDBSessionRepository
from focusmate.storage.transfer import export_json
from tests.fakes import T0

ENDED = CoachingSession("s", "Ana", T0, 30, ended_at=T0 + timedelta(minutes=30))
DRAFT = ENDED.with_reflection(Reflection(next_time="private words"))


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under ``folder`` with its mode and bytes, and the folder's own mode."""
    files = {
        str(p.relative_to(folder)): (p.stat().st_mode, p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file()
    }
    return files | {".": (folder.stat().st_mode, b"")}


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """Someone else's folder, readable by all, with files named like old backups."""
    folder = tmp_path / "outside"
    folder.mkdir()
    for n in range(6):
        (folder / f"focusmate-2020010{n}T000000000000Z.json").write_text(f"foreign {n}")
    folder.chmod(0o755)
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    TinyDBSessionRepository(folder).save(ENDED)
    return folder


def test_backups_never_go_through_a_link(data: Path, outside: Path) -> None:
    (data / "backups").symlink_to(outside)
    before = snapshot(outside)
    assert take_backup(data, T0) is None  # refused, not written through the link
    assert snapshot(outside) == before  # no chmod, no copy of the history, no rotation
    (notice,) = unlink_data_folder(data, T0)
    assert notice.kept_as.startswith("backups.link-") and str(outside) in str(notice)
    assert take_backup(data, T0) is not None  # into a folder of focusmate's own
    assert not (data / "backups").is_symlink() and snapshot(outside) == before


def test_drafts_never_go_through_a_link(data: Path, outside: Path) -> None:
    (data / "drafts").symlink_to(outside)
    repository = TinyDBSessionRepository(data)
    # A foreign file that happens to bear the name of this session's draft.
    (outside / repository._draft_path(ENDED.id).name).write_text("foreign")  # noqa: SLF001
    before = snapshot(outside)
    with pytest.raises(StorageFailure, match="is a link to"):
        repository.save(DRAFT)
    repository.save_many([DRAFT.with_reflection(Reflection(complete=True))])  # removes a draft
    assert snapshot(outside) == before
    unlink_data_folder(data, T0)
    later = CoachingSession(
        "t", "Ben", T0 + timedelta(hours=1), 30, ended_at=T0 + timedelta(hours=2)
    )
    repository.save(later.with_reflection(Reflection(next_time="private words")))
    assert repository.get("t").reflection == Reflection(next_time="private words")  # type: ignore[union-attr]
    assert snapshot(outside) == before


def test_a_linked_data_file_becomes_a_private_copy_and_the_user_is_warned(
    data: Path, outside: Path
) -> None:
    shared = outside / "history.json"
    (data / DATA_FILE_NAME).replace(shared)
    shared.chmod(0o644)  # world-readable
    (data / DATA_FILE_NAME).symlink_to(shared)
    before = snapshot(outside)
    (notice,) = unlink_data_folder(data, T0)
    assert notice.readable_by_others and "Others can read" in str(notice)
    copy = data / DATA_FILE_NAME
    assert not copy.is_symlink() and stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert copy.read_bytes() == shared.read_bytes()
    assert [s.id for s in TinyDBSessionRepository(data).all_sessions()] == ["s"]
    assert snapshot(outside) == before


@pytest.mark.parametrize("target", ["/dev/zero", "missing.json", "."])
def test_a_link_to_anything_but_a_file_is_set_aside(
    data: Path, tmp_path: Path, target: str
) -> None:
    (data / "settings.json").symlink_to(target if target.startswith("/") else tmp_path / target)
    (notice,) = unlink_data_folder(data, T0)
    assert notice.kept_as.startswith("settings.json.link-")
    assert not (data / "settings.json").exists() and (data / notice.kept_as).is_symlink()


@pytest.mark.skipif(os.geteuid() != 0, reason="making a folder another user's needs root")
def test_another_users_data_folder_is_refused_before_anything_changes(tmp_path: Path) -> None:
    folder = tmp_path / "alice"
    folder.mkdir(mode=0o755)
    os.chown(folder, 1000, 1000)
    with pytest.raises(StorageFailure, match=r"belongs to another user \(uid 1000\)"):
        check_owner(folder)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a folder another user's needs root")
@pytest.mark.parametrize("command", ["import", "move-data"])
def test_the_cli_never_writes_into_another_users_folder(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    folder = tmp_path / "alice"
    folder.mkdir(mode=0o755)
    os.chown(folder, 1000, 1000)
    # Found through the data location file: move-data refuses a folder chosen with --data-dir.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("FOCUSMATE_DATA_DIR", raising=False)
    DataPointer().point_to(folder)
    export = tmp_path / "export.json"
    export.write_text(export_json([ENDED]))
    argument = str(export) if command == "import" else str(tmp_path / "new")
    assert main([command, argument]) == ExitCode.FAILURE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "belongs to another user (uid 1000)" in err
    assert list(folder.iterdir()) == [] and stat.S_IMODE(folder.stat().st_mode) == 0o755
