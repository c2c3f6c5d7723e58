"""The real Clock: the system's wall time, in UTC (and a documented test hook to shift it).

``FOCUSMATE_FAKE_NOW`` (an ISO 8601 time with an offset, e.g. 2026-11-23T07:29:55+00:00)
makes the app's clock read that time at start-up and then run at normal speed. It exists
for the end-to-end tests (a reminder due "now", a weekday on any day of the week); the app
logs a warning when it is set. Timers still measure real durations, so everything behaves
as it would at that time of day.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from focusmate.core.clock import Clock
from focusmate.core.errors import InvalidInput

FAKE_NOW_ENV = "FOCUSMATE_FAKE_NOW"

log = logging.getLogger(__name__)


def _boottime() -> float:
    """CLOCK_BOOTTIME where the system has it (Linux): monotonic, and counts suspend."""
    if hasattr(time, "CLOCK_BOOTTIME"):
        return time.clock_gettime(time.CLOCK_BOOTTIME)
    return time.monotonic()  # macOS's and Windows' monotonic clocks already include sleep


class SystemClock:
    """Implements core.clock.Clock with the operating system's clocks."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def running_s(self) -> float:
        return _boottime()

    def asleep_s(self) -> float:
        # On Linux time.monotonic() stops during suspend and CLOCK_BOOTTIME does not.
        return max(0.0, _boottime() - time.monotonic()) if hasattr(time, "CLOCK_BOOTTIME") else 0.0


class ShiftedClock(SystemClock):
    """Implements core.clock.Clock: the system clock moved so that it read ``start`` at
    creation; it then advances with real time (a test hook, see FAKE_NOW_ENV)."""

    def __init__(self, start: datetime) -> None:
        self._offset = start - datetime.now(UTC)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset


def clock_from_environment(environ: Mapping[str, str] = os.environ) -> Clock:
    """The system clock, or a ShiftedClock when FOCUSMATE_FAKE_NOW is set."""
    text = environ.get(FAKE_NOW_ENV, "").strip()
    if not text:
        return SystemClock()
    try:
        start = datetime.fromisoformat(text)
    except ValueError:
        start = None
    if start is None or start.tzinfo is None:
        raise InvalidInput(f"{FAKE_NOW_ENV} must be an ISO 8601 time with an offset, not {text!r}")
    log.warning("%s is set: the clock starts at %s (a test hook)", FAKE_NOW_ENV, start)
    return ShiftedClock(start)


def local_zone(environ: Mapping[str, str] = os.environ) -> tzinfo:
    """The user's time zone, with its daylight-saving rules where the system names it: $TZ,
    else the zone /etc/localtime links to; else the current fixed offset (Windows, or a
    system without a zone name). Read again at each calendar refresh, so a laptop that
    travels gets the right local times for floating and all-day events."""
    # zoneinfo (and sysconfig, which it loads) only where a calendar asks (issue 18).
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # noqa: PLC0415

    for name in (environ.get("TZ", "").removeprefix(":"), _linked_zone_name()):
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    fixed = datetime.now().astimezone().tzinfo
    return fixed if fixed is not None else UTC


def _linked_zone_name() -> str:
    try:
        target = str(Path("/etc/localtime").readlink())
    except OSError:
        return ""
    _, marker, name = target.partition("zoneinfo/")
    return name if marker else ""
