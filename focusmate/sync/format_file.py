"""format.json, the sync folder's one shared description: the format's version, the
encryption mode, the KDF's salt and parameters, and a key check value (a known text sealed
with the key), so that a wrong passphrase is told at once and nothing is written with it.
Nothing in it is secret.

It is written once, by the device that enables sync in an empty folder; every other device
only reads it, so it too has one writer.
"""

from __future__ import annotations

import base64
import binascii
from enum import Enum

from focusmate.core.json_text import parse_json
from focusmate.files.atomic import dumps_strict
from focusmate.sync.codec import Codec, DamagedRecord, Place, PlainCodec, RefusedRecord, SealedCodec
from focusmate.sync.errors import Refusal, SyncRefused
from focusmate.sync.keys import KdfSettings, derive_key, new_kdf_settings
from focusmate.sync.names import FORMAT_FILE
from focusmate.sync.transport import Transport

VERSION = 1
_CHECK_TEXT = b"focusmate sync key check"
_CHECK_PLACE = Place("", FORMAT_FILE)


class Mode(Enum):
    ENCRYPTED = "chacha20poly1305"
    PLAIN = "plain"


def read_format(transport: Transport) -> bytes:
    """format.json as stored; SyncRefused when there is none (OSError when the folder
    cannot be reached)."""
    try:
        return transport.read(FORMAT_FILE)
    except FileNotFoundError:
        raise SyncRefused(
            Refusal.NOT_SET_UP,
            f"{transport.where} has no focusmate sync folder: sync was not enabled there, "
            "or the drive is not connected",
        ) from None


def codec_for(raw: bytes, passphrase: str | None, where: str) -> Codec:
    """The codec format.json ``raw`` describes: plain when ``passphrase`` is None, else
    sealed with the key it gives. SyncRefused for a wrong passphrase, or a mode other than
    the one asked for (None asks for plain text), or a format this version cannot read."""
    return _codec_for(_parse(raw, where), passphrase, where)


def open_folder(transport: Transport, passphrase: str | None) -> Codec:
    """The codec of an existing sync folder (read_format, then codec_for)."""
    return codec_for(read_format(transport), passphrase, transport.where)


def create_folder(transport: Transport, mode: Mode, passphrase: str | None) -> Codec:
    """Set up the sync folder (format.json) if it is not yet, else open it as it is: the
    first device chooses the mode and the salt, the others follow."""
    try:
        return open_folder(transport, passphrase)
    except SyncRefused as refused:
        if refused.reason is not Refusal.NOT_SET_UP:
            raise
    if mode is Mode.ENCRYPTED and not passphrase:
        raise SyncRefused(Refusal.PASSPHRASE_NEEDED, "encryption needs a passphrase")
    if mode is Mode.PLAIN and passphrase is not None:
        raise SyncRefused(Refusal.FOLDER_IS_PLAIN, "plain-text mode takes no passphrase")
    document: dict[str, object] = {"format": "focusmate-sync", "version": VERSION}
    codec: Codec = PlainCodec()
    document["encryption"] = mode.value
    if mode is Mode.ENCRYPTED and passphrase:
        settings = new_kdf_settings()
        codec = SealedCodec(derive_key(passphrase, settings))
        document["kdf"] = settings.to_json()
        check = codec.seal(_CHECK_TEXT, _CHECK_PLACE)
        document["key_check"] = base64.b64encode(check).decode()
    transport.create_root()
    transport.replace(FORMAT_FILE, dumps_strict(document))
    return codec


def _parse(raw: bytes, where: str) -> dict[str, object]:
    try:
        data = parse_json(raw)
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict) or data.get("format") != "focusmate-sync":
        raise SyncRefused(
            Refusal.DAMAGED_FORMAT, f"the sync folder's format.json in {where} is damaged"
        )
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise SyncRefused(
            Refusal.NEWER_FORMAT,
            f"the sync folder in {where} was set up by a newer focusmate: update this one",
        )
    return data


def _codec_for(data: dict[str, object], passphrase: str | None, where: str) -> Codec:
    mode = data.get("encryption")
    if mode == Mode.PLAIN.value:
        if passphrase is not None:
            raise SyncRefused(
                Refusal.FOLDER_IS_PLAIN,
                f"the sync folder in {where} is in plain text, not encrypted: enable sync "
                "without a passphrase, or choose another folder",
            )
        return PlainCodec()
    if mode != Mode.ENCRYPTED.value:
        raise SyncRefused(Refusal.NEWER_FORMAT, f"the sync folder in {where} uses {mode!r}")
    if not passphrase:
        raise SyncRefused(
            Refusal.FOLDER_IS_ENCRYPTED if passphrase is None else Refusal.PASSPHRASE_NEEDED,
            f"the sync folder in {where} is encrypted: enable sync with its passphrase",
        )
    try:
        settings = KdfSettings.from_json(data.get("kdf"))
        check = base64.b64decode(str(data.get("key_check", "")), validate=True)
    except (ValueError, binascii.Error):
        raise SyncRefused(
            Refusal.DAMAGED_FORMAT, f"the sync folder's format.json in {where} is damaged"
        ) from None
    codec = SealedCodec(derive_key(passphrase, settings))
    try:
        if codec.open(check, _CHECK_PLACE) == _CHECK_TEXT:
            return codec
    except (DamagedRecord, RefusedRecord):
        pass
    raise SyncRefused(
        Refusal.WRONG_PASSPHRASE,
        f"wrong passphrase for the sync folder in {where}: nothing was written",
    )
