"""Where this install syncs (issue 19), kept in the data folder as ``sync.json``: the sync
folder (a folder on this computer that the user's sync engine moves, or a WebDAV address),
whether it is encrypted, and this device's id and name. The passphrase is never here: it
lives in the operating system's secret store under ``secret_key`` (ARCHITECTURE invariant 9).

Also the one way to reach the folder (``transport_for``) and to open it (``open_folder``),
with the refusals worded as focusmate errors, so the running app and the command line
working alone say the same thing with the same exit code.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from focusmate.core.errors import InvalidData, InvalidInput, NotPossibleNow
from focusmate.core.json_text import parse_json
from focusmate.files.atomic import atomic_write_bytes, dumps_strict, remove_durably
from focusmate.services.sync_files import BOOK_FILE, CONFIG_FILE
from focusmate.sync.errors import Refusal, SyncRefused
from focusmate.sync.local_folder import LocalFolder
from focusmate.sync.names import check_device_id, new_device_id
from focusmate.sync.transport import Transport

if TYPE_CHECKING:  # the folder's codec loads cryptography: only once sync is used
    from focusmate.sync.sync_folder import SyncFolder

NAME_MAX_CHARS = 64

#: Wrong input: exit 2; the folder not there or not reachable now: exit 4; damaged: exit 5.
_REFUSAL_ERRORS: dict[Refusal, type[InvalidInput | NotPossibleNow | InvalidData]] = {
    Refusal.WRONG_PASSPHRASE: InvalidInput,
    Refusal.PASSPHRASE_NEEDED: InvalidInput,
    Refusal.FOLDER_IS_PLAIN: InvalidInput,
    Refusal.FOLDER_IS_ENCRYPTED: InvalidInput,
    Refusal.NOT_SET_UP: NotPossibleNow,
    Refusal.NEWER_FORMAT: NotPossibleNow,
    Refusal.DAMAGED_FORMAT: InvalidData,
}


@dataclass(frozen=True)
class SyncConfig:
    where: str  # an absolute folder path, or a WebDAV address (https; http to loopback)
    encrypted: bool
    device_id: str
    device_name: str
    user: str | None = None  # a WebDAV share's user name (its password: the secret store)

    @property
    def secret_key(self) -> str:
        """The passphrase's name in the secret store (one per device id: two data folders
        of one user keep theirs apart)."""
        return f"sync-passphrase:{self.device_id}"

    @property
    def password_key(self) -> str:
        """The WebDAV password's name in the secret store."""
        return f"sync-webdav-password:{self.device_id}"

    def as_json(self) -> dict[str, object]:
        return {
            "where": self.where,
            "encrypted": self.encrypted,
            "device": self.device_id,
            "device_name": self.device_name,
            "user": self.user,
        }


def is_webdav(where: str) -> bool:
    return where.startswith(("https://", "http://"))


def checked_where(typed: str) -> str:
    """The sync folder as typed: a WebDAV address (InvalidInput unless https, or http to
    this computer) or an existing folder, made absolute (NotPossibleNow when it is not
    there: a drive not mounted, a typo)."""
    if is_webdav(typed):
        from focusmate.sync.webdav_folder import checked_url  # noqa: PLC0415 - webdav4: only here

        try:
            return checked_url(typed)
        except ValueError as error:
            raise InvalidInput(str(error)) from None
    folder = Path(typed).expanduser().absolute()
    if not folder.is_dir():
        raise NotPossibleNow(f"the sync folder {folder} is not there (or is not a folder)")
    return str(folder)


def new_config(
    where: str, encrypted: bool, name: str | None, user: str | None = None
) -> SyncConfig:
    """A config for this device with a fresh device id; its name is the computer's unless
    given (InvalidInput for an empty, over-long or control-character name)."""
    device_name = (name if name is not None else socket.gethostname()).strip()
    if not device_name or len(device_name) > NAME_MAX_CHARS or not device_name.isprintable():
        raise InvalidInput(f"a device name is 1 to {NAME_MAX_CHARS} printable characters")
    if user is not None and not is_webdav(where):
        raise InvalidInput("a user name is for a WebDAV address, not a folder")
    if user is not None and (not user or not user.isprintable()):
        raise InvalidInput("the WebDAV user name is empty or holds control characters")
    return SyncConfig(where, encrypted, new_device_id(), device_name, user)


