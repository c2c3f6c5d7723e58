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


def glance_minutes(timing: Timing) -> int:
    """The whole minutes shown at a glance (the tray): the minute under way counts on both
    sides of the deadline, so 0:30 left is 1 minute left (never 0 while time remains) and
    0:30 over is 1 minute over."""
    if timing.overtime:
        return -(timing.remaining_s // 60)
    return max(1, -(-timing.remaining_s // 60))


def seconds_to_change(remaining: float, *, to_the_second: bool) -> float:
    """Seconds from now, with ``remaining`` seconds to the deadline (negative: over), until
    the time shown next changes: the clock to the second (``format_clock`` of the whole
    seconds, rounded toward zero), or else ``glance_minutes``. The app ticks then and not
    in between (issue 18: no wake-up that changes nothing)."""
    # Rounded toward zero, the whole seconds change just below each whole number before the
    # deadline (0 at once, on one), and at each whole number after it (a second later on one).
    # Python's modulo is never negative, so both sides read alike.
    if to_the_second:
        return remaining % 1 if remaining > 0 else (remaining % 1 or 1.0)
    # The minutes left change as the whole seconds go from 60k+1 to 60k; overtime shows from
    # a whole second over and counts on at each -(60k+1).
    if remaining >= 61:
        return (remaining - 1) % 60
    if remaining > -1:
        return remaining + 1
    return (remaining + 1) % 60 or 60.0


def format_clock(seconds: int) -> str:
    """Format a duration as M:SS or H:MM:SS (sign dropped; callers say 'left' or 'over')."""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
