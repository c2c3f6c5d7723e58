"""The merge (core.sync_merge, ARCHITECTURE.md "Sync: merge rules"): order-independent,
idempotent, incremental, and each rule by example."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusmate.core.marks import MarkKind
from focusmate.core.model import CheckIn, Mark, Question, Reflection
from focusmate.core.sync_changes import (
    Change,
    CheckinSaved,
    DeviceNamed,
    MarkAdded,
    MarkRemoved,
    Payload,
    ReflectionSaved,
    Refusal,
    SessionEnded,
    SessionStarted,
    SettingChanged,
    change_to_record,
)
from focusmate.core.sync_clock import Hlc
from focusmate.core.sync_merge import (
    ALSO_WRITTEN,
    apply,
    changed_sessions,
    fold,
    may_start,
    reflection_heads,
    running_sessions,
)
from focusmate.core.sync_notices import clock_notices, notices
from focusmate.core.sync_records import change_from_record
from focusmate.core.sync_setting_items import SyncedKey
from focusmate.core.sync_settings import SyncedSettings
from tests.core.strategies import reflections
from tests.core.test_sync_scenarios import scenarios, view
from tests.fakes import T0

merge_settings = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


# --- properties --------------------------------------------------------------------


@merge_settings
@given(st.data(), scenarios())
def test_any_order_of_the_same_changes_gives_the_same_state(
    data: st.DataObject, changes: list[Change]
) -> None:
    shuffled = data.draw(st.permutations(changes))
    assert view(fold(shuffled)) == view(fold(changes))


@merge_settings
@given(st.data(), scenarios())
def test_a_change_folded_twice_counts_once(data: st.DataObject, changes: list[Change]) -> None:
    again = data.draw(st.lists(st.sampled_from(changes))) if changes else []
    assert view(fold([*changes, *again])) == view(fold(changes))
    assert view(fold([*changes, *changes])) == view(fold(changes))


@merge_settings
@given(st.data(), scenarios())
def test_apply_on_a_folded_state_equals_folding_everything(
    data: st.DataObject, changes: list[Change]
) -> None:
    cut = data.draw(st.integers(0, len(changes)))
    earlier = fold(changes[:cut])
    assert view(apply(earlier, changes[cut:])) == view(fold(changes))
    # One at a time, as changes trickle in from the sync folder.
    state = fold([])
    for change in changes:
        state = apply(state, [change])
    assert view(state) == view(fold(changes))


@merge_settings
@given(scenarios())
def test_apply_leaves_the_state_it_was_given_alone(changes: list[Change]) -> None:
    half = len(changes) // 2
    before = fold(changes[:half])
    seen = view(before)
    apply(before, changes[half:])
    assert view(before) == seen


@merge_settings
@given(scenarios())
def test_records_fold_like_the_changes_they_carry(changes: list[Change]) -> None:
    records = [change_to_record(c) for c in changes]
    assert [change_from_record(r) for r in records] == changes
    assert view(fold(records)) == view(fold(changes))


@merge_settings
@given(scenarios())
def test_marks_are_the_union_of_added_minus_removed(changes: list[Change]) -> None:
    state = fold(changes)
    for session_id, session in state.sessions.items():
        added = {
            c.payload.mark: Mark(c.payload.kind, c.payload.at)
            for c in changes
            if isinstance(c.payload, MarkAdded) and c.payload.session == session_id
        }
        removed = {
            c.payload.mark
            for c in changes
            if isinstance(c.payload, MarkRemoved) and c.payload.session == session_id
        }
        by_time = sorted((m for k, m in added.items() if k not in removed), key=_when)
        assert sorted(session.marks, key=_when) == by_time


def _when(mark: Mark) -> tuple[datetime, str]:
    return (mark.at, mark.kind)


@merge_settings
@given(scenarios())
def test_the_end_is_the_latest_by_clock(changes: list[Change]) -> None:
    state = fold(changes)
    for session_id, session in state.sessions.items():
        ends = [
            c
            for c in changes
            if isinstance(c.payload, SessionEnded) and c.payload.session == session_id
        ]
        if not ends:
            assert session.running
            continue
        latest = max(ends, key=lambda c: (c.hlc, c.id)).payload
        assert isinstance(latest, SessionEnded)
        assert session.ended_at == max(latest.ended_at, session.started_at)
        assert session.slept_s == latest.slept_s


# --- examples, rule by rule ----------------------------------------------------------

_SEQUENCE = iter(range(1_000_000))


def change(device: str, wall_ms: int, payload: Payload) -> Change:
    return Change(f"{device}-{next(_SEQUENCE)}", Hlc(wall_ms, 0, device), payload)


def started(session: str = "s1", name: str = "Jordan", device: str = "laptop") -> Change:
    return change(device, 1, SessionStarted(session, name, T0, 30, "pipeline", "coaching"))


def reflection(perspective: str, next_time: str, complete: bool = True) -> Reflection:
    answers = dict.fromkeys(Question, 4)
    return Reflection(answers, perspective, next_time, complete=complete)


def test_concurrent_reflections_keep_both_texts_the_later_one_first() -> None:
    laptop = change("laptop", 10, ReflectionSaved("s1", reflection("worried", "listen")))
    desk = change("desk", 20, ReflectionSaved("s1", reflection("tired", "ask first")))
    name = change("laptop", 5, DeviceNamed("Work laptop"))
    state = fold([started(), laptop, desk, name])
    merged = state.sessions["s1"].reflection
    assert merged is not None
    also = ALSO_WRITTEN.format(device="Work laptop", text="worried")
    assert merged.their_perspective == f"tired\n\n{also}"
    assert "ask first" in merged.next_time and "listen" in merged.next_time
    assert state.conflicts == {"s1": ("laptop", "desk")}
    assert any("Work laptop, desk" in line for line in notices(state))


def test_a_reflection_that_saw_the_other_replaces_it() -> None:
    laptop = change("laptop", 10, ReflectionSaved("s1", reflection("worried", "listen")))
    desk = change("desk", 20, ReflectionSaved("s1", reflection("tired", "ask"), (laptop.id,)))
    state = fold([started(), desk, laptop])
    assert state.sessions["s1"].reflection == reflection("tired", "ask")
    assert state.conflicts == {}
    assert reflection_heads(state, "s1") == (desk.id,)


def test_the_same_reflection_from_two_devices_is_no_conflict() -> None:
    same = reflection("worried", "listen")
    state = fold(
        [
            started(),
            change("laptop", 10, ReflectionSaved("s1", same)),
            change("desk", 20, ReflectionSaved("s1", same)),
        ]
    )
    assert state.sessions["s1"].reflection == same
    assert state.conflicts == {}


def test_a_draft_saved_concurrently_with_a_complete_one_stays_complete() -> None:
    done = change("laptop", 10, ReflectionSaved("s1", reflection("a", "b")))
    draft = change("desk", 20, ReflectionSaved("s1", reflection("c", "d", complete=False)))
    merged = fold([started(), done, draft]).sessions["s1"].reflection
    assert merged is not None and merged.complete


def test_an_undone_mark_stays_undone_whatever_arrives_first() -> None:
    at = T0 + timedelta(minutes=3)
    added = change("laptop", 10, MarkAdded("s1", "m1", "phone", at))
    kept = change("laptop", 11, MarkAdded("s1", "m2", "app", at + timedelta(seconds=5)))
    undone = change("laptop", 12, MarkRemoved("s1", "m1"))
    for order in ([started(), added, kept, undone], [undone, kept, added, started()]):
        assert fold(order).sessions["s1"].marks == (Mark("app", at + timedelta(seconds=5)),)


def test_changes_before_their_session_wait_for_it() -> None:
    mark = change("laptop", 10, MarkAdded("s1", "m1", "phone", T0))
    waiting = fold([mark])
    assert waiting.sessions == {}
    assert any("start has not arrived" in line for line in notices(waiting))
    assert apply(waiting, [started()]).sessions["s1"].marks == (Mark("phone", T0),)


def test_a_running_session_belongs_to_its_device() -> None:
    state = fold([started("s1", "Jordan", "laptop"), started("s2", "Sam", "desk")])
    running = running_sessions(state)
    assert [(r.device, r.session.id) for r in running] == [("desk", "s2"), ("laptop", "s1")]
    refusal = may_start(state, "  jordan ", "desk")
    assert refusal is not None and refusal.message == "in session on laptop with Jordan"
    assert may_start(state, "Jordan", "laptop") is None  # its own: the controller's rule
    assert may_start(state, "Priya", "desk") is None
    ended = apply(state, [change("laptop", 30, SessionEnded("s1", T0, 0))])
    assert may_start(ended, "Jordan", "desk") is None


def test_running_sessions_are_named_after_their_device() -> None:
    state = fold([started(), change("laptop", 2, DeviceNamed("Work laptop"))])
    refusal = may_start(state, "Jordan", "desk")
    assert refusal is not None and refusal.message == "in session on Work laptop with Jordan"


def test_a_settings_item_takes_the_latest_value_and_others_survive() -> None:
    wandered = MarkKind.custom("Mind wandered")
    interrupted = MarkKind.custom("Interrupted them")
    key = SyncedKey.CUSTOM_KINDS
    state = fold(
        [
            change("laptop", 10, SettingChanged(key, "mind-wandered", wandered)),
            change("desk", 11, SettingChanged(key, "interrupted", interrupted)),
            change("desk", 12, SettingChanged(key, "mind-wandered", None)),
        ]
    )
    assert state.settings == SyncedSettings(
        custom_kinds=(interrupted,), removed=frozenset({(key, "mind-wandered")})
    )


def test_two_records_claiming_one_id_give_one_answer_in_any_order() -> None:
    one = Change("same", Hlc(10, 0, "laptop"), SessionEnded("s1", T0, 0))
    other = Change("same", Hlc(10, 0, "laptop"), SessionEnded("s1", T0, 60))
    first = fold([started(), one, other]).sessions["s1"]
    assert fold([other, started(), one]).sessions["s1"] == first


def test_a_malformed_record_is_refused_and_the_rest_merges() -> None:
    good = change_to_record(started())
    state = fold([{"id": "x"}, good, "not an object", {**good, "id": "y", "hlc": "nope"}])
    assert set(state.sessions) == {"s1"}
    assert len(state.refused) == 3
    assert all(isinstance(r, Refusal) and r.reason for r in state.refused)
    assert any("hlc must look like" in line for line in notices(state))


def test_a_change_from_a_newer_focusmate_is_kept_not_shown() -> None:
    future = {**change_to_record(started()), "id": "f1", "type": "session_renamed"}
    state = fold([future, started()])
    assert set(state.unknown) == {"f1"}
    assert state.unknown["f1"].record == future
    assert any("newer focusmate" in line for line in notices(state))


@merge_settings
@given(reflections, reflections, st.booleans())
def test_concurrent_reflections_keep_every_free_text_of_both(
    one: Reflection, other: Reflection, laptop_first: bool
) -> None:
    laptop = change("laptop", 10 if laptop_first else 30, ReflectionSaved("s1", one))
    desk = change("desk", 20, ReflectionSaved("s1", other))
    merged = fold([desk, started(), laptop]).sessions["s1"].reflection
    assert merged is not None
    for name in ("their_perspective", "next_time", "worry_note"):
        for written in (one, other):
            assert getattr(written, name).strip() in getattr(merged, name)
    assert merged.complete == (one.complete or other.complete)


def test_a_later_start_without_a_check_in_keeps_the_check_in_an_earlier_one_carried() -> None:
    checkin = CheckIn(slowed_down_s=60)
    with_it = change("laptop", 1, SessionStarted("s1", "Jordan", T0, 30, "", "coaching", checkin))
    without = change("desk", 5, SessionStarted("s1", "Jordan", T0, 45, "", "coaching"))
    session = fold([without, with_it]).sessions["s1"]
    assert (session.planned_minutes, session.checkin) == (45, checkin)
    newer = CheckIn(slowed_down_s=10)
    saved = change("desk", 9, CheckinSaved("s1", newer))
    assert fold([with_it, saved, without]).sessions["s1"].checkin == newer


def test_versions_that_replace_each_other_in_a_circle_still_show_the_latest() -> None:
    first = Change("A", Hlc(10, 0, "laptop"), ReflectionSaved("s1", reflection("a", "x"), ("B",)))
    second = Change("B", Hlc(20, 0, "desk"), ReflectionSaved("s1", reflection("b", "y"), ("A",)))
    assert fold([started(), first, second]).sessions["s1"].reflection == reflection("b", "y")


@merge_settings
@given(st.data(), scenarios())
def test_writing_the_changed_sessions_brings_a_store_up_to_date(
    data: st.DataObject, changes: list[Change]
) -> None:
    cut = data.draw(st.integers(0, len(changes)))
    before = fold(changes[:cut])
    after = apply(before, changes[cut:])
    store = dict(before.sessions)
    store.update((s.id, s) for s in changed_sessions(before, after))
    assert store == after.sessions
    assert changed_sessions(after, apply(after, changes)) == []


def test_a_device_stamping_hours_ahead_is_named_once() -> None:
    state = fold([started(device="laptop"), change("desk", 3 * 3600 * 1000, DeviceNamed("Desk"))])
    assert clock_notices(state, 3 * 3600 * 1000 - 60_000) == ()
    assert clock_notices(state, 0) == (
        "changes from Desk are stamped 3 hours ahead of this computer's clock; "
        "one of the two clocks is wrong",
    )
