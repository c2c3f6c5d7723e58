"""Which calendar events are one-on-ones, and with whom (issue 15, deliverable 2).

The people are the names from the history (every session's ``with_name``) merged with the
people list the user edits, where a person may also have e-mail addresses and aliases.
An event is judged one occurrence at a time:

1. An occurrence that will not take place for the user is ignored whatever else is true:
   cancelled, declined by the user, all-day, or longer than three hours.
2. The user's choice for a whole recurring series (by UID), "coaching with <person>" or
   "not coaching", decides who it is with and wins over the rules below.
3. Attendee e-mail addresses (and the organizer's, unless it is the user) name the person.
4. Otherwise a name or alias in the title does, as whole words only ("Jordan" is not found
   in "Jordana"), ignoring case and accents.

When several people remain and nothing decides between them, the event is not a one-on-one;
the rejection says why and lists them, so that the UI can offer to mark the series.

Names are compared by ``name_key`` (case, accents, spacing and punctuation ignored). Nothing
here reads a clock or a file: the events, the people, the user's addresses and ``now`` are
given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from focusmate.core.calendar_events import CalendarEvent, EventStatus, Participation
from focusmate.core.model import CoachingSession
from focusmate.core.records import format_instant

#: Longer than this is a workshop or a day out, not a one-on-one.
MAX_LENGTH = timedelta(hours=3)
#: How far ahead ``next_one_on_ones`` looks by default (``calendar next``).
DEFAULT_DAYS_AHEAD = 7

#: A word is a run of letters and digits; underscores and punctuation separate words.
_WORD = re.compile(r"[^\W_]+")


def name_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` for comparing names: case-folded, accents dropped ("Zoë" and
    "ZOE" give the same words), split at spaces and punctuation."""
    import unicodedata  # noqa: PLC0415 - its tables load with the first name compared (issue 18)

    folded = unicodedata.normalize("NFKD", text.casefold())
    # casefold before decomposing: some folded letters decompose further (İ -> i + dot).
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return tuple(_WORD.findall(plain))


def name_key(text: str) -> str:
    """One string per name: "Ana  Díaz", "ana diaz" and "ANA-DIAZ" share it."""
    return " ".join(name_words(text))


def address_key(email: str) -> str:
    """An e-mail address as compared: trimmed, lower case, without ``mailto:``."""
    address = email.strip().casefold()
    return address.removeprefix("mailto:")


@dataclass(frozen=True, slots=True)
class Person:
    """A salesperson the manager coaches: the name sessions are recorded under, the e-mail
    addresses their invitations carry and other names the titles use ("Jo", "J. Lee")."""

    name: str
    emails: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return name_key(self.name)

    @property
    def addresses(self) -> frozenset[str]:
        return frozenset(address_key(e) for e in self.emails if address_key(e))

    @property
    def title_names(self) -> tuple[tuple[str, ...], ...]:
        """The name and aliases as word sequences, skipping any without a word (a name of
        only symbols would otherwise be "found" in every title)."""
        found = (name_words(text) for text in (self.name, *self.aliases))
        return tuple(dict.fromkeys(words for words in found if words))


def people_list(history: Iterable[CoachingSession], edited: Iterable[Person]) -> tuple[Person, ...]:
    """The people to match against: the edited list, then everyone else from the history.

    Edited entries with the same name are merged (addresses and aliases joined, first
    spelling kept). A history name that is an edited person's name or alias is that person.
    The remaining history names come once each, spelled as in their latest session, sorted
    by name; names without a letter or digit are left out (no title could name them).
    """
    merged: dict[str, Person] = {}
    for person in edited:
        if not person.key:
            continue
        known = merged.get(person.key)
        merged[person.key] = person if known is None else _joined(known, person)
    claimed = {name_key(text) for p in merged.values() for text in (p.name, *p.aliases)}
    latest: dict[str, CoachingSession] = {}
    for session in history:
        key = name_key(session.with_name)
        if not key or key in claimed:
            continue
        seen = latest.get(key)
        if seen is None or session.started_at >= seen.started_at:
            latest[key] = session
    from_history = sorted((Person(s.with_name) for s in latest.values()), key=_by_key)
    return (*merged.values(), *from_history)


def _joined(first: Person, second: Person) -> Person:
    return Person(
        first.name,
        emails=tuple(dict.fromkeys((*first.emails, *second.emails))),
        aliases=tuple(dict.fromkeys((*first.aliases, *second.aliases))),
    )


def _by_key(person: Person) -> tuple[str, str]:
    return (person.key, person.name)


@dataclass(frozen=True, slots=True)
class SeriesChoice:
    """What the user said about a whole recurring series: coaching with ``with_name``, or
    not coaching at all (``with_name`` None)."""

    with_name: str | None


NOT_COACHING = SeriesChoice(None)


