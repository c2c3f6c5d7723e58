"""A damaged data location file never keeps the app from starting (issue 13, finding 1): it
is kept aside, the default folder is used, the user is told. A file that names a folder that
is not there still stops it (an unplugged drive), and commands other than the app's own
launch only report the damage."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusmate.desktop.locations import (
    DataDirSource,
    DataLocationError,
    DataPointer,
    default_data_dir,
    locate_data_dir,
)
from focusmate.services.data_folder import locate_for_the_app
from tests.fakes import T0

DAMAGE = [
    b"",
    b"{",
    b"\xff\xfe",
    b"[]",
    b'{"version": 1}',
    b'{"version": 1, "data_dir": "rel"}',
    b"[" * 100_000,
]


@pytest.mark.parametrize("damage", DAMAGE)
def test_the_app_starts_on_the_default_folder_and_says_why(tmp_path: Path, damage: bytes) -> None:
    pointer = DataPointer(tmp_path / "data-location.json")
    pointer.path.write_bytes(damage)
    with pytest.raises(DataLocationError):
        locate_data_dir(None, {}, pointer)  # what a command other than the launch sees
    location = locate_for_the_app(None, T0, pointer)
    assert location.path == default_data_dir() and location.source is DataDirSource.DEFAULT
    assert location.notice is not None and "uses the default data folder" in str(location.notice)
    (kept,) = tmp_path.glob("data-location.json.damaged-*")
    assert kept.read_bytes() == damage and str(kept) in str(location.notice)


def test_a_folder_that_is_not_there_still_stops_the_app(tmp_path: Path) -> None:
    pointer = DataPointer(tmp_path / "data-location.json")
    pointer.point_to(tmp_path / "unplugged")
    with pytest.raises(DataLocationError, match="is not there"):
        locate_for_the_app(None, T0, pointer)
    assert pointer.path.exists()
