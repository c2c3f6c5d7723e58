"""`focusmate sync enable|status|disable` when no app runs (cli.sync_alone, under the data
folder's lock), as a user runs the installed command: the refusals' one line and exit code
(ARCHITECTURE invariant 11) with nothing written, the plain-text warning, and sync off again
with the sessions whole. Through the running app: tests/e2e/test_sync_e2e.py."""

from __future__ import annotations

import json
from pathlib import Path

from focusmate.services.sync_config import CONFIG_FILE
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.sync.format_file import Mode
from focusmate.sync.local_folder import LocalFolder
from focusmate.sync.sync_folder import Install, SyncFolder
from tests.cli.calendar_cli import any_command, one_line_error
from tests.fakes import T0
from tests.sessions_for_tests import held


def test_plain_sync_set_up_and_off_again_alone(tmp_path: Path) -> None:
    data, share = tmp_path / "data", tmp_path / "share"
    share.mkdir()
    TinyDBSessionRepository(data).save(held("s1", "Jordan", T0, phone=1))
    off = any_command(data, "sync", "status")
    assert (off.returncode, off.stdout) == (0, "Sync is off.\n"), off.stderr

    on = any_command(data, "sync", "enable", str(share), "--plain", "--name", "Desk")
    assert on.returncode == 0, on.stderr
    assert on.stdout == f"Sync is on: {share} (plain text).\n"
    assert "--plain writes your sessions, reflections included, as readable text" in on.stderr
    assert (share / "focusmate-sync" / "format.json").is_file()
    status = any_command(data, "sync", "status", "--json")
    document = json.loads(status.stdout)
    assert document["enabled"] is True
    assert (document["where"], document["device_name"], document["encrypted"]) == (
        str(share),
        "Desk",
        False,
    )
    assert "focusmate is not running" in document["state"]

    gone = any_command(data, "sync", "disable")
    assert gone.returncode == 0, gone.stderr
    assert not (data / CONFIG_FILE).exists()
    assert [s.id for s in TinyDBSessionRepository(data).all_sessions()] == ["s1"]


def test_refusals_write_nothing(tmp_path: Path) -> None:
    data, share = tmp_path / "data", tmp_path / "share"
    share.mkdir()
    one_line_error(
        any_command(data, "sync", "enable", "http://example.com/dav", "--plain"), 2, "https://"
    )
    one_line_error(
        any_command(data, "sync", "enable", str(tmp_path / "nowhere"), "--plain"), 4, "not there"
    )
    one_line_error(
        any_command(data, "sync", "enable", str(share), "--passphrase-stdin", stdin="\n"),
        2,
        "the passphrase is empty",
    )
    # No D-Bus session here, so no secret store: an encrypted folder cannot be kept alone.
    one_line_error(
        any_command(data, "sync", "enable", str(share), "--passphrase-stdin", stdin="secret\n"),
        4,
        "no secret store",
    )
    assert not (share / "focusmate-sync").exists()

    install = Install("other-device", "Laptop", tmp_path / "other")
    SyncFolder.enable(LocalFolder(share), install, Mode.ENCRYPTED, "secret").close()
    before = sorted(p.name for p in (share / "focusmate-sync").rglob("*"))
    one_line_error(any_command(data, "sync", "enable", str(share), "--plain"), 2, "encrypted")
    assert sorted(p.name for p in (share / "focusmate-sync").rglob("*")) == before
    assert not (data / CONFIG_FILE).exists()
