"""The Clock port: the only way core learns what time it is."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """Wall time as an aware UTC datetime. Implemented outside core (and faked in tests)."""

    def now(self) -> datetime:
        """Return the current wall-clock time, timezone-aware, in UTC."""
        ...
