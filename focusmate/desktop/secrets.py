"""Where CalDAV passwords live (issue 15, deliverable 1; ARCHITECTURE invariant 9): the
operating system's secret store through the keyring library, or, where none exists, memory
for this session only. Both implement core.ports.SecretStore.

The backend is chosen here by platform, never by keyring's auto-detection: that reads the
user's keyringrc.cfg and PYTHON_KEYRING_BACKEND, which may name the fail or null backend or a
plain-text file, and the choice would then follow a file focusmate never wrote. Linux and
the other free systems get the Secret Service (GNOME Keyring, KWallet, KeePassXC), Windows
the Credential Manager, macOS the Keychain.

Nothing here logs or raises a secret: log records name the key (the calendar's name and
user) and the kind of failure only.
"""

from __future__ import annotations

import logging
import sys
from contextlib import closing
from typing import TYPE_CHECKING

from focusmate.core.errors import NotPossibleNow

if TYPE_CHECKING:  # keyring loads on first use, on the calendar's worker (~0.2 s with its
    # backend): the app's start does not wait for it
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

#: What the secrets are filed under (Secret Service attribute "service", the Credential
#: Manager's and the Keychain's service name).
SERVICE = "focusmate calendar"

NO_BACKEND = "no secret store: this system offers none that focusmate can use"
NOT_RUNNING = (
    "no secret store: no Secret Service is running on this desktop "
    "(install GNOME Keyring or KWallet)"
)
NO_SESSION_BUS = (
    "no secret store: there is no D-Bus session on this desktop to reach a Secret Service "
    "(GNOME Keyring or KWallet) through"
)
LOCKED = "no secret store: the keyring is locked and was not unlocked"


def platform_backend() -> KeyringBackend:
    """keyring's backend for this operating system (see the module's docstring for why it
    is not keyring.get_keyring())."""
    if sys.platform == "win32":
        from keyring.backends.Windows import WinVaultKeyring  # noqa: PLC0415 - Windows only

        return WinVaultKeyring()  # type: ignore[no-untyped-call]
    if sys.platform == "darwin":
        from keyring.backends.macOS import Keyring  # noqa: PLC0415 - macOS only

        return Keyring()  # type: ignore[no-untyped-call]
    from keyring.backends import SecretService  # noqa: PLC0415 - see TYPE_CHECKING above

    # keyring's backends leave their constructors unannotated.
    return SecretService.Keyring()  # type: ignore[no-untyped-call]


class KeyringSecretStore:
    """The operating system's secret store (core.ports.SecretStore) through ``backend``
    (default :func:`platform_backend`).

    ``unavailable_reason`` and ``save`` may show the desktop's unlock prompt for a locked
    keyring and wait for the user's answer, as any access to a locked keyring does: call
    them where waiting is fine (the worker, or in answer to the user's own request)."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._chosen = backend

    @property
    def _backend(self) -> KeyringBackend:
        if self._chosen is None:
            self._chosen = platform_backend()
        return self._chosen

    def unavailable_reason(self) -> str | None:
        from keyring.backends import SecretService, fail  # noqa: PLC0415 - on first use

        backend = self._backend
        if isinstance(backend, fail.Keyring):
            return NO_BACKEND
        try:
            usable = backend.priority > 0  # keyring's backends raise here when unusable
        except Exception as error:  # RuntimeError by contract; anything else as well
            return _reason(backend, error)
        if not usable:
            return NO_BACKEND
        if isinstance(backend, SecretService.Keyring):
            try:
                return _default_collection_locked()
            except Exception as error:  # the collection could not be opened
                return _reason(backend, error)
        return None

    def save(self, key: str, secret: str) -> None:
        reason = self.unavailable_reason()
        if reason is None:
            try:
                self._backend.set_password(SERVICE, key, secret)
                return
            except Exception as error:  # every backend fails in its own way
                why = f"the secret store refused the password ({type(error).__name__})"
                reason = self.unavailable_reason() or why
        log.warning("secret store: not saved for %r: %s", key, reason)
        raise NotPossibleNow(reason)

    def load(self, key: str) -> str | None:
        if not self._usable(key, "read"):
            return None
        try:
            return self._backend.get_password(SERVICE, key)
        except Exception as error:  # unreadable is "no password": the user is asked again
            log.warning("secret store: not read for %r: %s", key, type(error).__name__)
            return None

    def delete(self, key: str) -> None:
        from keyring.errors import PasswordDeleteError  # noqa: PLC0415 - on first use

        if not self._usable(key, "deleted"):
            return
        try:
            self._backend.delete_password(SERVICE, key)
        except PasswordDeleteError:
            return  # there was none
        except Exception as error:  # the secret stays; removing a calendar goes on
            log.warning("secret store: not deleted for %r: %s", key, type(error).__name__)

    def _usable(self, key: str, what: str) -> bool:
        """Checked before each use: keyring's Secret Service backend leaves its D-Bus
        connection open when it fails half-way (no service, a locked collection)."""
        reason = self.unavailable_reason()
        if reason is not None:
            log.warning("secret store: not %s for %r: %s", what, key, reason)
        return reason is None


def _default_collection_locked() -> str | None:
    """LOCKED if the default collection is locked and stays so after the desktop's unlock
    prompt (dismissed, or no prompt can be shown), else None. What keyring's
    get_preferred_collection does, but closing the connection whatever happens (keyring's
    leaves it open when it raises)."""
    import secretstorage  # noqa: PLC0415 - on first use

    with closing(secretstorage.dbus_init()) as connection:
        collection = secretstorage.get_default_collection(connection)
        if collection.is_locked():
            collection.unlock()
            if collection.is_locked():
                return LOCKED
    return None


def _reason(backend: KeyringBackend, error: Exception) -> str:
    """One line for a backend that cannot be used, from what keyring's check raised."""
    from keyring.backends import SecretService  # noqa: PLC0415 - on first use

    if not isinstance(backend, SecretService.Keyring):
        return f"no secret store: {_first_line(error)}"
    text = str(error)
    if "neither running nor activatable" in text:
        return NOT_RUNNING
    # An OSError is jeepney failing to connect to the bus address (no socket, refused);
    # "Unable to initialize" is secretstorage finding no bus address at all.
    if isinstance(error, OSError) or "Unable to initialize" in text:
        return NO_SESSION_BUS
    if "SecretStorage" in text:  # the library itself is missing or too old
        return NO_BACKEND
    return f"no secret store: the Secret Service cannot be used ({_first_line(error)})"


def _first_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


class MemorySecretStore:
    """Secrets for this session only, in this process's memory (core.ports.SecretStore),
    for where no secret store exists: nothing is written anywhere, so the user is asked
    for each CalDAV password again at every start."""

    def __init__(self) -> None:
        self._secrets: dict[str, str] = {}

    def unavailable_reason(self) -> str | None:
        return None  # it keeps secrets, if only until the app ends

    def save(self, key: str, secret: str) -> None:
        self._secrets[key] = secret

    def load(self, key: str) -> str | None:
        return self._secrets.get(key)

    def delete(self, key: str) -> None:
        self._secrets.pop(key, None)


__all__ = ["SERVICE", "KeyringSecretStore", "MemorySecretStore", "platform_backend"]
