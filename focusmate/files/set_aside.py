"""Keeping a damaged file aside: renamed under a dated name next to where it was, never
deleted, never overwritten, never followed if it is a link (the name is what moves).

The data file's recovery (storage.backups) and the check of every other file focusmate owns
(storage.owned_files) both keep what they cannot read this way, so the user, or support,
can always look at what was there.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path


def stamp(now: datetime) -> str:
    """A UTC time for file names that sorts as it reads: 20261123T090000123456Z."""
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def set_aside(path: Path, now: datetime, mark: str = "damaged") -> Path:
    """Rename ``path`` to ``<name>.<mark>-<stamp>`` in the same folder; the new path."""
    aside = path.with_name(f"{path.name}.{mark}-{stamp(now)}")
    path.replace(aside)  # a rename: a link is renamed itself, never the file it points to
    return aside
