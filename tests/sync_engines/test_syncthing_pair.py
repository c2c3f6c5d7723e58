"""What two real Syncthing 1.19 daemons on loopback do to files in their shared folder: the
behaviour issue 19's sync folder will meet (arrival, appends, conflict copies, deletions),
and that the harness keeps them on loopback and leaves no process behind.

The latencies printed are from the write to the bytes being there on the other side; the
folder watcher's 1 s delay is most of each.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.sync_engines.sockets import InetSocket, inet_sockets
from tests.sync_engines.syncthing import (
    CONFLICT_NAME,
    SyncthingError,
    SyncthingPair,
    leftover_processes,
)


def test_a_file_written_on_either_side_appears_on_the_other(syncthing_pair: SyncthingPair) -> None:
    pair = syncthing_pair
    (pair.a.folder / "from-a.log").write_bytes(b"written on a\n")
    a_to_b = pair.wait_synced("from-a.log")
    (pair.b.folder / "from-b.log").write_bytes(b"written on b\n")
    b_to_a = pair.wait_synced("from-b.log", source=pair.b)
    print(f"\nnew file a -> b {a_to_b:.2f} s, b -> a {b_to_a:.2f} s")
    assert (pair.a.folder / "from-b.log").read_bytes() == b"written on b\n"


def test_an_append_propagates_and_a_cut_line_arrives_cut(syncthing_pair: SyncthingPair) -> None:
    """A line written in two parts (a writer between two writes, as a crash would leave it)
    reaches the other side cut, as it stands, then whole: the reader of the sync folder
    meets a last line without its end."""
    pair = syncthing_pair
    log = pair.a.folder / "appended.log"
    log.write_bytes(b'{"change": 1}\n')
    pair.wait_synced("appended.log")
    with log.open("ab") as appending:
        appending.write(b'{"change": 2}\n{"chan')
    cut = pair.wait_synced("appended.log")
    assert (pair.b.folder / "appended.log").read_bytes().endswith(b'{"chan')
    with log.open("ab") as appending:
        appending.write(b'ge": 3}\n')
    seconds = pair.wait_synced("appended.log")
    print(f"\nappend a -> b {cut:.2f} s (the cut line), {seconds:.2f} s (its end)")
    assert (pair.b.folder / "appended.log").read_bytes().count(b"\n") == 3


def test_concurrent_writes_leave_a_conflict_copy_on_both_sides(
    syncthing_pair: SyncthingPair,
) -> None:
    """Both write one log segment (named as focusmate's sync folder names them, in a device's
    subfolder) while apart. Syncthing keeps the version with the newer modification time
    under the name, and the device that had the other renames it, in the same folder, to
    ``log-000003.sync-conflict-YYYYMMDD-HHMMSS-<7 chars>.jsonl``: the 7 characters begin the
    ID of the device whose version *won* (1.19 passes the incoming file's ModifiedBy). The
    copy is then an ordinary file, synced to both sides."""
    pair = syncthing_pair
    segment = "devices/laptop/log-000003.jsonl"
    older, newer = pair.a.folder / segment, pair.b.folder / segment
    now = time.time()
    with pair.disconnected():
        for path, line in ((older, b'{"by": "a"}\n'), (newer, b'{"by": "b"}\n')):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(line)
        os.utime(older, (now - 60, now - 60))  # which one wins is decided, not left to chance
        os.utime(newer, (now, now))
    seconds = pair.wait_in_sync()
    print(f"\nreconnected to both sides in sync {seconds:.2f} s")

    on_a, on_b = (
        {n: data for n, data in pair.files(device).items() if n.startswith("devices/laptop/")}
        for device in pair.devices
    )
    print(f"conflict copy: {sorted(on_a)}")
    assert on_a == on_b
    copies = [name for name in on_a if name != segment]
    assert len(copies) == 1, sorted(on_a)
    assert on_a[segment] == b'{"by": "b"}\n'
    assert on_a[copies[0]] == b'{"by": "a"}\n'
    folder, _, copy_name = copies[0].rpartition("/")
    assert folder == "devices/laptop"
    match = CONFLICT_NAME.match(copy_name)
    assert match is not None, copy_name
    assert (match["stem"], match["ext"]) == ("log-000003", ".jsonl")
    assert match["device"] == pair.b.device_id[:7]


def test_a_deletion_propagates_and_the_file_can_come_back(syncthing_pair: SyncthingPair) -> None:
    pair = syncthing_pair
    (pair.a.folder / "short-lived.log").write_bytes(b"soon gone\n")
    pair.wait_synced("short-lived.log")
    (pair.a.folder / "short-lived.log").unlink()
    gone = pair.wait_gone("short-lived.log")
    (pair.a.folder / "short-lived.log").write_bytes(b"back again\n")
    back = pair.wait_synced("short-lived.log")
    print(f"\ndeletion a -> b {gone:.2f} s, the file back {back:.2f} s")


def test_the_daemons_listen_and_talk_on_loopback_only(syncthing_pair: SyncthingPair) -> None:
    for device in syncthing_pair.devices:
        assert device.pid is not None
        sockets = inet_sockets(device.pid)
        locals_ = {s.local for s in sockets}
        assert f"127.0.0.1:{device.listen_port}" in locals_, sockets
        assert f"127.0.0.1:{device.gui_port}" in locals_, sockets
        assert [s for s in sockets if not s.on_loopback] == []


def test_the_loopback_check_sees_a_socket_beyond_loopback() -> None:
    """What local discovery or a relay connection would look like fails the check above."""
    assert not InetSocket("udp", "0.0.0.0:21027", "0.0.0.0:0").on_loopback
    assert not InetSocket("tcp", "127.0.0.1:40000", "192.0.2.7:22067").on_loopback
    assert not InetSocket("tcp6", ":::22000", ":::0").on_loopback
    assert InetSocket("tcp6", "::ffff:127.0.0.1:22000", "::ffff:127.0.0.1:40000").on_loopback


def test_stop_ends_both_daemons(tmp_path: Path) -> None:
    pair = SyncthingPair(tmp_path).start()
    pids = [device.pid for device in pair.devices]
    began = time.monotonic()
    pair.stop()
    print(f"\nstop {time.monotonic() - began:.2f} s; start: {pair.timings_s}")
    for pid in pids:
        assert pid is not None
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert leftover_processes([device.home for device in pair.devices]) == []


def test_without_syncthing_the_pair_fails_naming_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SyncthingError, match="Debian package syncthing"):
        SyncthingPair(tmp_path).start()
