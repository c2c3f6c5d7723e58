"""Snapshots (core.sync_snapshot, rule S10 of ARCHITECTURE.md "Sync: merge rules"): a new
device that loads one and applies what came later has what folding everything gives."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusmate.core.model import Question, Reflection
from focusmate.core.sync_changes import (
    Change,
    ReflectionSaved,
    Refusal,
    SessionStarted,
    change_to_record,
)
from focusmate.core.sync_clock import Hlc
from focusmate.core.sync_merge import MergedState, apply, fold
from focusmate.core.sync_snapshot import SNAPSHOT_FORMAT, load_snapshot, snapshot
from tests.core.test_sync_scenarios import scenarios, view
from tests.fakes import T0

snapshot_settings = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def loaded(state: MergedState) -> MergedState:
    """The snapshot of ``state`` as another device reads it: through JSON text."""
    result = load_snapshot(json.loads(json.dumps(snapshot(state))))
    assert isinstance(result, MergedState), result
    return result


@snapshot_settings
@given(st.data(), scenarios())
def test_snapshot_and_later_changes_equal_folding_everything(
    data: st.DataObject, changes: list[Change]
) -> None:
    cut = data.draw(st.integers(0, len(changes)))
    # Later files may bring again changes the snapshot already holds (a log that came back).
    again = data.draw(st.lists(st.sampled_from(changes[:cut]))) if cut else []
    later = data.draw(st.permutations([*changes[cut:], *again]))
    assert view(apply(loaded(fold(changes[:cut])), later)) == view(fold(changes))


@snapshot_settings
@given(scenarios())
def test_a_snapshot_of_a_loaded_snapshot_is_the_same(changes: list[Change]) -> None:
    once = snapshot(fold(changes))
    assert snapshot(loaded(fold(changes))) == once


@snapshot_settings
@given(scenarios())
def test_a_snapshot_keeps_no_more_changes_than_were_folded(changes: list[Change]) -> None:
    assert len(snapshot(fold(changes))["changes"]) <= len(changes)


def _reflection(text: str) -> Reflection:
    return Reflection(dict.fromkeys(Question, 3), text, "", complete=True)


def test_a_replaced_version_arriving_after_the_snapshot_stays_replaced() -> None:
    """A <- B <- C on three devices: the snapshot keeps only C, and A comes again."""
    start = Change("s", Hlc(1, 0, "a"), SessionStarted("s1", "Jordan", T0, 30, "", "coaching"))
    first = Change("A", Hlc(2, 0, "a"), ReflectionSaved("s1", _reflection("one")))
    second = Change("B", Hlc(3, 0, "b"), ReflectionSaved("s1", _reflection("two"), ("A",)))
    third = Change("C", Hlc(4, 0, "c"), ReflectionSaved("s1", _reflection("three"), ("B",)))
    snap = snapshot(fold([start, first, second, third]))
    assert [r["id"] for r in snap["changes"]] == ["s", "C"]
    merged = apply(loaded(fold([start, first, second, third])), [first, second])
    assert merged.sessions["s1"].reflection == _reflection("three")
    assert merged.conflicts == {}


def test_a_malformed_snapshot_is_refused_whole_and_a_bad_change_inside_alone() -> None:
    assert isinstance(load_snapshot({"format": "other"}), Refusal)
    assert isinstance(load_snapshot([]), Refusal)
    bad_seen = {"format": SNAPSHOT_FORMAT, "v": 1, "last_seen": {"a": "x"}, "superseded": {}}
    refusal = load_snapshot({**bad_seen, "changes": []})
    assert isinstance(refusal, Refusal) and "hlc must look like" in refusal.reason
    start = Change("s", Hlc(1, 0, "a"), SessionStarted("s1", "Jordan", T0, 30, "", "coaching"))
    good = {"format": SNAPSHOT_FORMAT, "v": 1, "last_seen": {}, "superseded": {}}
    state = load_snapshot({**good, "changes": [change_to_record(start), {"id": 3}]})
    assert isinstance(state, MergedState)
    assert set(state.sessions) == {"s1"} and len(state.refused) == 1
