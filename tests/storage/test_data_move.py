"""Moving the data folder: everything arrives byte for byte, the data location file is the
commit point, and a crash at any step leaves exactly one complete folder in use."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from focusmate.core.errors import InvalidInput, StorageFailure
from focusmate.core.model import CoachingSession
from focusmate.core.move_refusal import MoveRefused, Refusal
from focusmate.core.settings import Settings
from focusmate.desktop.locations import (
    LOCK_FILE_NAME,
    POINTER_FILE_NAME,
    DataDirSource,
    DataPointer,
    locate_data_dir,
)
from focusmate.files.atomic import atomic_write_bytes
from focusmate.storage import data_move
from focusmate.storage.backups import take_backup
from focusmate.storage.data_move import JOURNAL_NAME, move_data
from focusmate.storage.reminder_log import FileReminderLog
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.storage.settings_store import load_settings, save_settings
from tests.benchmarks.make_history import history

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LEAVE = (LOCK_FILE_NAME, POINTER_FILE_NAME)
GARBAGE = ".focusmate.json.x1y2z3.tmp"


class Crash(BaseException):
    """A simulated power cut: not an Exception, so no clean-up code runs."""


def make_data_folder(folder: Path) -> None:
    """A data folder as a real app leaves it: a year of history, a reflection draft, the
    running session, backups, settings, reminder log, do-not-disturb journal, a damaged file
    set aside by recovery, a temporary file of an interrupted write, and the lock file."""
    sessions = history(1, seed=3, end=NOW)
    repository = TinyDBSessionRepository(folder)
    repository.save_many(sessions[:-1])
    last = sessions[-1]
    assert last.reflection is not None
    repository.save(replace(last, reflection=replace(last.reflection, complete=False)))  # draft
    repository.save(CoachingSession("running", "Ana", NOW, 30))  # current-session.json
    take_backup(folder, NOW)
    save_settings(folder, Settings(default_minutes=45))
    FileReminderLog(folder).record_shown(NOW)
    atomic_write_bytes(folder / "dnd-journal.json", b'{"version": 1, "backend": "dunst"}')
    atomic_write_bytes(folder / "focusmate.json.damaged-20261101T000000000000Z", b'{"sess')
    (folder / GARBAGE).write_bytes(b'{"half')
    (folder / LOCK_FILE_NAME).write_text("4242\nfocusmate\nhost\n")


def data_files(folder: Path) -> dict[str, bytes]:
    """Every data file under ``folder`` (relative name -> bytes); not the lock, the data
    location file, the move journal or temporary files."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name not in {*LEAVE, JOURNAL_NAME} and not name.endswith(".tmp"):
            found[name] = path.read_bytes()
    return found


@pytest.fixture
def old(tmp_path: Path) -> Path:
    folder = tmp_path / "old"
    make_data_folder(folder)
    return folder


def in_use(pointer: DataPointer, old: Path) -> Path:
    """The folder focusmate would start on now (old was the platform default here)."""
    return pointer.points_to() or old


def test_everything_moves_byte_for_byte_and_the_old_folder_is_emptied(
    old: Path, tmp_path: Path, pointer: DataPointer
) -> None:
    before = data_files(old)
    assert {
        "focusmate.json",
        "current-session.json",
        "settings.json",
        "reminders.json",
        "dnd-journal.json",
    } <= before.keys()
    assert any(n.startswith("drafts/") for n in before)
    assert any(n.startswith("backups/") for n in before)
    new = tmp_path / "elsewhere" / "focusmate data"
    report = move_data(old, new, pointer, leave=LEAVE)
    assert data_files(new) == before
    assert sorted(report.moved) == sorted(before)
    assert report.bytes_moved == sum(len(b) for b in before.values())
    assert report.left_behind == ()
    assert pointer.points_to() == new
    assert sorted(p.name for p in old.iterdir()) == [LOCK_FILE_NAME]  # garbage and folders gone
    assert not (new / LOCK_FILE_NAME).exists() and not (new / JOURNAL_NAME).exists()
    assert load_settings(new).default_minutes == 45
    moved = TinyDBSessionRepository(new, writable=False)
    assert moved.current() is not None and len(moved.all_sessions()) > 500


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_copy_is_private(old: Path, tmp_path: Path, pointer: DataPointer) -> None:
    new = tmp_path / "new"
    move_data(old, new, pointer, leave=LEAVE)
    modes = {
        p.relative_to(new).as_posix(): stat.S_IMODE(p.stat().st_mode)
        for p in [new, *new.rglob("*")]
    }
    assert {m for n, m in modes.items() if (new / n).is_dir() or n == "."} == {0o700}
    assert {m for n, m in modes.items() if (new / n).is_file()} == {0o600}
    assert stat.S_IMODE(pointer.path.stat().st_mode) == 0o600


def test_an_existing_empty_folder_is_a_fine_target(
    old: Path, tmp_path: Path, pointer: DataPointer
) -> None:
    new = tmp_path / "new"
    new.mkdir()
    (new / ".DS_Store").write_bytes(b"finder")  # what a file manager drops does not count
    before = data_files(old)
    move_data(old, new, pointer, leave=LEAVE)
    assert {k: v for k, v in data_files(new).items() if k != ".DS_Store"} == before


