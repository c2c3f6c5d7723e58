"""A command that finds the data folder held by another process (issue 13, finding 15): it
waits for the holder to answer or to let go, and names a holder that does neither."""

from __future__ import annotations

import json
import socket
import subprocess
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from focusmate.cli.main import main
from focusmate.core.model import CoachingSession
from focusmate.desktop import handover
from focusmate.desktop.locations import server_name
from focusmate.desktop.private_dir import check_private_dir
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.storage.transfer import export_json
from tests.fakes import T0
from tests.file_opens import FileOpens
from tests.lock_holder import holding, let_go


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    return folder


@pytest.fixture
def holder(data: Path) -> Iterator[subprocess.Popen[bytes]]:
    with holding(data / "focusmate.lock") as proc:
        yield proc


@pytest.fixture
def export_file(tmp_path: Path) -> Path:
    ended = T0 + timedelta(minutes=30)
    path = tmp_path / "export.json"
    path.write_text(export_json([CoachingSession("kept", "Ana", T0, 30, ended_at=ended)]))
    return path


def test_an_import_waits_for_the_holder_to_let_go(
    data: Path,
    holder: subprocess.Popen[bytes],
    export_file: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Before, it said 'focusmate is not running' at once, and nothing was imported."""
    opens = FileOpens(data / "focusmate.lock")
    codes: list[int] = []
    importing = threading.Thread(
        target=lambda: codes.append(main(["--data-dir", str(data), "import", str(export_file)]))
    )
    importing.start()
    try:
        opens.wait_for(2, timeout_s=30)  # it found the folder held, and nobody answering, twice
        let_go(holder)
    finally:
        importing.join(timeout=60)
        opens.close()
    assert codes == [0], capsys.readouterr().err
    assert [s.id for s in TinyDBSessionRepository(data).all_sessions()] == ["kept"]


def test_a_holder_that_never_answers_is_named(
    data: Path,
    holder: subprocess.Popen[bytes],
    export_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(handover, "OWNER_WAIT_S", 0.2)
    code = main(["--data-dir", str(data), "import", str(export_file)])
    assert code == 4
    assert capsys.readouterr().err == (
        f"focusmate: another focusmate (process {holder.pid}) is using the data folder {data} "
        "but did not answer within 0.2 seconds; if it does not respond, end it and start "
        "focusmate again\n"
    )


def test_a_command_sent_while_the_app_starts_is_answered(
    data: Path, holder: subprocess.Popen[bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    """`focusmate undo` (any command for the app) right after the app was launched: the app
    holds the folder but does not listen yet. Before: 'focusmate is not running' at once."""
    opens = FileOpens(data / "focusmate.lock")
    codes: list[int] = []
    asking = threading.Thread(target=lambda: codes.append(main(["--data-dir", str(data), "undo"])))
    asking.start()
    name = server_name(data)
    try:
        opens.wait_for(2, timeout_s=30)  # it found nobody listening, and the folder held, twice
        check_private_dir(Path(name).parent, create=True)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
            server.bind(name)
            server.listen(1)  # the app listens at last
            server.settimeout(30)
            conn = server.accept()[0]
            with conn, conn.makefile("rb") as reader:
                assert json.loads(reader.readline()) == {"cmd": "undo"}
                conn.sendall(b'{"ok":true,"result":{"marks":0}}\n')
    finally:
        asking.join(timeout=60)
        opens.close()
        Path(name).unlink(missing_ok=True)
    assert codes == [0], capsys.readouterr().err
