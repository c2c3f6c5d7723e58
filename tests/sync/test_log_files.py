"""The logs on disk as sync engines leave them (issue 19, deliverable 3): real files in a tmp
folder, one device writing, another reading, in both modes (sealed and plain)."""

from __future__ import annotations

from focusmate.files.atomic import dumps_strict
from focusmate.sync.codec import Place
from focusmate.sync.local_folder import LocalFolder
from focusmate.sync.notices import NoticeKind
from tests.sync.rig import CountingFolder, Share, change, ids, kinds, poll


def test_changes_cross_and_each_is_read_once(share: Share) -> None:
    a, b = share.device("aaaa"), share.device("bbbb")
    assert a.publish([change("aaaa", 1), change("aaaa", 2)])
    assert b.publish([change("bbbb", 3)])
    assert poll(b) == [change("aaaa", 1)["id"], change("aaaa", 2)["id"]]
    assert poll(a) == [change("bbbb", 3)["id"]]
    assert poll(b) == []
    a.publish([change("aaaa", 4)])
    assert poll(b) == [change("aaaa", 4)["id"]]
    assert kinds(a) == kinds(b) == []


def test_an_incremental_read_takes_only_the_new_bytes(share: Share) -> None:
    a = share.device("aaaa")
    a.publish([change("aaaa", n) for n in range(500)])
    counting = CountingFolder(share.folder)
    b = share.device("bbbb", transport=counting)
    assert len(poll(b)) == 500
    whole = share.segment("aaaa").stat().st_size
    assert counting.bytes_read == whole
    a.publish([change("aaaa", 500)])
    before = counting.bytes_read
    assert poll(b) == [change("aaaa", 500)["id"]]
    added = share.segment("aaaa").stat().st_size - whole
    # The new line, and the 32 bytes before it that show the file is still the one read.
    assert counting.bytes_read - before == added + 32


def test_the_read_marks_survive_a_restart_once_acknowledged(share: Share) -> None:
    a = share.device("aaaa")
    a.publish([change("aaaa", 1)])
    b = share.device("bbbb")
    assert poll(b) == [change("aaaa", 1)["id"]]
    a.publish([change("aaaa", 2)])
    unacknowledged = b.poll()
    assert unacknowledged is not None and ids(unacknowledged.changes) == [change("aaaa", 2)["id"]]
    again = share.device("bbbb")  # the app restarted before merging change 2
    assert poll(again) == [change("aaaa", 2)["id"]]
    assert poll(share.device("bbbb")) == []


def test_a_merge_that_failed_is_read_again_after_rewind(share: Share) -> None:
    share.device("aaaa").publish([change("aaaa", 1)])
    b = share.device("bbbb")
    assert b.poll() is not None
    b.rewind()
    assert poll(b) == [change("aaaa", 1)["id"]]


def test_a_new_segment_on_each_start(share: Share) -> None:
    share.device("aaaa").publish([change("aaaa", 1)])
    share.device("aaaa").publish([change("aaaa", 2)])
    names = sorted(p.name for p in share.files("aaaa").glob("log-*"))
    assert names == ["log-000001.jsonl", "log-000002.jsonl"]
    assert poll(share.device("bbbb")) == [change("aaaa", n)["id"] for n in (1, 2)]


def test_a_new_segment_after_the_size_limit(share: Share) -> None:
    a = share.device("aaaa", transport=LocalFolder(share.folder, segment_limit_bytes=2000))
    for n in range(60):
        a.publish([change("aaaa", n)])
    segments = sorted(share.files("aaaa").glob("log-*"))
    longest_line = max(len(line) + 1 for p in segments for line in p.read_bytes().split())
    assert len(segments) >= 4
    # Each segment was closed by the first batch that took it past the limit.
    assert all(2000 <= p.stat().st_size < 2000 + longest_line for p in segments[:-1])
    assert len(poll(share.device("bbbb"))) == 60


def test_a_last_line_still_arriving_waits_until_it_is_whole(share: Share) -> None:
    share.device("aaaa").publish([change("aaaa", 1), change("aaaa", 2)])
    segment = share.segment("aaaa")
    whole = segment.read_bytes()
    segment.write_bytes(whole[: len(whole) - 25])  # the sync engine has sent part of it
    b = share.device("bbbb")
    assert poll(b) == [change("aaaa", 1)["id"]]
    assert poll(b) == []
    segment.write_bytes(whole)
    assert poll(b) == [change("aaaa", 2)["id"]]
    assert kinds(b) == []


def test_a_cut_line_followed_by_more_is_skipped_and_said_once(share: Share) -> None:
    a = share.device("aaaa")
    a.publish([change("aaaa", n) for n in (1, 2, 3)])
    segment = share.segment("aaaa")
    lines = segment.read_bytes().split(b"\n")
    lines[1] = lines[1][:20]  # cut in the middle, and the next line follows
    segment.write_bytes(b"\n".join(lines))
    b = share.device("bbbb")
    assert poll(b) == [change("aaaa", 1)["id"], change("aaaa", 3)["id"]]
    assert kinds(b) == [NoticeKind.CUT_LINE]
    with segment.open("ab") as handle:  # the same file, damaged again further on
        handle.write(b"garbage\n")
    assert poll(b) == []
    assert kinds(b) == []