@pytest.mark.parametrize(
    ("where", "refusal"),
    [
        (lambda old, tmp: old, Refusal.SAME_FOLDER),
        (lambda old, tmp: old / "drafts" / "x", Refusal.INSIDE_CURRENT),
        (lambda old, tmp: tmp / "a-file", Refusal.NOT_A_FOLDER),
        (lambda old, tmp: tmp / "busy", Refusal.NOT_EMPTY),
        (lambda old, tmp: tmp, Refusal.NOT_EMPTY),  # the old folder's own parent
    ],
)
def test_unusable_targets_are_refused_and_nothing_is_written(
    old: Path, tmp_path: Path, pointer: DataPointer, where: object, refusal: Refusal
) -> None:
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    target = where(old, tmp_path)  # type: ignore[operator]
    before = data_files(old)
    listing = sorted(tmp_path.rglob("*"))
    with pytest.raises(MoveRefused) as refused:
        move_data(old, target, pointer, leave=LEAVE)
    assert refused.value.refusal is refusal
    assert refused.value.folder == str(target.resolve())
    assert data_files(old) == before and sorted(tmp_path.rglob("*")) == listing
    assert pointer.points_to() is None
    if refusal is Refusal.NOT_EMPTY and target.name == "busy":
        assert refused.value.names == ("notes.txt",)
        assert "notes.txt" in str(refused.value)


def test_a_symlink_to_the_current_folder_is_the_same_folder(
    old: Path, tmp_path: Path, pointer: DataPointer
) -> None:
    link = tmp_path / "link"
    link.symlink_to(old)
    with pytest.raises(MoveRefused) as refused:
        move_data(old, link, pointer, leave=LEAVE)
    assert refused.value.refusal is Refusal.SAME_FOLDER


def test_a_folder_name_that_is_not_text_is_refused(old: Path, pointer: DataPointer) -> None:
    with pytest.raises(InvalidInput, match="not valid text"):
        move_data(old, Path(os.fsdecode(b"/tmp/caf\xe9")), pointer, leave=LEAVE)


STEPS = ["journal", "copied focusmate.json", "copied", "verified"]


@pytest.mark.parametrize("step", STEPS)
def test_a_crash_before_the_switch_leaves_the_old_folder_in_use_and_whole(
    old: Path, tmp_path: Path, pointer: DataPointer, step: str
) -> None:
    before = data_files(old)
    new = tmp_path / "new"

    def crash_at(name: str) -> None:
        if name == step:
            raise Crash

    with pytest.raises(Crash):
        move_data(old, new, pointer, leave=LEAVE, checkpoint=crash_at)
    assert in_use(pointer, old) == old
    assert data_files(old) == before
    assert locate_data_dir(None, {}, pointer).source is DataDirSource.DEFAULT
    # The leftovers are recognised: trying again into the same folder works and is complete.
    move_data(old, new, pointer, leave=LEAVE)
    assert in_use(pointer, old) == new and data_files(new) == before


def test_leftovers_of_an_interrupted_move_do_not_come_back(
    old: Path, tmp_path: Path, pointer: DataPointer
) -> None:
    """A draft copied by an interrupted move and deleted since must not reappear."""
    new = tmp_path / "new"

    def crash_at(name: str) -> None:
        if name == "copied":
            raise Crash

    with pytest.raises(Crash):
        move_data(old, new, pointer, leave=LEAVE, checkpoint=crash_at)
    (new / ".settings.json.k3j2.tmp").write_bytes(b"half")  # the crash cut a write short too
    draft = next((old / "drafts").iterdir())
    draft.unlink()
    before = data_files(old)
    move_data(old, new, pointer, leave=LEAVE)
    assert data_files(new) == before
    assert not list(new.rglob("*.tmp"))


@pytest.mark.parametrize("step", ["committed", "removed focusmate.json", "removed settings.json"])
def test_a_crash_after_the_switch_leaves_the_new_folder_in_use_and_whole(
    old: Path, tmp_path: Path, pointer: DataPointer, step: str
) -> None:
    before = data_files(old)
    new = tmp_path / "new"

    def crash_at(name: str) -> None:
        if name == step:
            raise Crash

    with pytest.raises(Crash):
        move_data(old, new, pointer, leave=LEAVE, checkpoint=crash_at)
    assert in_use(pointer, old) == new
    assert locate_data_dir(None, {}, pointer).path == new
    assert data_files(new) == before
    # Whatever is still in the old folder is an identical copy: nothing exists only there.
    assert all(before[name] == data for name, data in data_files(old).items())


