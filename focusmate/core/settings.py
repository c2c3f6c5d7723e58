"""The user's settings as one typed, validated value (no string-keyed lookups elsewhere)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from focusmate.core.calendar_sources import (
    CalendarSettings,
    calendar_from_record,
    calendar_to_record,
)
from focusmate.core.errors import FocusmateError, InvalidData
from focusmate.core.marks import BUILTIN_KINDS, MarkKind, MarkKinds, check_kind_id
from focusmate.core.reminders import (
    MorningReminder,
    format_time,
    parse_time,
    parse_weekdays,
    weekday_names,
)
from focusmate.core.session_kind import SessionKind, SessionKinds, check_session_kind_id
from focusmate.core.validation import DEFAULT_MINUTES, check_minutes

SETTINGS_VERSION = 1
#: Hotkey actions besides the kinds of marks.
UNDO_ACTION = "undo"
DEFAULT_HOTKEYS = {"phone": "Ctrl+Alt+P", "app": "Ctrl+Alt+A", UNDO_ACTION: "Ctrl+Alt+Z"}


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the user can change. Hotkeys map an action (a kind id or "undo") to text
    like "Ctrl+Alt+P"; an action without an entry has no hotkey."""

    default_minutes: int = DEFAULT_MINUTES
    dnd_backend: str | None = None
    custom_kinds: tuple[MarkKind, ...] = ()
    hotkeys: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_HOTKEYS))
    morning_reminder: MorningReminder = field(default_factory=MorningReminder)
    #: The first-run welcome was seen (shown once; reopened from the menu).
    welcomed: bool = False
    #: Calendar sources, the people list and the series choices (issue 15).
    calendar: CalendarSettings = field(default_factory=CalendarSettings)
    #: The salesperson may answer the pulse on their phone: a QR code and a one-page form
    #: served on the local network (issue 16). Off until the user turns it on.
    pulse_page_enabled: bool = False
    #: The kinds of session the user added (issue 16), removed ones too (marked so): their
    #: names still label past sessions.
    added_session_kinds: tuple[SessionKind, ...] = ()

    @property
    def kinds(self) -> MarkKinds:
        return MarkKinds(self.custom_kinds)

    @property
    def session_kinds(self) -> SessionKinds:
        """The catalogue of kinds of session: coaching, client meeting, the user's."""
        return SessionKinds(self.added_session_kinds)


def settings_to_record(settings: Settings) -> dict[str, Any]:
    return {
        "version": SETTINGS_VERSION,
        "default_minutes": settings.default_minutes,
        "dnd_backend": settings.dnd_backend,
        "custom_kinds": [{"id": k.value, "name": k.label} for k in settings.custom_kinds],
        "hotkeys": dict(settings.hotkeys),
        "morning_reminder": _reminder_record(settings.morning_reminder),
        "welcomed": settings.welcomed,
        "calendar": calendar_to_record(settings.calendar),
        "pulse_page_enabled": settings.pulse_page_enabled,
        "session_kinds": [
            {"id": k.value, "name": k.name, "removed": k.removed}
            for k in settings.added_session_kinds
        ],
    }


def _reminder_record(reminder: MorningReminder) -> dict[str, Any]:
    return {
        "enabled": reminder.enabled,
        "time": format_time(reminder.at),
        "days": weekday_names(reminder.weekdays),
    }


def _reminder(value: object) -> MorningReminder:
    """The "morning_reminder" object; every key is optional (defaults: off, 07:30, mon-fri)."""
    if not isinstance(value, dict):
        raise InvalidData('morning_reminder must be an object like {"time": "07:30"}')
    default = MorningReminder()
    enabled = value.get("enabled", default.enabled)
    if not isinstance(enabled, bool):
        raise InvalidData("morning_reminder.enabled must be true or false")
    at, days = value.get("time", format_time(default.at)), value.get("days")
    if not isinstance(at, str):
        raise InvalidData('morning_reminder.time must be a string like "07:30"')
    if days is not None and not (isinstance(days, list) and all(isinstance(d, str) for d in days)):
        raise InvalidData('morning_reminder.days must be a list like ["mon", "tue"]')
    weekdays = default.weekdays if days is None else parse_weekdays(days)
    return MorningReminder(enabled, parse_time(at), weekdays)


