"""Every small file focusmate owns, damaged in any way, never keeps it from starting (issue 13,
finding 1): it is kept aside under a dated name, the best state is used, the user is told."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusmate.core.model import CoachingSession, Mark, Reflection
from focusmate.core.settings import Settings
from focusmate.storage.backups import take_backup
from focusmate.storage.owned_files import OwnedFile, check_owned_files
from focusmate.storage.reminder_log import FileReminderLog, read_last_shown
from focusmate.storage.repository import CURRENT_FILE_NAME, TinyDBSessionRepository
from focusmate.storage.settings_store import load_settings, save_settings
from tests.fakes import T0

RUNNING = CoachingSession("run", "Ben", T0, 30)
ENDED = CoachingSession("end", "Ana", T0 - timedelta(days=1), 30, ended_at=T0 - timedelta(hours=23))
FILES = {
    OwnedFile.RUNNING_SESSION: CURRENT_FILE_NAME,
    OwnedFile.SETTINGS: "settings.json",
    OwnedFile.REMINDER_LOG: "reminders.json",
}
#: Damage of every kind: not JSON, JSON of the wrong shape, deep nesting, binary noise.
damage = st.one_of(
    st.binary(max_size=200),
    st.sampled_from([b"", b"{", b"null", b"[]", b'{"version": 99}', b"[" * 100_000, b"\xff"]),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=10,
    ).map(lambda v: repr(v).encode()),
)
fresh_folder = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def a_folder(tmp_path: Path) -> Path:
    folder = tmp_path / str(len(list(tmp_path.iterdir())))
    repository = TinyDBSessionRepository(folder)
    repository.save(ENDED)
    repository.save(ENDED.with_reflection(Reflection(next_time="draft")))  # a draft file
    repository.save(RUNNING)
    save_settings(folder, Settings())
    FileReminderLog(folder).record_shown(T0)
    return folder


@fresh_folder
@given(st.sampled_from([*FILES, OwnedFile.DRAFT]), damage)
def test_any_damage_to_any_file_is_set_aside_and_the_app_can_read_on(
    tmp_path: Path, file: OwnedFile, payload: bytes
) -> None:
    folder = a_folder(tmp_path)
    path = (
        next((folder / "drafts").glob("*.json"))
        if file is OwnedFile.DRAFT
        else folder / FILES[file]
    )
    path.write_bytes(payload)
    notices = check_owned_files(folder, T0)
    # Whatever it was, everything reads now: the app starts.
    repository = TinyDBSessionRepository(folder)
    repository.all_sessions()
    load_settings(folder)
    read_last_shown(folder / "reminders.json")
    if notices:
        (notice,) = notices
        assert notice.file is file
        assert (folder / notice.kept_as).read_bytes() == payload  # kept, never changed
        assert notice.kept_as in str(notice) and not path.exists()
    else:
        assert path.read_bytes() == payload  # it was readable after all: left alone


def test_a_damaged_running_session_goes_on_from_its_previous_generation(tmp_path: Path) -> None:
    repository = TinyDBSessionRepository(tmp_path)
    repository.save(RUNNING)
    repository.save(RUNNING.with_mark(Mark("phone", T0 + timedelta(minutes=1))))
    repository.save(
        RUNNING.with_mark(Mark("phone", T0 + timedelta(minutes=1))).with_mark(
            Mark("app", T0 + timedelta(minutes=2))
        )
    )
    (tmp_path / CURRENT_FILE_NAME).write_bytes(b'{"id": "run", "with": "Be')  # a bad sector
    (notice,) = check_owned_files(tmp_path, T0 + timedelta(minutes=3))
    assert notice.resumed and "goes on as it was before its last change" in str(notice)
    current = TinyDBSessionRepository(tmp_path).current()
    assert current is not None and current.running
    assert [m.kind for m in current.marks] == ["phone"]  # the last mark is what is lost


def test_without_a_previous_generation_the_notice_says_the_session_is_lost(tmp_path: Path) -> None:
    TinyDBSessionRepository(tmp_path).save(RUNNING)  # its first write: no previous yet
    (tmp_path / CURRENT_FILE_NAME).write_bytes(b"\x00" * 64)
    (notice,) = check_owned_files(tmp_path, T0)
    assert not notice.resumed and "could not be recovered" in str(notice)
    assert TinyDBSessionRepository(tmp_path).current() is None


def test_the_previous_generation_goes_when_the_session_ends(tmp_path: Path) -> None:
    repository = TinyDBSessionRepository(tmp_path)
    repository.save(RUNNING)
    repository.save(RUNNING.with_mark(Mark("phone", T0)))
    repository.save(
        replace(RUNNING.with_mark(Mark("phone", T0)), ended_at=T0 + timedelta(minutes=30))
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["focusmate.json"]


@pytest.mark.parametrize("file", list(FILES))
def test_a_folder_in_place_of_a_file_is_set_aside_too(tmp_path: Path, file: OwnedFile) -> None:
    (tmp_path / FILES[file]).mkdir(parents=True)
    (notice,) = check_owned_files(tmp_path, T0)
    assert notice.file is file and (tmp_path / notice.kept_as).is_dir()


def test_a_backup_that_is_no_file_never_stops_the_next_backup(tmp_path: Path) -> None:
    """Backups are focusmate's files too: a folder or a dangling link bearing a backup's name
    (sorting as the newest) made every backup fail with a traceback; rotation never deletes it."""
    TinyDBSessionRepository(tmp_path).save(ENDED)
    backups = tmp_path / "backups"
    (backups / "focusmate-99990101T000000000000Z.json").mkdir(parents=True)
    (backups / "focusmate-99990102T000000000000Z.json").symlink_to(tmp_path / "gone.json")
    repository = TinyDBSessionRepository(tmp_path)
    for n in range(8):  # a new history each time: a new backup, and rotation
        repository.save(replace(ENDED, id=f"s{n}"))
        taken = take_backup(tmp_path, T0 + timedelta(minutes=n))
        assert (
            taken is not None and taken.read_bytes() == (tmp_path / "focusmate.json").read_bytes()
        )
    assert len([p for p in backups.iterdir() if p.is_file()]) == 5
    names = sorted(p.name for p in backups.iterdir())
    assert names[-2:] == [
        "focusmate-99990101T000000000000Z.json",
        "focusmate-99990102T000000000000Z.json",
    ]
