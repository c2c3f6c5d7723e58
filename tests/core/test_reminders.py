"""The morning reminder's schedule with a fake clock: weekdays, time zones, sleep, once only."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.errors import InvalidInput
from focusmate.core.reminders import (
    GRACE,
    RECHECK_EVERY,
    MorningReminder,
    due_occurrence,
    next_check_in,
    next_due,
    occurrence_on,
    parse_time,
    parse_weekdays,
)

BERLIN = ZoneInfo("Europe/Berlin")
DEFAULT = MorningReminder(enabled=True)  # 07:30, Monday-Friday, once ticked
MONDAY = date(2026, 11, 23)


def at(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """A UTC instant (the tests below run in UTC unless they say Berlin)."""
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=UTC)


def days(n: int) -> date:
    return MONDAY + timedelta(days=n)


def test_next_due_on_weekdays_at_0730() -> None:
    assert next_due(at(MONDAY, 6), DEFAULT, UTC) == at(MONDAY, 7, 30)
    assert next_due(at(MONDAY, 7, 30), DEFAULT, UTC) == at(days(1), 7, 30)  # strictly after
    assert next_due(at(MONDAY, 8), DEFAULT, UTC) == at(days(1), 7, 30)


def test_weekends_are_skipped() -> None:
    friday_noon = at(days(4), 12)
    assert next_due(friday_noon, DEFAULT, UTC) == at(days(7), 7, 30)
    assert due_occurrence(at(days(5), 9), DEFAULT, None, UTC) is None  # Saturday
    assert due_occurrence(at(days(6), 9), DEFAULT, None, UTC) is None  # Sunday


def test_due_from_its_minute_until_shown_then_not_again() -> None:
    assert due_occurrence(at(MONDAY, 7, 29, 59), DEFAULT, None, UTC) is None
    assert due_occurrence(at(MONDAY, 7, 30), DEFAULT, None, UTC) == at(MONDAY, 7, 30)
    shown = at(MONDAY, 7, 30, 1)
    assert due_occurrence(at(MONDAY, 7, 31), DEFAULT, shown, UTC) is None
    assert due_occurrence(at(MONDAY, 23, 59), DEFAULT, shown, UTC) is None
    assert due_occurrence(at(days(1), 7, 30), DEFAULT, shown, UTC) == at(days(1), 7, 30)


def test_missed_while_asleep_is_shown_once_and_never_as_a_backlog() -> None:
    """Asleep from Friday evening to Tuesday 09:00: one reminder (Tuesday's), not three."""
    last_shown = at(days(4), 7, 30)
    wake = at(days(8), 9)
    occurrence = due_occurrence(wake, DEFAULT, last_shown, UTC)
    assert occurrence == at(days(8), 7, 30)
    assert due_occurrence(wake + timedelta(minutes=5), DEFAULT, wake, UTC) is None


def test_a_morning_missed_yesterday_is_not_shown_today() -> None:
    """Asleep over Monday's reminder, awake again Tuesday at 06:00: nothing until 07:30."""
    last_shown = at(days(4), 7, 30)
    assert due_occurrence(at(days(8), 6), DEFAULT, last_shown, UTC) is None
    assert next_due(at(days(8), 6), DEFAULT, UTC) == at(days(8), 7, 30)


def test_the_app_never_sleeps_longer_than_the_recheck_interval() -> None:
    assert next_check_in(at(MONDAY, 7, 29), DEFAULT, None, UTC) == timedelta(minutes=1)
    shown = at(MONDAY, 7, 30)
    assert next_check_in(at(MONDAY, 12), DEFAULT, shown, UTC) == RECHECK_EVERY
    assert next_check_in(at(MONDAY, 9), DEFAULT, None, UTC) == timedelta(0)  # missed: now
    assert next_check_in(at(MONDAY, 12), DEFAULT, None, UTC) == RECHECK_EVERY  # too late
    assert next_check_in(at(MONDAY, 7, 45), DEFAULT, None, UTC) == timedelta(0)  # due now
    assert next_check_in(at(MONDAY, 12), MorningReminder(enabled=False), None, UTC) is None
    no_days = MorningReminder(weekdays=frozenset())
    assert next_check_in(at(MONDAY, 12), no_days, None, UTC) is None


def test_off_until_the_user_turns_it_on() -> None:
    """The welcome's and the settings' default: nothing is due, no timer is armed."""
    off = MorningReminder()
    assert not off.enabled
    assert due_occurrence(at(MONDAY, 7, 30), off, None, UTC) is None
    assert next_check_in(at(MONDAY, 7, 29), off, None, UTC) is None


def test_never_in_the_afternoon() -> None:
    """Seen on a real shell: a first start at 14:45 popped up "Morning stillness" at once. A
    reminder missed by more than GRACE is not shown, whatever was shown before."""
    yesterday = at(days(-1), 7, 30)
    for since in (None, yesterday):
        assert due_occurrence(at(MONDAY, 14, 45), DEFAULT, since, UTC) is None
        assert next_check_in(at(MONDAY, 14, 45), DEFAULT, since, UTC) == RECHECK_EVERY
    last_moment = at(MONDAY, 7, 30) + GRACE - timedelta(seconds=1)
    assert due_occurrence(last_moment, DEFAULT, yesterday, UTC) == at(MONDAY, 7, 30)
    assert due_occurrence(at(MONDAY, 7, 30) + GRACE, DEFAULT, yesterday, UTC) is None


def test_nothing_before_the_app_began_watching() -> None:
    """``since`` is also the moment a first run began: 07:30 passed before it, so no reminder
    that day; the next morning's comes on time."""
    first_start = at(MONDAY, 7, 45)
    assert due_occurrence(at(MONDAY, 7, 46), DEFAULT, first_start, UTC) is None
    assert due_occurrence(at(days(1), 7, 30), DEFAULT, first_start, UTC) == at(days(1), 7, 30)


def test_local_time_in_a_zone_with_daylight_saving() -> None:
    # Berlin moves to summer time on Sunday 29 March 2026: 07:30 is 06:30 UTC on Friday
    # 27 March and 05:30 UTC on Monday 30 March.
    friday = datetime(2026, 3, 27, 5, 0, tzinfo=UTC)
    assert next_due(friday, DEFAULT, BERLIN) == datetime(2026, 3, 27, 6, 30, tzinfo=UTC)
    after = datetime(2026, 3, 27, 7, 0, tzinfo=UTC)
    assert next_due(after, DEFAULT, BERLIN) == datetime(2026, 3, 30, 5, 30, tzinfo=UTC)


def test_the_local_day_decides_what_today_is() -> None:
    """At 23:30 UTC on a Sunday it is already Monday 00:30 in Berlin."""
    late = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert next_due(late, DEFAULT, BERLIN) == datetime(2026, 11, 23, 6, 30, tzinfo=UTC)


def test_the_system_zone_when_none_is_given() -> None:
    occurrence = occurrence_on(MONDAY, DEFAULT, None)
    assert occurrence is not None and occurrence.tzinfo is not None
    assert occurrence.astimezone().time() == time(7, 30)


def simulate(
    start: datetime,
    end: datetime,
    reminder: MorningReminder,
    asleep: list[tuple[datetime, datetime]],
) -> list[datetime]:
    """Run the scheduler's loop on a fake clock: sleep as next_check_in says (frozen while
    the computer is asleep, as monotonic timers are) and record every reminder shown."""
    now, last_shown, shown = start, None, []
    while now < end:
        if due_occurrence(now, reminder, last_shown, UTC) is not None:
            last_shown = now
            shown.append(now)
        wait = next_check_in(now, reminder, last_shown, UTC)
        assert wait is not None
        wake = now + wait + timedelta(milliseconds=250)
        for fell_asleep, woke in asleep:
            if now < fell_asleep < wake:  # the timer stood still while asleep
                wake = woke + (wake - fell_asleep)
        now = wake
    return shown


def test_a_week_awake_shows_five_reminders_on_time() -> None:
    shown = simulate(at(MONDAY, 0), at(days(7), 0), DEFAULT, asleep=[])
    assert [s.date() for s in shown] == [days(i) for i in range(5)]
    assert all(timedelta(0) <= s - at(s.date(), 7, 30) < timedelta(seconds=1) for s in shown)


def test_a_week_with_sleep_shows_each_day_at_most_once() -> None:
    asleep = [
        (at(days(0), 7), at(days(0), 9)),  # Monday: late, shown once after waking
        (at(days(1), 7), at(days(2), 6)),  # Tuesday's missed, Wednesday's on time
        (at(days(3), 20), at(days(7), 9)),
    ]  # Thursday night to next Monday 09:00
    shown = simulate(at(MONDAY, 0), at(days(8), 0), DEFAULT, asleep)
    assert [s.date() for s in shown] == [days(0), days(2), days(3), days(7)]
    assert shown[0] - at(days(0), 9) <= RECHECK_EVERY + timedelta(seconds=1)


@given(st.lists(st.tuples(st.integers(0, 7 * 24 * 60), st.integers(1, 3 * 24 * 60)), max_size=4))
def test_never_twice_on_one_day_and_never_on_a_weekend(naps: list[tuple[int, int]]) -> None:
    asleep = sorted(
        (at(MONDAY, 0) + timedelta(minutes=s), at(MONDAY, 0) + timedelta(minutes=s + length))
        for s, length in naps
    )
    shown = simulate(at(MONDAY, 0), at(days(10), 0), DEFAULT, asleep)
    shown_days = [s.date() for s in shown]
    assert len(shown_days) == len(set(shown_days))
    assert all(d.weekday() < 5 for d in shown_days)
    assert all(timedelta(0) <= s - at(s.date(), 7, 30) < GRACE for s in shown)


def test_times_and_days_are_parsed_strictly() -> None:
    assert parse_time("07:30") == time(7, 30) and parse_time(" 7:05 ") == time(7, 5)
    assert parse_weekdays(["Mon", "friday"]) == frozenset({0, 4})
    for bad in ("7.30", "24:00", "07:60", "0730", "07:3", ""):
        with pytest.raises(InvalidInput):
            parse_time(bad)
    with pytest.raises(InvalidInput, match="not a day"):
        parse_weekdays(["mon", "funday"])
    with pytest.raises(InvalidInput, match="twice"):
        parse_weekdays(["mon", "Monday"])
