"""The sync folder on a WebDAV share (issue 19, deliverable 5), against a real wsgidav
server on loopback: the same layout and logic as a local folder, segments rewritten whole by
their only writer, new bytes fetched with a Range request."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from focusmate.sync.format_file import Mode
from focusmate.sync.names import ROOT
from focusmate.sync.notices import NoticeKind
from focusmate.sync.sync_folder import Install, SyncFolder
from focusmate.sync.webdav_folder import WebDavFolder, checked_url
from tests.sync.rig import PASSPHRASE, change, ids
from tests.sync.webdav_server import PASSWORD, USER, WebDavServer


class CountingDav(WebDavFolder):
    """A WebDAV folder that counts the bytes fetched from log segments."""

    bytes_read = 0

    def read(self, path: str, offset: int = 0) -> bytes:
        data = super().read(path, offset)
        if "/log-" in path:
            self.bytes_read += len(data)
        return data


class Dav:
    """The server, and the devices opened on it (closed at the end of the test)."""

    def __init__(self, server: WebDavServer) -> None:
        self.server = server
        self.opened: list[SyncFolder] = []

    def transport(self, password: str = PASSWORD) -> WebDavFolder:
        return WebDavFolder(self.server.url, (USER, password))

    def device(self, device_id: str, transport: WebDavFolder | None = None) -> SyncFolder:
        install = Install(device_id, f"{device_id}'s computer", self.data(device_id))
        opened = SyncFolder.open(transport or self.transport(), install, PASSPHRASE)
        self.opened.append(opened)
        return opened

    def enabled(self) -> SyncFolder:
        install = Install("aaaa", "aaaa's computer", self.data("aaaa"))
        opened = SyncFolder.enable(self.transport(), install, Mode.ENCRYPTED, PASSPHRASE)
        self.opened.append(opened)
        return opened

    def data(self, device_id: str) -> Path:
        return self.server.work / f"data-{device_id}"


@pytest.fixture
def dav(tmp_path: Path) -> Iterator[Dav]:
    (tmp_path / "served").mkdir()
    server = WebDavServer(tmp_path / "served", tmp_path)
    server.start()
    rig = Dav(server)
    yield rig
    for folder in rig.opened:
        folder.close()
    server.stop()


def poll(folder: SyncFolder) -> list[object]:
    incoming = folder.poll()
    assert incoming is not None, folder.status().last_error
    folder.acknowledge(incoming)
    return ids(incoming.changes)


def test_changes_cross_through_a_webdav_share(dav: Dav) -> None:
    a = dav.enabled()
    b = dav.device("bbbb")
    assert a.publish([change("aaaa", 1), change("aaaa", 2)])
    assert b.publish([change("bbbb", 3)])
    assert poll(b) == [change("aaaa", 1)["id"], change("aaaa", 2)["id"]]
    assert poll(a) == [change("bbbb", 3)["id"]]
    a.publish([change("aaaa", 4)])
    assert poll(b) == [change("aaaa", 4)["id"]]
    files = sorted(
        str(p.relative_to(dav.server.folder)) for p in dav.server.folder.rglob("*.json*")
    )
    assert files == [
        f"{ROOT}/devices/aaaa/device.json",
        f"{ROOT}/devices/aaaa/log-000001.jsonl",
        f"{ROOT}/devices/bbbb/device.json",
        f"{ROOT}/devices/bbbb/log-000001.jsonl",
        f"{ROOT}/format.json",
    ]
    assert not list(dav.server.folder.rglob("*.tmp"))


def test_a_segment_rewritten_whole_keeps_its_earlier_bytes_and_is_read_by_range(dav: Dav) -> None:
    a = dav.enabled()
    a.publish([change("aaaa", n) for n in range(200)])
    counting = CountingDav(dav.server.url, (USER, PASSWORD))
    b = dav.device("bbbb", counting)
    assert len(poll(b)) == 200
    segment = dav.server.folder / ROOT / "devices" / "aaaa" / "log-000001.jsonl"
    before = segment.read_bytes()
    read_before = counting.bytes_read
    a.publish([change("aaaa", 200)])
    after = segment.read_bytes()
    assert after.startswith(before)  # to a reader, appended
    assert poll(b) == [change("aaaa", 200)["id"]]
    assert counting.bytes_read - read_before == len(after) - len(before) + 32


def test_snapshots_on_webdav(dav: Dav) -> None:
    a = dav.enabled()
    a.publish([change("aaaa", n) for n in range(50)])
    assert a.write_snapshot("000000000000050", {"ids": 50})
    a.publish([change("aaaa", 50)])
    incoming = dav.device("cccc").join()
    assert incoming is not None
    assert incoming.snapshot_state == {"ids": 50}
    assert ids(incoming.changes) == [change("aaaa", 50)["id"]]


def test_a_server_that_goes_away_keeps_the_changes_until_it_is_back(dav: Dav) -> None:
    a = dav.enabled()
    b = dav.device("bbbb")
    a.publish([change("aaaa", 1)])
    dav.server.stop()
    assert not a.publish([change("aaaa", 2)])
    assert b.poll() is None
    assert a.status().pending == 1
    assert "cannot be reached" in (a.status().last_error or "")
    assert [n.kind for n in a.take_notices()] == [NoticeKind.FOLDER_UNAVAILABLE]
    dav.server.start()
    assert poll(a) == []
    assert a.status().pending == 0
    assert poll(b) == [change("aaaa", 1)["id"], change("aaaa", 2)["id"]]


def test_a_wrong_password_is_said_and_nothing_is_written(dav: Dav) -> None:
    dav.enabled()
    before = sorted(dav.server.folder.rglob("*"))
    with pytest.raises(PermissionError, match="refused the user name or password"):
        dav.device("bbbb", dav.transport("wrong"))
    assert not dav.data("bbbb").exists()
    assert sorted(dav.server.folder.rglob("*")) == before


def test_plain_http_only_to_this_computer() -> None:
    assert checked_url("http://127.0.0.1:8080/dav/") == "http://127.0.0.1:8080/dav"
    assert checked_url("https://cloud.example.org/remote.php/dav/files/me")
    with pytest.raises(ValueError, match="https"):
        checked_url("http://cloud.example.org/dav")
    with pytest.raises(ValueError, match="https"):
        checked_url("ftp://127.0.0.1/")


def test_bytes_another_install_put_in_this_runs_segment_are_kept(dav: Dav) -> None:
    a = dav.enabled()
    a.publish([change("aaaa", 1)])
    segment = dav.server.folder / ROOT / "devices" / "aaaa" / "log-000001.jsonl"
    with segment.open("ab") as handle:  # a cloned install wrote here too
        handle.write(b"another install's line\n")
    kept = segment.read_bytes()
    assert a.publish([change("aaaa", 2)])
    assert segment.read_bytes() == kept  # not rewritten over: the batch went to a new segment
    assert (segment.parent / "log-000002.jsonl").exists()
    assert a.poll() is not None
    assert [n.kind for n in a.take_notices()] == [NoticeKind.SAME_DEVICE_ID]


def test_a_new_run_goes_on_with_the_newest_segment_on_webdav(dav: Dav) -> None:
    dav.enabled().publish([change("aaaa", 1)])
    again = dav.device("aaaa")  # the app started again: every write there is whole
    again.publish([change("aaaa", 2)])
    folder = dav.server.folder / ROOT / "devices" / "aaaa"
    assert sorted(p.name for p in folder.glob("log-*")) == ["log-000001.jsonl"]
    assert poll(dav.device("bbbb")) == [change("aaaa", 1)["id"], change("aaaa", 2)["id"]]
    assert again.poll() is not None
    assert again.take_notices() == []  # going on with its own segment is no second writer
