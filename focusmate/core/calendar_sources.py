"""The calendar part of the settings (issue 15): the sources, the people list, the series
choices and the user's own addresses, as typed values with their JSON record form.

A source is an iCalendar address or file, or a CalDAV server with a user name. The password
of a CalDAV source is never part of this value: it lives in the operating system's secret
store (core.ports.SecretStore), keyed by the source's name and user.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from focusmate.core.errors import InvalidData, InvalidInput
from focusmate.core.one_on_ones import NOT_COACHING, Person, SeriesChoice, address_key, name_key
from focusmate.core.validation import check_typed

#: Minutes before a one-on-one that its notification comes (the issue's default).
DEFAULT_LEAD_MINUTES = 5
LEAD_MINUTES_MAX = 120
SOURCE_NAME_MAX_CHARS = 60
LOCATION_MAX_CHARS = 2_000


class CalendarKind(StrEnum):
    ICS = "ics"
    CALDAV = "caldav"


@dataclass(frozen=True, slots=True)
class CalendarSource:
    """One calendar the user added. ``location`` is an https address (http only on
    loopback), a ``webcal://`` address or a file path for ICS; the server or calendar address
    for CalDAV. ``user`` is the CalDAV user name ("" for ICS)."""

    name: str
    kind: CalendarKind
    location: str
    user: str = ""
    lead_minutes: int = DEFAULT_LEAD_MINUTES

    @property
    def secret_key(self) -> str:
        """What the secret store files the password under (name and user: renaming the user
        must not hand the old password to the new one)."""
        return f"{self.name}\n{self.user}"


def check_source_name(raw: str) -> str:
    """A source's name as typed: trimmed, not empty, short, no control characters."""
    name = check_typed(raw.strip(), "the calendar's name")
    if not name:
        raise InvalidInput("the calendar's name is empty")
    if len(name) > SOURCE_NAME_MAX_CHARS:
        raise InvalidInput(
            f"the calendar's name is {len(name)} characters long; at most {SOURCE_NAME_MAX_CHARS}"
        )
    return name


def check_lead_minutes(minutes: int) -> int:
    if isinstance(minutes, bool) or not 0 <= minutes <= LEAD_MINUTES_MAX:
        raise InvalidInput(f"the lead time must be 0 to {LEAD_MINUTES_MAX} minutes, not {minutes}")
    return minutes


def check_location(raw: str) -> str:
    location = check_typed(raw.strip(), "the calendar's address")
    if not location:
        raise InvalidInput("the calendar's address is empty")
    if len(location) > LOCATION_MAX_CHARS:
        raise InvalidInput(f"the calendar's address is longer than {LOCATION_MAX_CHARS} characters")
    return location


@dataclass(frozen=True, slots=True)
class CalendarSettings:
    """Everything calendar-related the user set. ``series`` maps a series' UID to the
    user's choice for it; ``me`` holds the user's own e-mail addresses (an event they
    organise or declined is recognised by them)."""

    sources: tuple[CalendarSource, ...] = ()
    people: tuple[Person, ...] = ()
    series: Mapping[str, SeriesChoice] = field(default_factory=dict)
    me: tuple[str, ...] = ()

    def source(self, name: str) -> CalendarSource | None:
        key = name_key(name) or name
        return next((s for s in self.sources if (name_key(s.name) or s.name) == key), None)

    def with_source(self, source: CalendarSource) -> CalendarSettings:
        """These settings plus ``source``; InvalidInput if its name is taken."""
        if self.source(source.name) is not None:
            raise InvalidInput(f"a calendar named {source.name!r} exists already")
        return CalendarSettings((*self.sources, source), self.people, self.series, self.me)

    def without_source(self, name: str) -> CalendarSettings:
        """These settings without the source named ``name``; InvalidInput if there is none."""
        found = self.source(name)
        if found is None:
            raise InvalidInput(f"there is no calendar named {name!r}")
        rest = tuple(s for s in self.sources if s is not found)
        return CalendarSettings(rest, self.people, self.series, self.me)


def calendar_to_record(settings: CalendarSettings) -> dict[str, Any]:
    return {
        "sources": [
            {
                "name": s.name,
                "kind": s.kind.value,
                "location": s.location,
                "user": s.user,
                "lead_minutes": s.lead_minutes,
            }
            for s in settings.sources
        ],
        "people": [
            {"name": p.name, "emails": list(p.emails), "aliases": list(p.aliases)}
            for p in settings.people
        ],
        "series": {uid: choice.with_name for uid, choice in sorted(settings.series.items())},
        "me": list(settings.me),
    }


def calendar_from_record(record: object) -> CalendarSettings:
    """Validate the "calendar" object of the settings file; InvalidData naming the problem."""
    if not isinstance(record, dict):
        raise InvalidData("calendar must be an object")
    try:
        sources = tuple(_source(item) for item in _list(record.get("sources", []), "sources"))
        people = tuple(_person(item) for item in _list(record.get("people", []), "people"))
        series = _series(record.get("series", {}))
        me = tuple(address_key(a) for a in _strings(record.get("me", []), "calendar.me"))
    except InvalidInput as error:
        raise InvalidData(f"calendar: {error}") from None
    names = [name_key(s.name) or s.name for s in sources]
    if len(set(names)) != len(names):
        raise InvalidData("calendar.sources: two calendars have the same name")
    return CalendarSettings(sources, people, series, me)


def _list(value: object, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidData(f"calendar.{what} must be a list")
    return value


def _strings(value: object, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidData(f"{what} must be a list of strings")
    return tuple(value)


def _source(item: object) -> CalendarSource:
    if not isinstance(item, dict):
        raise InvalidData("each calendar source must be an object")
    name, kind, location = item.get("name"), item.get("kind"), item.get("location")
    user, lead = item.get("user", ""), item.get("lead_minutes", DEFAULT_LEAD_MINUTES)
    if not all(isinstance(v, str) for v in (name, kind, location, user)):
        raise InvalidData("a calendar source needs string name, kind, location and user")
    assert isinstance(name, str) and isinstance(location, str) and isinstance(user, str)
    if kind not in {k.value for k in CalendarKind}:
        raise InvalidData(f"calendar source kind must be ics or caldav, not {kind!r}")
    if isinstance(lead, bool) or not isinstance(lead, int):
        raise InvalidData("a calendar source's lead_minutes must be a whole number")
    return CalendarSource(
        check_source_name(name),
        CalendarKind(kind),
        check_location(location),
        user,
        check_lead_minutes(lead),
    )


def _person(item: object) -> Person:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise InvalidData("each person must be an object with a name")
    emails = _strings(item.get("emails", []), "a person's emails")
    aliases = _strings(item.get("aliases", []), "a person's aliases")
    return Person(item["name"].strip(), emails, aliases)


def _series(value: object) -> dict[str, SeriesChoice]:
    if not isinstance(value, dict):
        raise InvalidData("calendar.series must map UIDs to a name or null")
    choices: dict[str, SeriesChoice] = {}
    for uid, with_name in value.items():
        if with_name is not None and not isinstance(with_name, str):
            raise InvalidData("calendar.series must map UIDs to a name or null")
        choices[str(uid)] = NOT_COACHING if with_name is None else SeriesChoice(with_name)
    return choices
