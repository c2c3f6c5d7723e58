"""The whole loop with the installed focusmate on a real X server, D-Bus, trayer and dunst.

Marks and session commands go through the real local socket, the tray menu is opened
with real mouse clicks (xdotool), and "nothing pops up" is checked against the X server's
list of visible windows and dunst's notification counts.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import RunningApp, inet_sockets_of, installed_focusmate

pytestmark = pytest.mark.timeout(120)


def test_the_loop_through_cli_and_tray(app: RunningApp, desktop: HeadlessDesktop) -> None:
    assert app.status()["state"] == "idle" and app.status()["session"] is None
    # ready or not, it is said, and how
    assert set(app.status()["hotkeys"]) == {"via", "ready", "bindings", "reason"}
    assert paused(desktop) is False
    idle_icon = app.icon_pixels()
    windows_before = set(desktop.visible_windows())
    notifications_before = desktop.notification_counts()

    started = app.cli("start", "--with", "Ana Díaz 🙂", "--minutes", "25", "--focus", "listen")
    assert started.returncode == 0, started.stderr
    assert app.cli("log", "phone").returncode == 0
    assert app.cli("log", "app").returncode == 0
    app.choose_in_tray_menu("p")  # "Log &phone check", by mouse and keyboard

    status = app.status()
    session = status["session"]
    assert status["state"] == "running"
    assert session["with"] == "Ana Díaz 🙂" and session["planned_minutes"] == 25
    assert session["marks"] == {"phone": 2, "app": 1}
    assert 1490 <= session["remaining_s"] <= 1500 and session["elapsed_s"] >= 0
    assert status["dnd"] == {
        "backend": "dunst",
        "engaged": True,
        "detail": "Notifications paused (dunst)",
    }
    assert paused(desktop) is True
    wait_until(
        lambda: app.icon_pixels() != idle_icon or None,
        timeout_s=5,
        what="the tray icon to show the session",
    )
    # Silent: no new window, no notification, while the salesperson is in the room. (Pausing
    # dunst may hide a notification shown before; it never adds one.)
    assert set(desktop.visible_windows()) <= windows_before
    assert sum(desktop.notification_counts()) == sum(notifications_before)

    ended = app.cli("end")
    assert ended.returncode == 0 and "reflection" in ended.stdout
    reflection = wait_until(
        lambda: app.windows_named("Reflect on your session") or None,
        timeout_s=10,
        what="the reflection dialog",
    )
    assert len(reflection) == 1
    assert app.status()["session"] is None and app.status()["dnd"]["engaged"] is False
    assert paused(desktop) is False  # notifications are back as they were

    report = json.loads(app.cli("report", "--json").stdout)
    assert report["totals"]["sessions"] == 1
    assert inet_sockets_of(app.proc.pid) == []  # no network at all, only local sockets
    assert report["totals"]["marks"] == {"phone": 2, "app": 1}
    assert report["sessions"][0]["with"] == "Ana Díaz 🙂"


def paused(desktop: HeadlessDesktop) -> bool:
    answer = desktop.run(["dunstctl", "is-paused"], check=True).stdout.strip()
    return {"true": True, "false": False}[answer]


def test_a_killed_app_gives_notifications_back_within_2_s(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    app = RunningApp(desktop, data)
    assert app.cli("start", "--with", "Lee").returncode == 0
    assert paused(desktop) is True
    app.proc.kill()  # SIGKILL: only the guard process can restore
    killed = time.monotonic()
    wait_until(
        lambda: paused(desktop) is False or None, timeout_s=2, what="the guard to unpause dunst"
    )
    print(f"\nunpaused {time.monotonic() - killed:.2f} s after SIGKILL")
    app.proc.wait()
    app.stop()
    again = RunningApp(desktop, data)  # the session resumes and is silenced again
    try:
        assert again.status()["dnd"]["engaged"] is True and paused(desktop) is True
        assert again.cli("end").returncode == 0
        assert paused(desktop) is False
        assert not (data / "dnd-journal.json").exists()  # no stale journal
    finally:
        again.stop()


def test_dnd_backend_option(desktop: HeadlessDesktop, tmp_path: Path) -> None:
    bad = desktop.run(
        [installed_focusmate(), "--data-dir", str(tmp_path), "--dnd-backend", "carrier-pigeon"]
    )
    assert bad.returncode == 2 and "unknown do-not-disturb backend" in bad.stderr


def test_exit_codes_of_the_installed_command(app: RunningApp) -> None:
    cases = [
        (["log", "phone"], 4, "no coaching session"),
        (["end"], 4, "no coaching session"),
        (["start", "--with", "  "], 2, "empty"),
        (["start", "--with", "x" * 10_000], 2, "10000 characters"),
        (["start", "--with", "Ana", "--minutes", "0"], 2, "between 1 and 240"),
        (["start", "--with", "Ana", "--minutes", "abc"], 2, "whole number"),
        (["log", "nap"], 2, "unknown kind of mark"),
    ]
    for args, code, message in cases:
        result = app.cli(*args)
        assert (result.returncode, result.stdout) == (code, ""), (args, result.stderr)
        assert message in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert app.cli("start", "--with", "Ben").returncode == 0
    again = app.cli("start", "--with", "Cy")
    assert again.returncode == 4 and "already running" in again.stderr
    assert app.status()["session"]["with"] == "Ben"


def test_a_second_launch_brings_the_app_forward(app: RunningApp) -> None:
    before = time.monotonic()
    second = app.cli(timeout_s=20)
    assert second.returncode == 0
    assert time.monotonic() - before < 10
    wait_until(
        lambda: app.windows_named("Start coaching session") or None,
        timeout_s=10,
        what="the start dialog",
    )
    assert app.proc.poll() is None


def test_import_goes_through_the_running_app(app: RunningApp, tmp_path: Path) -> None:
    assert app.cli("start", "--with", "Dee").returncode == 0
    assert app.cli("end").returncode == 0
    exported = tmp_path / "export.json"
    assert app.cli("export", "--format", "json", "--output", str(exported)).returncode == 0
    document = json.loads(exported.read_text())
    document["sessions"][0]["id"] = "imported-1"
    exported.write_text(json.dumps(document))
    result = app.cli("import", str(exported))
    assert result.returncode == 0 and "1 added" in result.stdout, result.stderr
    truncated = tmp_path / "bad.json"
    truncated.write_text(exported.read_text()[:-20])
    bad = app.cli("import", str(truncated))
    assert bad.returncode == 5 and "nothing was imported" in bad.stderr
    csv = app.cli("export", "--format", "csv").stdout.splitlines()
    assert len(csv) == 3 and {"Dee"} == {line.split(",")[1] for line in csv[1:]}


def test_a_killed_app_resumes_its_session(desktop: HeadlessDesktop, tmp_path: Path) -> None:
    first = RunningApp(desktop, tmp_path / "data")
    assert first.cli("start", "--with", "Eve").returncode == 0
    assert first.cli("log", "phone").returncode == 0
    first.proc.kill()  # SIGKILL: no chance to clean up
    first.proc.wait()
    gone = first.cli("status")
    assert gone.returncode == 3 and "not running" in gone.stderr
    first.stop()
    second = RunningApp(desktop, tmp_path / "data")
    try:
        session = second.status()["session"]
        assert session["with"] == "Eve" and session["marks"]["phone"] == 1
    finally:
        second.stop()


def test_quit_during_a_session_asks_first(app: RunningApp, desktop: HeadlessDesktop) -> None:
    assert app.cli("start", "--with", "Flo").returncode == 0
    app.choose_in_tray_menu("q")
    question = wait_until(
        lambda: app.windows_named("^focusmate$") or None, timeout_s=10, what="the quit confirmation"
    )
    desktop.run(["xdotool", "windowfocus", "--sync", str(question[0])])
    desktop.key("Escape")  # = No: keep the session
    wait_until(
        lambda: not app.windows_named("^focusmate$") or None,
        timeout_s=10,
        what="the confirmation to close",
    )
    assert app.proc.poll() is None
    assert app.status()["session"]["with"] == "Flo"


def test_a_custom_kind_end_to_end(desktop: HeadlessDesktop, tmp_path: Path) -> None:
    data = tmp_path / "data"
    settings = {"version": 1, "custom_kinds": [{"id": "mind-wandered", "name": "Mind wandered"}]}
    data.mkdir(mode=0o700)
    (data / "settings.json").write_text(json.dumps(settings))
    app = RunningApp(desktop, data)
    try:
        assert app.cli("start", "--with", "Gus").returncode == 0
        assert app.cli("log", "mind-wandered").returncode == 0
        assert app.cli("log", "mind-wandered").returncode == 0
        marks = app.status()["session"]["marks"]
        assert marks == {"phone": 0, "app": 0, "mind-wandered": 2}
        assert app.cli("end").returncode == 0
        report = json.loads(app.cli("report", "--json").stdout)
        assert report["totals"]["marks"]["mind-wandered"] == 2
        exported = json.loads(app.cli("export", "--format", "json").stdout)
        assert [m["kind"] for m in exported["sessions"][0]["marks"]] == ["mind-wandered"] * 2
        header = app.cli("export", "--format", "csv").stdout.splitlines()[0]
        assert "mind-wandered_marks" in header
    finally:
        app.stop()


def test_a_client_meeting_end_to_end(app: RunningApp, tmp_path: Path) -> None:
    unknown = app.cli("start", "--with", "Acme", "--kind", "party")
    assert (unknown.returncode, unknown.stdout) == (2, ""), unknown.stderr
    assert "unknown kind of session 'party'; known: coaching, client" in unknown.stderr
    assert unknown.stderr.count("\n") == 1
    started = app.cli("start", "--with", "Acme", "--kind", "client")
    assert started.returncode == 0 and "client meeting with Acme" in started.stdout
    assert app.cli("log", "phone").returncode == 0  # the same marks as in coaching
    session = app.status()["session"]
    assert (session["kind"], session["marks"]) == ("client", {"phone": 1, "app": 0})
    assert app.cli("end").returncode == 0
    assert app.cli("start", "--with", "Ana").returncode == 0
    assert app.status()["session"]["kind"] == "coaching"
    assert app.cli("end").returncode == 0
    by_kind = json.loads(app.cli("report", "--json").stdout)["by_kind"]
    assert (by_kind["client"]["sessions"], by_kind["coaching"]["sessions"]) == (1, 1)
    exported = json.loads(app.cli("export", "--format", "json").stdout)
    assert exported["version"] == 3
    assert [s["kind"] for s in exported["sessions"]] == ["client", "coaching"]
    exported["sessions"][0] |= {"id": "imported", "kind": "Party!"}
    bad = tmp_path / "party.json"
    bad.write_text(json.dumps(exported))
    refused = app.cli("import", str(bad))
    assert (refused.returncode, refused.stdout) == (5, "") and refused.stderr.count("\n") == 1
    assert "kind: 'Party!' is not a kind of session" in refused.stderr


def test_undo_from_the_command_line(app: RunningApp) -> None:
    assert app.cli("start", "--with", "Hal").returncode == 0
    assert app.cli("log", "phone").returncode == 0
    assert app.cli("log", "app").returncode == 0
    assert app.cli("undo").returncode == 0
    assert app.status()["session"]["marks"] == {"phone": 1, "app": 0}


def test_a_damaged_data_file_is_set_aside_and_the_backup_restored(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first = RunningApp(desktop, data)
    assert first.cli("start", "--with", "Ivy").returncode == 0
    assert first.cli("end").returncode == 0  # a session end takes a backup
    first.stop()
    damaged = data / "focusmate.json"
    damaged.write_bytes(b'{"sessions": {"1": {"id": "x", "wi')
    second = RunningApp(desktop, data)
    try:
        notice = wait_until(
            lambda: second.windows_named("^focusmate$") or None,
            timeout_s=10,
            what="the notice about the damaged file",
        )
        assert len(notice) == 1
        exported = json.loads(second.cli("export", "--format", "json").stdout)
        assert [s["with"] for s in exported["sessions"]] == ["Ivy"]
        aside = list(data.glob("focusmate.json.damaged-*"))
        assert len(aside) == 1 and aside[0].read_bytes() == b'{"sessions": {"1": {"id": "x", "wi'
        assert "was restored" in desktop.read_log(f"focusmate-{data.name}")
    finally:
        second.stop()


def test_the_network_check_sees_a_real_socket() -> None:
    """Guard against a check that cannot fail: a TCP socket of our own is found."""
    import os  # noqa: PLC0415
    import socket  # noqa: PLC0415

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        assert any(line.startswith("tcp:") for line in inet_sockets_of(os.getpid()))


def test_global_hotkeys_mark_silently(app: RunningApp, desktop: HeadlessDesktop) -> None:
    assert app.wait_for_hotkeys() == {
        "via": "x11",  # an X session: pynput, even where a portal offers GlobalShortcuts
        "ready": True,
        "reason": "",
        "bindings": {"phone": "Ctrl+Alt+P", "app": "Ctrl+Alt+A", "undo": "Ctrl+Alt+Z"},
    }
    desktop.key("ctrl+alt+p")  # no session yet: ignored
    assert app.cli("start", "--with", "Kim").returncode == 0
    windows_before = set(desktop.visible_windows())
    desktop.key("ctrl+alt+p")
    desktop.key("ctrl+alt+shift+a")  # extra modifiers still count
    wait_until(
        lambda: app.status()["session"]["marks"] == {"phone": 1, "app": 1} or None,
        timeout_s=5,
        what="two marks from hotkeys",
    )
    desktop.key("ctrl+alt+z")
    wait_until(
        lambda: app.status()["session"]["marks"] == {"phone": 1, "app": 0} or None,
        timeout_s=5,
        what="undo from its hotkey",
    )
    assert set(desktop.visible_windows()) == windows_before  # nothing appeared on screen


def test_a_hundred_rapid_hotkey_presses_make_a_hundred_durable_marks(
    app: RunningApp, desktop: HeadlessDesktop
) -> None:
    app.wait_for_hotkeys()
    assert app.cli("start", "--with", "Max").returncode == 0
    desktop.run(
        ["xdotool", "key", "--delay", "0", *(["ctrl+alt+p"] * 100)], check=True, timeout_s=60
    )
    wait_until(
        lambda: app.status()["session"]["marks"]["phone"] == 100 or None,
        timeout_s=20,
        what="100 marks",
    )
    on_disk = json.loads((app.data_dir / "current-session.json").read_text())
    assert len(on_disk["marks"]) == 100
