"""The real Clock: the system's wall time, in UTC."""

from __future__ import annotations

from datetime import UTC, datetime


class SystemClock:
    """Implements core.clock.Clock with the operating system's clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)
