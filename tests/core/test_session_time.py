"""The time shown for a session, and when it next changes (the app ticks only then)."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.describe import time_glance, time_text
from focusmate.core.session_time import Timing, glance_minutes, seconds_to_change


def shown(remaining: float, *, to_the_second: bool) -> str:
    """What a view shows with ``remaining`` seconds to the deadline (timing() rounds toward 0)."""
    timing = Timing(elapsed_s=0, remaining_s=math.trunc(remaining))
    return time_text(timing) if to_the_second else time_glance(timing)


@given(
    remaining=st.floats(min_value=-4 * 3600, max_value=4 * 3600, allow_nan=False),
    to_the_second=st.booleans(),
    before=st.floats(min_value=0.001, max_value=0.999),
)
def test_the_time_shown_changes_exactly_when_the_next_tick_comes(
    remaining: float, to_the_second: bool, before: float
) -> None:
    """Nothing changes before the tick (a tick sooner would only wake the app), and a tick is
    never late: just after a minute tick the text is another (a tick to the second at the
    deadline's 0:00 may change nothing, as 0:00 lasts two seconds)."""
    wait = seconds_to_change(remaining, to_the_second=to_the_second)
    assert 0 <= wait <= (1 if to_the_second else 62)  # 0: it changes at once
    now = shown(remaining, to_the_second=to_the_second)
    assert shown(remaining - wait * before, to_the_second=to_the_second) == now
    if wait > 0.002:  # and just before the tick too
        assert shown(remaining - wait + 0.001, to_the_second=to_the_second) == now
    if not to_the_second:  # every minute tick changes the text
        assert shown(remaining - wait - 0.001, to_the_second=False) != now


def test_the_minute_under_way_counts_on_both_sides_of_the_deadline() -> None:
    assert [glance_minutes(Timing(0, s)) for s in (1800, 1741, 1740, 61, 60, 1, 0)] == [
        30,
        30,
        29,
        2,
        1,
        1,
        1,
    ]
    assert [glance_minutes(Timing(0, s)) for s in (-1, -60, -61, -120, -121)] == [1, 1, 2, 2, 3]
    assert time_glance(Timing(0, 1799)) == "30 min left"
    assert time_glance(Timing(0, -61)) == "overtime +2 min"


def test_a_minute_tick_lands_where_the_minutes_change() -> None:
    assert seconds_to_change(1800.0, to_the_second=False) == 59  # 30 min left until 29:00
    assert seconds_to_change(61.5, to_the_second=False) == 0.5
    assert seconds_to_change(60.0, to_the_second=False) == 61  # then overtime, at -1 s
    assert math.isclose(seconds_to_change(-1.5, to_the_second=False), 59.5)
    assert math.isclose(seconds_to_change(12.25, to_the_second=True), 0.25)
