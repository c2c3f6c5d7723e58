"""The last good copy of each calendar source, on disk (issue 15, deliverable 5): what the
app shows while a feed is down, and what a conditional request's "unchanged" refers to.

``<data_dir>/calendars/`` (0700) holds two files per source, both 0600 and written through
focusmate.files.atomic (temp file, fsync, rename, fsync the folder; ARCHITECTURE invariants 4
and 9): ``<key>.ics``, the raw documents one after the other (one for an ICS feed, one per
calendar object for CalDAV), and ``<key>.json``, the small meta: the documents' lengths and
SHA-256, the fetch validators, when the copy was fetched, and the latest attempt's outcome.
The key hashes the kind, location and user, so a source renamed or pointed elsewhere never
reads another address's copy; the address itself is not written here.

The documents are written before the meta that describes them, so a power cut between the
two leaves a meta whose hash does not match: such a copy, or any damaged or unreadable one,
is treated as none (the next refresh fetches afresh) and never raises.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from focusmate.core.calendar_sources import CalendarSource
from focusmate.core.errors import InvalidData
from focusmate.files.atomic import (
    atomic_write_bytes,
    dumps_strict,
    ensure_own_folder,
    read_json,
    remove_durably,
)

FOLDER_NAME = "calendars"
_FORMAT = 1

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Attempt:
    """The outcome of a source's latest refresh, kept for ``calendar status`` without a
    running app."""

    checked_at: datetime
    ok: bool
    line: str
    problem: str = ""


@dataclass(frozen=True, slots=True)
class CachedCopy:
    """The documents of the last good fetch, the validators that came with them (in their
    JSON form: http_fetch.Validators or caldav_fetch.CaldavValidators), when they were
    fetched, and the documents' SHA-256 (equal digests, equal documents)."""

    documents: tuple[bytes, ...]
    validators: Mapping[str, Any]
    fetched_at: datetime
    digest: str


def cache_key(source: CalendarSource) -> str:
    """A short name for the source's copy, from what it reads (not from its name)."""
    identity = "\n".join((source.kind.value, source.location, source.user))
    return hashlib.sha256(identity.encode()).hexdigest()[:20]


def digest_of(documents: tuple[bytes, ...]) -> str:
    hashed = hashlib.sha256()
    for document in documents:
        hashed.update(document)
    return hashed.hexdigest()


def load(data_dir: Path, source: CalendarSource) -> CachedCopy | None:
    """The source's last good copy, or None when there is none or it is damaged."""
    documents_path, meta_path = _paths(data_dir, source)
    try:
        record = _copy_record(_meta(meta_path))
        if record is None:
            return None
        raw = documents_path.read_bytes()
        lengths = record["lengths"]
        if sum(lengths) != len(raw) or hashlib.sha256(raw).hexdigest() != record["sha256"]:
            raise InvalidData("the documents do not match their meta file")
    except (OSError, InvalidData, ValueError, TypeError, KeyError) as error:
        _log.warning("calendar copy %s not used: %s", documents_path.name, error)
        return None
    documents, offset = [], 0
    for length in lengths:
        documents.append(raw[offset : offset + length])
        offset += length
    return CachedCopy(
        tuple(documents), record["validators"], record["fetched_at"], record["sha256"]
    )


def last_attempt(data_dir: Path, source: CalendarSource) -> Attempt | None:
    """The latest refresh's outcome as noted, or None (none noted, or damaged)."""
    _documents, meta_path = _paths(data_dir, source)
    try:
        record = _meta(meta_path).get("attempt")
        if record is None:
            return None
        return Attempt(
            _instant(record["checked_at"]),
            _typed(record["ok"], bool),
            _typed(record["line"], str),
            _typed(record["problem"], str),
        )
    except (OSError, InvalidData, ValueError, TypeError, KeyError) as error:
        _log.warning("calendar status %s not used: %s", meta_path.name, error)
        return None


