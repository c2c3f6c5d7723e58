"""Which calendar events are one-on-ones (core.one_on_ones): every rule by example, then
properties over random titles, attendee lists and event orders."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.calendar_events import Attendee, CalendarEvent, EventStatus, Participation
from focusmate.core.model import CoachingSession
from focusmate.core.one_on_ones import (
    NOT_COACHING,
    Match,
    MatchedBy,
    NotOneOnOne,
    Person,
    Rejection,
    SeriesChoice,
    UpcomingOneOnOne,
    classify,
    deduplicated,
    match,
    name_key,
    name_words,
    next_one_on_ones,
    one_on_ones,
    people_list,
)

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
ME = "manager@example.com"
JORDAN = Person("Jordan", emails=("jordan@example.com",))
ALEX = Person("Alex", emails=("alex@example.com",))
PRIYA = Person("Priya Patel", emails=("priya@example.com",), aliases=("PP",))
PEOPLE = (JORDAN, ALEX, PRIYA)
NO_CHOICES: dict[str, SeriesChoice] = {}


def event(
    summary: str = "",
    *,
    uid: str = "u1",
    source: str = "work",
    starts_at: datetime = T0,
    minutes: int = 30,
    recurrence_id: datetime | None = None,
    attendees: tuple[Attendee, ...] = (),
    organizer: Attendee | None = None,
    status: EventStatus = EventStatus.CONFIRMED,
    all_day: bool = False,
) -> CalendarEvent:
    return CalendarEvent(
        source=source,
        uid=uid,
        recurrence_id=recurrence_id,
        summary=summary,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        all_day=all_day,
        status=status,
        organizer=organizer,
        attendees=attendees,
    )


def judged(
    e: CalendarEvent,
    people: tuple[Person, ...] = PEOPLE,
    choices: dict[str, SeriesChoice] = NO_CHOICES,
) -> Match | Rejection:
    return classify(e, people, me={ME}, series_choices=choices)


def person_of(e: CalendarEvent, people: tuple[Person, ...] = PEOPLE) -> str | None:
    found = match(e, people, me={ME}, series_choices=NO_CHOICES)
    return None if found is None else found.person.name


def session(name: str, day: int) -> CoachingSession:
    return CoachingSession(f"s{day}", name, T0 + timedelta(days=day), 30)


# --- names and the people list ---------------------------------------------------------------


def test_names_compare_without_case_accents_or_spacing() -> None:
    assert name_key("  Zoë   DÍAZ ") == name_key("zoe diaz") == name_key("ZOE-Díaz") == "zoe diaz"
    assert name_key("Jordan") != name_key("Jordana")
    assert name_words("İlker_Öz, Straße") == ("ilker", "oz", "strasse")


def test_people_list_merges_history_into_the_edited_list() -> None:
    edited = [
        Person("Priya Patel", emails=("priya@example.com",), aliases=("Priya",)),
        Person("priya  patel", emails=("p.patel@example.com",), aliases=("PP",)),
        Person("Zoë"),
    ]
    history = [
        session("Priya", 1),  # an alias of an edited person: that person
        session("PRIYA PATEL", 2),
        session("zoe", 3),  # the edited "Zoë", accents ignored
        session("ben", 4),
        session("Ben", 5),  # the latest spelling is kept
        session("Alex", 6),
        session("🙂", 7),  # no word a title could contain
    ]
    people = people_list(history, edited)
    assert people == (
        Person(
            "Priya Patel",
            emails=("priya@example.com", "p.patel@example.com"),
            aliases=("Priya", "PP"),
        ),
        Person("Zoë"),
        Person("Alex"),
        Person("Ben"),
    )


def test_people_list_of_history_alone_keeps_one_spelling_per_name() -> None:
    people = people_list([session("Ana Díaz", 2), session("ana diaz", 1)], [])
    assert people == (Person("Ana Díaz"),)


# --- attendees --------------------------------------------------------------------------------


def test_an_attendee_address_names_the_person_and_the_users_own_is_ignored() -> None:
    e = event(
        "Weekly catch-up",
        attendees=(Attendee(ME), Attendee("JORDAN@example.com", "J")),
        organizer=Attendee("mailto:Manager@Example.com"),
    )
    verdict = judged(e)
    assert isinstance(verdict, Match)
    assert verdict.person == JORDAN and verdict.matched_by is MatchedBy.ATTENDEE


def test_a_salesperson_who_organized_the_meeting_counts() -> None:
    e = event("Catch-up", attendees=(Attendee(ME),), organizer=Attendee("alex@example.com"))
    assert person_of(e) == "Alex"


def test_the_attendee_address_wins_over_a_name_in_the_title() -> None:
    e = event("1:1 Alex", attendees=(Attendee(ME), Attendee("jordan@example.com")))
    assert person_of(e) == "Jordan"


def test_a_person_with_the_users_own_address_is_not_matched_by_it() -> None:
    mine = Person("Me Myself", emails=(ME,))
    e = event("Planning", attendees=(Attendee(ME),), organizer=Attendee(ME))
    assert judged(e, (mine, JORDAN)) == Rejection(e, NotOneOnOne.NOBODY)


def test_two_salespeople_invited_is_ambiguous_unless_the_title_names_one() -> None:
    both = (Attendee(ME), Attendee("alex@example.com"), Attendee("jordan@example.com"))
    group = event("Pipeline review", attendees=both)
    assert judged(group) == Rejection(group, NotOneOnOne.AMBIGUOUS, (JORDAN, ALEX))
    assert person_of(group) is None
    assert person_of(event("1:1 Jordan (Alex shadowing)", attendees=both)) is None
    assert person_of(event("One-on-one with Jordan", attendees=both)) == "Jordan"


def test_unknown_addresses_leave_it_to_the_title() -> None:
    e = event("1:1 priya patel", attendees=(Attendee(ME), Attendee("room-4@example.com")))
    verdict = judged(e)
    assert isinstance(verdict, Match)
    assert verdict.person == PRIYA and verdict.matched_by is MatchedBy.TITLE


# --- titles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "1:1 Jordan",
        "Jordan / Manager",
        "One-on-one with Jordan",
        "Jordan 1-1",
        "1-1 with Jordan",
        "Jordan <> Manager",
        "JORDAN 1:1",
        "jordan's 1:1",
        "[1:1] Jordan",
    ],
)
def test_the_name_in_the_title_names_the_person(title: str) -> None:
    assert person_of(event(title)) == "Jordan"


@pytest.mark.parametrize("title", ["1:1 Jordana", "Jordans 1:1", "1:1 Jo rdan", "Weekly sync", ""])
def test_only_whole_words_match(title: str) -> None:
    e = event(title)
    assert judged(e) == Rejection(e, NotOneOnOne.NOBODY)


def test_aliases_and_accents_match_in_titles() -> None:
    zoe = Person("Zoë Müller", aliases=("Zo",))
    people = (zoe, JORDAN)
    assert person_of(event("1:1 ZOE MULLER"), people) == "Zoë Müller"
    assert person_of(event("Zo / Manager"), people) == "Zoë Müller"
    assert person_of(event("PP 1:1"), PEOPLE) == "Priya Patel"
    assert person_of(event("1:1 Priya"), PEOPLE) is None  # neither name nor alias


def test_two_people_in_the_title_is_ambiguous() -> None:
    e = event("Jordan <> Alex")
    assert judged(e) == Rejection(e, NotOneOnOne.AMBIGUOUS, (JORDAN, ALEX))
    assert person_of(e) is None


def test_a_name_inside_a_longer_name_found_in_the_title_gives_way() -> None:
    lee = Person("Jordan Lee")
    people = (JORDAN, lee)
    assert person_of(event("1:1 Jordan Lee"), people) == "Jordan Lee"
    assert person_of(event("1:1 Jordan"), people) == "Jordan"
    e = event("Jordan Lee / Jordan")  # the short name also stands on its own
    assert judged(e, people) == Rejection(e, NotOneOnOne.AMBIGUOUS, (JORDAN, lee))


# --- what is ignored ----------------------------------------------------------------------------


def test_cancelled_declined_all_day_and_long_events_are_ignored() -> None:
    declined = (Attendee(ME, participation=Participation.DECLINED), Attendee("jordan@example.com"))
    cases = {
        NotOneOnOne.CANCELLED: event("1:1 Jordan", status=EventStatus.CANCELLED),
        NotOneOnOne.DECLINED: event("1:1 Jordan", attendees=declined),
        NotOneOnOne.ALL_DAY: event("1:1 Jordan", all_day=True, minutes=24 * 60),
        NotOneOnOne.TOO_LONG: event("1:1 Jordan", minutes=3 * 60 + 1),
    }
    for reason, e in cases.items():
        assert judged(e) == Rejection(e, reason)


def test_three_hours_exactly_and_others_declining_still_count() -> None:
    assert person_of(event("1:1 Jordan", minutes=180)) == "Jordan"
    others_declined = (
        Attendee(ME, participation=Participation.ACCEPTED),
        Attendee("jordan@example.com", participation=Participation.DECLINED),
    )
    assert person_of(event("Catch-up", attendees=others_declined)) == "Jordan"
    assert person_of(event("1:1 Jordan", status=EventStatus.TENTATIVE)) == "Jordan"


# --- series choices -----------------------------------------------------------------------------


def test_a_series_choice_wins_over_the_rules() -> None:
    invited = event("1:1 Jordan", uid="series", attendees=(Attendee("jordan@example.com"),))
    coached = judged(invited, choices={"series": SeriesChoice("priya patel")})
    assert coached == Match(invited, PRIYA, MatchedBy.SERIES_CHOICE)
    assert judged(invited, choices={"series": NOT_COACHING}) == Rejection(
        invited, NotOneOnOne.MARKED_NOT_COACHING
    )
    assert person_of(invited) == "Jordan"  # another series' choice does not apply
    assert judged(invited, choices={"other": NOT_COACHING}) == Match(
        invited, JORDAN, MatchedBy.ATTENDEE
    )


def test_a_series_choice_does_not_bring_back_a_cancelled_occurrence() -> None:
    e = event("Team lunch", uid="series", status=EventStatus.CANCELLED)
    assert judged(e, choices={"series": SeriesChoice("Jordan")}) == Rejection(
        e, NotOneOnOne.CANCELLED
    )


def test_a_series_choice_for_someone_no_longer_listed_still_stands() -> None:
    e = event("Team lunch", uid="series")
    found = judged(e, choices={"series": SeriesChoice("Sam")})
    assert found == Match(e, Person("Sam"), MatchedBy.SERIES_CHOICE)


# --- many events --------------------------------------------------------------------------------


def test_one_on_ones_deduplicates_keeping_the_first_source_and_sorts_by_start() -> None:
    weekly = [
        event(
            "1:1 Jordan",
            uid="w",
            starts_at=T0 + timedelta(weeks=n),
            recurrence_id=T0 + timedelta(weeks=n),
        )
        for n in (2, 0, 1)
    ]
    copy = replace(weekly[1], source="personal")
    other = event("Alex / Manager", uid="a", starts_at=T0 + timedelta(days=1), source="personal")
    found = one_on_ones(
        [*weekly, copy, other, event("Noise", uid="n")],
        PEOPLE,
        me={ME},
        series_choices=NO_CHOICES,
    )
    assert [(m.person.name, m.event.starts_at, m.event.source) for m in found] == [
        ("Jordan", T0, "work"),
        ("Alex", T0 + timedelta(days=1), "personal"),
        ("Jordan", T0 + timedelta(weeks=1), "work"),
        ("Jordan", T0 + timedelta(weeks=2), "work"),
    ]
    later_first = one_on_ones([copy, *weekly], PEOPLE, me={ME}, series_choices=NO_CHOICES)
    assert later_first[0].event.source == "personal"


def test_deduplicated_keeps_distinct_occurrences_of_one_series() -> None:
    single = event(uid="x")
    first = event(uid="x", recurrence_id=T0)
    second = event(uid="x", recurrence_id=T0 + timedelta(days=7))
    assert deduplicated([single, first, second, replace(first, source="b")]) == [
        single,
        first,
        second,
    ]


def test_next_one_on_ones_looks_seven_days_ahead_from_now() -> None:
    now = T0
    events = [
        event("1:1 Jordan", uid="past", starts_at=now - timedelta(minutes=1)),
        event("1:1 Jordan", uid="now", starts_at=now),
        event("1:1 Alex", uid="soon", starts_at=now + timedelta(days=7) - timedelta(seconds=1)),
        event("1:1 Alex", uid="late", starts_at=now + timedelta(days=7)),
        event("Lunch", uid="noise", starts_at=now + timedelta(hours=1)),
    ]
    upcoming = next_one_on_ones(events, PEOPLE, me={ME}, series_choices=NO_CHOICES, now=now)
    assert [u.uid for u in upcoming] == ["now", "soon"]
    assert upcoming[0] == UpcomingOneOnOne("Jordan", T0, T0 + timedelta(minutes=30), "work", "now")
    assert upcoming[0].as_json() == {
        "with": "Jordan",
        "starts_at": "2026-12-07T09:00:00+00:00",
        "ends_at": "2026-12-07T09:30:00+00:00",
        "source": "work",
        "uid": "now",
    }
    one_day = next_one_on_ones(events, PEOPLE, me={ME}, series_choices=NO_CHOICES, now=now, days=1)
    assert [u.uid for u in one_day] == ["now"]


def test_next_one_on_ones_refuses_a_naive_now_or_negative_days() -> None:
    with pytest.raises(ValueError, match="aware"):
        next_one_on_ones([], PEOPLE, me={ME}, series_choices=NO_CHOICES, now=datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="negative"):
        next_one_on_ones([], PEOPLE, me={ME}, series_choices=NO_CHOICES, now=T0, days=-1)


# --- properties ---------------------------------------------------------------------------------

NAME_POOL = ["Jordan", "Jordana", "Jordan Lee", "Alex", "Zoë", "Ana Díaz", "O'Brien", "İlker"]
ADDRESS_POOL = [ME, "jordan@example.com", "alex@example.com", "zoe@example.com", "x@example.org"]
SEPARATORS = ["1:1", "1-1", "/", "<>", "with", "One-on-one", "-", ":"]

person_names = st.one_of(st.sampled_from(NAME_POOL), st.text(max_size=12))
people_lists = st.lists(
    st.builds(
        Person,
        name=person_names,
        emails=st.lists(st.sampled_from(ADDRESS_POOL), max_size=2).map(tuple),
        aliases=st.lists(person_names, max_size=2).map(tuple),
    ),
    max_size=6,
).map(tuple)
titles = st.one_of(
    st.text(max_size=60),
    st.lists(
        st.one_of(st.sampled_from(NAME_POOL + SEPARATORS), st.text(max_size=8)), max_size=6
    ).map(" ".join),
)
attendee_lists = st.lists(
    st.builds(
        Attendee,
        email=st.one_of(st.sampled_from(ADDRESS_POOL), st.text(max_size=20)),
        name=st.text(max_size=10),
        participation=st.sampled_from(Participation),
    ),
    max_size=5,
).map(tuple)


@st.composite
def events(draw: st.DrawFn, uid: str | None = None) -> CalendarEvent:
    # Few distinct instants, so that starts and occurrences often coincide (ties in the order).
    half_hours = st.integers(-10, 10).map(lambda n: T0 + timedelta(minutes=30 * n))
    starts_at = draw(half_hours)
    # An occurrence may have been moved away from its original start (its RECURRENCE-ID).
    recurrence = draw(st.one_of(st.none(), st.just(starts_at), half_hours))
    return CalendarEvent(
        source=draw(st.sampled_from(["work", "personal"])),
        uid=uid if uid is not None else draw(st.sampled_from(["a", "b", "c", "d"])),
        recurrence_id=recurrence,
        summary=draw(titles),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=draw(st.integers(0, 300))),
        all_day=draw(st.booleans()),
        status=draw(st.sampled_from(EventStatus)),
        organizer=draw(st.one_of(st.none(), st.builds(Attendee, st.sampled_from(ADDRESS_POOL)))),
        attendees=draw(attendee_lists),
    )


@given(events(), people_lists, st.data())
def test_random_events_never_crash_and_a_match_is_someone_listed(
    e: CalendarEvent, people: tuple[Person, ...], data: st.DataObject
) -> None:
    listed = [p.name for p in people if p.key]
    choice = data.draw(
        st.one_of(st.just(NOT_COACHING), st.sampled_from(listed).map(SeriesChoice))
        if listed
        else st.just(NOT_COACHING)
    )
    choices = data.draw(st.sampled_from([{}, {e.uid: choice}]))
    verdict = classify(e, people, me={ME}, series_choices=choices)
    if isinstance(verdict, Match):
        assert verdict.person in people
        assert verdict.event is e
        assert e.status is not EventStatus.CANCELLED and not e.all_day
        assert e.ends_at - e.starts_at <= timedelta(hours=3)
    else:
        assert all(c in people for c in verdict.candidates)
        assert (verdict.reason is NotOneOnOne.AMBIGUOUS) == (len(verdict.candidates) > 1)


@given(events(), people_lists)
def test_a_person_found_by_title_is_named_there_in_whole_words(
    e: CalendarEvent, people: tuple[Person, ...]
) -> None:
    found = match(e, people, me={ME}, series_choices={})
    if found is not None and found.matched_by is MatchedBy.TITLE:
        title = f" {name_key(e.summary)} "
        names = (found.person.name, *found.person.aliases)
        assert any(name_key(n) and f" {name_key(n)} " in title for n in names)


@given(st.lists(events(), max_size=8), events(uid="unrelated"), people_lists)
def test_adding_an_unrelated_event_changes_no_other_match(
    before: list[CalendarEvent], extra: CalendarEvent, people: tuple[Person, ...]
) -> None:
    found = one_on_ones(before, people, me={ME}, series_choices={})
    with_extra = one_on_ones([*before, extra], people, me={ME}, series_choices={})
    assert [m for m in with_extra if m.event is not extra] == found


@given(st.lists(events(), max_size=10), st.randoms(use_true_random=False), people_lists)
def test_deduplication_is_idempotent_and_order_free_for_distinct_keys(
    given_events: list[CalendarEvent], shuffler: random.Random, people: tuple[Person, ...]
) -> None:
    once = deduplicated(given_events)
    assert deduplicated(once) == once
    assert len({e.key for e in once}) == len(once) == len({e.key for e in given_events})
    shuffled = list(once)
    shuffler.shuffle(shuffled)
    assert set(deduplicated(shuffled)) == set(once)
    assert one_on_ones(shuffled, people, me={ME}, series_choices={}) == one_on_ones(
        once, people, me={ME}, series_choices={}
    )


def as_one_on_one(e: CalendarEvent) -> CalendarEvent:
    """``e`` made into a one-on-one with Jordan, keeping its times and its key."""
    return replace(
        e,
        summary="1:1 Jordan",
        all_day=False,
        status=EventStatus.CONFIRMED,
        ends_at=e.starts_at + timedelta(minutes=30),
        attendees=(),
    )


@given(st.lists(events().map(as_one_on_one), max_size=10), st.randoms(use_true_random=False))
def test_the_one_on_ones_come_in_one_order_whatever_order_the_sources_gave(
    given_events: list[CalendarEvent], shuffler: random.Random
) -> None:
    distinct = deduplicated(given_events)
    shuffled = list(distinct)
    shuffler.shuffle(shuffled)
    found = one_on_ones(distinct, (JORDAN,), me={ME}, series_choices={})
    assert len(found) == len(distinct)
    assert one_on_ones(shuffled, (JORDAN,), me={ME}, series_choices={}) == found
    assert [m.event.starts_at for m in found] == sorted(e.starts_at for e in distinct)
