"""focusmate.desktop.secrets against a real GNOME Keyring on a private D-Bus session
(tests.desktop.secret_service), and where there is none: no bus at all, or a bus without a
Secret Service. HOME and the XDG folders point into tmp_path throughout, so neither the real
keyring nor the real ~/.config/python_keyring is ever touched."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordDeleteError, PasswordSetError

from focusmate.core.calendar_sources import CalendarKind, CalendarSource
from focusmate.core.errors import NotPossibleNow
from focusmate.core.ports import SecretStore
from focusmate.desktop.secrets import (
    LOCKED,
    NO_BACKEND,
    NO_SESSION_BUS,
    NOT_RUNNING,
    KeyringSecretStore,
    MemorySecretStore,
)
from tests.desktop.secret_service import (
    PrivateSessionBus,
    UnlockedKeyring,
    private_environment,
    start_unlocked_keyring,
)

KEY = CalendarSource("Work", CalendarKind.CALDAV, "https://dav.example.com/", "jordan").secret_key
#: Distinctive enough to be looked for byte for byte in files and logs.
PASSWORD = "Tr0ub4dor&3-" + "correct horse battery staple"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's HOME and XDG folders, also for keyring itself (it reads its config there)."""
    folder = tmp_path / "home"
    for name, value in private_environment(folder).items():
        if name in {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"}:
            monkeypatch.setenv(name, value)
    return folder


@pytest.fixture
def keyring_daemon(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[UnlockedKeyring]:
    """GNOME Keyring, unlocked, on a bus of this test's own, which this process then uses."""
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    with start_unlocked_keyring(env, home) as daemon:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", daemon.bus_address)
        yield daemon


def test_the_secret_service_is_available(keyring_daemon: UnlockedKeyring) -> None:
    assert KeyringSecretStore().unavailable_reason() is None


def test_save_load_delete_round_trip(keyring_daemon: UnlockedKeyring) -> None:
    store: SecretStore = KeyringSecretStore()

    store.save(KEY, PASSWORD)
    loaded = store.load(KEY)
    store.delete(KEY)

    assert loaded == PASSWORD
    assert store.load(KEY) is None


def test_another_store_reads_what_the_first_saved(keyring_daemon: UnlockedKeyring) -> None:
    KeyringSecretStore().save(KEY, PASSWORD)

    assert KeyringSecretStore().load(KEY) == PASSWORD


def test_saving_again_replaces_the_secret(keyring_daemon: UnlockedKeyring) -> None:
    store = KeyringSecretStore()
    store.save(KEY, PASSWORD)
    store.save(KEY, "the new app password")

    assert store.load(KEY) == "the new app password"


def test_keys_are_separate_and_a_missing_one_is_none(keyring_daemon: UnlockedKeyring) -> None:
    store = KeyringSecretStore()
    other = CalendarSource("Work", CalendarKind.CALDAV, "https://x.example/", "priya").secret_key
    store.save(KEY, PASSWORD)

    assert store.load(other) is None
    store.delete(other)  # none there: nothing happens
    assert store.load(KEY) == PASSWORD


def test_the_password_is_in_no_file_in_plain_text(
    keyring_daemon: UnlockedKeyring, home: Path
) -> None:
    KeyringSecretStore().save(KEY, PASSWORD)

    files = [path for path in home.rglob("*") if path.is_file()]
    keyrings = [path for path in files if path.suffix == ".keyring"]
    assert keyrings, "GNOME Keyring wrote its keyring under the test's home"
    for path in files:
        content = path.read_bytes()
        assert PASSWORD.encode() not in content, path
        assert PASSWORD.encode("utf-16-le") not in content, path


def test_without_a_session_bus_the_store_says_so_and_refuses(
    home: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={home / 'no-such-bus'}")
    store = KeyringSecretStore()
    caplog.set_level(logging.DEBUG)

    reason = store.unavailable_reason()
    with pytest.raises(NotPossibleNow) as refused:
        store.save(KEY, PASSWORD)
    loaded = store.load(KEY)
    store.delete(KEY)

    assert reason == NO_SESSION_BUS
    assert str(refused.value) == NO_SESSION_BUS
    assert refused.value.__cause__ is None
    assert loaded is None
    assert PASSWORD not in caplog.text
    assert "not saved" in caplog.text


def test_without_an_address_of_a_session_bus_the_store_says_so(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)

    assert KeyringSecretStore().unavailable_reason() == NO_SESSION_BUS


def test_a_bus_without_a_secret_service_says_install_one(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with PrivateSessionBus(home, bare=True) as bus:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus.address)
        store = KeyringSecretStore()

        reason = store.unavailable_reason()
        with pytest.raises(NotPossibleNow) as refused:
            store.save(KEY, PASSWORD)

    assert reason == NOT_RUNNING
    assert str(refused.value) == NOT_RUNNING
    assert "\n" not in NOT_RUNNING


def test_a_keyring_that_stays_locked_is_no_store_and_reads_as_no_password(
    keyring_daemon: UnlockedKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    """With the unlocked daemon gone, the bus activates a fresh gnome-keyring-daemon (its
    D-Bus service file): it finds the login keyring locked, and its unlock prompt cannot be
    shown on this display-less bus, so the keyring stays locked."""
    store = KeyringSecretStore()
    store.save(KEY, PASSWORD)
    keyring_daemon.process.terminate()
    keyring_daemon.process.wait()
    caplog.set_level(logging.DEBUG)

    reason = store.unavailable_reason()
    loaded = store.load(KEY)
    store.delete(KEY)
    with pytest.raises(NotPossibleNow) as refused:
        store.save(KEY, PASSWORD)

    assert reason == LOCKED
    assert loaded is None
    assert str(refused.value) == LOCKED
    assert PASSWORD not in caplog.text


def test_the_keyring_joins_a_bus_the_caller_started(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The e2e desktop's way: its own private bus first, then the keyring on it."""
    with PrivateSessionBus(home) as bus:
        env = {**bus.env, "DBUS_SESSION_BUS_ADDRESS": bus.address}
        with start_unlocked_keyring(env, home) as daemon:
            monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", daemon.bus_address)
            KeyringSecretStore().save(KEY, PASSWORD)
            loaded = KeyringSecretStore().load(KEY)

    assert daemon.bus_address == bus.address
    assert loaded == PASSWORD


def test_the_helper_refuses_this_machines_own_bus(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/0/bus")

    with pytest.raises(RuntimeError, match="own session bus"):
        start_unlocked_keyring(dict(os.environ), home)


def test_keyrings_fail_backend_is_no_store(caplog: pytest.LogCaptureFixture) -> None:
    store = KeyringSecretStore(fail.Keyring())

    with pytest.raises(NotPossibleNow) as refused:
        store.save(KEY, PASSWORD)

    assert store.unavailable_reason() == NO_BACKEND
    assert str(refused.value) == NO_BACKEND
    assert store.load(KEY) is None
    assert PASSWORD not in caplog.text


class RefusingBackendFake(KeyringBackend):
    """A fake: a usable backend whose store refuses every write, which no real store here
    can be made to do on demand. (keyring registers every backend class for its
    auto-detection, which focusmate never uses.)"""

    priority = 1  # type: ignore[assignment]  # keyring declares it a class property

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("refused")

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def delete_password(self, service: str, username: str) -> None:
        raise PasswordDeleteError("none")


def test_a_store_that_refuses_the_write_gives_one_line(caplog: pytest.LogCaptureFixture) -> None:
    store = KeyringSecretStore(RefusingBackendFake())

    with pytest.raises(NotPossibleNow) as refused:
        store.save(KEY, PASSWORD)
    store.delete(KEY)

    assert str(refused.value) == "the secret store refused the password (PasswordSetError)"
    assert PASSWORD not in caplog.text


def test_the_memory_store_keeps_secrets_for_this_session_only() -> None:
    store: SecretStore = MemorySecretStore()

    store.save(KEY, PASSWORD)
    store.save(KEY, "replaced")
    kept = store.load(KEY)
    store.delete(KEY)
    store.delete(KEY)

    assert store.unavailable_reason() is None
    assert kept == "replaced"
    assert store.load(KEY) is None


def test_two_memory_stores_share_nothing() -> None:
    first, second = MemorySecretStore(), MemorySecretStore()
    first.save(KEY, PASSWORD)

    assert second.load(KEY) is None
