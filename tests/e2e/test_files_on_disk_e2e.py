"""The files on disk, hostile or damaged (issue 13), with the installed focusmate on the
headless desktop: what it stores from an import, and what it does at start with a file it
cannot use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from desktop import HeadlessDesktop
from focusmate_app import RunningApp

pytestmark = pytest.mark.timeout(120)

ENDED = {
    "id": "ended",
    "with": "Ana",
    "focus": "",
    "started_at": "2026-11-23T09:00:00+00:00",
    "ended_at": "2026-11-23T09:30:00+00:00",
    "planned_minutes": 30,
    "marks": [],
}
#: An export taken during a session carries it with "ended_at": null.
RUNNING = ENDED | {
    "id": "running",
    "with": "Ben",
    "started_at": "2026-11-23T10:00:00+00:00",
    "ended_at": None,
    "marks": [{"kind": "phone", "at": "2026-11-23T10:01:00+00:00"}],
}


def export_file(folder: Path, *sessions: dict[str, object]) -> Path:
    file = folder / "export.json"
    file.write_text(
        json.dumps({"format": "focusmate-export", "version": 2, "sessions": list(sessions)})
    )
    return file


def test_an_import_never_starts_a_ghost_session(desktop: HeadlessDesktop, tmp_path: Path) -> None:
    """Finding 3 (and 16: the summary says why one was skipped)."""
    app = RunningApp(desktop, tmp_path / "data")
    try:
        imported = app.cli("import", str(export_file(tmp_path, ENDED, RUNNING)))
        idle = app.status()["state"]
    finally:
        app.stop()
    assert imported.returncode == 0, imported.stderr
    summary = "1 added, 0 updated, 0 unchanged; 1 session was skipped because still running"
    assert summary in imported.stdout and idle == "idle"
    again = RunningApp(desktop, app.data_dir)  # the ghost appeared after a restart
    try:
        status = again.status()
        exported = again.exported_sessions()
    finally:
        again.stop()
    assert status["state"] == "idle" and status["dnd"]["engaged"] is False
    assert [s["id"] for s in exported] == ["ended"]
