"""Export and import files: the JSON export document, a CSV table, and reading an import."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from focusmate.core.csv_text import csv_document
from focusmate.core.errors import InvalidData
from focusmate.core.json_text import parse_json
from focusmate.core.marks import with_builtins
from focusmate.core.model import CoachingSession, Question
from focusmate.core.records import export_document, format_instant, parse_export_document
from focusmate.core.scoring import presence_score
from focusmate.storage.atomic_storage import MAX_STORED_BYTES

#: An import file may be as large as a data file may grow, and no larger.
#: The app's socket takes requests of this size too (app.py names MAX_STORED_BYTES there, so
#: that this module is not loaded before the tray icon).
IMPORT_MAX_BYTES = MAX_STORED_BYTES

#: ``kind`` is the id of the session's kind (core.session_kind: coaching, client or one the
#: user added), as in the JSON export.
CSV_FIRST_COLUMNS = ("id", "with", "focus", "started_at", "ended_at", "planned_minutes", "kind")
CSV_LAST_COLUMNS = (
    *(q.value for q in Question),
    "their_perspective",
    "next_time",
    "empathy",
    "worry",
    "worry_note",
    "previous_session_id",
    "same_challenge",
    "commitment_outcome",
    "complete",
    "presence",
    "intention",
    "checklist",
    "slowed_down_s",
)


def export_json(sessions: Iterable[CoachingSession]) -> str:
    return json.dumps(export_document(sessions), ensure_ascii=False, indent=2) + "\n"


def export_csv(sessions: Iterable[CoachingSession]) -> str:
    """One row per session; a <kind>_marks column for phone, app and every other kind used."""
    sessions = list(sessions)
    kinds = list(with_builtins({m.kind: 1 for s in sessions for m in s.marks}))
    header = [*CSV_FIRST_COLUMNS, *(f"{k}_marks" for k in kinds), *CSV_LAST_COLUMNS]
    return csv_document([header, *(_session_row(s, kinds) for s in sessions)])


def _session_row(s: CoachingSession, kinds: list[str]) -> list[object]:
    counts = s.mark_counts()
    return [
        s.id,
        s.with_name,
        s.focus,
        format_instant(s.started_at),
        "" if s.ended_at is None else format_instant(s.ended_at),
        s.planned_minutes,
        s.kind,
        *(counts.get(kind, 0) for kind in kinds),
        *_reflection_cells(s),
        *_checkin_cells(s),
    ]


def _cell(value: object) -> object:
    """None as an empty cell, booleans as true/false (like the JSON export)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _reflection_cells(session: CoachingSession) -> list[object]:
    r = session.reflection
    score = presence_score(session)
    if r is None:
        return [""] * (len(Question) + 10)
    return [
        _cell(v)
        for v in (
            *(r.answers.get(q) for q in Question),
            r.their_perspective,
            r.next_time,
            r.empathy,
            r.worry,
            r.worry_note,
            r.previous_session_id,
            r.same_challenge,
            r.commitment_outcome,
            r.complete,
            None if score is None else round(score, 2),
        )
    ]


def _checkin_cells(session: CoachingSession) -> list[object]:
    c = session.checkin
    if c is None:
        return ["", "", ""]
    return [c.intention, " ".join(sorted(item.value for item in c.checked)), c.slowed_down_s]


def read_import_file(path: Path) -> list[CoachingSession]:
    """Read and validate a whole export file; raise InvalidData without changing anything."""
    return parse_import(read_import_bytes(path), path)


def read_import_bytes(path: Path) -> bytes:
    """The bytes of an import file, read once, at most IMPORT_MAX_BYTES of them; InvalidData
    when it cannot be read or is larger. A pipe (``<(...)``, a FIFO) is read like a file: the
    CLI reads it in its own process and sends the running app the contents."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > IMPORT_MAX_BYTES:  # a regular file says its size: refuse before reading
                raise InvalidData(f"{path} is {size} bytes; the limit is {IMPORT_MAX_BYTES}")
            raw = handle.read(IMPORT_MAX_BYTES + 1)
    except OSError as error:
        raise InvalidData(f"cannot read {path}: {error.strerror or error}") from None
    if len(raw) > IMPORT_MAX_BYTES:
        raise InvalidData(
            f"{path} is too large to import (more than {IMPORT_MAX_BYTES} bytes, the limit)"
        )
    return raw


def parse_import(raw: bytes, path: Path | str) -> list[CoachingSession]:
    """Validate the bytes of an export file (``path`` names it in messages); InvalidData."""
    try:
        document = parse_json(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidData(f"{path} is not valid JSON ({error}); nothing was imported") from None
    try:
        return parse_export_document(document)
    except InvalidData as error:
        raise InvalidData(f"{path}: {error}; nothing was imported") from None
