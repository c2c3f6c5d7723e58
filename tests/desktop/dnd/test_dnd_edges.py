"""Edges without a Linux desktop: macOS Shortcuts (a FAKE ``shortcuts`` command on PATH),
Windows guidance, and the 1 s bounds on tools and D-Bus calls."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

from focusmate.core.dnd import DndUnavailable
from focusmate.desktop.dnd import bus, choose_backend
from focusmate.desktop.dnd.commands import run_tool
from focusmate.desktop.dnd.macos import OFF_SHORTCUT_ENV, ON_SHORTCUT_ENV
from focusmate.desktop.dnd.silencer import JournaledSilencer
from focusmate.desktop.dnd.windows import SETTINGS_URI
from tests.desktop.dnd.rigs import SwayncRig

pytestmark = pytest.mark.timeout(60)

#: A FAKE of macOS's ``shortcuts`` tool: logs its arguments (JSON) and succeeds.
FAKE_SHORTCUTS = """
import json, os, sys
with open(os.environ["FAKE_SHORTCUTS_LOG"], "a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
"""


@pytest.fixture
def fake_tools(tmp_path: Path) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in {
        "shortcuts": FAKE_SHORTCUTS,
        "slowtool": "import time; time.sleep(5)",
    }.items():
        tool = bin_dir / name
        tool.write_text(f"#!{sys.executable}\n{body}")
        tool.chmod(0o755)
    return {"PATH": str(bin_dir), "FAKE_SHORTCUTS_LOG": str(tmp_path / "shortcuts.jsonl")}


def shortcut_calls(env: dict[str, str]) -> list[list[str]]:
    log = Path(env["FAKE_SHORTCUTS_LOG"])
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def test_macos_runs_the_users_shortcuts_as_plain_arguments(
    fake_tools: dict[str, str], tmp_path: Path
) -> None:
    on, off = "Focus on; rm -rf ~", "Focus 'off' $(id)"
    env = {**fake_tools, ON_SHORTCUT_ENV: on, OFF_SHORTCUT_ENV: off}
    backend = choose_backend("macos", env)
    assert backend.can_engage
    session = JournaledSilencer(backend, tmp_path / "dnd.json", guard=False)

    assert session.engage().detail == "Notifications paused (macOS)"
    session.restore()

    assert shortcut_calls(env) == [["run", on], ["run", off]]


def test_macos_without_shortcuts_guides(fake_tools: dict[str, str], tmp_path: Path) -> None:
    backend = choose_backend("macos", fake_tools)
    assert not backend.can_engage
    with pytest.raises(DndUnavailable):
        backend.engage()
    status = JournaledSilencer(backend, tmp_path / "dnd.json", guard=False).engage()
    assert status.engaged is False and "Control Center" in status.detail
    assert shortcut_calls(fake_tools) == []


def test_windows_only_guides(tmp_path: Path) -> None:
    backend = choose_backend(None, {}, platform="win32")
    assert backend.name == "windows" and not backend.can_engage
    with pytest.raises(DndUnavailable):
        backend.is_on()  # not on Windows here: reading fails softly
    status = JournaledSilencer(backend, tmp_path / "dnd.json", guard=False).engage()
    assert status.engaged is False and SETTINGS_URI in status.detail


def test_a_hanging_tool_is_cut_off_after_a_second(fake_tools: dict[str, str]) -> None:
    started_at = time.monotonic()
    with pytest.raises(DndUnavailable, match="did not answer within 1 s"):
        run_tool(["slowtool"], fake_tools)
    assert time.monotonic() - started_at < 1.5


def test_a_hanging_dbus_call_is_cut_off_after_a_second(swaync: SwayncRig) -> None:
    hang = bus.Target(
        "org.erikreider.swaync.cc", "/org/erikreider/swaync/cc", "org.focusmate.test.FakeSwaync"
    )
    started_at = time.monotonic()
    with bus.session_bus(swaync.env) as connection, pytest.raises(DndUnavailable, match="1 s"):
        bus.call(connection, hang, "Hang")
    assert time.monotonic() - started_at < 1.5


def test_an_unowned_service_is_not_activated(swaync: SwayncRig) -> None:
    with bus.session_bus(swaync.env) as connection, pytest.raises(DndUnavailable):
        bus.call(connection, bus.Target(bus.NOTIFICATIONS_NAME, "/", "x.y"), "Ping")
    assert swaync.desktop.bus_name_owner_pid(bus.NOTIFICATIONS_NAME) is None


def test_no_session_bus_is_dnd_unavailable() -> None:
    with pytest.raises(DndUnavailable, match="no D-Bus session bus"):
        bus.open_session_bus({})
    with pytest.raises(DndUnavailable, match="cannot connect"):
        bus.open_session_bus({"DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus"})
