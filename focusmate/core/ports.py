"""The ports: interfaces that outer layers implement and the controller depends on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from focusmate.core.model import CoachingSession


class SessionRepository(Protocol):
    """Durable storage of coaching sessions. Every write is on disk when it returns."""

    def all_sessions(self) -> list[CoachingSession]:
        """Every saved session, oldest start first."""
        ...

    def get(self, session_id: str) -> CoachingSession | None: ...

    def save(self, session: CoachingSession) -> None:
        """Insert or replace one session by id, durably."""
        ...

    def save_many(self, sessions: Iterable[CoachingSession]) -> None:
        """Insert or replace several sessions in one durable write."""
        ...
