"""The calendar commands when no app runs: this process does the work itself while it holds
the data folder's lock (ARCHITECTURE invariant 1), and answers with the same documents the
running app sends over the socket (core.protocol), so that the command prints one way.

Each function returns None when another process holds the lock: the running app, which is
then asked instead (desktop.handover.alone_or_by_owner). A CalDAV password goes to the
operating system's secret store (desktop.secrets); where there is none, no app runs to keep
it for the session, and the command is not possible now (exit 4).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from focusmate.calendar import cache
from focusmate.calendar.refresh import Refreshed, SourceRefresher
from focusmate.core.calendar_sources import CalendarKind, CalendarSettings, CalendarSource
from focusmate.core.errors import NotPossibleNow, StorageFailure
from focusmate.core.one_on_ones import next_one_on_ones, people_list
from focusmate.core.ports import SecretStore
from focusmate.core.protocol import Message, calendar_next_result, calendar_status_result
from focusmate.desktop.secrets import KeyringSecretStore
from focusmate.desktop.system_clock import clock_from_environment, local_zone
from focusmate.services.data_lock import take_data_lock
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.storage.settings_store import load_settings, save_settings

Outcome = TypeVar("Outcome")


def add(data: Path, source: CalendarSource, password: str | None) -> Message | None:
    """Save ``source`` (and its password in the secret store), then check it once; the
    answer carries its status. A source whose check fails stays added: it may be down now."""

    def work() -> Message:
        settings = load_settings(data)
        calendar = settings.calendar.with_source(source)  # InvalidInput if the name is taken
        if password is not None:
            # First: a password kept for nothing after a failed save is replaced by the next
            # try, but a source saved without its password would fail every refresh.
            _save_password(KeyringSecretStore(), source, password)
        save_settings(data, replace(settings, calendar=calendar))
        now = clock_from_environment().now()
        status = SourceRefresher(source, data).refresh(now, local_zone(), password).status
        return {"calendar": status.as_json()}

    return under_lock(data, work)


def remove(data: Path, name: str) -> Message | None:
    """Remove the source named ``name``, its password and its last good copy."""

    def work() -> Message:
        settings = load_settings(data)
        source = settings.calendar.source(name)
        save_settings(data, replace(settings, calendar=settings.calendar.without_source(name)))
        assert source is not None  # without_source refused an unknown name
        if source.kind is CalendarKind.CALDAV:
            store = KeyringSecretStore()
            if store.unavailable_reason() is None:
                store.delete(source.secret_key)
        cache.remove(data, source)
        return {"removed": source.name}

    return under_lock(data, work)


def status(data: Path) -> Message | None:
    """Refresh every source now and say how each is doing."""

    def work() -> Message:
        calendar = load_settings(data).calendar
        store = KeyringSecretStore()
        reason = store.unavailable_reason()
        now = clock_from_environment().now()
        refreshed = _refresh_all(data, calendar, now, None if reason else store)
        return calendar_status_result((r.status for r in refreshed), reason)

    return under_lock(data, work)


def upcoming(data: Path) -> Message | None:
    """Refresh every source now; the matched one-on-ones of the coming days."""

    def work() -> Message:
        calendar = load_settings(data).calendar
        store = KeyringSecretStore()
        now = clock_from_environment().now()
        refreshed = _refresh_all(data, calendar, now, None if store.unavailable_reason() else store)
        history = TinyDBSessionRepository(data, writable=False).all_sessions()
        found = next_one_on_ones(
            (event for r in refreshed for event in r.events),
            people_list(history, calendar.people),
            me=calendar.me,
            series_choices=calendar.series,
            now=now,
        )
        return calendar_next_result(found)

    return under_lock(data, work)


def _save_password(store: SecretStore, source: CalendarSource, password: str) -> None:
    reason = store.unavailable_reason()
    if reason is not None:
        raise NotPossibleNow(
            f"cannot keep the password of {source.name!r}: {reason}; start focusmate and add "
            "the calendar while it runs, it keeps the password until it quits"
        )
    store.save(source.secret_key, password)


def _refresh_all(
    data: Path, calendar: CalendarSettings, now: datetime, store: SecretStore | None
) -> list[Refreshed]:
    """Each source refreshed once, in the user's order (the first source wins a duplicate),
    CalDAV sources with their password from ``store`` (None: there is no secret store)."""
    zone = local_zone()
    refreshed = []
    for source in calendar.sources:
        password = None
        if source.kind is CalendarKind.CALDAV and store is not None:
            password = store.load(source.secret_key)
        refreshed.append(SourceRefresher(source, data).refresh(now, zone, password))
    return refreshed


def under_lock(data: Path, work: Callable[[], Outcome]) -> Outcome | None:
    """``work()`` while this process holds the data folder's lock; None, without calling it,
    when another process holds it. StorageFailure, in one line, when the folder cannot be
    used or written."""
    lock = take_data_lock(data)
    if lock is None:
        return None
    try:
        return work()
    except OSError as error:  # the settings or the copy could not be written: one line
        raise StorageFailure(f"cannot write to {data}: {error.strerror or error}") from None
    finally:
        lock.release()
