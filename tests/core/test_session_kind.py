"""Kinds of session in records: old documents read as coaching, version 3 carries the kind,
an unknown kind is refused with one line; and the kind's parser for requests and commands."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from focusmate.core.errors import ExitCode, InvalidData, InvalidInput
from focusmate.core.model import CoachingSession, Mark
from focusmate.core.records import (
    EXPORT_VERSION,
    export_document,
    parse_export_document,
    session_from_record,
    session_to_record,
)
from focusmate.core.session import start_session
from focusmate.core.session_kind import SESSION_KIND_IDS, SessionKind, session_kind
from tests.fakes import T0


def ended(session_id: str, kind: SessionKind = SessionKind.COACHING) -> CoachingSession:
    return CoachingSession(
        session_id,
        "Ana",
        T0,
        30,
        ended_at=T0 + timedelta(minutes=30),
        marks=(Mark("phone", T0),),
        kind=kind,
    )


def old_record(session_id: str) -> dict[str, object]:
    """A record as versions 1 and 2 wrote it: no "kind"."""
    record = session_to_record(ended(session_id))
    del record["kind"]
    return record


@pytest.mark.parametrize("version", [1, 2])
def test_sessions_of_a_version_1_or_2_export_read_as_coaching(version: int) -> None:
    document = {"format": "focusmate-export", "version": version, "sessions": [old_record("a")]}
    (session,) = parse_export_document(json.loads(json.dumps(document)))
    assert session.kind is SessionKind.COACHING
    assert session == ended("a")


def test_a_history_record_saved_before_kinds_reads_as_coaching() -> None:
    assert session_from_record(old_record("a")).kind is SessionKind.COACHING


def test_version_3_carries_each_sessions_kind_and_round_trips() -> None:
    sessions = [ended("a"), ended("b", SessionKind.CLIENT)]
    document = json.loads(json.dumps(export_document(sessions)))
    assert document["version"] == EXPORT_VERSION == 3
    assert [r["kind"] for r in document["sessions"]] == ["coaching", "client"]
    assert parse_export_document(document) == sessions


def test_an_unknown_kind_in_a_file_is_invalid_data_in_one_line() -> None:
    record = session_to_record(ended("a")) | {"kind": "party"}
    document = {"format": "focusmate-export", "version": 3, "sessions": [record]}
    with pytest.raises(InvalidData) as refused:
        parse_export_document(document)
    message = str(refused.value)
    assert message == "sessions[0].kind must be one of coaching, client, not 'party'"
    assert refused.value.exit_code is ExitCode.INVALID_DATA


def test_a_new_session_is_coaching_unless_told() -> None:
    assert start_session("a", "Ana", 30, "", T0).kind is SessionKind.COACHING
    client = start_session("b", "Acme", 30, "", T0, kind=SessionKind.CLIENT)
    assert client.kind is SessionKind.CLIENT


def test_a_kind_is_named_by_its_id_and_an_unknown_one_is_a_usage_error() -> None:
    assert [session_kind(i) for i in SESSION_KIND_IDS] == list(SessionKind)
    assert SESSION_KIND_IDS == ("coaching", "client")
    with pytest.raises(
        InvalidInput, match="unknown kind of session 'party'; known: coaching, client"
    ):
        session_kind("party")
