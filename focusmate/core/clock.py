"""The Clock port: the only way core learns what time it is."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """Wall time as an aware UTC datetime, plus two steady readings that a changed system
    clock cannot move. Implemented outside core (and faked in tests)."""

    def now(self) -> datetime:
        """Return the current wall-clock time, timezone-aware, in UTC."""
        ...

    def running_s(self) -> float:
        """Seconds on a steady clock that keeps counting through suspend (CLOCK_BOOTTIME)."""
        ...

    def asleep_s(self) -> float:
        """Seconds the computer has spent suspended since it booted (0 where unknown)."""
        ...
