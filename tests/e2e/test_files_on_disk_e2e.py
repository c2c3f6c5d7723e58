"""The files on disk, hostile or damaged (issue 13), with the installed focusmate on the
headless desktop: what it stores from an import, and what it does at start with a file it
cannot use."""

from __future__ import annotations

import json
import os
import shutil
import stat
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import RunningApp, installed_focusmate

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


def big_export(folder: Path, name: str, megabytes: int) -> Path:
    """An export of ~``megabytes`` MB: sessions with 12 KB reflections, as in the finding."""
    note = "x" * 12_000
    sessions = [
        ENDED
        | {
            "id": f"{name}-{i}",
            "started_at": "2020-01-01T00:00:00+00:00",
            "ended_at": "2020-01-01T00:30:00+00:00",
            "reflection": {"answers": {}, "their_perspective": note, "complete": True},
        }
        for i in range(megabytes * 1024 * 1024 // len(note))
    ]
    file = folder / f"{name}.json"
    file.write_text(json.dumps({"format": "focusmate-export", "version": 2, "sessions": sessions}))
    return file


def test_two_large_imports_never_make_the_history_unreadable(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    """Finding 2: each file is under the limit, both together are not; the second import is
    refused with one line and the next start reads the whole history (no recovery)."""
    first, second = big_export(tmp_path, "first", 40), big_export(tmp_path, "second", 40)
    app = RunningApp(desktop, tmp_path / "data")
    try:
        assert app.cli("import", str(first), timeout_s=60).returncode == 0
        refused = app.cli("import", str(second), timeout_s=60)
        assert app.cli("start", "--with", "After").returncode == 0
        assert app.cli("end").returncode == 0
    finally:
        app.stop()
    assert refused.returncode == 5 and refused.stderr.count("\n") == 1
    assert "more than the 64 MB" in refused.stderr and "nothing was saved" in refused.stderr
    again = RunningApp(desktop, app.data_dir)
    try:
        sessions = again.exported_sessions()
    finally:
        again.stop()
    assert len(sessions) == len(json.loads(first.read_text())["sessions"]) + 1
    assert sessions[-1]["with"] == "After"
    assert "damaged" not in desktop.read_log(f"focusmate-{app.data_dir.name}")


def test_a_history_holding_a_year_1_session_opens_and_reports(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    """Finding 4: an older focusmate imported a session dated year 1; every report, calendar
    export and the review then ended in an OverflowError. Now the start-up check sets that
    record aside (kept in the damaged file), keeps the rest, and every output works."""
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    year_1 = ENDED | {
        "id": "year-1",
        "started_at": "0001-01-01T00:00:00+00:00",
        "ended_at": "0001-01-01T00:30:00+00:00",
    }
    (data / "focusmate.json").write_text(
        json.dumps(
            {
                "meta": {"1": {"schema_version": 1}},
                "sessions": {"1": ENDED, "2": year_1},
            }
        )
    )
    app = RunningApp(desktop, data, arguments=["review"])
    try:
        wait_until(
            lambda: app.windows_named("weekly review") or None,
            timeout_s=15,
            what="the weekly review",
        )
        exported = app.exported_sessions()
        outputs = [app.cli(*c) for c in (["report"], ["export", "--format", "ics"])]
    finally:
        app.stop()
    assert [s["id"] for s in exported] == ["ended"]
    assert all(o.returncode == 0 and "Traceback" not in o.stderr for o in outputs)
    assert outputs[1].stdout.count("BEGIN:VEVENT") == 1
    log = desktop.read_log(f"focusmate-{data.name}")
    assert "Traceback" not in log and "could not be read (they stay in that file): 1" in log
    (aside,) = data.glob("focusmate.json.damaged-*")
    assert "year-1" in aside.read_text()


def dunst_paused(desktop: HeadlessDesktop) -> bool:
    return desktop.run(["dunstctl", "is-paused"], check=True).stdout.strip() == "true"


def test_damaged_session_and_settings_files_never_lock_the_user_out(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    """Finding 1: the app refused to start ("the running-session file ... is not valid JSON").
    Now it starts, keeps both files aside, resumes the session from its previous generation
    and uses the default settings, and says so."""
    data = tmp_path / "data"
    first = RunningApp(desktop, data)
    try:
        assert first.cli("start", "--with", "Ben").returncode == 0
        assert first.cli("log", "phone").returncode == 0
        assert first.cli("log", "app").returncode == 0
    finally:
        first.stop()  # killed mid-session: the session is kept for the next start
    (data / "current-session.json").write_bytes(b'{"id": "x", "with": "Be')  # a bad sector
    (data / "settings.json").write_text('{"version": 1, "hotkeys": ')  # a sync tool's half file
    second = RunningApp(desktop, data)
    try:
        status = second.status()
    finally:
        second.stop()
    assert status["state"] == "running" and status["session"]["with"] == "Ben"
    assert status["session"]["marks"]["phone"] == 1  # the previous generation: the last mark lost
    log = desktop.read_log(f"focusmate-{data.name}")
    assert "the session goes on as it was before its last change" in log
    assert "focusmate uses the default settings" in log
    assert len(list(data.glob("current-session.json.damaged-*"))) == 1
    assert len(list(data.glob("settings.json.damaged-*"))) == 1


def test_a_damaged_do_not_disturb_record_gives_notifications_back(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    """Finding 1: a journal that cannot be read means the state to restore is lost; the
    notifications it silenced are switched back on instead of staying paused."""
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "dnd-journal.json").write_text('{"version": 1, "backend": "dunst", "tok')
    desktop.run(["dunstctl", "set-paused", "true"], check=True)  # as the lost session left it
    app = RunningApp(desktop, data, arguments=["--dnd-backend", "dunst"])
    try:
        assert not dunst_paused(desktop)
    finally:
        app.stop()
    assert "notifications are back on" in desktop.read_log(f"focusmate-{data.name}")
    assert len(list(data.glob("dnd-journal.json.damaged-*"))) == 1


def files_and_modes(folder: Path) -> dict[str, tuple[int, bytes]]:
    found = {
        str(p.relative_to(folder)): (p.stat().st_mode, p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file()
    }
    return found | {".": (folder.stat().st_mode, b"")}


def test_links_out_of_the_data_folder_are_never_followed(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    """Finding 8: a symlinked backups/ was chmodded, got copies of the history and lost four
    files to rotation; a data file linked to a world-readable file got no notice."""
    data, outside = tmp_path / "data", tmp_path / "outside"
    first = RunningApp(desktop, data)
    try:
        assert first.cli("start", "--with", "Ana").returncode == 0
        assert first.cli("end").returncode == 0
    finally:
        first.stop()
    outside.mkdir(mode=0o755)
    for n in range(6):
        (outside / f"focusmate-2020010{n}T000000000000Z.json").write_text(f"not ours {n}")
    (data / "focusmate.json").replace(outside / "history.json")
    (outside / "history.json").chmod(0o644)
    (data / "focusmate.json").symlink_to(outside / "history.json")
    shutil.rmtree(data / "backups")
    (data / "backups").symlink_to(outside)
    before = files_and_modes(outside)
    second = RunningApp(desktop, data)
    try:
        assert second.cli("start", "--with", "Ben").returncode == 0
        assert second.cli("end").returncode == 0  # a session end takes a backup
        names = [s["with"] for s in second.exported_sessions()]
    finally:
        second.stop()
    assert names == ["Ana", "Ben"] and files_and_modes(outside) == before
    assert not (data / "focusmate.json").is_symlink() and not (data / "backups").is_symlink()
    assert list((data / "backups").glob("focusmate-*.json"))
    log = desktop.read_log(f"focusmate-{data.name}")
    assert "backups in your data folder was a link to" in log
    assert f"Others can read {outside / 'history.json'}" in log


def test_another_users_data_folder_is_refused_in_one_line(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    """Finding 16: run as root, focusmate used (and chmodded) another user's folder silently."""
    if os.geteuid() != 0:
        pytest.skip("making a folder another user's needs root")
    folder = tmp_path / "alice"
    folder.mkdir(mode=0o755)
    os.chown(folder, 1000, 1000)
    result = desktop.run([installed_focusmate(), "--data-dir", str(folder)], timeout_s=30)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "belongs to another user (uid 1000)" in result.stderr
    assert list(folder.iterdir()) == [] and stat.S_IMODE(folder.stat().st_mode) == 0o755


def test_a_damaged_data_location_file_never_locks_the_user_out(desktop: HeadlessDesktop) -> None:
    """Finding 1: the app refused to start on a damaged data location file. Now it keeps the
    file aside, starts on the default folder and says so (no --data-dir: the file is used)."""
    pointer = Path(desktop.env["XDG_CONFIG_HOME"]) / "focusmate" / "data-location.json"
    pointer.parent.mkdir(parents=True, exist_ok=True)
    pointer.write_text('{"version": 1, "data_dir": "/media/usb/focus')
    proc = desktop.spawn([installed_focusmate()], name="focusmate-pointer")
    try:
        desktop.wait_for_tray_icon(wm_class="focusmate", timeout_s=15)
        status = desktop.run([installed_focusmate(), "status", "--json"], timeout_s=20)
    finally:
        desktop.terminate(proc)
    assert status.returncode == 0 and json.loads(status.stdout)["state"] == "idle"
    assert "uses the default data folder" in desktop.read_log("focusmate-pointer")
    assert len(list(pointer.parent.glob("data-location.json.damaged-*"))) == 1


def five_years(folder: Path) -> Path:
    """An export of five years of coaching: ~2,500 sessions with marks and reflections."""
    start = datetime(2021, 1, 4, 9, tzinfo=UTC)
    sessions = [
        ENDED
        | {
            "id": f"past-{n}",
            "with": f"Person {n % 12}",
            "started_at": (start + timedelta(hours=17 * n)).isoformat(),
            "ended_at": (start + timedelta(hours=17 * n, minutes=30)).isoformat(),
            "marks": [{"kind": "phone", "at": (start + timedelta(hours=17 * n)).isoformat()}],
            "reflection": {
                "answers": {"fully_present": 3},
                "next_time": "listen",
                "complete": True,
            },
        }
        for n in range(2_500)
    ]
    file = folder / "history.json"
    file.write_text(json.dumps({"format": "focusmate-export", "version": 2, "sessions": sessions}))
    return file


def test_an_export_during_start_log_end_cycles_misses_no_session(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    """Finding 5: exports taken while sessions started and ended missed one now and then (5 of
    40): the history was read before the running-session file. Every session started before
    an export began must be in it, running or ended."""
    data = tmp_path / "data"
    assert (
        desktop.run(
            [installed_focusmate(), "--data-dir", str(data), "import", str(five_years(tmp_path))],
            timeout_s=60,
        ).returncode
        == 0
    )
    app = RunningApp(desktop, data)
    started: list[str] = []
    stop = threading.Event()

    def cycles() -> None:
        n = 0
        while not stop.is_set():
            assert app.cli("start", "--with", f"Cycle {n}").returncode == 0
            started.append(f"Cycle {n}")
            app.cli("log", "phone")
            assert app.cli("end").returncode == 0
            n += 1

    worker = threading.Thread(target=cycles)
    missed = []
    try:
        worker.start()
        for _ in range(40):
            expected = set(started)
            exported = {s["with"] for s in app.exported_sessions()}
            missed += sorted(expected - exported)
    finally:
        stop.set()
        worker.join(timeout=60)
        app.stop()
    assert len(started) >= 5 and missed == []
