"""A small private file system for tests of a full or read-only disk: a tmpfs mounted for the
test (root only; the test is skipped where mounting is not allowed)."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def small_tmpfs(where: Path, size_kib: int = 64) -> Iterator[Path]:
    """Mount a ``size_kib`` tmpfs at ``where`` for the block; it is unmounted afterwards."""
    where.mkdir(parents=True, exist_ok=True)
    command = ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0755", "tmpfs", str(where)]
    mounted = subprocess.run(command, capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def read_only(where: Path) -> None:
    """Make the file system mounted at ``where`` read-only, as a failing disk does."""
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)


def fill(where: Path) -> None:
    """Fill the file system of ``where`` until the disk is full."""
    with contextlib.suppress(OSError), (where / "filler").open("wb", buffering=0) as sink:
        while True:
            sink.write(b"\0" * 4096)


@contextlib.contextmanager
def read_only_view(folder: Path, where: Path) -> Iterator[Path]:
    """``folder`` seen read-only at ``where`` (a read-only bind mount), for the block: how a
    running app sees its folder once the disk has gone read-only under it."""
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "--bind", str(folder), str(where)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(where)], check=True)
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)
