"""Hand-written fakes that satisfy focusmate's ports, for what a test must control.

FakeClock stands in for the system clock (tests never sleep through a session);
FlakyRepository wraps the real TinyDB repository and can be told to fail like a full
disk. Everything else in the tests is real.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from itertools import count

from focusmate.core.model import CoachingSession
from focusmate.storage.repository import TinyDBSessionRepository

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Monday of ISO week 2026-W48


class FakeClock:
    """Implements core.clock.Clock; time moves only when the test says so.

    advance() is time passing; suspend() is time passing while asleep; set_wall() is a
    changed system clock (the steady readings do not move)."""

    def __init__(self, start: datetime = T0) -> None:
        self.current = start
        self.running = 1000.0
        self.asleep = 0.0

    def now(self) -> datetime:
        return self.current

    def running_s(self) -> float:
        return self.running

    def asleep_s(self) -> float:
        return self.asleep

    def advance(self, **delta: float) -> None:
        step = timedelta(**delta)
        self.current += step
        self.running += step.total_seconds()

    def suspend(self, **delta: float) -> None:
        self.advance(**delta)
        self.asleep += timedelta(**delta).total_seconds()

    def set_wall(self, **delta: float) -> None:
        self.current += timedelta(**delta)


class IdFactory:
    """Session ids s1, s2, ... so tests can name them."""

    def __init__(self, prefix: str = "s") -> None:
        self._numbers = count(1)
        self._prefix = prefix

    def __call__(self) -> str:
        return f"{self._prefix}{next(self._numbers)}"


class FlakyRepository:
    """The real repository, plus a switch that makes writes fail like a full disk."""

    def __init__(self, real: TinyDBSessionRepository) -> None:
        self.real = real
        self.fail_writes = False

    def all_sessions(self) -> list[CoachingSession]:
        return self.real.all_sessions()

    def get(self, session_id: str) -> CoachingSession | None:
        return self.real.get(session_id)

    def current(self) -> CoachingSession | None:
        return self.real.current()

    def save(self, session: CoachingSession) -> None:
        self._maybe_fail()
        self.real.save(session)

    def save_many(self, sessions: Iterable[CoachingSession]) -> None:
        self._maybe_fail()
        self.real.save_many(sessions)

    def _maybe_fail(self) -> None:
        if self.fail_writes:
            raise OSError(28, "No space left on device")
