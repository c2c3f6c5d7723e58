"""Where a session stands in time, as shown: elapsed and remaining seconds, and the clock text.

Apart from core.session (the rules, which need the whole session model) so that
`focusmate status` words the app's answer without loading that model (ARCHITECTURE
invariant 13).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Timing:
    """Where a session stands at one instant. ``remaining_s`` is negative in overtime."""

    elapsed_s: int
    remaining_s: int

    @property
    def overtime(self) -> bool:
        return self.remaining_s < 0


def format_clock(seconds: int) -> str:
    """Format a duration as M:SS or H:MM:SS (sign dropped; callers say 'left' or 'over')."""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
