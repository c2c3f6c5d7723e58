"""core.recurring_series: one line per recurring meeting of the coming weeks, with whom the
rules match it or why not, and the user's choice for it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from focusmate.core.calendar_events import Attendee, CalendarEvent, EventStatus, Participation
from focusmate.core.one_on_ones import NOT_COACHING, NotOneOnOne, SeriesChoice
from focusmate.core.recurring_series import recurring_series
from tests.core.test_one_on_ones import ALEX, JORDAN, ME, NO_CHOICES, PEOPLE, T0, event


def weekly(summary: str, uid: str, weeks: int = 3, **fields: Any) -> list[CalendarEvent]:
    """A weekly series' occurrences from T0."""
    starts = [T0 + timedelta(weeks=n) for n in range(weeks)]
    return [event(summary, uid=uid, starts_at=s, recurrence_id=s, **fields) for s in starts]


def test_each_series_once_by_its_next_occurrence_with_the_rules_verdict() -> None:
    events = [
        *weekly("1:1 Jordan", "jordan"),
        *weekly("Jordan / Alex", "both"),
        *weekly("Pipeline review", "nobody"),
        event("1:1 Alex", uid="single"),  # no series: nothing to mark
    ]
    lines = recurring_series(
        events, PEOPLE, me=(ME,), series_choices=NO_CHOICES, now=T0 + timedelta(days=1)
    )
    by_uid = {line.uid: line for line in lines}
    assert set(by_uid) == {"jordan", "both", "nobody"}
    assert by_uid["jordan"].with_name == "Jordan"
    assert by_uid["jordan"].next_starts_at == T0 + timedelta(weeks=1)
    assert by_uid["both"].reason is NotOneOnOne.AMBIGUOUS
    assert by_uid["both"].candidates == ("Jordan", "Alex")
    assert (by_uid["nobody"].with_name, by_uid["nobody"].reason) == (None, NotOneOnOne.NOBODY)


def test_a_choice_is_shown_and_decides() -> None:
    choices = {"both": SeriesChoice("Alex"), "jordan": NOT_COACHING}
    events = [*weekly("1:1 Jordan", "jordan"), *weekly("Jordan / Alex", "both")]
    lines = recurring_series(events, PEOPLE, me=(ME,), series_choices=choices, now=T0)
    by_uid = {line.uid: line for line in lines}
    assert (by_uid["both"].with_name, by_uid["both"].choice) == ("Alex", SeriesChoice("Alex"))
    assert by_uid["jordan"].reason is NotOneOnOne.MARKED_NOT_COACHING
    assert by_uid["jordan"].choice == NOT_COACHING


def test_an_occurrence_that_does_not_take_place_gives_way_to_the_next() -> None:
    first, second, third = weekly("1:1 Jordan", "jordan")
    declined = Attendee(ME, participation=Participation.DECLINED)
    events = [
        replace(first, status=EventStatus.CANCELLED),
        replace(second, attendees=(declined,)),
        third,
    ]
    (line,) = recurring_series(events, PEOPLE, me=(ME,), series_choices=NO_CHOICES, now=T0)
    assert line.next_starts_at == third.starts_at and line.with_name == "Jordan"


def test_only_what_lies_ahead_within_the_days_counts() -> None:
    events = weekly("1:1 Alex", "alex", weeks=2)
    assert (
        recurring_series(
            events, [ALEX], me=(ME,), series_choices=NO_CHOICES, now=T0 + timedelta(weeks=2)
        )
        == []
    )
    later = datetime(2027, 6, 1, tzinfo=T0.tzinfo)
    assert (
        recurring_series(
            weekly("1:1 Jordan", "j"), [JORDAN], me=(ME,), series_choices=NO_CHOICES, now=later
        )
        == []
    )
