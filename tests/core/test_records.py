"""Records and the export document: exact round trips, whole-file validation, safe merges."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusmate.core.errors import InvalidData
from focusmate.core.model import CoachingSession, Mark, Question, Reflection
from focusmate.core.records import (
    export_document,
    merge_sessions,
    parse_export_document,
    session_from_record,
    session_to_record,
)
from tests.core.strategies import sessions
from tests.fakes import T0

slow_ok = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


@slow_ok
@given(st.lists(sessions(), max_size=6, unique_by=lambda s: s.id))
def test_export_round_trips_exactly_through_json(data: list[CoachingSession]) -> None:
    text = json.dumps(export_document(data), ensure_ascii=False)
    assert parse_export_document(json.loads(text)) == data


def test_export_has_the_documented_shape() -> None:
    session = CoachingSession(
        "id1",
        "Ana",
        T0,
        30,
        focus="listen",
        ended_at=T0 + timedelta(minutes=31),
        marks=(Mark("phone", T0 + timedelta(minutes=2)),),
        reflection=Reflection(dict.fromkeys(Question, 4), "worried", "ask first", complete=True),
    )
    doc = export_document([session])
    assert (doc["format"], doc["version"]) == ("focusmate-export", 3)
    record = doc["sessions"][0]
    assert record["with"] == "Ana" and record["planned_minutes"] == 30
    assert record["started_at"] == "2026-11-23T09:00:00+00:00"
    assert record["marks"] == [{"kind": "phone", "at": "2026-11-23T09:02:00+00:00"}]
    assert record["reflection"]["answers"] == {
        "fully_present": 4,
        "person_over_phone": 4,
        "understood_before_advising": 4,
        "respect_like_top_client": 4,
    }
    assert record["reflection"]["their_perspective"] == "worried"
    assert record["reflection"]["next_time"] == "ask first"
    assert record["kind"] == "coaching"


def good_record() -> dict[str, Any]:
    return session_to_record(
        CoachingSession("id1", "Ana", T0, 30, ended_at=T0, marks=(Mark("app", T0),))
    )


BREAKAGES: list[tuple[str, Any]] = [
    ("id", ""),
    ("id", 7),
    ("with", "   "),
    ("with", None),
    ("planned_minutes", 0),
    ("planned_minutes", "30"),
    ("planned_minutes", True),
    ("started_at", "yesterday"),
    ("started_at", "2026-11-23T09:00:00"),
    ("ended_at", "2026-11-22T09:00:00+00:00"),
    ("marks", "many"),
    ("marks", [{"kind": "Nap Time!", "at": "2026-11-23T09:00:00+00:00"}]),
    ("marks", [{"kind": "phone"}]),
    ("reflection", {"answers": {"fully_present": 6}}),
    ("reflection", {"answers": {"mood": 3}}),
    ("reflection", []),
    ("focus", 3),
    ("kind", "Party!"),
    ("kind", None),
]


@pytest.mark.parametrize(("field", "value"), BREAKAGES)
def test_each_broken_field_is_refused_with_its_name(field: str, value: Any) -> None:
    record = good_record()
    record[field] = value
    with pytest.raises(InvalidData, match=field.split("_", maxsplit=1)[0]):
        session_from_record(record, where="s")


@pytest.mark.parametrize(
    "document",
    [
        None,
        [],
        "text",
        {},
        {"format": "other", "version": 1, "sessions": []},
        {"format": "focusmate-export", "version": 99, "sessions": []},
        {"format": "focusmate-export", "version": 1, "sessions": {}},
        {"format": "focusmate-export", "version": 1, "sessions": [good_record(), good_record()]},
    ],
)
def test_malformed_documents_are_refused_whole(document: object) -> None:
    with pytest.raises(InvalidData):
        parse_export_document(document)


def test_extra_keys_are_allowed() -> None:
    record = good_record() | {"tags": ["x"]}
    doc = {"format": "focusmate-export", "version": 1, "sessions": [record], "note": "hi"}
    assert parse_export_document(doc)[0].id == "id1"


@slow_ok
@given(
    st.lists(sessions(), max_size=5, unique_by=lambda s: s.id),
    st.lists(sessions(), max_size=5, unique_by=lambda s: s.id),
)
def test_merging_is_idempotent_and_never_drops_saved_data(
    saved: list[CoachingSession], incoming: list[CoachingSession]
) -> None:
    existing = {s.id: s for s in saved}
    # Let some incoming sessions share ids with saved ones.
    incoming = [
        replace(s, id=saved[i].id) if i < len(saved) and i % 2 == 0 else s
        for i, s in enumerate(incoming)
    ]
    incoming = list({s.id: s for s in incoming}.values())
    first = merge_sessions(existing, incoming)
    after = existing | {s.id: s for s in first.to_write}
    for old in saved:
        new = after[old.id]
        assert set(old.marks) <= set(new.marks)
        assert old.ended_at is None or new.ended_at == old.ended_at
        assert old.reflection is None or new.reflection is not None
        if old.reflection is not None and old.reflection.complete:
            assert new.reflection == old.reflection
    second = merge_sessions(after, incoming)
    assert second.to_write == () and second.added == 0 and second.updated == 0
    counted = first.added + first.updated + first.unchanged + first.skipped_running
    assert counted == len(incoming)
    # An import never creates a running session (issue 13, finding 3).
    assert not any(s.running for s in first.to_write)
    assert first.skipped_running == sum(1 for s in incoming if s.running)


def test_merge_fills_what_is_missing() -> None:
    old = CoachingSession("id1", "Ana", T0, 30, ended_at=T0, marks=(Mark("app", T0),))
    later = T0 + timedelta(minutes=1)
    new = replace(
        old,
        marks=(Mark("phone", later),),
        reflection=Reflection({Question.FULLY_PRESENT: 2}, complete=False),
    )
    result = merge_sessions({"id1": old}, [new])
    merged = result.to_write[0]
    assert merged.marks == (Mark("app", T0), Mark("phone", later))
    assert merged.reflection == new.reflection and result.updated == 1


def test_parsing_does_not_mutate_its_input() -> None:
    doc = export_document([CoachingSession("id1", "Ana", T0, 30)])
    before = copy.deepcopy(doc)
    parse_export_document(doc)
    assert doc == before
