"""The names of the sync folder's files (ARCHITECTURE.md, "The sync folder"), and the copies
sync engines make of them.

A log segment is ``log-<n>.jsonl`` with ``n`` zero-padded to six digits, so that anything a
sync engine adds between the number and the extension marks a copy: Syncthing's
``log-000003.sync-conflict-20261203-101010-ABCDEFG.jsonl``, Dropbox's and Nextcloud's
``log-000003 (conflicted copy 2026-12-03).jsonl``, ``log-000003 (1).jsonl``, OneDrive's
``log-000003-DESKTOP.jsonl``. A copy keeps the original's name for what its lines are bound to
(the encryption's associated data), since its lines were written there.
"""

from __future__ import annotations

import functools
import re
import secrets
from dataclasses import dataclass

ROOT = "focusmate-sync"
FORMAT_FILE = "format.json"
DEVICES = "devices"
DEVICE_FILE = "device.json"

_SEGMENT = re.compile(r"^log-(\d{6,})(.*)\.jsonl$", re.DOTALL)
_SNAPSHOT = re.compile(r"^snapshot-([0-9A-Za-z_]+)(.*)\.json$", re.DOTALL)
_DEVICE_FILE_COPY = re.compile(r"^device(.+)\.json$", re.DOTALL)
_DEVICE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")  # core.sync_clock's rule
_UNSAFE = re.compile(r"[^0-9A-Za-z_]")


@dataclass(frozen=True)
class Segment:
    """A log segment's name, read: its number, the original name, whether this is a copy."""

    number: int
    original: str
    copy: bool


def segment_name(number: int) -> str:
    return f"log-{number:06d}.jsonl"


@functools.lru_cache(maxsize=16384)  # every poll parses every name of every folder
def parse_segment(name: str) -> Segment | None:
    """The segment ``name`` is, or None when it is none (a temp file, something else)."""
    match = _SEGMENT.match(name)
    if match is None:
        return None
    number = int(match.group(1))
    return Segment(number, segment_name(number), copy=match.group(2) != "")


def snapshot_name(hlc: str) -> str:
    """``snapshot-<hlc>.json``; characters a file name should not carry become ``_``."""
    return f"snapshot-{_UNSAFE.sub('_', hlc)}.json"


def parse_snapshot(name: str) -> tuple[str, bool] | None:
    """(the original snapshot name, whether ``name`` is a copy of it), or None."""
    match = _SNAPSHOT.match(name)
    if match is None:
        return None
    return f"snapshot-{match.group(1)}.json", match.group(2) != ""


def is_device_file_copy(name: str) -> bool:
    return name != DEVICE_FILE and _DEVICE_FILE_COPY.match(name) is not None


def device_folder(device_id: str) -> str:
    return f"{DEVICES}/{device_id}"


def check_device_id(device_id: str) -> str:
    """``device_id`` itself; ValueError if it cannot name a folder on every system."""
    if not _DEVICE_ID.match(device_id):
        raise ValueError(
            f"a device id is 1 to 64 letters, digits, '.', '-' or '_', starting with a letter "
            f"or digit: {device_id!r}"
        )
    return device_id


def new_device_id() -> str:
    """A fresh device id: 16 random hex digits (also the fix for a cloned disk)."""
    return secrets.token_hex(8)
