"""The synced part of the settings (issue 19): what the merge says, and how it meets this
device's settings.

The merge keeps, per list (core.sync_setting_items.SyncedKey), the latest value of each
item (rule S7); ``SyncedSettings`` is that result. ``with_synced`` lays it over this
device's Settings: items keep this device's order, new ones follow; an item is dropped
only where a device removed it, so a list this device has not published yet is not lost.
``diff_settings`` gives the settings_changed payloads for an edit of the settings and
``settings_payloads`` all of them (what a device publishes when it enables sync).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from focusmate.core.marks import MarkKind
from focusmate.core.one_on_ones import Person
from focusmate.core.session_kind import SessionKind
from focusmate.core.settings import Settings
from focusmate.core.sync_changes import SettingChanged
from focusmate.core.sync_setting_items import SettingItem, SyncedKey, item_key, key_of

T = TypeVar("T", MarkKind, SessionKind, Person)


@dataclass(frozen=True, slots=True)
class SyncedSettings:
    """The merged lists, each by item key; ``removed`` the (list, item) pairs a device
    removed last."""

    custom_kinds: tuple[MarkKind, ...] = ()
    session_kinds: tuple[SessionKind, ...] = ()
    people: tuple[Person, ...] = ()
    removed: frozenset[tuple[SyncedKey, str]] = frozenset()


def synced_settings(latest: Mapping[tuple[SyncedKey, str], SettingItem | None]) -> SyncedSettings:
    """The lists from the latest value of each item (None: removed), sorted by item key."""
    present = sorted((item for item in latest.values() if item is not None), key=item_key)
    return SyncedSettings(
        custom_kinds=tuple(i for i in present if isinstance(i, MarkKind)),
        session_kinds=tuple(i for i in present if isinstance(i, SessionKind)),
        people=tuple(i for i in present if isinstance(i, Person)),
        removed=frozenset(key for key, item in latest.items() if item is None),
    )


def _lists(settings: Settings) -> tuple[Sequence[SettingItem], ...]:
    return (settings.custom_kinds, settings.added_session_kinds, settings.calendar.people)


def settings_payloads(settings: Settings) -> list[SettingChanged]:
    """Every synced item of ``settings``, as a device publishes them when it enables sync."""
    return [
        SettingChanged(key_of(item), item_key(item), item)
        for items in _lists(settings)
        for item in items
    ]


def diff_settings(old: Settings, new: Settings) -> list[SettingChanged]:
    """The settings_changed payloads that turn ``old``'s synced lists into ``new``'s."""
    changes: list[SettingChanged] = []
    for key, before, after in zip(SyncedKey, _lists(old), _lists(new), strict=True):
        old_items = {item_key(i): i for i in before}
        new_items = {item_key(i): i for i in after}
        changes.extend(
            SettingChanged(key, name, item)
            for name, item in new_items.items()
            if old_items.get(name) != item
        )
        gone = (name for name in old_items if name not in new_items)
        changes.extend(SettingChanged(key, name, None) for name in gone)
    return changes


Removed = frozenset[tuple[SyncedKey, str]]


def _laid_over(
    local: Sequence[T], synced: Sequence[T], key: SyncedKey, removed: Removed
) -> tuple[T, ...]:
    by_key: dict[str, T] = {item_key(i): i for i in synced}
    kept: list[T] = [by_key.pop(item_key(i), i) for i in local if (key, item_key(i)) not in removed]
    kept.extend(by_key.values())
    return tuple(kept)


def with_synced(local: Settings, synced: SyncedSettings) -> Settings:
    """``local`` with the synced lists laid over it (see the module's docstring)."""
    removed = synced.removed
    people = _laid_over(local.calendar.people, synced.people, SyncedKey.PEOPLE, removed)
    return replace(
        local,
        custom_kinds=_laid_over(
            local.custom_kinds, synced.custom_kinds, SyncedKey.CUSTOM_KINDS, removed
        ),
        added_session_kinds=_laid_over(
            local.added_session_kinds, synced.session_kinds, SyncedKey.SESSION_KINDS, removed
        ),
        calendar=replace(local.calendar, people=people),
    )
