"""Export and import files: the JSON export document, a CSV table, and reading an import."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

from focusmate.core.errors import InvalidData
from focusmate.core.marks import with_builtins
from focusmate.core.model import CoachingSession, Question
from focusmate.core.records import export_document, format_instant, parse_export_document

IMPORT_MAX_BYTES = 64 * 1024 * 1024

CSV_FIRST_COLUMNS = ("id", "with", "focus", "started_at", "ended_at", "planned_minutes")
CSV_LAST_COLUMNS = (*(q.value for q in Question), "their_perspective", "next_time")


def export_json(sessions: Iterable[CoachingSession]) -> str:
    return json.dumps(export_document(sessions), ensure_ascii=False, indent=2) + "\n"


def export_csv(sessions: Iterable[CoachingSession]) -> str:
    """One row per session; a <kind>_marks column for phone, app and every other kind used."""
    sessions = list(sessions)
    kinds = list(with_builtins({m.kind: 1 for s in sessions for m in s.marks}))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*CSV_FIRST_COLUMNS, *(f"{k}_marks" for k in kinds), *CSV_LAST_COLUMNS])
    for s in sessions:
        counts = s.mark_counts()
        answers = s.reflection.answers if s.reflection else {}
        writer.writerow([
            s.id, s.with_name, s.focus, format_instant(s.started_at),
            "" if s.ended_at is None else format_instant(s.ended_at), s.planned_minutes,
            *(counts.get(kind, 0) for kind in kinds),
            *(answers.get(q, "") for q in Question),
            s.reflection.their_perspective if s.reflection else "",
            s.reflection.next_time if s.reflection else "",
        ])  # fmt: skip
    return buffer.getvalue()


def read_import_file(path: Path) -> list[CoachingSession]:
    """Read and validate a whole export file; raise InvalidData without changing anything."""
    try:
        size = path.stat().st_size
        if size > IMPORT_MAX_BYTES:
            raise InvalidData(f"{path} is {size} bytes; the limit is {IMPORT_MAX_BYTES}")
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidData(f"cannot read {path}: {error.strerror or error}") from None
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidData(f"{path} is not valid JSON ({error}); nothing was imported") from None
    try:
        return parse_export_document(document)
    except InvalidData as error:
        raise InvalidData(f"{path}: {error}; nothing was imported") from None
