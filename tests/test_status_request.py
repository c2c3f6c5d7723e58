"""The status request over the local socket: the controller's state and the hotkeys' readiness,
asked at the moment of the request."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusmate.core.errors import ExitCode, InvalidInput
from focusmate.core.protocol import decode_request, encode
from focusmate.core.session_kind import CLIENT
from focusmate.core.status import HotkeyReadiness
from focusmate.services.controller import SessionController
from focusmate.services.socket_commands import SocketCommands
from focusmate.storage.repository import TinyDBSessionRepository


def test_the_status_carries_the_hotkeys_readiness_of_the_moment(
    controller: SessionController,
) -> None:
    readiness = [HotkeyReadiness(False, "global hotkeys are not started")]
    commands = SocketCommands(controller, lambda _window: None, hotkeys=lambda: readiness[-1])
    request = decode_request(encode({"cmd": "status"}))
    first = commands.handle(request)["result"]
    assert first["hotkeys"] == {
        "via": "none",
        "ready": False,
        "bindings": {},
        "reason": "global hotkeys are not started",
    }
    readiness.append(HotkeyReadiness(True, via="portal", bindings={"phone": "Ctrl+Alt+P"}))
    controller.start("Ana", 30)
    second = commands.handle(request)["result"]
    assert second["hotkeys"] == {
        "via": "portal",
        "ready": True,
        "bindings": {"phone": "Ctrl+Alt+P"},
        "reason": "",
    }
    assert second["state"] == "running" and second["session"]["with"] == "Ana"


def test_without_a_hotkey_service_they_are_not_started(controller: SessionController) -> None:
    status = SocketCommands(controller, lambda _window: None).handle({"cmd": "status"})
    assert status["result"]["hotkeys"]["ready"] is False


def test_a_start_request_carries_the_kind_of_session_to_the_status(
    controller: SessionController, tmp_path: Path
) -> None:
    commands = SocketCommands(controller, lambda _window: None)
    start = {"cmd": "start", "with": "Acme", "minutes": 45, "focus": ""}
    with pytest.raises(InvalidInput, match="unknown kind of session 'party'") as refused:
        commands.handle(decode_request(encode(start | {"kind": "party"})))
    assert refused.value.exit_code is ExitCode.USAGE and controller.current is None
    assert commands.handle(decode_request(encode(start | {"kind": "client"})))["ok"] is True
    session = commands.handle({"cmd": "status"})["result"]["session"]
    assert (session["with"], session["kind"]) == ("Acme", "client")
    on_disk = TinyDBSessionRepository(tmp_path / "data").current()
    assert on_disk is not None and on_disk.kind == CLIENT


def test_a_start_request_without_a_kind_starts_coaching(controller: SessionController) -> None:
    commands = SocketCommands(controller, lambda _window: None)
    commands.handle({"cmd": "start", "with": "Ana", "minutes": 30})
    assert commands.handle({"cmd": "status"})["result"]["session"]["kind"] == "coaching"
