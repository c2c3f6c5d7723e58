"""The status request over the local socket: the controller's state and the hotkeys' readiness,
asked at the moment of the request."""

from __future__ import annotations

from focusmate.core.protocol import decode_request, encode
from focusmate.core.status import HotkeyReadiness
from focusmate.services.controller import SessionController
from focusmate.services.socket_commands import SocketCommands


def test_the_status_carries_the_hotkeys_readiness_of_the_moment(
    controller: SessionController,
) -> None:
    readiness = [HotkeyReadiness(False, "global hotkeys are not started")]
    commands = SocketCommands(controller, lambda _window: None, hotkeys=lambda: readiness[-1])
    request = decode_request(encode({"cmd": "status"}))
    first = commands.handle(request)["result"]
    assert first["hotkeys"] == {"ready": False, "reason": "global hotkeys are not started"}
    readiness.append(HotkeyReadiness(True))
    controller.start("Ana", 30)
    second = commands.handle(request)["result"]
    assert second["hotkeys"] == {"ready": True, "reason": ""}
    assert second["state"] == "running" and second["session"]["with"] == "Ana"


def test_without_a_hotkey_service_they_are_not_started(controller: SessionController) -> None:
    status = SocketCommands(controller, lambda _window: None).handle({"cmd": "status"})
    assert status["result"]["hotkeys"]["ready"] is False
