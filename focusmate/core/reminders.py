"""The morning-stillness reminder: its settings and when it is due (pure, clock injected).

Rules (the scheduler in focusmate/services/reminders.py only asks these functions):

1. The reminder is due at ``at`` local time on each of ``weekdays`` (07:30, Monday-Friday,
   when the user turns it on; it is off until then), in the user's time zone.
2. It is shown at most once per occurrence: ``due_occurrence`` returns an occurrence only
   while ``since`` (when it was last shown, or when the app began watching) is earlier.
3. It belongs to its morning: an occurrence missed while the computer slept (or while the
   app was not running) is shown once if the app checks within ``GRACE`` of it, and not at
   all later: waking at 14:45 brings no "morning" reminder, and after several missed
   mornings there is never a backlog.
4. The app re-checks at the next occurrence, and at least every ``RECHECK_EVERY`` (timers
   follow the monotonic clock, which stops during suspend; a re-check after waking or a
   clock change finds the truth from the wall clock).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from focusmate.core.errors import InvalidInput

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_TIME = time(7, 30)
WORKING_DAYS = frozenset(range(5))  # date.weekday(): Monday is 0
RECHECK_EVERY = timedelta(minutes=5)
#: How late a missed reminder may still be shown (rule 3): a reminder to pause before the
#: day starts means nothing once the day is under way.
GRACE = timedelta(hours=2)


@dataclass(frozen=True, slots=True)
class MorningReminder:
    """When to remind: ``at`` (local wall time) on ``weekdays`` (0 = Monday ... 6 = Sunday)."""

    enabled: bool = False  # off until the user ticks it (the welcome, Settings)
    at: time = DEFAULT_TIME
    weekdays: frozenset[int] = WORKING_DAYS


def parse_time(text: str) -> time:
    """'07:30' -> 07:30; raise InvalidInput for anything but HH:MM on a 24-hour clock."""
    hours, sep, minutes = text.strip().partition(":")
    if not (sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise InvalidInput(f"a reminder time is written HH:MM (e.g. 07:30), not {text[:20]!r}")
    if not (0 <= int(hours) <= 23 and 0 <= int(minutes) <= 59):
        raise InvalidInput(f"{text[:20]!r} is not a time of day (00:00-23:59)")
    return time(int(hours), int(minutes))


def format_time(at: time) -> str:
    return f"{at.hour:02d}:{at.minute:02d}"


def parse_weekdays(names: list[str]) -> frozenset[int]:
    """["mon", "fri"] -> {0, 4}; raise InvalidInput for an unknown or repeated day."""
    days: set[int] = set()
    for name in names:
        key = name.strip().lower()[:3]
        if key not in WEEKDAY_NAMES:
            raise InvalidInput(f"{name[:20]!r} is not a day (use {', '.join(WEEKDAY_NAMES)})")
        if WEEKDAY_NAMES.index(key) in days:
            raise InvalidInput(f"{name[:20]!r} is listed twice")
        days.add(WEEKDAY_NAMES.index(key))
    return frozenset(days)


def weekday_names(days: frozenset[int]) -> list[str]:
    return [WEEKDAY_NAMES[d] for d in sorted(days)]


def _local(instant: datetime, tz: tzinfo | None) -> datetime:
    return instant.astimezone(tz)


def occurrence_on(day: date, reminder: MorningReminder, tz: tzinfo | None) -> datetime | None:
    """The reminder's instant on ``day`` (aware), or None if it is not a reminder day.

    ``tz`` None means the system's local zone. A time that does not exist that day (skipped
    by a daylight-saving change) falls at the same offset as just before the change.
    """
    if not reminder.enabled or day.weekday() not in reminder.weekdays:
        return None
    naive = datetime.combine(day, reminder.at)
    return naive.astimezone() if tz is None else naive.replace(tzinfo=tz)


def next_due(now: datetime, reminder: MorningReminder, tz: tzinfo | None) -> datetime | None:
    """The first occurrence strictly after ``now``, or None when the reminder never fires."""
    today = _local(now, tz).date()
    for offset in range(8):  # today plus a whole week covers every weekday
        at = occurrence_on(today + timedelta(days=offset), reminder, tz)
        if at is not None and at > now:
            return at
    return None


def due_occurrence(
    now: datetime, reminder: MorningReminder, since: datetime | None, tz: tzinfo | None
) -> datetime | None:
    """Today's occurrence if it has passed, is later than ``since`` and is less than
    ``GRACE`` ago (rules 2 and 3). ``since``: when the reminder was last shown, or when the
    app began watching (None: nothing earlier rules it out)."""
    at = occurrence_on(_local(now, tz).date(), reminder, tz)
    if at is None or at > now or now - at >= GRACE:
        return None
    if since is not None and since >= at:
        return None
    return at


def next_check_in(
    now: datetime, reminder: MorningReminder, since: datetime | None, tz: tzinfo | None
) -> timedelta | None:
    """How long the app may sleep before checking again (None: never, the reminder is off).

    Zero when a reminder is due now; otherwise the time to the next occurrence, capped at
    RECHECK_EVERY so that suspend and clock changes are noticed (rule 4).
    """
    if due_occurrence(now, reminder, since, tz) is not None:
        return timedelta(0)
    upcoming = next_due(now, reminder, tz)
    if upcoming is None:
        return None
    return min(upcoming - now, RECHECK_EVERY)
