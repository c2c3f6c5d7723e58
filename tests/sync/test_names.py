"""The sync folder's names, and the copies sync engines make of them (issue 19)."""

from __future__ import annotations

import pytest

from focusmate.sync.names import (
    check_device_id,
    is_device_file_copy,
    new_device_id,
    parse_segment,
    parse_snapshot,
    snapshot_name,
)


@pytest.mark.parametrize(
    "name",
    [
        # Seen from Syncthing 1.19 in tests/sync_engines (the 7 characters: the winner's id).
        "log-000003.sync-conflict-20261203-163550-KWTDUVC.jsonl",
        "log-000003 (conflicted copy 2026-12-03).jsonl",  # Dropbox
        "log-000003 (Dana's conflicted copy 2026-12-03).jsonl",  # Dropbox, with a name
        "log-000003 (conflicted copy 2026-12-03 101010).jsonl",  # Nextcloud
        "log-000003 (1).jsonl",  # a second upload of the same name
        "log-000003-DESKTOP-4K2.jsonl",  # OneDrive
    ],
)
def test_a_sync_engines_copy_is_a_copy_of_its_original(name: str) -> None:
    segment = parse_segment(name)
    assert segment is not None
    assert (segment.number, segment.original, segment.copy) == (3, "log-000003.jsonl", True)


def test_an_original_segment_and_what_is_none() -> None:
    segment = parse_segment("log-000042.jsonl")
    assert segment is not None and not segment.copy and segment.number == 42
    for other in (".syncthing.log-000042.jsonl.tmp", "log-42.jsonl", "device.json", "log-x.jsonl"):
        assert parse_segment(other) is None


def test_snapshot_names_keep_their_order_and_copies_are_seen() -> None:
    older, newer = snapshot_name("00017647-0001-aaaa"), snapshot_name("00017648-0000-aaaa")
    assert older < newer
    assert parse_snapshot(newer) == (newer, False)
    copy = newer.replace(".json", ".sync-conflict-20261203-101010-ABCDEFG.json")
    assert parse_snapshot(copy) == (newer, True)
    assert is_device_file_copy("device.sync-conflict-20261203-101010-ABCDEFG.json")
    assert is_device_file_copy("device (1).json")
    assert not is_device_file_copy("device.json")


def test_device_ids_name_a_folder_everywhere() -> None:
    fresh = new_device_id()
    assert check_device_id(fresh) == fresh and fresh != new_device_id()
    assert check_device_id("laptop.home-2") == "laptop.home-2"
    for bad in ("", "..", ".hidden", "../x", "a/b", "a b", "x" * 65):
        with pytest.raises(ValueError, match="device id"):
            check_device_id(bad)