def settings_from_record(record: object) -> Settings:
    """Validate a settings record; raise InvalidData naming the first problem."""
    if not isinstance(record, dict):
        raise InvalidData("the settings file does not hold a JSON object")
    if record.get("version") != SETTINGS_VERSION:
        raise InvalidData(f"settings version {record.get('version')!r} is not supported")
    try:
        minutes = record.get("default_minutes", DEFAULT_MINUTES)
        if isinstance(minutes, bool) or not isinstance(minutes, int):
            raise InvalidData("default_minutes must be a whole number")
        backend = record.get("dnd_backend")
        if backend is not None and not isinstance(backend, str):
            raise InvalidData("dnd_backend must be a name or null")
        kinds = tuple(_custom_kind(item) for item in _list(record.get("custom_kinds", [])))
        hotkeys = record.get("hotkeys", DEFAULT_HOTKEYS)
        if not isinstance(hotkeys, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in hotkeys.items()
        ):
            raise InvalidData("hotkeys must map action names to key texts")
        reminder = _reminder(record.get("morning_reminder", {}))
        welcomed = record.get("welcomed", False)
        if not isinstance(welcomed, bool):
            raise InvalidData("welcomed must be true or false")
        calendar = calendar_from_record(record.get("calendar", {}))
        pulse_page = record.get("pulse_page_enabled", False)
        if not isinstance(pulse_page, bool):
            raise InvalidData("pulse_page_enabled must be true or false")
        settings = Settings(
            check_minutes(minutes),
            backend,
            kinds,
            dict(hotkeys),
            reminder,
            welcomed,
            calendar,
            pulse_page_enabled=pulse_page,
            added_session_kinds=_session_kinds(record.get("session_kinds", [])),
        )
        settings.kinds  # noqa: B018 - validates that ids are unique
        settings.session_kinds  # noqa: B018 - the same for the kinds of session
    except InvalidData:
        raise
    except FocusmateError as error:
        raise InvalidData(f"settings: {error}") from None
    return settings


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidData("custom_kinds must be a list")
    return value


def _session_kinds(value: object) -> tuple[SessionKind, ...]:
    """The "session_kinds" list (absent in files written before it: none added)."""
    if not isinstance(value, list):
        raise InvalidData("session_kinds must be a list")
    kinds = []
    for item in value:
        if not isinstance(item, dict):
            raise InvalidData("each kind of session must be an object with id and name")
        kind_id, name, removed = item.get("id"), item.get("name"), item.get("removed", False)
        if not isinstance(kind_id, str) or not isinstance(name, str):
            raise InvalidData("each kind of session needs a string id and name")
        if not isinstance(removed, bool):
            raise InvalidData("a kind of session's removed must be true or false")
        kind = SessionKind(check_session_kind_id(kind_id), SessionKind.added(name).name, removed)
        if kind.builtin:
            raise InvalidData(f"{kind_id!r} is a built-in kind of session")
        kinds.append(kind)
    return tuple(kinds)


def _custom_kind(item: object) -> MarkKind:
    if not isinstance(item, dict):
        raise InvalidData("each custom kind must be an object with id and name")
    kind_id, name = item.get("id"), item.get("name")
    if not isinstance(kind_id, str) or not isinstance(name, str):
        raise InvalidData("each custom kind needs a string id and name")
    kind = MarkKind(check_kind_id(kind_id), MarkKind.custom(name).label)
    if kind.value in {b.value for b in BUILTIN_KINDS}:
        raise InvalidData(f"{kind_id!r} is a built-in kind")
    return kind
