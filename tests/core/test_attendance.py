"""focusmate.core.attendance: scheduled one-on-ones against held sessions (issue 15, 7)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from random import Random

from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.attendance import EARLY, LATE, Attendance, PersonAttendance, attendance
from focusmate.core.model import CoachingSession
from focusmate.core.one_on_ones import Person, UpcomingOneOnOne

#: Monday 23 November 2026, 10:00 UTC.
MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
LATER = MONDAY + timedelta(days=60)
PEOPLE = (Person("Priya"), Person("Jordan Lee", aliases=("Jo",)), Person("Zoë"))


def meeting(name: str, week: int, minutes: int = 30, *, uid: str = "") -> UpcomingOneOnOne:
    """A one-on-one ``week`` weeks after MONDAY's, ``minutes`` long."""
    starts = MONDAY + timedelta(weeks=week)
    return UpcomingOneOnOne(
        with_name=name,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=minutes),
        source="Work",
        uid=uid or f"{name}-series",
    )


def session(name: str, at: datetime, session_id: str = "") -> CoachingSession:
    return CoachingSession(
        session_id or f"{name}-{at.isoformat()}",
        name,
        at,
        30,
        ended_at=at + timedelta(minutes=30),
    )


def only(result: Attendance) -> PersonAttendance:
    [person] = result.people
    return person


def test_held_and_skipped_with_the_latest_run_of_skips() -> None:
    meetings = [meeting("Priya", week) for week in range(4)]
    sessions = [session("Priya", meetings[0].starts_at), session("Priya", meetings[1].starts_at)]
    priya = only(attendance(meetings, sessions, PEOPLE, now=LATER))
    assert (priya.name, priya.scheduled, priya.judged, priya.held) == ("Priya", 4, 4, 2)
    assert (priya.skipped, priya.skipped_in_a_row, priya.upcoming) == (2, 2, 0)


def test_a_held_meeting_ends_the_run() -> None:
    meetings = [meeting("Priya", week) for week in range(4)]
    sessions = [session("Priya", meetings[3].starts_at)]
    priya = only(attendance(meetings, sessions, PEOPLE, now=LATER))
    assert (priya.held, priya.skipped, priya.skipped_in_a_row) == (1, 3, 0)


def test_an_alias_or_another_spelling_counts_for_the_person() -> None:
    meetings = [meeting("Jordan Lee", 0), meeting("Jordan Lee", 1), meeting("Zoë", 0)]
    sessions = [
        session("Jo", meetings[0].starts_at),
        session("jordan-lee", meetings[1].starts_at),
        session("ZOE", meetings[2].starts_at),
    ]
    result = attendance(meetings, sessions, PEOPLE, now=LATER)
    assert [(p.name, p.held, p.scheduled) for p in result.people] == [
        ("Jordan Lee", 2, 2),
        ("Zoë", 1, 1),
    ]
    assert result.of("jo") == result.people[0]
    assert result.of("Nobody") is None


def test_a_session_twenty_minutes_late_still_counts_and_the_window_has_edges() -> None:
    one = meeting("Priya", 0)
    for at, counts in (
        (one.starts_at + timedelta(minutes=20), True),
        (one.starts_at - EARLY, True),
        (one.ends_at + LATE, True),
        (one.starts_at - EARLY - timedelta(seconds=1), False),
        (one.ends_at + LATE + timedelta(seconds=1), False),
    ):
        priya = only(attendance([one], [session("Priya", at)], PEOPLE, now=LATER))
        assert priya.held == counts, at


def test_a_meeting_not_ended_yet_is_neither_held_nor_skipped() -> None:
    past, today, ahead = meeting("Priya", 0), meeting("Priya", 1), meeting("Priya", 2)
    now = today.starts_at + timedelta(minutes=10)  # today's is under way, no session yet
    priya = only(attendance([past, today, ahead], [], PEOPLE, now=now))
    assert (priya.scheduled, priya.judged, priya.held, priya.upcoming) == (3, 1, 0, 2)
    assert priya.skipped_in_a_row == 1


def test_one_session_serves_one_meeting_only() -> None:
    first = meeting("Priya", 0)
    second = UpcomingOneOnOne(
        "Priya",
        first.ends_at,
        first.ends_at + timedelta(minutes=30),
        "Work",
        "second",
    )
    between = session("Priya", first.ends_at)  # inside both windows
    priya = only(attendance([first, second], [between], PEOPLE, now=LATER))
    assert (priya.held, priya.skipped) == (1, 1)
    # With a second session both are held, whichever order they came in.
    later = session("Priya", second.starts_at + timedelta(minutes=5), "later")
    for sessions in ([between, later], [later, between]):
        assert only(attendance([second, first], sessions, PEOPLE, now=LATER)).held == 2


