"""The real local socket: CommandServer (QLocalServer) answering the stdlib client."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from focusmate.core.errors import ExitCode, FocusmateError, NoInstance, NotPossibleNow
from focusmate.core.protocol import MAX_MESSAGE_BYTES, Message, failure, success
from focusmate.desktop import ipc_client
from focusmate.desktop.ipc_server import CommandServer
from focusmate.desktop.locations import runtime_dir, server_name
from focusmate.desktop.private_dir import NotPrivate, check_private_dir


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
    assert reply == {
        "ok": False,
        "exit": int(ExitCode.NOT_NOW),
        "error": "no coaching session is running",
    }


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


# Issue 13, findings 7 and 14: the client's side of the door.


def test_a_full_backlog_is_retried_within_the_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, a client meeting a full queue of waiting connections died with BlockingIOError."""
    name = server_name(tmp_path / "data")
    check_private_dir(Path(name).parent, create=True)
    retrying = threading.Event()
    monkeypatch.setattr(ipc_client, "time", _Clock(retrying))
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(name)
        server.listen(0)
        queued = fill_backlog(name)
        box: list[object] = []
        client = threading.Thread(
            target=lambda: box.append(_capture(lambda: ipc_client.request(name, {"cmd": "undo"})))
        )
        client.start()
        try:
            assert retrying.wait(timeout=10), f"the client gave up: {box}"
            for _ in queued:  # the app takes the waiting connections, the client's among them
                server.accept()[0].close()
            answer_one(server, b'{"ok":true,"result":{}}\n')
        finally:
            client.join(timeout=10)
            for sock in queued:
                sock.close()
        assert box == [{"ok": True, "result": {}}]


class _Clock:
    """ipc_client's view of the time module: its retry pause says it is retrying."""

    def __init__(self, retrying: threading.Event) -> None:
        self._retrying = retrying
        self.monotonic = time.monotonic

    def sleep(self, seconds: float) -> None:
        self._retrying.set()
        time.sleep(seconds)


def fill_backlog(name: str) -> list[socket.socket]:
    """Connect until the listening socket's queue is full (non-blocking: EAGAIN)."""
    queued = []
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.setblocking(False)
        try:
            sock.connect(name)
        except BlockingIOError:
            sock.close()
            return queued
        queued.append(sock)


def answer_one(server: socket.socket, reply: bytes) -> bytes:
    """Accept the next connection, read its request line, send ``reply``; the request."""
    server.settimeout(10)
    conn = server.accept()[0]
    with conn:
        conn.settimeout(10)
        request = b""
        while b"\n" not in request:
            chunk = conn.recv(65536)
            if not chunk:
                break
            request += chunk
        conn.sendall(reply)
        return request


FAKE_SERVER = """
import os, socket, sys
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(sys.argv[1])
os.setuid(65534)  # listen as another user: the kernel gives clients these credentials
server.listen(1)
print("listening", flush=True)
conn = server.accept()[0]
conn.settimeout(10)
received = b""
try:
    while chunk := conn.recv(65536):
        received += chunk
        conn.sendall(b'{"ok":true,"result":{"with":"FAKE: type your password"}}\\n')
except OSError:
    pass
print(repr(received), flush=True)
"""


#: Another user's process or folder is made by switching to, or giving to, "nobody" (65534).
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as another user")


@as_root
def test_a_server_of_another_user_gets_nothing(tmp_path: Path) -> None:
    """A socket answered by another user's process (planted in a shared /tmp folder, say)
    never receives the user's words, and cannot print to their terminal."""
    name = server_name(tmp_path / "data")
    check_private_dir(Path(name).parent, create=True)
    command = [sys.executable, "-c", FAKE_SERVER, name]
    fake = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert fake.stdout is not None and fake.stdout.readline() == "listening\n"
        request = {"cmd": "start", "with": "Confidential Person", "focus": "salary talk"}
        with pytest.raises(FocusmateError) as caught:
            ipc_client.request(name, request)
        assert "served by another user (uid 65534); nothing was sent" in str(caught.value)
        assert fake.stdout.readline() == "b''\n"
    finally:
        fake.kill()
        fake.wait()
        if fake.stdout is not None:
            fake.stdout.close()


@as_root
def test_a_socket_folder_of_another_user_is_refused(tmp_path: Path) -> None:
    """Without XDG_RUNTIME_DIR the folder is in /tmp, where another user may make it first."""
    folder = tmp_path / "focusmate-0"
    folder.mkdir()
    folder.chmod(0o777)
    os.chown(folder, 65534, 65534)
    with pytest.raises(NotPrivate) as caught:
        ipc_client.request(str(folder / "x.sock"), {"cmd": "status"})
    assert "belongs to another user (uid 65534)" in str(caught.value)
    with pytest.raises(NotPrivate):
        check_private_dir(folder, create=True)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o777  # not chmodded: not ours


def test_a_socket_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    (tmp_path / "focusmate-0").symlink_to(elsewhere)
    with pytest.raises(NotPrivate):
        check_private_dir(tmp_path / "focusmate-0", create=True)
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o755  # nothing followed the link


def test_the_default_link_answers_and_goes_at_close_unless_another_app_took_it(
    tmp_path: Path, qtbot: QtBot
) -> None:
    """client_paths.DEFAULT_SOCKET: the default folder's app answers there as well."""
    recorder = Recorder()
    server = CommandServer(recorder)
    name = server_name(tmp_path / "data")
    link = Path(name).parent / "default-test.sock"
    server.listen(name, also_as=str(link))
    assert str(link.readlink()) == Path(name).name  # relative, in the same private folder
    answer = in_thread(qtbot, lambda: ipc_client.request(str(link), {"cmd": "status"}))
    assert answer == success({"echo": {"cmd": "status"}})
    server.close()
    assert not link.is_symlink()

    again = CommandServer(recorder)
    again.listen(name, also_as=str(link))
    other = link.with_name("other.new")
    other.symlink_to("someone-else.sock")
    other.replace(link)  # another app (after a restart) pointed it elsewhere
    again.close()
    assert str(link.readlink()) == "someone-else.sock"  # not ours to remove
    link.unlink()