class MatchedBy(StrEnum):
    """How the person of a one-on-one was found."""

    SERIES_CHOICE = "series_choice"
    ATTENDEE = "attendee"
    TITLE = "title"


class NotOneOnOne(StrEnum):
    """Why an event is not a one-on-one."""

    CANCELLED = "cancelled"
    DECLINED = "declined"
    ALL_DAY = "all_day"
    TOO_LONG = "too_long"
    MARKED_NOT_COACHING = "marked_not_coaching"
    #: Several people could be meant and nothing decides: ``Rejection.candidates`` names them.
    AMBIGUOUS = "ambiguous"
    NOBODY = "nobody"


@dataclass(frozen=True, slots=True)
class Match:
    """An event that is a one-on-one with ``person``."""

    event: CalendarEvent
    person: Person
    matched_by: MatchedBy


@dataclass(frozen=True, slots=True)
class Rejection:
    """An event that is not a one-on-one, why, and who it could have been with (AMBIGUOUS)."""

    event: CalendarEvent
    reason: NotOneOnOne
    candidates: tuple[Person, ...] = ()


@dataclass(frozen=True, slots=True)
class _Directory:
    """The people indexed once for many events."""

    people: tuple[Person, ...]
    by_address: Mapping[str, tuple[Person, ...]]
    by_key: Mapping[str, Person]


def _directory(people: Iterable[Person]) -> _Directory:
    listed = tuple(dict.fromkeys(people))
    by_address: dict[str, tuple[Person, ...]] = {}
    for person in listed:
        for address in person.addresses:
            by_address[address] = (*by_address.get(address, ()), person)
    by_key: dict[str, Person] = {}
    for person in listed:
        by_key.setdefault(person.key, person)
    return _Directory(listed, by_address, by_key)


def classify(
    event: CalendarEvent,
    people: Iterable[Person],
    *,
    me: Iterable[str],
    series_choices: Mapping[str, SeriesChoice],
) -> Match | Rejection:
    """Whether ``event`` is a one-on-one and with whom, or why not (see the module's rules).

    ``me`` holds the user's own e-mail addresses; ``series_choices`` maps a series' UID to
    the user's choice for it."""
    return _classify(event, _directory(people), _addresses(me), series_choices)


def match(
    event: CalendarEvent,
    people: Iterable[Person],
    *,
    me: Iterable[str],
    series_choices: Mapping[str, SeriesChoice],
) -> Match | None:
    """The one-on-one ``event`` is, or None (``classify`` says why)."""
    verdict = classify(event, people, me=me, series_choices=series_choices)
    return verdict if isinstance(verdict, Match) else None


def _addresses(emails: Iterable[str]) -> frozenset[str]:
    return frozenset(address_key(e) for e in emails) - {""}


def _classify(
    event: CalendarEvent,
    directory: _Directory,
    me: frozenset[str],
    series_choices: Mapping[str, SeriesChoice],
) -> Match | Rejection:
    skipped = _not_taking_place(event, me)
    if skipped is not None:
        return Rejection(event, skipped)
    choice = series_choices.get(event.uid)
    if choice is not None:
        return _chosen(event, choice, directory)
    return _by_the_rules(event, directory, me)


def _by_the_rules(
    event: CalendarEvent, directory: _Directory, me: frozenset[str]
) -> Match | Rejection:
    """Attendee addresses first, then names in the title."""
    invited = _invited(event, directory, me)
    if len(invited) == 1:
        return Match(event, invited[0], MatchedBy.ATTENDEE)
    named = _named_in_title(event.summary, directory.people)
    if invited:
        # Two salespeople on the invitation: the title may still say which one it is for.
        among = [p for p in named if p in invited]
        if len(among) == 1:
            return Match(event, among[0], MatchedBy.ATTENDEE)
        return Rejection(event, NotOneOnOne.AMBIGUOUS, invited)
    if len(named) == 1:
        return Match(event, named[0], MatchedBy.TITLE)
    if named:
        return Rejection(event, NotOneOnOne.AMBIGUOUS, named)
    return Rejection(event, NotOneOnOne.NOBODY)


def _not_taking_place(event: CalendarEvent, me: frozenset[str]) -> NotOneOnOne | None:
    """Why this occurrence is no meeting for the user, if so. Checked before the series
    choice: marking a series as coaching does not bring back a cancelled occurrence."""
    if event.status is EventStatus.CANCELLED:
        return NotOneOnOne.CANCELLED
    if any(
        address_key(a.email) in me and a.participation is Participation.DECLINED
        for a in event.attendees
    ):
        return NotOneOnOne.DECLINED
    if event.all_day:
        return NotOneOnOne.ALL_DAY
    if event.ends_at - event.starts_at > MAX_LENGTH:
        return NotOneOnOne.TOO_LONG
    return None


