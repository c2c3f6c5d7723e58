"""What carries over from one one-on-one to the next with the same person.

Only coaching sessions carry over: a client meeting or a kind of the user's has the short
reflection (no commitment, no note on how they felt; core.reflection_form), and it is not
a one-on-one with the salesperson even when the name is the same.

"Last time" for a salesperson is the most recent *earlier, ended* coaching session with
them that has a reflection (a draft counts: it holds what the manager noted). A session that was
never reflected on is skipped for the notes, so a skipped reflection does not lose the
commitment made the time before; the date of the very last session is reported as well.

A reflection answers "Is this the same challenge as last time?" and records which session
"last time" was (``previous_session_id``). Following those links back while the answer was
yes gives the recurrence chain: the same challenge, session after session.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from focusmate.core.dnd import DndStatus
from focusmate.core.model import CheckIn, CoachingSession
from focusmate.core.records import format_instant
from focusmate.core.session_kind import COACHING
from focusmate.core.text import translate
from focusmate.core.validation import check_slow_down, clean_intention


def same_person(a: str, b: str) -> bool:
    """Names match ignoring case and repeated or surrounding spaces ("ana  díaz" = "Ana Díaz")."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


@dataclass(frozen=True, slots=True)
class CarryOver:
    """What the check-in and the reflection show about earlier sessions with one person."""

    with_name: str
    #: The most recent earlier ended session with them (reflected on or not).
    last_session: CoachingSession | None = None
    #: The most recent earlier session with a reflection: "last time" for the notes.
    reflected: CoachingSession | None = None
    #: The recurrence chain ending at ``reflected``, oldest first (one session: no recurrence).
    chain: tuple[CoachingSession, ...] = ()

    @property
    def has_history(self) -> bool:
        return self.last_session is not None

    @property
    def last_session_at(self) -> datetime | None:
        return None if self.last_session is None else self.last_session.started_at

    @property
    def previous_session_id(self) -> str | None:
        """The session a new reflection calls "last time"."""
        chosen = self.reflected or self.last_session
        return None if chosen is None else chosen.id

    @property
    def commitment(self) -> str | None:
        """Last time's "next time I will ...", or None when none was written."""
        if self.reflected is None or self.reflected.reflection is None:
            return None
        return self.reflected.reflection.commitment

    @property
    def their_perspective(self) -> str | None:
        """What the manager noted they were thinking or feeling last time."""
        if self.reflected is None or self.reflected.reflection is None:
            return None
        return self.reflected.reflection.their_perspective.strip() or None

    @property
    def recurring(self) -> int:
        """How many sessions in a row the same challenge has come up (0 or 1: it has not)."""
        return len(self.chain) if len(self.chain) > 1 else 0

    def as_json(self) -> dict[str, Any]:
        """The ``carry_over`` object of `status --json`."""
        at = self.last_session_at
        return {
            "commitment": self.commitment,
            "last_session_at": None if at is None else format_instant(at),
        }


def carry_over(
    sessions: Iterable[CoachingSession], with_name: str, before: datetime | None = None
) -> CarryOver:
    """What carries over to a session with ``with_name`` that starts at ``before`` (None: now,
    i.e. every ended session counts)."""
    earlier = sorted(
        (
            s
            for s in sessions
            if not s.running
            and s.kind == COACHING
            and same_person(s.with_name, with_name)
            and (before is None or s.started_at < before)
        ),
        key=lambda s: s.started_at,
    )
    if not earlier:
        return CarryOver(with_name)
    reflected = next((s for s in reversed(earlier) if s.reflection is not None), None)
    by_id = {s.id: s for s in earlier}
    chain = () if reflected is None else challenge_chain(by_id, reflected)
    return CarryOver(with_name, earlier[-1], reflected, chain)


def challenge_chain(
    sessions_by_id: Mapping[str, CoachingSession], session: CoachingSession
) -> tuple[CoachingSession, ...]:
    """``session`` and the sessions before it that had the same challenge, oldest first.

    Follows ``previous_session_id`` while the reflection answered "same challenge: yes";
    stops at a missing session and never loops (a hand-edited file could link in a circle).
    """
    chain = [session]
    seen = {session.id}
    current = session
    while (
        current.reflection is not None
        and current.reflection.same_challenge
        and current.reflection.previous_session_id is not None
    ):
        previous = sessions_by_id.get(current.reflection.previous_session_id)
        if previous is None or previous.id in seen:
            break
        chain.append(previous)
        seen.add(previous.id)
        current = previous
    return tuple(reversed(chain))


def dnd_line(status: DndStatus | None) -> tuple[bool | None, str]:
    """Whether notifications are silenced (None: unknown), and how to say it in the check-in
    (the backend's own detail when it has one, else a few words in the user's language)."""
    if status is None:
        return None, translate(
            "CheckIn", "unknown: focusmate cannot tell here; silence them by hand"
        )
    if status.engaged:
        return True, status.detail or translate("CheckIn", "silenced")
    if status.backend is None:
        return None, status.detail or translate("CheckIn", "unknown: silence them by hand")
    return False, status.detail or translate("CheckIn", "not silenced yet")


def checked_checkin(checkin: CheckIn) -> CheckIn:
    """The check-in with its intention trimmed; InvalidInput for an over-long intention or
    an impossible slow-down time."""
    return CheckIn(
        intention=clean_intention(checkin.intention),
        checked=frozenset(checkin.checked),
        slowed_down_s=check_slow_down(checkin.slowed_down_s),
    )
