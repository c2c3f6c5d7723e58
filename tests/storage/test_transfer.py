"""Export files and reading import files: whole-file validation with clear messages."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from focusmate.core.errors import InvalidData
from focusmate.core.model import CoachingSession, Mark, Question, Reflection
from focusmate.storage.transfer import export_csv, export_json, read_import_file
from tests.fakes import T0

SESSION = CoachingSession(
    "id1",
    'Zoë 🙂, "the closer"',
    T0,
    30,
    focus="line1\nline2",
    ended_at=T0 + timedelta(minutes=30),
    marks=(Mark("phone", T0), Mark("phone", T0), Mark("app", T0)),
    reflection=Reflection(dict.fromkeys(Question, 3), "anxious about quota", "ask", complete=True),
)


def test_json_export_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_text(export_json([SESSION]))
    assert read_import_file(path) == [SESSION]


def test_csv_has_one_row_per_session_with_counts_and_answers() -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv([SESSION]))))
    assert len(rows) == 1
    row = rows[0]
    assert row["with"] == SESSION.with_name and row["focus"] == "line1\nline2"
    assert (row["phone_marks"], row["app_marks"], row["fully_present"]) == ("2", "1", "3")
    assert row["their_perspective"] == "anxious about quota"


@pytest.mark.parametrize(
    "content", [b"", b"{", b'{"format": "focusmate-export"', b"\x00\x01garbage", b'{"a": 1}', b"[]"]
)
def test_malformed_or_truncated_files_are_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "in.json"
    path.write_bytes(content)
    with pytest.raises(InvalidData, match="nothing was imported"):
        read_import_file(path)


def test_a_truncated_export_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text(export_json([SESSION])[:-40])
    with pytest.raises(InvalidData, match="not valid JSON"):
        read_import_file(path)


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidData, match="cannot read"):
        read_import_file(tmp_path / "nope.json")


def test_one_bad_session_rejects_the_whole_file(tmp_path: Path) -> None:
    doc = json.loads(export_json([SESSION]))
    doc["sessions"].append(dict(doc["sessions"][0], id="id2", planned_minutes=0))
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(InvalidData, match=r"sessions\[1\]\.planned_minutes"):
        read_import_file(path)


def test_csv_has_each_sessions_kind_after_its_planned_minutes() -> None:
    sessions = [
        SESSION,
        replace(SESSION, id="c", kind="client"),
        replace(SESSION, id="t", kind="team-meeting"),
    ]
    header, *rows = list(csv.reader(io.StringIO(export_csv(sessions))))
    assert header[header.index("planned_minutes") + 1] == "kind"
    assert [row[header.index("kind")] for row in rows] == ["coaching", "client", "team-meeting"]
