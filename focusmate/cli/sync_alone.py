"""The sync commands when no app runs: this process does the work while it holds the data
folder's lock (ARCHITECTURE invariant 1) and answers with the documents the running app
sends (services.sync_service's status), so the command prints one way.

Working alone, ``enable`` sets sync up (the folder opened or created, the passphrase
checked and kept in the secret store, the config saved); the merge itself is the app's,
when it next starts. Each function returns None when another process holds the lock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from focusmate.cli.calendar_alone import under_lock
from focusmate.core.errors import NotPossibleNow
from focusmate.desktop.secrets import KeyringSecretStore
from focusmate.services.sync_config import (
    load_config,
    new_config,
    open_folder,
    pending_changes,
    remove_sync_files,
    save_config,
)


def enable(
    data: Path,
    where: str,
    passphrase: str | None,
    name: str | None,
    *,
    user: str | None = None,
    password: str | None = None,
) -> Any:
    def work() -> dict[str, Any]:
        config = new_config(where, passphrase is not None, name, user)
        store = KeyringSecretStore()
        if passphrase is not None or password is not None:
            reason = store.unavailable_reason()
            if reason is not None:  # nothing could keep it until the app starts
                raise NotPossibleNow(f"no secret store to keep the sync passphrase: {reason}")
        # Refused: nothing written.
        folder = open_folder(config, data, passphrase, password, create=True)
        folder.close()
        remove_sync_files(data)  # another folder's state, if sync was on before
        if passphrase is not None:
            store.save(config.secret_key, passphrase)
        if password is not None:
            store.save(config.password_key, password)
        save_config(data, config)
        return {**config.as_json(), "enabled": True}

    return under_lock(data, work)


def disable(data: Path) -> Any:
    def work() -> dict[str, Any]:
        config = load_config(data)
        remove_sync_files(data)
        if config is not None:
            KeyringSecretStore().delete(config.secret_key)
            KeyringSecretStore().delete(config.password_key)
        return {"disabled": None if config is None else config.where}

    return under_lock(data, work)


def status(data: Path) -> Any:
    """Sync's status as set up (the folder is looked at by the app, when it runs)."""

    def work() -> dict[str, Any]:
        config = load_config(data)
        if config is None:
            return {"enabled": False}
        return {
            **config.as_json(),
            "enabled": True,
            "state": "focusmate is not running: nothing is merged now",
            "pending": pending_changes(data),
            "sessions": 0,
            "devices": [],
        }

    return under_lock(data, work)
