"""The sync folder as the app uses it (issue 19, deliverable 3): a folder that goes away
and comes back with no change lost, two installs with one device id, snapshots for a joining
device, and the status."""

from __future__ import annotations

import shutil
from pathlib import Path

from focusmate.sync.local_folder import LocalFolder
from focusmate.sync.names import ROOT, new_device_id
from focusmate.sync.notices import NoticeKind
from focusmate.sync.outbox import OUTBOX_FILE, Outbox
from focusmate.sync.sync_folder import Incoming, SyncFolder
from focusmate.sync.transport import Entry
from tests.sync.rig import CountingFolder, Share, change, ids, kinds, poll


class FlakyFolder(LocalFolder):
    """A local folder that refuses every access while ``down`` (a network drive gone, a
    folder made unreadable: these tests run as root, for whom permissions do not bite)."""

    down = False

    def list(self, folder: str, sizes: bool = True) -> list[Entry]:
        self._check()
        return super().list(folder, sizes)

    def size(self, path: str) -> int:
        self._check()
        return super().size(path)

    def read(self, path: str, offset: int = 0) -> bytes:
        self._check()
        return super().read(path, offset)

    def append(self, path: str, data: bytes, expected_size: int) -> None:
        self._check()
        super().append(path, data, expected_size)

    def _check(self) -> None:
        if self.down:
            raise PermissionError(13, "Permission denied", str(self.path("")))


def test_a_drive_not_mounted_keeps_the_changes_and_writes_nothing_there(share: Share) -> None:
    a = share.device("aaaa")
    assert a.publish([change("aaaa", 1)])
    away = share.folder.parent / "unmounted"
    share.root.rename(away)  # the mount point stays, empty
    assert not a.publish([change("aaaa", 2)])
    assert not a.publish([change("aaaa", 3)])
    assert a.poll() is None
    status = a.status()
    assert status.pending == 2
    assert status.unavailable_since == share.now
    assert kinds(a) == [NoticeKind.FOLDER_UNAVAILABLE]
    assert list(share.folder.iterdir()) == []  # no focusmate-sync made in the empty mount
    away.rename(share.root)
    assert poll(a) == []
    assert kinds(a) == [NoticeKind.FOLDER_BACK]
    assert a.status().pending == 0 and a.status().unavailable_since is None
    assert poll(share.device("bbbb")) == [change("aaaa", n)["id"] for n in (1, 2, 3)]


def test_an_unreadable_folder_is_said_once_per_outage_and_retried(share: Share) -> None:
    flaky = FlakyFolder(share.folder)
    a = share.device("aaaa", transport=flaky)
    share.device("bbbb").publish([change("bbbb", 1)])
    flaky.down = True
    assert a.poll() is None
    assert not a.publish([change("aaaa", 2)])
    assert "Permission denied" in (a.status().last_error or "")
    said = a.take_notices()
    assert [n.kind for n in said] == [NoticeKind.FOLDER_UNAVAILABLE]
    assert "cannot be reached since 09:00" in said[0].words
    flaky.down = False
    assert poll(a) == [change("bbbb", 1)["id"]]
    flaky.down = True
    assert a.poll() is None
    assert kinds(a) == [NoticeKind.FOLDER_BACK, NoticeKind.FOLDER_UNAVAILABLE]
    flaky.down = False
    assert poll(share.device("cccc")) == [change("aaaa", 2)["id"], change("bbbb", 1)["id"]]


def test_changes_kept_while_away_survive_a_restart(share: Share) -> None:
    away = share.folder.parent / "away"
    share.root.rename(away)
    assert not share.device("aaaa").publish([change("aaaa", 1)])
    away.rename(share.root)
    restarted = share.device("aaaa")  # same data folder: the outbox is there
    assert restarted.status().pending == 1
    assert poll(restarted) == []
    assert restarted.status().pending == 0
    assert poll(share.device("bbbb")) == [change("aaaa", 1)["id"]]


def test_a_whole_share_removed_and_restored(share: Share) -> None:
    a = share.device("aaaa")
    a.publish([change("aaaa", 1)])
    kept = share.folder.parent / "kept"
    shutil.copytree(share.folder, kept)
    shutil.rmtree(share.folder)
    assert not a.publish([change("aaaa", 2)])
    assert not share.folder.exists()
    kept.rename(share.folder)
    assert poll(a) == []
    assert poll(share.device("bbbb")) == [change("aaaa", n)["id"] for n in (1, 2)]


def test_two_installs_with_one_device_id_are_found_and_a_new_id_fixes_it(share: Share) -> None:
    original = share.device("aaaa")
    original.publish([change("aaaa", 1)])
    clone = share.device("aaaa", data=share.folder.parent / "clone-data")
    clone.publish([change("aaaa", 2)])
    assert original.poll() is not None
    assert clone.poll() is not None
    original.publish([change("aaaa", 3)])
    assert clone.poll() is not None
    for install in (original, clone):
        said = install.take_notices()
        assert [n.kind for n in said] == [NoticeKind.SAME_DEVICE_ID]
        assert "new sync identity" in said[0].words
        assert install.status().same_device_elsewhere
    assert original.poll() is not None
    assert kinds(original) == []  # said once
    fixed = share.device(new_device_id(), data=share.folder.parent / "clone-data")
    incoming = fixed.poll()
    assert incoming is not None
    # The other install's changes under the old id are read as another device's now.
    assert change("aaaa", 1)["id"] in ids(incoming.changes)
    assert change("aaaa", 3)["id"] in ids(incoming.changes)
    fixed.acknowledge(incoming)
    fixed.publish([change(fixed.device_id, 4)])
    assert fixed.poll() is not None
    assert kinds(fixed) == []


