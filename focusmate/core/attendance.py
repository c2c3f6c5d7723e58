"""Scheduled one-on-ones against held coaching sessions (issue 15, deliverable 7).

A scheduled one-on-one (a matched calendar meeting) is *held* when a coaching session with
the same person started inside its window: from :data:`EARLY` before its start until
:data:`LATE` after its planned end. The margin before allows for starting focusmate on the
way in; the one after allows for a meeting that began late, or ran long before the session
was started. A session serves one meeting at most, and a meeting is held by one session at
most; where windows overlap (two meetings with one person close together), the meetings are
served in the order their windows close, each by the earliest free session in its window,
which holds as many as any other assignment could.

Only a meeting whose planned end is before ``now`` is judged, held or *skipped*; one still
ahead or under way is neither. A session without a scheduled meeting (an impromptu talk) is
not counted at all: it neither holds nor misses anything.

A person is compared by ``core.one_on_ones.name_key`` through the people list, so a session
recorded under an alias ("Jo") or spelled differently ("zoe" for "Zoë") counts for the person
the calendar named. Nothing here reads a clock: ``now`` is given.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from focusmate.core.model import CoachingSession
from focusmate.core.one_on_ones import Person, UpcomingOneOnOne, name_key

#: A session started this long before a meeting's start still holds it.
EARLY = timedelta(minutes=30)
#: A session started up to this long after a meeting's planned end still holds it.
LATE = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class PersonAttendance:
    """One person's scheduled one-on-ones in the period.

    ``scheduled`` counts every meeting in the period, ``judged`` those that have ended,
    ``held`` those of them a session held. ``skipped_in_a_row`` is the latest run: how many
    of the person's last judged meetings in a row were skipped (0 when the latest was held),
    counted back through the look-back before the period too.
    """

    name: str
    scheduled: int
    judged: int
    held: int
    skipped_in_a_row: int

    @property
    def skipped(self) -> int:
        return self.judged - self.held

    @property
    def upcoming(self) -> int:
        """Scheduled in the period but not ended yet: neither held nor skipped."""
        return self.scheduled - self.judged


@dataclass(frozen=True, slots=True)
class Attendance:
    """Everyone with a scheduled one-on-one in the period, by name key."""

    people: tuple[PersonAttendance, ...]
    #: The name key of every name and alias known -> the key of the person it names.
    _keys: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def scheduled(self) -> int:
        return sum(p.scheduled for p in self.people)

    @property
    def judged(self) -> int:
        return sum(p.judged for p in self.people)

    @property
    def held(self) -> int:
        return sum(p.held for p in self.people)

    @property
    def upcoming(self) -> int:
        return sum(p.upcoming for p in self.people)

    def of(self, name: str) -> PersonAttendance | None:
        """The attendance of the person ``name`` is (or is an alias of), if scheduled."""
        key = self._keys.get(_key(name), _key(name))
        return next((p for p in self.people if _key(p.name) == key), None)


def attendance(
    scheduled: Iterable[UpcomingOneOnOne],
    sessions: Iterable[CoachingSession],
    people: Iterable[Person],
    *,
    now: datetime,
    since: datetime | None = None,
) -> Attendance:
    """Scheduled against held, per person (see the module's rules).

    The period is every meeting given that starts at ``since`` or later (all of them when
    ``since`` is None); earlier meetings are the look-back, counted only in
    ``skipped_in_a_row`` (so that a weekly meeting skipped last week and this week is a run
    of two). ``sessions`` may hold the whole history: only those near a meeting count.
    """
    keys = _name_keys(people)
    meetings: dict[str, list[UpcomingOneOnOne]] = {}
    names: dict[str, str] = {}
    for meeting in scheduled:
        key = keys.get(_key(meeting.with_name), _key(meeting.with_name))
        meetings.setdefault(key, []).append(meeting)
        # The same spelling whatever order the meetings came in.
        names[key] = min(names.get(key, meeting.with_name), meeting.with_name)
    if not meetings:
        return Attendance((), keys)
    started: dict[str, list[datetime]] = {}
    # Years of sessions carry a few dozen names: each name's key is worked out once.
    key_of: dict[str, str] = {}
    for session in sessions:
        known = key_of.get(session.with_name)
        if known is None:
            own = _key(session.with_name)
            known = key_of[session.with_name] = keys.get(own, own)
        if known in meetings:
            started.setdefault(known, []).append(session.started_at)
    found = (
        _person(_canonical(key, names, people), own, started.get(key, []), now, since)
        for key, own in meetings.items()
    )
    return Attendance(
        tuple(sorted((p for p in found if p.scheduled), key=lambda p: (_key(p.name), p.name))),
        keys,
    )


def _key(name: str) -> str:
    """The name key, or the name itself for one without a letter or digit ("🙂"), which
    would otherwise share the empty key with every other such name."""
    return name_key(name) or name


def _name_keys(people: Iterable[Person]) -> dict[str, str]:
    """Every name and alias -> its person's key; the first person listed keeps a name."""
    keys: dict[str, str] = {}
    for person in people:
        for text in (person.name, *person.aliases):
            if name_key(text):
                keys.setdefault(name_key(text), _key(person.name))
    return keys


def _canonical(key: str, seen: Mapping[str, str], people: Iterable[Person]) -> str:
    """The person's name as the people list spells it, else as the calendar did."""
    listed = next((p.name for p in people if _key(p.name) == key), None)
    return listed if listed is not None else seen[key]


def _person(
    name: str,
    meetings: Sequence[UpcomingOneOnOne],
    started: Sequence[datetime],
    now: datetime,
    since: datetime | None,
) -> PersonAttendance:
    held = _held(meetings, started)
    ended = sorted(
        (i for i, m in enumerate(meetings) if m.ends_at < now),
        key=lambda i: _order(meetings[i]),
    )
    in_period = [i for i, m in enumerate(meetings) if since is None or m.starts_at >= since]
    judged = [i for i in in_period if meetings[i].ends_at < now]
    run = 0
    for index in reversed(ended):
        if index in held:
            break
        run += 1
    return PersonAttendance(
        name=name,
        scheduled=len(in_period),
        judged=len(judged),
        held=sum(1 for i in judged if i in held),
        skipped_in_a_row=run,
    )


def _order(meeting: UpcomingOneOnOne) -> tuple[datetime, datetime, str, str]:
    return (meeting.starts_at, meeting.ends_at, meeting.uid, meeting.source)


def _held(meetings: Sequence[UpcomingOneOnOne], started: Sequence[datetime]) -> set[int]:
    """The meetings (by index) a session held: each window, in the order the windows close,
    takes the earliest session not taken yet that started inside it."""
    free = sorted(started)
    held: set[int] = set()
    closing_first = sorted(
        range(len(meetings)), key=lambda i: (meetings[i].ends_at + LATE, *_order(meetings[i]))
    )
    for index in closing_first:
        meeting = meetings[index]
        opens, closes = meeting.starts_at - EARLY, meeting.ends_at + LATE
        taken = bisect_left(free, opens)
        if taken < len(free) and free[taken] <= closes:
            held.add(index)
            del free[taken]
    return held
