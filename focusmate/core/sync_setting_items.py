"""The settings that follow the user across devices (issue 19), item by item.

Three lists of the settings follow the user, because they name things the history uses:
the kinds of marks the user added (``custom_kinds``), the kinds of session they added
(``session_kinds``) and the people list (``people``, calendar settings). Each syncs per
item (a kind by its id, a person by core.one_on_ones.name_key), so a kind added on the
laptop and a person added on the desk computer both survive (rule S7 of
ARCHITECTURE.md "Sync: merge rules").

Everything else stays with the device: hotkeys (per keyboard and desktop), the
do-not-disturb backend (per OS), the morning reminder (three computers would remind thrice),
the welcome, the default length, the pulse page (it listens on this machine's network), and
the calendar sources, series choices and addresses (a source's password is in this machine's
secret store).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from focusmate.core.errors import FocusmateError, InvalidData
from focusmate.core.marks import BUILTIN_KINDS, MarkKind, check_kind_id
from focusmate.core.one_on_ones import Person, name_key
from focusmate.core.session_kind import SessionKind, check_session_kind_id

ITEM_MAX_CHARS = 200


class SyncedKey(StrEnum):
    """A list of the settings that follows the user."""

    CUSTOM_KINDS = "custom_kinds"
    SESSION_KINDS = "session_kinds"
    PEOPLE = "people"


SettingItem = MarkKind | SessionKind | Person


def item_key(item: SettingItem) -> str:
    """What names an item within its list: a kind's id, a person's name key."""
    if isinstance(item, Person):
        return name_key(item.name) or item.name
    return item.value


def key_of(item: SettingItem) -> SyncedKey:
    if isinstance(item, MarkKind):
        return SyncedKey.CUSTOM_KINDS
    if isinstance(item, SessionKind):
        return SyncedKey.SESSION_KINDS
    return SyncedKey.PEOPLE


def item_to_record(item: SettingItem) -> dict[str, Any]:
    """The item's value in a settings_changed change (its key travels beside it)."""
    if isinstance(item, MarkKind):
        return {"name": item.label}
    if isinstance(item, SessionKind):
        return {"name": item.name, "removed": item.removed}
    return {"name": item.name, "emails": list(item.emails), "aliases": list(item.aliases)}


def item_from_record(key: SyncedKey, item: str, value: object) -> SettingItem:
    """The item named ``item`` of the list ``key`` from an untrusted record; InvalidData
    naming the problem (also when ``item`` is not the key its value gives)."""
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        raise InvalidData("value must be an object with a name, or null")
    name: str = value["name"]
    try:
        parsed = _parsed(key, item, name, value)
    except InvalidData:
        raise
    except FocusmateError as error:
        raise InvalidData(f"value: {error}") from None
    if item_key(parsed) != item:
        raise InvalidData(f"item {item[:40]!r} does not name its value {name[:40]!r}")
    return parsed


def _parsed(key: SyncedKey, item: str, name: str, value: dict[str, Any]) -> SettingItem:
    if key is SyncedKey.CUSTOM_KINDS:
        kind = MarkKind(check_kind_id(item), MarkKind.custom(name).label)
        if kind.value in {b.value for b in BUILTIN_KINDS}:
            raise InvalidData(f"{item!r} is a built-in kind of mark")
        return kind
    if key is SyncedKey.SESSION_KINDS:
        removed = value.get("removed", False)
        if not isinstance(removed, bool):
            raise InvalidData("value.removed must be true or false")
        session_kind = SessionKind(check_session_kind_id(item), SessionKind.added(name).name)
        if session_kind.builtin:
            raise InvalidData(f"{item!r} is a built-in kind of session")
        return SessionKind(session_kind.value, session_kind.name, removed)
    emails, aliases = value.get("emails", []), value.get("aliases", [])
    for what, texts in (("emails", emails), ("aliases", aliases)):
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise InvalidData(f"value.{what} must be a list of strings")
    return Person(name.strip(), tuple(emails), tuple(aliases))