def test_one_install_restarting_is_no_clone(share: Share) -> None:
    for n in range(3):
        run = share.device("aaaa")
        run.publish([change("aaaa", n)])
        assert run.poll() is not None
        run.publish([change("aaaa", 10 + n)])
        assert run.poll() is not None
        assert kinds(run) == []


def join(device: SyncFolder) -> Incoming:
    incoming = device.join()
    assert incoming is not None, device.status().last_error
    device.acknowledge(incoming)
    return incoming


def test_a_joining_device_starts_from_the_newest_snapshot(share: Share) -> None:
    for run in range(3):
        share.device("aaaa").publish([change("aaaa", run * 100 + n) for n in range(100)])
    share.device("bbbb").publish([change("bbbb", 1000 + n) for n in range(10)])
    a = share.device("aaaa")
    merged = ids(join(a).changes)
    assert len(merged) == 10
    a.publish([change("aaaa", 500)])
    assert a.write_snapshot("000000000000500", {"ids": merged})
    assert a.write_snapshot("000000000000501", {"ids": [*merged, "x"]})
    snapshots = sorted(p.name for p in share.files("aaaa").glob("snapshot-*"))
    assert snapshots == ["snapshot-000000000000501.json"]  # the older one removed
    a.publish([change("aaaa", 600)])
    share.device("bbbb").publish([change("bbbb", 2000)])
    counting = CountingFolder(share.folder)
    c = share.device("cccc", transport=counting)
    incoming = join(c)
    assert incoming.snapshot_state == {"ids": [*merged, "x"]}
    assert incoming.snapshot_device == "aaaa"
    assert sorted(ids(incoming.changes)) == [change("aaaa", 600)["id"], change("bbbb", 2000)["id"]]
    history = sum(p.stat().st_size for p in share.root.rglob("log-*"))
    assert counting.bytes_read < history / 10  # the tails, not the years
    assert poll(c) == []


def test_without_a_snapshot_a_joining_device_reads_everything(share: Share) -> None:
    share.device("aaaa").publish([change("aaaa", n) for n in range(5)])
    incoming = join(share.device("bbbb"))
    assert incoming.snapshot_state is None and len(incoming.changes) == 5


def test_a_snapshot_that_does_not_open_is_said_and_the_logs_are_read(share: Share) -> None:
    a = share.device("aaaa")
    a.publish([change("aaaa", n) for n in range(5)])
    assert a.write_snapshot("000000000000009", {"ids": []})
    (snapshot,) = share.files("aaaa").glob("snapshot-*")
    snapshot.write_bytes(snapshot.read_bytes()[:-3] + b"xyz")
    b = share.device("bbbb")
    incoming = join(b)
    assert incoming.snapshot_state is None and len(incoming.changes) == 5
    assert kinds(b) == [NoticeKind.DAMAGED_FILE]


def test_the_status_names_the_devices_and_their_last_change(share: Share) -> None:
    share.device("aaaa").publish([change("aaaa", 1), change("aaaa", 2)])
    b = share.device("bbbb")
    poll(b)
    status = b.status()
    assert status.encrypted is (share.codec.encrypted)
    assert status.pending == 0 and status.unavailable_since is None
    seen = {d.device: d for d in status.devices}
    assert seen["aaaa"].name == "aaaa's computer"
    assert seen["aaaa"].last_seen == share.now
    assert seen["aaaa"].last_hlc == change("aaaa", 2)["hlc"]
    assert seen["bbbb"].name == "bbbb's computer"


def test_nothing_but_the_sync_folder_and_the_data_folder_is_written(
    share: Share, tmp_path: Path
) -> None:
    a = share.device("aaaa")
    a.publish([change("aaaa", 1)])
    assert poll(a) == []
    # An idle poll writes nothing: the outbox is gone once sent, no read marks to save.
    assert list((tmp_path / "data-aaaa").iterdir()) == []
    share.device("bbbb").publish([change("bbbb", 2)])
    assert poll(a) == [change("bbbb", 2)["id"]]
    outside = {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*") if p.is_file()}
    assert outside - {"share", "data-aaaa", "data-bbbb", "plain"} == set()
    assert sorted(p.name for p in (tmp_path / "data-aaaa").iterdir()) == ["sync-read.json"]
    assert ROOT in {p.name for p in share.folder.iterdir()}


def test_an_outbox_line_cut_by_a_crash_is_dropped_and_the_others_kept(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path)
    outbox.add([change("aaaa", 1)])
    with (tmp_path / OUTBOX_FILE).open("ab") as handle:
        handle.write(b'{"id":"00000')  # the app died in the middle of keeping a batch
    outbox.add([change("aaaa", 2), change("aaaa", 3)])
    assert ids(outbox.pending()) == [change("aaaa", n)["id"] for n in (1, 2, 3)]
    assert (tmp_path / OUTBOX_FILE).stat().st_mode & 0o777 == 0o600
    outbox.clear()
    assert outbox.pending() == []