def test_a_failed_copy_changes_nothing_and_removes_the_partial_copy(
    old: Path, tmp_path: Path, pointer: DataPointer, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = data_files(old)
    new = tmp_path / "new"
    real_write = data_move.atomic_write_bytes

    def disk_full(path: Path, payload: bytes, mode: int = 0o600) -> None:
        if path.name == "settings.json":
            raise OSError(28, "No space left on device")
        real_write(path, payload, mode)

    monkeypatch.setattr(data_move, "atomic_write_bytes", disk_full)
    with pytest.raises(StorageFailure, match=r"No space left on device.*stays in"):
        move_data(old, new, pointer, leave=LEAVE)
    assert in_use(pointer, old) == old and data_files(old) == before
    assert list(new.rglob("*")) == []


def test_a_copy_that_reads_back_differently_is_not_committed(
    old: Path, tmp_path: Path, pointer: DataPointer
) -> None:
    before = data_files(old)
    new = tmp_path / "new"

    def corrupt(name: str) -> None:
        if name == "copied":
            (new / "reminders.json").write_bytes(b"{}")  # a bad sector, a faulty USB stick

    with pytest.raises(StorageFailure, match=r"reminders\.json .*did not read back the same"):
        move_data(old, new, pointer, leave=LEAVE, checkpoint=corrupt)
    assert in_use(pointer, old) == old and data_files(old) == before
    assert list(new.rglob("*")) == []


class FailingPointer(DataPointer):
    """The data location file cannot be written (its folder is read-only, say)."""

    def point_to(self, folder: Path) -> None:
        raise OSError(30, "Read-only file system")


def test_a_failed_switch_keeps_the_old_folder_and_drops_the_copy(old: Path, tmp_path: Path) -> None:
    pointer = FailingPointer(tmp_path / "config" / POINTER_FILE_NAME)
    before = data_files(old)
    new = tmp_path / "new"
    with pytest.raises(StorageFailure, match=r"could not switch.*stays in"):
        move_data(old, new, pointer, leave=LEAVE)
    assert in_use(pointer, old) == old and data_files(old) == before
    assert list(new.rglob("*")) == []


class SyncFailsAfterRename(DataPointer):
    """The rename happened but the folder's fsync failed: the switch did take place."""

    def point_to(self, folder: Path) -> None:
        super().point_to(folder)
        raise OSError(5, "Input/output error")


def test_a_switch_that_happened_despite_an_error_counts_as_done(old: Path, tmp_path: Path) -> None:
    pointer = SyncFailsAfterRename(tmp_path / "config" / POINTER_FILE_NAME)
    before = data_files(old)
    new = tmp_path / "new"
    report = move_data(old, new, pointer, leave=LEAVE)
    assert in_use(pointer, old) == new and data_files(new) == before
    assert report.left_behind == () and data_files(old) == {}


def test_files_that_cannot_be_removed_are_reported_and_the_move_stands(
    old: Path, tmp_path: Path, pointer: DataPointer, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = data_files(old)
    new = tmp_path / "new"
    real_remove = data_move.remove_durably

    def stubborn(path: Path) -> None:
        if path.parent == old and path.name in {"settings.json", "reminders.json"}:
            raise PermissionError(13, "Permission denied")
        real_remove(path)

    monkeypatch.setattr(data_move, "remove_durably", stubborn)
    report = move_data(old, new, pointer, leave=LEAVE)
    assert sorted(report.left_behind) == ["reminders.json", "settings.json"]
    assert in_use(pointer, old) == new and data_files(new) == before
    assert sorted(data_files(old)) == ["reminders.json", "settings.json"]


def test_links_are_not_followed_and_are_reported(
    old: Path, tmp_path: Path, pointer: DataPointer
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("not focusmate's")
    (old / "shortcut").symlink_to(outside)
    new = tmp_path / "new"
    report = move_data(old, new, pointer, leave=LEAVE)
    assert report.left_behind == ("shortcut",)
    assert not (new / "shortcut").exists() and outside.read_text() == "not focusmate's"


def test_an_empty_or_missing_folder_moves_too(tmp_path: Path, pointer: DataPointer) -> None:
    """A new user moving the data before any session: only the pointer changes."""
    new = tmp_path / "new"
    report = move_data(tmp_path / "never-used", new, pointer, leave=LEAVE)
    assert report.moved == () and new.is_dir() and pointer.points_to() == new


def test_moving_back_and_forth_keeps_everything(
    old: Path, tmp_path: Path, pointer: DataPointer
) -> None:
    before = data_files(old)
    (old / LOCK_FILE_NAME).unlink()  # the app released it before moving again
    move_data(old, tmp_path / "new", pointer, leave=LEAVE)
    move_data(tmp_path / "new", old, pointer, leave=LEAVE)
    assert pointer.points_to() == old and data_files(old) == before


def test_a_damaged_history_moves_as_it_is_for_recovery_to_handle(
    tmp_path: Path, pointer: DataPointer
) -> None:
    """Moving must not be the moment data is judged: the bytes move, recovery comes later."""
    old = tmp_path / "old"
    old.mkdir()
    (old / "focusmate.json").write_bytes(b'{"sessions": {"1": {"id": 3')
    move_data(old, tmp_path / "new", pointer, leave=LEAVE)
    assert (tmp_path / "new" / "focusmate.json").read_bytes() == b'{"sessions": {"1": {"id": 3'