def load_config(data: Path) -> SyncConfig | None:
    """This install's sync config; None when sync is off. InvalidData if the file is
    damaged (the app then leaves sync off and says so)."""
    try:
        raw = parse_json((data / CONFIG_FILE).read_bytes())
    except FileNotFoundError:
        return None
    except (ValueError, UnicodeDecodeError):
        raise InvalidData(f"{CONFIG_FILE} is damaged: turn sync on again") from None
    try:
        assert isinstance(raw, dict)
        user = raw.get("user")
        config = SyncConfig(
            raw["where"],
            raw["encrypted"],
            raw["device"],
            str(raw["device_name"]),
            None if user is None else str(user),
        )
        assert isinstance(config.where, str) and isinstance(config.encrypted, bool)
        check_device_id(config.device_id)
    except (AssertionError, KeyError, TypeError, ValueError):
        raise InvalidData(f"{CONFIG_FILE} is damaged: turn sync on again") from None
    return config


def save_config(data: Path, config: SyncConfig) -> None:
    atomic_write_bytes(data / CONFIG_FILE, dumps_strict(config.as_json()))


def remove_sync_files(data: Path) -> None:
    """Sync off: the config first (a crash midway leaves sync off), then what it kept (the
    merged state and its tails, the read marks, the outbox); the sessions stay whole."""
    from focusmate.services.sync_book import KEPT_TAIL_SUFFIX, TAIL_SUFFIX  # noqa: PLC0415
    from focusmate.sync.outbox import OUTBOX_FILE  # noqa: PLC0415 - see TYPE_CHECKING

    for name in (CONFIG_FILE, BOOK_FILE + TAIL_SUFFIX, BOOK_FILE + KEPT_TAIL_SUFFIX, BOOK_FILE):
        remove_durably(data / name)
    forget_read_marks(data)
    remove_durably(data / OUTBOX_FILE)


def forget_read_marks(data: Path) -> None:
    """Read every file of the sync folder again (the merged state was lost or is new)."""
    from focusmate.sync.local_state import STATE_FILE  # noqa: PLC0415 - see TYPE_CHECKING

    remove_durably(data / STATE_FILE)


def pending_changes(data: Path) -> int:
    """How many of this device's changes wait in the outbox for the sync folder."""
    from focusmate.sync.outbox import Outbox  # noqa: PLC0415 - see TYPE_CHECKING

    return len(Outbox(data).pending())


def transport_for(where: str, auth: tuple[str, str] | None = None) -> Transport:
    if is_webdav(where):
        from focusmate.sync.webdav_folder import WebDavFolder  # noqa: PLC0415 - httpx: only here

        return WebDavFolder(where, auth)
    return LocalFolder(Path(where))


def open_folder(
    config: SyncConfig,
    data: Path,
    passphrase: str | None,
    password: str | None = None,
    *,
    create: bool = False,
) -> SyncFolder:
    """The sync folder, opened (or set up, ``create``) with the passphrase; nothing is
    written when it is refused: InvalidInput for a wrong passphrase or mode, NotPossibleNow
    when it cannot be reached or was not set up, InvalidData when format.json is damaged."""
    from focusmate.sync.format_file import Mode  # noqa: PLC0415 - see TYPE_CHECKING
    from focusmate.sync.sync_folder import Install, SyncFolder  # noqa: PLC0415

    install = Install(config.device_id, config.device_name, data)
    secret = passphrase if config.encrypted else None
    mode = Mode.ENCRYPTED if config.encrypted else Mode.PLAIN
    auth = None if config.user is None else (config.user, password or "")
    try:
        if create:
            return SyncFolder.enable(transport_for(config.where, auth), install, mode, secret)
        return SyncFolder.open(transport_for(config.where, auth), install, secret)
    except SyncRefused as refused:
        raise _REFUSAL_ERRORS[refused.reason](str(refused)) from None
    except OSError as error:
        raise NotPossibleNow(
            f"the sync folder {config.where} cannot be reached: {error.strerror or error}"
        ) from None
