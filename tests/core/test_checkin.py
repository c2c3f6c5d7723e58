"""Carry-over between one-on-ones: last time's date, notes and commitment; recurring challenges."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.checkin import (
    CarryOver,
    carry_over,
    challenge_chain,
    checked_checkin,
    dnd_line,
    same_person,
)
from focusmate.core.dnd import DndStatus
from focusmate.core.errors import InvalidInput
from focusmate.core.model import CheckIn, ChecklistItem, CoachingSession, Question, Reflection
from tests.fakes import T0

WEEK = timedelta(days=7)


def session(
    sid: str, name: str, weeks: int, reflection: Reflection | None = None, *, ended: bool = True
) -> CoachingSession:
    start = T0 + weeks * WEEK
    return CoachingSession(
        sid,
        name,
        start,
        30,
        ended_at=start + timedelta(minutes=30) if ended else None,
        reflection=reflection,
    )


def reflected(
    commitment: str = "",
    feeling: str = "",
    *,
    same: bool | None = None,
    previous: str | None = None,
) -> Reflection:
    return Reflection(
        dict.fromkeys(Question, 4),
        feeling,
        commitment,
        complete=True,
        empathy=4,
        previous_session_id=previous,
        same_challenge=same,
    )


def test_nothing_carries_over_for_someone_new() -> None:
    carry = carry_over([session("a", "Ana", 0, reflected("ask first"))], "Ben")
    assert carry == CarryOver("Ben")
    assert not carry.has_history and carry.commitment is None and carry.recurring == 0
    assert carry.as_json() == {"commitment": None, "last_session_at": None}


def test_last_times_commitment_and_notes_carry_over() -> None:
    data = [
        session("a", "Ana", 0, reflected("listen longer", "tired")),
        session("b", "Ana", 1, reflected("ask two questions first", "worried about quota")),
        session("c", "Ben", 2, reflected("something for Ben")),
    ]
    carry = carry_over(data, "Ana")
    assert carry.last_session is data[1] and carry.reflected is data[1]
    assert carry.commitment == "ask two questions first"
    assert carry.their_perspective == "worried about quota"
    assert carry.previous_session_id == "b"
    assert carry.as_json() == {
        "commitment": "ask two questions first",
        "last_session_at": "2026-11-30T09:00:00+00:00",
    }


def test_names_match_ignoring_case_and_spacing() -> None:
    assert same_person("  ana   Díaz ", "Ana Díaz")
    assert not same_person("Ana", "Anna")
    carry = carry_over([session("a", "ANA", 0, reflected("pause"))], "ana")
    assert carry.commitment == "pause"


def test_a_skipped_reflection_does_not_lose_the_commitment_before_it() -> None:
    data = [session("a", "Ana", 0, reflected("pause before answering")), session("b", "Ana", 1)]
    carry = carry_over(data, "Ana")
    assert carry.last_session is data[1]  # the date shown is the real last session
    assert carry.reflected is data[0] and carry.commitment == "pause before answering"
    assert carry.previous_session_id == "a"


def test_a_reflection_without_a_commitment_means_none_carries_over() -> None:
    data = [session("a", "Ana", 0, reflected("pause")), session("b", "Ana", 1, reflected("  "))]
    assert carry_over(data, "Ana").commitment is None


def test_only_ended_sessions_before_the_given_time_count() -> None:
    data = [
        session("a", "Ana", 0, reflected("first")),
        session("b", "Ana", 1, reflected("second")),
        session("run", "Ana", 2, ended=False),
    ]
    assert carry_over(data, "Ana", before=data[1].started_at).commitment == "first"
    assert carry_over(data, "Ana").last_session is data[1]  # the running one is not "last"
    assert carry_over(data, "Ana", before=data[0].started_at) == CarryOver("Ana")


def test_a_draft_counts_as_last_time() -> None:
    draft = Reflection({}, "quiet", "ask about her weekend", complete=False)
    assert carry_over([session("a", "Ana", 0, draft)], "Ana").commitment == "ask about her weekend"


def test_the_same_challenge_is_traced_back_through_the_links() -> None:
    data = [
        session("a", "Ana", 0, reflected("x")),
        session("b", "Ana", 1, reflected("y", same=False, previous="a")),
        session("c", "Ana", 2, reflected("z", same=True, previous="b")),
        session("d", "Ana", 3, reflected("w", same=True, previous="c")),
    ]
    by_id = {s.id: s for s in data}
    assert [s.id for s in challenge_chain(by_id, data[3])] == ["b", "c", "d"]
    assert [s.id for s in challenge_chain(by_id, data[1])] == ["b"]
    carry = carry_over(data, "Ana")
    assert carry.recurring == 3 and carry.chain[0].id == "b"


def test_no_recurrence_without_a_yes() -> None:
    data = [
        session("a", "Ana", 0, reflected("x")),
        session("b", "Ana", 1, reflected("y", same=None, previous="a")),
    ]
    assert carry_over(data, "Ana").recurring == 0


def test_a_chain_stops_at_a_missing_session_and_never_loops() -> None:
    loop_a = session("a", "Ana", 0, reflected(same=True, previous="b"))
    loop_b = session("b", "Ana", 1, reflected(same=True, previous="a"))
    assert [s.id for s in challenge_chain({"a": loop_a, "b": loop_b}, loop_b)] == ["a", "b"]
    orphan = session("c", "Ana", 2, reflected(same=True, previous="gone"))
    assert challenge_chain({"c": orphan}, orphan) == (orphan,)


@given(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=12))
def test_chains_are_oldest_first_and_consist_of_yes_links(links: list[tuple[bool, bool]]) -> None:
    data: list[CoachingSession] = []
    for index, (has_reflection, same) in enumerate(links):
        previous = data[-1].id if data else None
        reflection = reflected(same=same, previous=previous) if has_reflection else None
        data.append(session(f"s{index}", "Ana", index, reflection))
    if not data:
        return
    chain = challenge_chain({s.id: s for s in data}, data[-1])
    assert chain[-1] is data[-1]
    assert [s.started_at for s in chain] == sorted(s.started_at for s in chain)
    for later in chain[1:]:
        assert later.reflection is not None and later.reflection.same_challenge


def test_the_do_not_disturb_line() -> None:
    assert dnd_line(None) == (None, "unknown: focusmate cannot tell here; silence them by hand")
    assert dnd_line(DndStatus("dunst", True, "silenced by dunst")) == (True, "silenced by dunst")
    assert dnd_line(DndStatus("dunst", False, "")) == (False, "not silenced yet")
    assert dnd_line(DndStatus(None, False, "no supported desktop"))[0] is None


def test_a_checkin_is_checked() -> None:
    checkin = CheckIn("  listen  ", frozenset({ChecklistItem.PHONE_AWAY}), 60)
    assert checked_checkin(checkin) == CheckIn("listen", frozenset({ChecklistItem.PHONE_AWAY}), 60)
    with pytest.raises(InvalidInput, match="intention"):
        checked_checkin(CheckIn("x" * 201))
    with pytest.raises(InvalidInput, match="slow-down"):
        checked_checkin(CheckIn(slowed_down_s=-1))
