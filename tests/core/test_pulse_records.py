"""The pulse in the records (issue 16): export version 3's ``rep_pulse``, older files and
histories without it, a damaged one in a file, how an import merges it, and which session a
pulse is for (core.pulse_target)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.errors import InvalidData, InvalidInput, NotPossibleNow
from focusmate.core.model import CoachingSession
from focusmate.core.pulse import Concern, PulseVia, RepPulse, pulse_to_record
from focusmate.core.pulse_target import LAST, last_ended, named_session, pulse_target
from focusmate.core.records import (
    export_document,
    merge_sessions,
    parse_export_document,
    session_from_record,
    session_to_record,
)
from tests.core.strategies import pulses, sessions
from tests.fakes import T0

PULSE = RepPulse(2, Concern.PARTLY, 3, "More time, please", PulseVia.TYPED, T0 + timedelta(hours=1))
ENDED = CoachingSession("s1", "Jordan", T0, 30, ended_at=T0 + timedelta(minutes=30))


def document(*records: dict[str, Any], version: int = 3) -> dict[str, Any]:
    return {"format": "focusmate-export", "version": version, "sessions": list(records)}


def test_version_3_carries_the_pulse_in_its_documented_shape() -> None:
    record = session_to_record(ENDED.with_pulse(PULSE))
    assert record["rep_pulse"] == {
        "heard": 2,
        "concern": "partly",
        "attention": 3,
        "comment": "More time, please",
        "via": "typed",
        "at": "2026-11-23T10:00:00+00:00",
    }
    assert session_to_record(ENDED)["rep_pulse"] is None
    (back,) = parse_export_document(json.loads(json.dumps(document(record))))
    assert back.rep_pulse == PULSE


@given(st.lists(sessions(), max_size=4, unique_by=lambda s: s.id))
def test_every_session_and_pulse_round_trips_through_an_export(
    data: list[CoachingSession],
) -> None:
    text = json.dumps(export_document(data))
    assert parse_export_document(json.loads(text)) == data


@pytest.mark.parametrize("version", [1, 2, 3])
def test_a_session_without_the_key_has_no_pulse(version: int) -> None:
    """Versions 1 and 2 never had it; a history saved before pulses existed neither."""
    record = session_to_record(ENDED)
    del record["rep_pulse"]
    (back,) = parse_export_document(document(record, version=version))
    assert back.rep_pulse is None
    assert session_from_record(record).rep_pulse is None


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        ({"heard": 0}, "heard must be a whole number from 1 to 5"),
        ({"heard": True}, "heard must be a whole number"),
        ({"concern": "maybe"}, "unknown value"),
        ({"via": "pigeon"}, "unknown value"),
        ({"at": "yesterday"}, "not an ISO 8601 timestamp"),
        ({"at": "2026-11-23T10:00:00"}, "UTC offset"),
        ({"at": "1900-01-01T00:00:00+00:00"}, "between 1970 and 8999"),
        ({"comment": "a\x1b[31m"}, "control character"),
        ({"extra": 1}, "exactly the keys"),
    ],
)
def test_a_damaged_pulse_is_invalid_data_naming_the_session(
    damage: dict[str, object], says: str
) -> None:
    record = session_to_record(ENDED)
    record["rep_pulse"] = {**pulse_to_record(PULSE), **damage}
    with pytest.raises(InvalidData) as raised:
        parse_export_document(document(session_to_record(ENDED), record))
    message = str(raised.value)
    assert message.startswith("sessions[1].rep_pulse") and says in message
    assert "\n" not in message


@pytest.mark.parametrize("value", [[], "typed", 3])
def test_a_pulse_that_is_no_object_is_invalid_data(value: object) -> None:
    record = {**session_to_record(ENDED), "rep_pulse": value}
    with pytest.raises(InvalidData, match=r"^sessions\[0\]\.rep_pulse must be a JSON object$"):
        parse_export_document(document(record))


@given(old=pulses, new=pulses)
def test_an_import_keeps_the_newer_pulse_and_the_saved_one_on_a_tie(
    old: RepPulse, new: RepPulse
) -> None:
    here = ENDED.with_pulse(old)
    (merged,) = merge_sessions({here.id: here}, [ENDED.with_pulse(new)]).to_write or (here,)
    assert merged.rep_pulse == (new if new.at > old.at else old)


@given(pulse=pulses)
def test_an_import_adds_a_pulse_and_never_drops_one(pulse: RepPulse) -> None:
    with_pulse = ENDED.with_pulse(pulse)
    added = merge_sessions({ENDED.id: ENDED}, [with_pulse])
    assert (added.updated, added.to_write) == (1, (with_pulse,))
    kept = merge_sessions({ENDED.id: with_pulse}, [ENDED])
    assert (kept.unchanged, kept.to_write) == (1, ())


def test_last_is_the_session_that_ended_most_recently() -> None:
    early = replace(ENDED, id="early")
    late = replace(
        ENDED, id="late", started_at=T0 - timedelta(hours=1), ended_at=T0 + timedelta(hours=2)
    )
    running = CoachingSession("now", "Ana", T0 + timedelta(hours=3), 30)
    assert last_ended([early, late, running]) == late
    assert pulse_target([running, late, early], LAST) == late
    assert pulse_target([early, late], "early") == early
    assert last_ended([running]) is None


def test_a_pulse_needs_a_known_ended_session() -> None:
    running = CoachingSession("now", "Ana", T0, 30)
    with pytest.raises(NotPossibleNow, match=r"^the session is still running$"):
        pulse_target([running], "now")
    with pytest.raises(InvalidInput, match=r"^no session with the id 'gone'$"):
        pulse_target([running], "gone")
    with pytest.raises(InvalidInput, match=r"^no session has ended yet$"):
        pulse_target([running], LAST)
    assert named_session([running], "now") == running