def _chosen(event: CalendarEvent, choice: SeriesChoice, directory: _Directory) -> Match | Rejection:
    if choice.with_name is None:
        return Rejection(event, NotOneOnOne.MARKED_NOT_COACHING)
    # The user's word stands even if that person has since left the people list.
    person = directory.by_key.get(name_key(choice.with_name), Person(choice.with_name))
    return Match(event, person, MatchedBy.SERIES_CHOICE)


def _invited(event: CalendarEvent, directory: _Directory, me: frozenset[str]) -> tuple[Person, ...]:
    """The listed people whose address is on the event, in list order. The organizer counts
    too (a salesperson may send the invitation), unless it is the user."""
    participants = [*event.attendees]
    if event.organizer is not None:
        participants.append(event.organizer)
    addresses = {address_key(p.email) for p in participants} - me
    found = {p for a in addresses for p in directory.by_address.get(a, ())}
    return tuple(p for p in directory.people if p in found)


def _named_in_title(summary: str, people: Sequence[Person]) -> tuple[Person, ...]:
    """The people whose name or alias occurs in the title as whole words, in list order.

    A person found only inside a longer name that is found too is left out: in
    "1:1 Jordan Lee", "Jordan Lee" is meant, not "Jordan"."""
    words = name_words(summary)
    spans = {person: _spans(words, person.title_names) for person in people}
    found = {person: s for person, s in spans.items() if s}
    every = [span for s in found.values() for span in s]
    return tuple(
        person
        for person, own in found.items()
        if not all(any(_strictly_inside(span, other) for other in every) for span in own)
    )


def _spans(words: tuple[str, ...], names: tuple[tuple[str, ...], ...]) -> list[tuple[int, int]]:
    return [
        (start, start + len(name))
        for name in names
        for start in range(len(words) - len(name) + 1)
        if words[start : start + len(name)] == name
    ]


def _strictly_inside(span: tuple[int, int], other: tuple[int, int]) -> bool:
    return other[0] <= span[0] and span[1] <= other[1] and span != other


def deduplicated(events: Iterable[CalendarEvent]) -> list[CalendarEvent]:
    """Each occurrence once (UID + RECURRENCE-ID), the first one given kept: callers pass
    the sources in the user's order, so the first source wins. Order is otherwise kept."""
    first: dict[tuple[str, datetime | None], CalendarEvent] = {}
    for event in events:
        first.setdefault(event.key, event)
    return list(first.values())


def _chronological(found: Match) -> tuple[datetime, str, bool, datetime]:
    """Start, then the occurrence's key: a total order, so the result does not depend on
    the order the sources delivered the events in."""
    event = found.event
    recurrence = event.recurrence_id
    return (event.starts_at, event.uid, recurrence is not None, recurrence or event.starts_at)


def one_on_ones(
    events: Iterable[CalendarEvent],
    people: Iterable[Person],
    *,
    me: Iterable[str],
    series_choices: Mapping[str, SeriesChoice],
) -> list[Match]:
    """The one-on-ones among ``events`` (deduplicated, see ``deduplicated``), by start."""
    directory = _directory(people)
    addresses = _addresses(me)
    verdicts = (_classify(e, directory, addresses, series_choices) for e in deduplicated(events))
    return sorted((v for v in verdicts if isinstance(v, Match)), key=_chronological)


@dataclass(frozen=True, slots=True)
class UpcomingOneOnOne:
    """One line of ``focusmate calendar next``."""

    with_name: str
    starts_at: datetime
    ends_at: datetime
    source: str
    uid: str

    def as_json(self) -> dict[str, Any]:
        """The JSON object issue 15 specifies for ``calendar next --json``."""
        return {
            "with": self.with_name,
            "starts_at": format_instant(self.starts_at),
            "ends_at": format_instant(self.ends_at),
            "source": self.source,
            "uid": self.uid,
        }


def next_one_on_ones(
    events: Iterable[CalendarEvent],
    people: Iterable[Person],
    *,
    me: Iterable[str],
    series_choices: Mapping[str, SeriesChoice],
    now: datetime,
    days: int = DEFAULT_DAYS_AHEAD,
) -> list[UpcomingOneOnOne]:
    """The one-on-ones starting from ``now`` (aware) until ``days`` days later, by start.

    One already under way is not "next": it is left out."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    if days < 0:
        raise ValueError(f"days must not be negative, not {days}")
    until = now + timedelta(days=days)
    return [
        UpcomingOneOnOne(
            with_name=m.person.name,
            starts_at=m.event.starts_at,
            ends_at=m.event.ends_at,
            source=m.event.source,
            uid=m.event.uid,
        )
        for m in one_on_ones(events, people, me=me, series_choices=series_choices)
        if now <= m.event.starts_at < until
    ]