def test_sessions_without_a_meeting_count_for_nothing() -> None:
    sessions = [session("Priya", MONDAY), session("Ben", MONDAY), session("Ben", LATER)]
    assert attendance([], sessions, PEOPLE, now=LATER).people == ()
    result = attendance([meeting("Priya", 1)], sessions, PEOPLE, now=LATER)
    assert [(p.name, p.held, p.skipped) for p in result.people] == [("Priya", 0, 1)]


def test_the_look_back_counts_only_in_the_run() -> None:
    meetings = [meeting("Priya", week) for week in range(3)] + [meeting("Jordan Lee", 0)]
    since = meetings[2].starts_at - timedelta(days=1)
    result = attendance(meetings, [session("Priya", MONDAY)], PEOPLE, now=LATER, since=since)
    priya = only(result)  # Jordan's only meeting is before the period
    assert (priya.scheduled, priya.judged, priya.held, priya.skipped_in_a_row) == (1, 1, 0, 2)
    assert (result.scheduled, result.judged, result.held, result.upcoming) == (1, 1, 0, 0)


def test_a_name_the_people_list_does_not_know_is_its_own_person() -> None:
    meetings = [meeting("Ben", 0), meeting("🙂", 0), meeting("🙃", 0)]
    sessions = [session("BEN", MONDAY), session("🙂", MONDAY)]
    result = attendance(meetings, sessions, (), now=LATER)
    assert sorted((p.name, p.held) for p in result.people) == [("Ben", 1), ("🙂", 1), ("🙃", 0)]


# -- properties ----------------------------------------------------------------------------

NAMES = ["Priya", "priya", "Jordan Lee", "Jo", "Zoë", "ZOE", "Ben", "BEN", "🙂"]
minutes = st.integers(-2 * 24 * 60, 2 * 24 * 60)
meetings = st.builds(
    lambda name, offset, length, uid: UpcomingOneOnOne(
        name,
        MONDAY + timedelta(minutes=offset),
        MONDAY + timedelta(minutes=offset + length),
        "Work",
        uid,
    ),
    st.sampled_from(NAMES),
    minutes,
    st.integers(0, 180),
    st.sampled_from(["a", "b", "c"]),
)
held_sessions = st.builds(
    lambda name, offset, number: session(name, MONDAY + timedelta(minutes=offset), str(number)),
    st.sampled_from(NAMES),
    minutes,
    st.integers(),
)
moments = st.builds(lambda offset: MONDAY + timedelta(minutes=offset), minutes)


@given(
    st.lists(meetings, max_size=12),
    st.lists(held_sessions, max_size=12),
    moments,
    st.one_of(st.none(), moments),
)
def test_held_never_exceeds_scheduled_and_totals_are_the_sums(
    scheduled: list[UpcomingOneOnOne],
    sessions: list[CoachingSession],
    now: datetime,
    since: datetime | None,
) -> None:
    result = attendance(scheduled, sessions, PEOPLE, now=now, since=since)
    for person in result.people:
        assert 0 <= person.held <= person.judged <= person.scheduled
        assert person.skipped >= 0 and person.upcoming >= 0
    assert result.scheduled == sum(p.scheduled for p in result.people)
    assert result.judged == sum(p.judged for p in result.people)
    assert result.held == sum(p.held for p in result.people)
    assert result.held <= min(result.judged, len(sessions))
    in_period = [m for m in scheduled if since is None or m.starts_at >= since]
    assert result.scheduled == len(in_period)


@given(
    st.lists(meetings, max_size=12),
    st.lists(held_sessions, max_size=12),
    moments,
    st.randoms(use_true_random=False),
)
def test_the_order_of_the_inputs_does_not_matter(
    scheduled: list[UpcomingOneOnOne],
    sessions: list[CoachingSession],
    now: datetime,
    shuffler: Random,
) -> None:
    first = attendance(scheduled, sessions, PEOPLE, now=now)
    meetings_shuffled, sessions_shuffled, people = list(scheduled), list(sessions), list(PEOPLE)
    shuffler.shuffle(meetings_shuffled)
    shuffler.shuffle(sessions_shuffled)
    shuffler.shuffle(people)
    again = attendance(meetings_shuffled, sessions_shuffled, people, now=now)
    assert again == first