def save(
    data_dir: Path,
    source: CalendarSource,
    documents: tuple[bytes, ...],
    validators: Mapping[str, Any],
    attempt: Attempt,
) -> CachedCopy:
    """Keeps ``documents`` as the source's good copy, fetched at ``attempt.checked_at``.
    Raises OSError or StorageFailure when it cannot be written (the old copy then stays)."""
    copy = CachedCopy(documents, dict(validators), attempt.checked_at, digest_of(documents))
    meta = _meta_bytes(copy, attempt)  # serialised before any file is touched
    documents_path, meta_path = _paths(data_dir, source)
    ensure_own_folder(documents_path.parent)
    atomic_write_bytes(documents_path, b"".join(documents))
    atomic_write_bytes(meta_path, meta)
    return copy


def note_attempt(
    data_dir: Path,
    source: CalendarSource,
    attempt: Attempt,
    *,
    confirmed: Mapping[str, Any] | None = None,
) -> None:
    """Records the outcome of a refresh that brought no new copy (unchanged or failed),
    keeping the copy there is. ``confirmed`` (the validators of an "unchanged" answer) says
    the copy was current at ``attempt.checked_at``: its fetch time becomes that.
    Raises OSError or StorageFailure when it cannot be written."""
    documents_path, meta_path = _paths(data_dir, source)
    try:
        kept = _meta(meta_path).get("copy")
    except (OSError, InvalidData) as error:
        _log.warning("calendar status %s rewritten: %s", meta_path.name, error)
        kept = None
    if confirmed is not None and isinstance(kept, dict):
        kept = {
            **kept,
            "validators": dict(confirmed),
            "fetched_at": attempt.checked_at.isoformat(),
        }
    ensure_own_folder(documents_path.parent)
    atomic_write_bytes(meta_path, dumps_strict(_meta_record(kept, attempt)))


def remove(data_dir: Path, source: CalendarSource) -> None:
    """Forgets the source's copy and status (the source was removed)."""
    documents_path, meta_path = _paths(data_dir, source)
    if documents_path.parent.is_symlink():
        return  # never delete through a link out of the data folder (invariant 9)
    for path in (meta_path, documents_path):
        remove_durably(path)


def _paths(data_dir: Path, source: CalendarSource) -> tuple[Path, Path]:
    folder = data_dir / FOLDER_NAME
    key = cache_key(source)
    return folder / f"{key}.ics", folder / f"{key}.json"


def _meta(meta_path: Path) -> dict[str, Any]:
    """The meta file's object ({} when there is none); InvalidData when it is damaged."""
    record = read_json(meta_path, "the calendar copy's meta file")
    if record is None:
        return {}
    if not isinstance(record, dict) or record.get("format") != _FORMAT:
        raise InvalidData("the calendar copy's meta file has another shape")
    return record


def _copy_record(meta: dict[str, Any]) -> dict[str, Any] | None:
    """The meta's copy section, checked and with its instant parsed; None if there is none."""
    record = meta.get("copy")
    if record is None:
        return None
    lengths = record["lengths"]
    if not isinstance(lengths, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in lengths
    ):
        raise InvalidData("the copy's lengths are not whole numbers")
    return {
        "lengths": lengths,
        "sha256": _typed(record["sha256"], str),
        "validators": _typed(record["validators"], dict),
        "fetched_at": _instant(record["fetched_at"]),
    }


def _meta_bytes(copy: CachedCopy, attempt: Attempt) -> bytes:
    record = {
        "lengths": [len(document) for document in copy.documents],
        "sha256": copy.digest,
        "validators": dict(copy.validators),
        "fetched_at": copy.fetched_at.isoformat(),
    }
    return dumps_strict(_meta_record(record, attempt))


def _meta_record(copy: object, attempt: Attempt) -> dict[str, Any]:
    return {
        "format": _FORMAT,
        "copy": copy,
        "attempt": {
            "checked_at": attempt.checked_at.isoformat(),
            "ok": attempt.ok,
            "line": attempt.line,
            "problem": attempt.problem,
        },
    }


def _typed(value: Any, kind: type) -> Any:
    if not isinstance(value, kind):
        raise InvalidData(f"a {kind.__name__} was expected, not {type(value).__name__}")
    return value


def _instant(value: object) -> datetime:
    instant = datetime.fromisoformat(_typed(value, str))
    if instant.tzinfo is None:
        raise InvalidData("an instant without a UTC offset")
    return instant


__all__ = [
    "FOLDER_NAME",
    "Attempt",
    "CachedCopy",
    "cache_key",
    "digest_of",
    "last_attempt",
    "load",
    "note_attempt",
    "remove",
    "save",
]
