"""Atomic, durable, private writes: a failed write never harms the file already saved."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from focusmate.core.errors import InvalidData
from focusmate.files.atomic import atomic_write_bytes, ensure_private_dir
from focusmate.storage.atomic_storage import AtomicJSONStorage


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_are_0600_in_a_0700_directory(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ensure_private_dir(data)
    storage = AtomicJSONStorage(data / "db.json")
    storage.write({"t": {"1": {"a": 1}}})
    assert mode(data) == 0o700
    assert mode(data / "db.json") == 0o600
    assert storage.read() == {"t": {"1": {"a": 1}}}


def test_an_open_directory_is_tightened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    ensure_private_dir(data)
    assert mode(data) == 0o700


def test_a_value_that_cannot_be_serialised_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write({"t": {"1": {"a": 1}}})
    before = path.read_bytes()
    for bad in ({"t": {"1": {"a": object()}}}, {"t": {"1": {"a": float("nan")}}}):
        with pytest.raises((TypeError, ValueError)):
            storage.write(bad)
        assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["db.json"]  # no temp files left


def test_a_crash_before_the_rename_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.json"
    atomic_write_bytes(path, b'{"old": {}}')

    def power_cut(*_args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "replace", power_cut)
    with pytest.raises(OSError, match="Input/output"):
        atomic_write_bytes(path, b'{"new": {}}')
    assert json.loads(path.read_bytes()) == {"old": {}}
    assert [p.name for p in tmp_path.iterdir()] == ["db.json"]


def test_every_write_is_fsynced_before_and_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, Path.replace

    def fsync(fd: int) -> None:
        calls.append("dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    def replace(self: Path, target: Path) -> Path:
        calls.append("rename")
        return real_replace(self, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(Path, "replace", replace)
    atomic_write_bytes(tmp_path / "db.json", b"{}")
    assert calls == ["file", "rename", "dir"]


@pytest.mark.parametrize("content", [b"", b"   ", b"{trunc", b"\xff\xfe\x00", b"[1, 2]"])
def test_damaged_files_are_reported_not_overwritten(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(content)
    with pytest.raises(InvalidData, match="data file"):
        AtomicJSONStorage(path).read()
    assert path.read_bytes() == content


def test_a_missing_file_reads_as_empty(tmp_path: Path) -> None:
    assert AtomicJSONStorage(tmp_path / "none.json").read() is None
