"""Export version 2: the check-in and the full reflection round-trip; version 1 still imports."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusmate.core.errors import InvalidData
from focusmate.core.model import (
    CheckIn,
    ChecklistItem,
    CoachingSession,
    CommitmentOutcome,
    Question,
    Reflection,
    Worry,
)
from focusmate.core.records import export_document, merge_sessions, parse_export_document
from tests.core.strategies import sessions
from tests.fakes import T0

slow_ok = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
ids = st.text("abcdef0123456789", min_size=1, max_size=12)
full_reflections = st.builds(
    Reflection,
    answers=st.dictionaries(st.sampled_from(list(Question)), st.integers(1, 5)),
    their_perspective=st.text(max_size=30),
    next_time=st.text(max_size=30),
    complete=st.booleans(),
    empathy=st.one_of(st.none(), st.integers(1, 5)),
    worry=st.one_of(st.none(), st.sampled_from(list(Worry))),
    worry_note=st.text(max_size=30),
    previous_session_id=st.one_of(st.none(), ids),
    same_challenge=st.one_of(st.none(), st.booleans()),
    commitment_outcome=st.one_of(st.none(), st.sampled_from(list(CommitmentOutcome))),
)
checkins = st.builds(
    CheckIn,
    intention=st.text(max_size=40).map(str.strip),
    checked=st.frozensets(st.sampled_from(list(ChecklistItem))),
    slowed_down_s=st.integers(0, 600),
)


@st.composite
def full_sessions(draw: st.DrawFn) -> CoachingSession:
    base = draw(sessions())
    reflection = None if base.running else draw(st.one_of(st.none(), full_reflections))
    return CoachingSession(
        base.id,
        base.with_name,
        base.started_at,
        base.planned_minutes,
        base.focus,
        base.ended_at,
        base.marks,
        reflection,
        draw(st.one_of(st.none(), checkins)),
    )


@slow_ok
@given(st.lists(full_sessions(), max_size=5, unique_by=lambda s: s.id))
def test_version_2_round_trips_everything(data: list[CoachingSession]) -> None:
    text = json.dumps(export_document(data), ensure_ascii=False)
    assert parse_export_document(json.loads(text)) == data


FULL = CoachingSession(
    "s2",
    "Ana",
    T0,
    30,
    ended_at=T0 + timedelta(minutes=30),
    reflection=Reflection(
        dict.fromkeys(Question, 4),
        "worried",
        "ask first",
        complete=True,
        empathy=3,
        worry=Worry.CAME_UP,
        worry_note="the Brennan account",
        previous_session_id="s1",
        same_challenge=True,
        commitment_outcome=CommitmentOutcome.PARTLY,
    ),
    checkin=CheckIn(
        "Empathy first, advice second",
        frozenset({ChecklistItem.PHONE_AWAY, ChecklistItem.OTHER_APPS_CLOSED}),
        60,
    ),
)


def test_the_documented_version_2_shape() -> None:
    doc = export_document([FULL])
    assert doc["version"] == 3  # version 3 only adds each session's "kind"
    record = doc["sessions"][0]
    assert record["checkin"] == {
        "intention": "Empathy first, advice second",
        "checklist": ["other_apps_closed", "phone_away"],
        "slowed_down_s": 60,
    }
    reflection = record["reflection"]
    assert {
        k: reflection[k]
        for k in (
            "empathy",
            "worry",
            "worry_note",
            "previous_session_id",
            "same_challenge",
            "commitment_outcome",
        )
    } == {
        "empathy": 3,
        "worry": "came_up",
        "worry_note": "the Brennan account",
        "previous_session_id": "s1",
        "same_challenge": True,
        "commitment_outcome": "partly",
    }
    assert reflection["next_time"] == "ask first"  # the commitment keeps its v1 name


def version_1_document() -> dict[str, Any]:
    """A file written by focusmate before the check-in existed (hand-written, as v1 wrote it)."""
    return {
        "format": "focusmate-export",
        "version": 1,
        "sessions": [
            {
                "id": "old1",
                "with": "Ana",
                "focus": "",
                "started_at": "2026-11-23T09:00:00+00:00",
                "ended_at": "2026-11-23T09:30:00+00:00",
                "planned_minutes": 30,
                "marks": [{"kind": "phone", "at": "2026-11-23T09:05:00+00:00"}],
                "reflection": {
                    "answers": {q.value: 4 for q in Question},
                    "their_perspective": "tired",
                    "next_time": "pause",
                    "complete": True,
                },
            }
        ],
    }


def test_version_1_files_still_import() -> None:
    [session] = parse_export_document(version_1_document())
    assert session.checkin is None
    reflection = session.reflection
    assert reflection is not None and reflection.complete
    assert reflection.next_time == "pause" and reflection.commitment == "pause"
    assert (reflection.empathy, reflection.worry, reflection.same_challenge) == (None, None, None)
    again = parse_export_document(json.loads(json.dumps(export_document([session]))))
    assert again == [session]  # and re-export as version 2 loses nothing


def test_version_1_then_2_merge_adds_what_was_missing() -> None:
    [old] = parse_export_document(version_1_document())
    newer = CoachingSession(
        old.id,
        old.with_name,
        old.started_at,
        old.planned_minutes,
        ended_at=old.ended_at,
        checkin=CheckIn("listen"),
    )
    result = merge_sessions({old.id: old}, [newer])
    assert result.updated == 1 and result.to_write[0].checkin == CheckIn("listen")
    assert result.to_write[0].reflection == old.reflection


@pytest.mark.parametrize("version", [0, 4, "2", True, None])
def test_unknown_versions_are_refused(version: object) -> None:
    doc = version_1_document()
    doc["version"] = version
    with pytest.raises(InvalidData, match="expected 1, 2 or 3"):
        parse_export_document(doc)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("reflection", "empathy"), 6, "empathy must be 1-5"),
        (("reflection", "empathy"), "4", "whole number"),
        (("reflection", "worry"), "panic", "must be one of came_up"),
        (("reflection", "same_challenge"), "yes", "true or false"),
        (("reflection", "commitment_outcome"), "maybe", "must be one of kept"),
        (("reflection", "previous_session_id"), "", "1-64 characters"),
        (("checkin", "checklist"), ["phone_away", "coffee"], r"checklist\[1\] must be one of"),
        (("checkin", "checklist"), "phone_away", "must be a list"),
        (("checkin", "slowed_down_s"), 601, "slow-down seconds"),
        (("checkin", "intention"), "x" * 201, "intention"),
    ],
)
def test_bad_version_2_fields_are_refused_by_name(
    path: tuple[str, str], value: object, message: str
) -> None:
    doc = copy.deepcopy(export_document([FULL]))
    doc["sessions"][0][path[0]][path[1]] = value
    with pytest.raises(InvalidData, match=message):
        parse_export_document(doc)
