"""Encryption of the sync folder (issue 19, deliverable 4): the passphrase, the modes, and
lines that were altered or moved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from focusmate.sync.codec import Place, RefusedRecord, SealedCodec
from focusmate.sync.errors import Refusal, SyncRefused
from focusmate.sync.format_file import Mode
from focusmate.sync.keys import SCRYPT, KdfSettings, derive_key
from focusmate.sync.local_folder import LocalFolder
from focusmate.sync.names import ROOT
from focusmate.sync.notices import NoticeKind
from focusmate.sync.sync_folder import SyncFolder
from tests.sync.rig import PASSPHRASE, Share, change, ids


def every_file(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_wrong_passphrase_is_told_and_nothing_is_written(sealed_share: Share) -> None:
    sealed_share.device("aaaa").publish([change("aaaa", 1)])
    before = every_file(sealed_share.folder)
    data = sealed_share.folder.parent / "data-bbbb"
    install = sealed_share.install("bbbb", data)
    with pytest.raises(SyncRefused) as refused:
        SyncFolder.open(LocalFolder(sealed_share.folder), install, "correct horse battery")
    assert refused.value.reason is Refusal.WRONG_PASSPHRASE
    assert "wrong passphrase" in str(refused.value)
    with pytest.raises(SyncRefused):
        SyncFolder.enable(LocalFolder(sealed_share.folder), install, Mode.ENCRYPTED, "nope")
    assert every_file(sealed_share.folder) == before
    assert not data.exists()


def test_the_right_passphrase_opens_the_folder(sealed_share: Share) -> None:
    sealed_share.device("aaaa").publish([change("aaaa", 1)])
    b = SyncFolder.open(LocalFolder(sealed_share.folder), sealed_share.install("bbbb"), PASSPHRASE)
    incoming = b.poll()
    assert incoming is not None and ids(incoming.changes) == [change("aaaa", 1)["id"]]


def test_the_files_hold_no_plain_text(sealed_share: Share) -> None:
    sealed_share.device("aaaa").publish([change("aaaa", 1, note="Jordan's pipeline")])
    sealed_share.device("aaaa").write_snapshot("000000000000002", {"people": ["Jordan"]})
    texts = b"".join(
        raw for name, raw in every_file(sealed_share.root).items() if name != "format.json"
    )
    assert b"Jordan" not in texts
    assert b"aaaa's computer" not in texts  # device.json is sealed too


def test_a_device_asking_for_the_other_mode_is_refused(
    sealed_share: Share, plain_share: Share
) -> None:
    with pytest.raises(SyncRefused) as plain_asked:
        SyncFolder.open(LocalFolder(sealed_share.folder), sealed_share.install("b"), None)
    assert plain_asked.value.reason is Refusal.FOLDER_IS_ENCRYPTED
    with pytest.raises(SyncRefused) as sealed_asked:
        SyncFolder.open(LocalFolder(plain_share.folder), plain_share.install("b"), PASSPHRASE)
    assert sealed_asked.value.reason is Refusal.FOLDER_IS_PLAIN
    assert "plain text" in str(sealed_asked.value)
    plain = json.loads((plain_share.root / "format.json").read_bytes())
    assert plain["encryption"] == "plain" and "kdf" not in plain


def test_enable_in_an_empty_folder_sets_it_up_and_a_missing_one_is_refused(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "drive"
    empty.mkdir()
    with pytest.raises(SyncRefused) as refused:
        SyncFolder.open(LocalFolder(empty), Share.install_for(tmp_path, "a"), None)
    assert refused.value.reason is Refusal.NOT_SET_UP
    assert list(empty.iterdir()) == []  # an unmounted drive is never written to
    SyncFolder.enable(LocalFolder(empty), Share.install_for(tmp_path, "a"), Mode.PLAIN, None)
    assert json.loads((empty / ROOT / "format.json").read_bytes())["encryption"] == "plain"


def test_a_tampered_line_is_refused_and_said_once(sealed_share: Share) -> None:
    a = sealed_share.device("aaaa")
    a.publish([change("aaaa", n) for n in (1, 2, 3)])
    segment = sealed_share.segment("aaaa")
    lines = segment.read_bytes().split(b"\n")
    flipped = bytearray(lines[1])
    flipped[30] = ord("A") if flipped[30] != ord("A") else ord("B")  # one character
    lines[1] = bytes(flipped)
    segment.write_bytes(b"\n".join(lines))
    b = sealed_share.device("bbbb")
    incoming = b.poll()
    assert incoming is not None
    assert ids(incoming.changes) == [change("aaaa", 1)["id"], change("aaaa", 3)["id"]]
    notices = b.take_notices()
    assert [n.kind for n in notices] == [NoticeKind.REFUSED_LINE]
    assert "refused" in notices[0].words


def test_a_line_replayed_into_another_devices_file_is_refused(sealed_share: Share) -> None:
    sealed_share.device("aaaa").publish([change("aaaa", 1)])
    sealed_share.device("cccc").publish([change("cccc", 2)])
    stolen = sealed_share.segment("aaaa").read_bytes()
    # The same line, at the same place, in another device's segment: it names aaaa's folder
    # in its associated data, so it does not open in cccc's.
    with sealed_share.segment("cccc").open("ab") as handle:
        handle.write(stolen)
    b = sealed_share.device("bbbb")
    incoming = b.poll()
    assert incoming is not None
    assert sorted(ids(incoming.changes)) == [change("aaaa", 1)["id"], change("cccc", 2)["id"]]
    assert [n.kind for n in b.take_notices()] == [NoticeKind.REFUSED_LINE]


def test_a_line_moved_within_its_file_or_to_another_file_does_not_open() -> None:
    codec = SealedCodec(b"k" * 32)
    line = codec.seal_line(b'{"id":"1"}', Place("aaaa", "log-000001.jsonl", 4))
    assert codec.open_line(line, Place("aaaa", "log-000001.jsonl", 4)) == b'{"id":"1"}'
    for elsewhere in (
        Place("aaaa", "log-000001.jsonl", 5),
        Place("aaaa", "log-000002.jsonl", 4),
        Place("bbbb", "log-000001.jsonl", 4),
    ):
        with pytest.raises(RefusedRecord):
            codec.open_line(line, elsewhere)
    with pytest.raises(RefusedRecord):
        SealedCodec(b"x" * 32).open_line(line, Place("aaaa", "log-000001.jsonl", 4))


def test_a_plain_change_in_another_devices_file_is_refused(plain_share: Share) -> None:
    plain_share.device("cccc").publish([change("cccc", 2)])
    with plain_share.segment("cccc").open("ab") as handle:
        handle.write(json.dumps(change("aaaa", 1)).encode() + b"\n")
    b = plain_share.device("bbbb")
    incoming = b.poll()
    assert incoming is not None and ids(incoming.changes) == [change("cccc", 2)["id"]]
    assert [n.kind for n in b.take_notices()] == [NoticeKind.FOREIGN_CHANGE]


def test_scrypt_settings_give_a_key_too() -> None:
    settings = KdfSettings(SCRYPT, b"s" * 16, {"n": 2**14, "r": 8, "p": 1})
    again = KdfSettings.from_json(settings.to_json())
    assert derive_key("é", again) == derive_key("e\u0301", settings)  # NFC: one passphrase
    assert len(derive_key("x", settings)) == 32
    assert derive_key("x", settings) != derive_key("y", settings)


def test_a_folder_set_up_again_elsewhere_pauses_sync_and_keeps_the_changes(
    sealed_share: Share, tmp_path: Path
) -> None:
    a = sealed_share.device("aaaa")
    assert a.publish([change("aaaa", 1)])
    # Another computer enabled sync at the same moment, with its own salt; its format.json
    # won the sync engine's conflict.
    other = tmp_path / "other"
    other.mkdir()
    SyncFolder.enable(LocalFolder(other), Share.install_for(tmp_path, "z"), Mode.ENCRYPTED, "x")
    (sealed_share.root / "format.json").write_bytes((other / ROOT / "format.json").read_bytes())
    segment = sealed_share.segment("aaaa").read_bytes()
    assert not a.publish([change("aaaa", 2)])
    assert a.poll() is None
    assert sealed_share.segment("aaaa").read_bytes() == segment  # nothing written with it
    status = a.status()
    assert status.set_up_again and status.pending == 1
    assert [n.kind for n in a.take_notices()] == [NoticeKind.SET_UP_AGAIN]


def test_the_app_starts_while_the_drive_is_away_and_keeps_its_changes(
    sealed_share: Share,
) -> None:
    install = sealed_share.install("aaaa")
    first = SyncFolder.open(LocalFolder(sealed_share.folder), install, PASSPHRASE)
    assert first.publish([change("aaaa", 1)])
    away = sealed_share.folder.parent / "unmounted"
    sealed_share.root.rename(away)
    # The next start: the drive is not there, the copy of format.json in the data folder is.
    with pytest.raises(SyncRefused) as wrong:
        SyncFolder.open(LocalFolder(sealed_share.folder), install, "not the passphrase")
    assert wrong.value.reason is Refusal.WRONG_PASSPHRASE
    started = SyncFolder.open(LocalFolder(sealed_share.folder), install, PASSPHRASE)
    assert not started.publish([change("aaaa", 2)])
    assert started.status().unavailable_since is not None and started.status().pending == 1
    assert list(sealed_share.folder.iterdir()) == []
    away.rename(sealed_share.root)
    assert started.flush()
    b = sealed_share.device("bbbb")
    incoming = b.poll()
    assert incoming is not None
    assert ids(incoming.changes) == [change("aaaa", 1)["id"], change("aaaa", 2)["id"]]


def test_a_folder_never_opened_here_and_not_reachable_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SyncRefused) as refused:
        SyncFolder.open(LocalFolder(tmp_path), Share.install_for(tmp_path, "a"), PASSPHRASE)
    assert refused.value.reason is Refusal.NOT_SET_UP
    assert not (tmp_path / "data-a").exists()
