"""Reading change records from other machines (core.sync_records; rules S8 and S9 of
ARCHITECTURE.md "Sync: merge rules"): every field checked, a clear reason, never a crash."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusmate.core.sync_changes import Change, Refusal, UnknownChange, change_to_record
from focusmate.core.sync_merge import MergedState, fold
from focusmate.core.sync_records import change_from_record
from tests.core.test_sync_scenarios import scenarios

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
fuzz_settings = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@fuzz_settings
@given(json_values)
def test_any_json_value_is_refused_or_read_never_raised(value: object) -> None:
    assert isinstance(change_from_record(value), Change | UnknownChange | Refusal)


@fuzz_settings
@given(scenarios(max_steps=8), st.data())
def test_damaged_records_are_refused_and_the_others_still_merge(
    changes: list[Change], data: st.DataObject
) -> None:
    records = [change_to_record(c) for c in changes]
    damaged = copy.deepcopy(records)
    for record in data.draw(st.lists(st.sampled_from(damaged), max_size=4)):
        key = data.draw(st.sampled_from(sorted(record)))
        if data.draw(st.booleans()):
            del record[key]
        else:
            record[key] = data.draw(json_values)
    results = [change_from_record(r) for r in damaged]
    assert all(isinstance(r, Change | UnknownChange | Refusal) for r in results)
    assert all(r.reason for r in results if isinstance(r, Refusal))
    state = fold(damaged)
    assert isinstance(state, MergedState)
    # Every record left whole is merged as if the damaged ones had never been there.
    whole = [r for r, d in zip(records, damaged, strict=True) if r == d]
    assert fold(whole).sessions.keys() <= state.sessions.keys()


BASE: dict[str, Any] = {"v": 1, "id": "c1", "hlc": "0000000003e80000-laptop", "device": "laptop"}
START = {
    **BASE,
    "type": "session_started",
    "session": "s1",
    "with": "Jordan",
    "started_at": "2026-11-23T09:00:00+00:00",
    "planned_minutes": 30,
    "focus": "",
    "kind": "coaching",
    "checkin": None,
}
MARK = {**BASE, "type": "mark_added", "session": "s1", "mark": "m1", "kind": "phone"}
MARK["at"] = "2026-11-23T09:05:00+00:00"


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({**START, "v": 0}, "v must be a whole number"),
        ({**START, "v": True}, "v must be a whole number"),
        ({**START, "id": "has space"}, "id must be 1-64"),
        ({**START, "device": "desk"}, "device is not the device of its hlc"),
        ({**START, "hlc": "yesterday"}, "hlc must look like"),
        ({**START, "type": "Session Started"}, "type must be"),
        ({**START, "session": ""}, "session must be 1-64"),
        ({**START, "planned_minutes": 0}, "planned_minutes"),
        ({**START, "with": "  "}, "with"),
        ({**START, "started_at": "2026-11-23T09:00:00"}, "no UTC offset"),
        ({**START, "kind": "Team Meeting!"}, "kind"),
        ({**START, "checkin": {"checklist": ["phone_on_table"]}}, "checklist"),
        ({**MARK, "at": "soon"}, "is not an ISO 8601 timestamp"),
        ({**MARK, "kind": "Phone!"}, "kind"),
        ({**MARK, "mark": None}, "mark must be"),
        (
            {**BASE, "type": "reflection_saved", "session": "s1", "reflection": {"answers": {}}},
            "",
        ),
        (
            {
                **BASE,
                "type": "reflection_saved",
                "session": "s1",
                "reflection": {"answers": {"fully_present": 9}},
            },
            "answers.fully_present must be 1-5",
        ),
        (
            {**BASE, "type": "reflection_saved", "session": "s1", "reflection": {}, "replaces": 3},
            "replaces must be a list",
        ),
        ({**BASE, "type": "pulse_saved", "session": "s1", "pulse": {"heard": 7}}, "pulse"),
        (
            {**BASE, "type": "session_ended", "session": "s1", "ended_at": None, "slept_s": 0},
            "ended_at",
        ),
        ({**BASE, "type": "settings_changed", "key": "hotkeys", "item": "x"}, "key must be"),
        (
            {
                **BASE,
                "type": "settings_changed",
                "key": "custom_kinds",
                "item": "phone",
                "value": {"name": "Phone"},
            },
            "built-in kind",
        ),
        (
            {
                **BASE,
                "type": "settings_changed",
                "key": "people",
                "item": "sam",
                "value": {"name": "Jordan"},
            },
            "does not name its value",
        ),
        ({**BASE, "type": "device_named", "name": "a\x1bname"}, "control character"),
    ],
)
def test_each_bad_field_is_refused_with_its_reason(record: dict[str, Any], reason: str) -> None:
    result = change_from_record(record)
    if reason == "":  # a reflection without "complete" and answers reads as a draft: valid
        assert isinstance(result, Change)
        return
    assert isinstance(result, Refusal), result
    assert reason in result.reason
    assert result.change_id == (record["id"] if isinstance(record["id"], str) else None)


def test_a_good_record_reads_and_a_future_one_is_kept_whole() -> None:
    assert isinstance(change_from_record(START), Change)
    newer = change_from_record({**START, "v": 2, "extra": [1, 2]})
    assert isinstance(newer, UnknownChange) and newer.record["extra"] == [1, 2]
    assert change_to_record(newer) == {**START, "v": 2, "extra": [1, 2]}
