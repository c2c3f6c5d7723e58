"""The real local socket: CommandServer (QLocalServer) answering the stdlib client."""

from __future__ import annotations

import os
import socket
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from focusmate.core.errors import ExitCode, NoInstance, NotPossibleNow
from focusmate.core.protocol import MAX_MESSAGE_BYTES, Message, failure, success
from focusmate.desktop import ipc_client
from focusmate.desktop.ipc_server import CommandServer
from focusmate.desktop.locations import runtime_dir, server_name


class Recorder:
    def __init__(self) -> None:
        self.requests: list[Message] = []

    def __call__(self, request: Message) -> Message:
        self.requests.append(request)
        if request["cmd"] == "log":
            return failure(NotPossibleNow("no coaching session is running"))
        return success({"echo": request})


@pytest.fixture
def served(tmp_path: Path, qtbot: QtBot) -> Iterator[tuple[str, Recorder]]:
    recorder = Recorder()
    server = CommandServer(recorder)
    name = server_name(tmp_path / "data")
    server.listen(name)
    yield name, recorder
    server.close()


def in_thread(qtbot: QtBot, work: Callable[[], object]) -> object:
    """Run a blocking client call while the Qt event loop keeps serving."""
    box: list[object] = []
    thread = threading.Thread(target=lambda: box.append(_capture(work)))
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=8000)
    result = box[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _capture(work: Callable[[], object]) -> object:
    try:
        return work()
    except BaseException as error:  # handed back to the test thread
        return error


def test_a_request_and_its_answer(served: tuple[str, Recorder], qtbot: QtBot) -> None:
    name, recorder = served
    reply = in_thread(qtbot, lambda: ipc_client.request(name, {"cmd": "status"}))
    assert reply == {"ok": True, "result": {"echo": {"cmd": "status"}}}
    assert recorder.requests == [{"cmd": "status"}]


def test_an_error_keeps_its_exit_code(served: tuple[str, Recorder], qtbot: QtBot) -> None:
    name, _ = served
    reply = in_thread(qtbot, lambda: ipc_client.request(name, {"cmd": "log", "kind": "phone"}))
    assert reply == {"ok": False, "exit": int(ExitCode.NOT_NOW),
                     "error": "no coaching session is running"}  # fmt: skip


def test_the_socket_is_private(served: tuple[str, Recorder]) -> None:
    name, _ = served
    assert stat.S_IMODE(Path(name).parent.stat().st_mode) == 0o700
    assert Path(name).parent == runtime_dir()
    assert str(Path(name).parent).startswith(os.environ["XDG_RUNTIME_DIR"])


def raw_exchange(name: str, payload: bytes, *, then_wait: bool = True) -> bytes:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(6)
        sock.connect(name)
        sock.sendall(payload)
        data = b""
        while then_wait:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
        return data


@pytest.mark.parametrize("payload", [b"not json\n", b'{"cmd": "format-disk"}\n', b"[1]\n"])
def test_garbage_gets_a_clear_refusal(
    served: tuple[str, Recorder], qtbot: QtBot, payload: bytes
) -> None:
    name, recorder = served
    reply = in_thread(qtbot, lambda: raw_exchange(name, payload))
    assert b'"ok":false' in reply and b'"exit":5' in reply  # type: ignore[operator]
    assert recorder.requests == []


def test_an_oversized_request_is_cut_off(served: tuple[str, Recorder], qtbot: QtBot) -> None:
    name, recorder = served
    payload = b"x" * (MAX_MESSAGE_BYTES + 10)
    reply = in_thread(qtbot, lambda: raw_exchange(name, payload))
    assert b"longer than" in reply  # type: ignore[operator]
    assert recorder.requests == []


def test_a_silent_client_is_cut_off(served: tuple[str, Recorder], qtbot: QtBot) -> None:
    name, recorder = served
    reply = in_thread(qtbot, lambda: raw_exchange(name, b'{"cmd": "sta'))
    assert b"not completed in time" in reply  # type: ignore[operator]
    assert recorder.requests == []


def test_no_server_means_no_instance(tmp_path: Path) -> None:
    with pytest.raises(NoInstance) as caught:
        ipc_client.request(server_name(tmp_path / "elsewhere"), {"cmd": "status"})
    assert caught.value.exit_code == ExitCode.NO_INSTANCE


def test_peers_of_another_user_are_refused(
    served: tuple[str, Recorder], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root runs the tests, so 'another user' is simulated by changing who we are."""
    name, recorder = served
    assert same_user_of_connection(name, qtbot)
    monkeypatch.setattr(os, "getuid", lambda: 4242)
    try:
        reply = in_thread(qtbot, lambda: raw_exchange(name, b'{"cmd": "status"}\n'))
    except ConnectionResetError:
        reply = b""
    assert reply == b""  # the connection was dropped without an answer
    assert recorder.requests == [{"cmd": "status"}]  # only the first, same-user request


def same_user_of_connection(name: str, qtbot: QtBot) -> bool:
    reply = in_thread(qtbot, lambda: raw_exchange(name, b'{"cmd": "status"}\n'))
    return b'"ok":true' in reply  # type: ignore[operator]