def test_a_cut_end_with_a_newer_segment_after_it_is_said(share: Share) -> None:
    share.device("aaaa").publish([change("aaaa", 1), change("aaaa", 2)])
    first = share.segment("aaaa")
    first.write_bytes(first.read_bytes()[:-10])  # a crash mid-write left half a line
    share.device("aaaa").publish([change("aaaa", 2)])  # sent again, from the outbox
    b = share.device("bbbb")
    assert sorted(poll(b)) == [change("aaaa", 1)["id"], change("aaaa", 2)["id"]]
    assert kinds(b) == [NoticeKind.CUT_END]


def test_conflict_copies_are_read_as_well_and_said_once(share: Share) -> None:
    a = share.device("aaaa")
    a.publish([change("aaaa", 1), change("aaaa", 2)])
    segment = share.segment("aaaa")
    first_two = segment.read_bytes()
    a.publish([change("aaaa", 3)])
    # The copies hold the first two lines, then a third that only they have (a second
    # writer of this file, as with a cloned disk, sealed it at the same place).
    third = share.codec.seal_line(
        dumps_strict(change("aaaa", 9)), Place("aaaa", "log-000001.jsonl", 2)
    )
    copies = [
        "log-000001.sync-conflict-20261203-101010-ABCDEFG.jsonl",
        "log-000001 (conflicted copy 2026-12-03).jsonl",
        "log-000001 (1).jsonl",
    ]
    for name in copies:
        (segment.parent / name).write_bytes(first_two + third + b"\n")
    b = share.device("bbbb")
    assert poll(b) == [change("aaaa", n)["id"] for n in (1, 2, 3, 9)]
    said = b.take_notices()
    assert sorted(n.subject.rpartition("/")[2] for n in said) == sorted(copies)
    assert {n.kind for n in said} == {NoticeKind.CONFLICT_COPY}
    assert poll(b) == []


def test_a_file_that_disappears_and_comes_back(share: Share) -> None:
    a = share.device("aaaa")
    a.publish([change("aaaa", 1)])
    b = share.device("bbbb")
    assert poll(b) == [change("aaaa", 1)["id"]]
    segment = share.segment("aaaa")
    kept = segment.read_bytes()
    segment.unlink()
    assert poll(b) == []
    assert kinds(b) == [NoticeKind.FILE_GONE]
    segment.write_bytes(kept)
    a.publish([change("aaaa", 2)])
    assert poll(b) == [change("aaaa", 2)["id"]]
    assert kinds(b) == []


def test_a_file_that_shrinks_or_changes_is_read_again(share: Share) -> None:
    a = share.device("aaaa")
    a.publish([change("aaaa", 1), change("aaaa", 2)])
    b = share.device("bbbb")
    assert len(poll(b)) == 2
    segment = share.segment("aaaa")
    first_line = segment.read_bytes().split(b"\n")[0] + b"\n"
    segment.write_bytes(first_line)  # an older version came back
    assert poll(b) == []  # nothing new: its change was read already
    assert kinds(b) == [NoticeKind.FILE_REPLACED]
    a.publish([change("aaaa", 3)])  # a's writer sees the change: on in a new segment
    assert sorted(p.name for p in share.files("aaaa").glob("log-*")) == [
        "log-000001.jsonl",
        "log-000002.jsonl",
    ]
    assert poll(b) == [change("aaaa", 3)["id"]]
    assert kinds(a) == kinds(b) == []


def test_a_late_version_of_an_old_segment_is_read_by_a_full_poll(share: Share) -> None:
    for run in range(6):
        share.device("aaaa").publish([change("aaaa", run)])
    b = share.device("bbbb")
    assert len(poll(b)) == 6
    oldest = share.segment("aaaa", 1)
    late = share.codec.seal_line(dumps_strict(change("aaaa", 99)), Place("aaaa", oldest.name, 1))
    with oldest.open("ab") as handle:  # its last version, delivered after the newer ones
        handle.write(late + b"\n")
    recent = share.segment("aaaa", 6)
    also = share.codec.seal_line(dumps_strict(change("aaaa", 98)), Place("aaaa", recent.name, 1))
    with recent.open("ab") as handle:
        handle.write(also + b"\n")
    assert poll(b) == [change("aaaa", 98)["id"]]  # the newest segments are always looked at
    incoming = b.poll(full=True)
    assert incoming is not None and ids(incoming.changes) == [change("aaaa", 99)["id"]]


def test_the_folders_a_watcher_should_watch(share: Share) -> None:
    local = LocalFolder(share.folder)
    assert local.folders_to_watch() == [share.root]
    share.device("aaaa").publish([change("aaaa", 1)])
    share.device("bbbb").publish([change("bbbb", 1)])
    assert local.folders_to_watch() == [
        share.root,
        share.root / "devices",
        share.files("aaaa"),
        share.files("bbbb"),
    ]
