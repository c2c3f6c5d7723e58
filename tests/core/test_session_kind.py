"""Kinds of session: records (old documents read as coaching, version 3 carries any kind id,
even one unknown here; a malformed id is refused in one line), and the catalogue of kinds
(built-ins, the user's added, renamed and removed ones)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.errors import ExitCode, InvalidData, InvalidInput, Problem
from focusmate.core.model import CoachingSession, Mark
from focusmate.core.records import (
    EXPORT_VERSION,
    export_document,
    parse_export_document,
    session_from_record,
    session_to_record,
)
from focusmate.core.session import start_session
from focusmate.core.session_kind import (
    CLIENT,
    COACHING,
    SESSION_KIND_ID_PATTERN,
    SessionKind,
    SessionKinds,
)
from focusmate.core.settings import Settings, settings_from_record, settings_to_record
from tests.fakes import T0


def ended(session_id: str, kind: str = COACHING) -> CoachingSession:
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
    assert session.kind == COACHING
    assert session == ended("a")


def test_a_history_record_saved_before_kinds_reads_as_coaching() -> None:
    assert session_from_record(old_record("a")).kind == COACHING


def test_version_3_carries_each_sessions_kind_and_round_trips() -> None:
    sessions = [ended("a"), ended("b", CLIENT), ended("c", "team-meeting")]
    document = json.loads(json.dumps(export_document(sessions)))
    assert document["version"] == EXPORT_VERSION == 3
    assert [r["kind"] for r in document["sessions"]] == ["coaching", "client", "team-meeting"]
    assert parse_export_document(document) == sessions


def test_an_import_keeps_a_kind_these_settings_never_knew() -> None:
    record = session_to_record(ended("a")) | {"kind": "board-review"}
    document = {"format": "focusmate-export", "version": 3, "sessions": [record]}
    (session,) = parse_export_document(document)
    assert session.kind == "board-review"
    assert session_to_record(session)["kind"] == "board-review"


@pytest.mark.parametrize("kind", ["Party!", "", "-x", "a" * 41, 7])
def test_a_malformed_kind_in_a_file_is_invalid_data_in_one_line(kind: object) -> None:
    record = session_to_record(ended("a")) | {"kind": kind}
    document = {"format": "focusmate-export", "version": 3, "sessions": [record]}
    with pytest.raises(InvalidData, match=r"^sessions\[0\]\.kind") as refused:
        parse_export_document(document)
    assert "\n" not in str(refused.value)
    assert refused.value.exit_code is ExitCode.INVALID_DATA


def test_a_new_session_is_coaching_unless_told() -> None:
    assert start_session("a", "Ana", 30, "", T0).kind == COACHING
    assert start_session("b", "Acme", 30, "", T0, kind=CLIENT).kind == CLIENT


def test_the_built_in_kinds_come_first_and_an_unknown_one_is_a_usage_error() -> None:
    kinds = SessionKinds()
    assert kinds.ids == ("coaching", "client")
    assert [k.label for k in kinds.offered] == ["Coaching session", "Client meeting"]
    with pytest.raises(
        InvalidInput, match="unknown kind of session 'party'; known: coaching, client"
    ) as refused:
        kinds.get("party")
    assert refused.value.exit_code is ExitCode.USAGE
    assert refused.value.problem is Problem.SESSION_KIND_UNKNOWN


def test_an_added_kind_gets_a_stable_id_from_its_name_and_keeps_it_when_renamed() -> None:
    kinds = SessionKinds().with_added("  Team   meeting ").with_added("Interview")
    assert kinds.ids == ("coaching", "client", "team-meeting", "interview")
    assert kinds.get("team-meeting").name == "Team meeting"
    renamed = kinds.with_renamed("team-meeting", "Weekly team call")
    assert renamed.get("team-meeting").label == "Weekly team call"
    assert renamed.ids == kinds.ids


def test_a_removed_kind_is_no_longer_offered_but_still_names_its_sessions() -> None:
    kinds = SessionKinds().with_added("Team meeting").with_removed("team-meeting")
    assert kinds.ids == ("coaching", "client")
    assert kinds.label("team-meeting") == "Team meeting"  # its last name
    assert kinds.label("board-review") == "board-review"  # never known: the id
    with pytest.raises(InvalidInput, match="unknown kind of session 'team-meeting'"):
        kinds.get("team-meeting")
    back = kinds.with_added("team meeting")  # the same id again: its sessions rejoin it
    assert back.get("team-meeting").name == "team meeting"
    assert len(back.added) == 1


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("   ", Problem.SESSION_KIND_EMPTY),
        ("!!!", Problem.SESSION_KIND_NO_LETTER),
        ("x" * 41, Problem.SESSION_KIND_TOO_LONG),
        ("Coaching", Problem.SESSION_KIND_TAKEN),
        ("client meeting", Problem.SESSION_KIND_TAKEN),
    ],
)
def test_a_name_that_cannot_be_a_new_kind_is_refused_with_its_reason(
    name: str, problem: Problem
) -> None:
    with pytest.raises(InvalidInput) as refused:
        SessionKinds().with_added(name)
    assert refused.value.problem is problem


def test_a_control_character_in_a_kinds_name_is_refused() -> None:
    with pytest.raises(InvalidInput, match="control character"):
        SessionKinds().with_added("Team\x1b[31m")


def test_the_built_in_kinds_cannot_be_renamed_or_removed() -> None:
    kinds = SessionKinds()
    with pytest.raises(InvalidInput, match="built in"):
        kinds.with_removed(CLIENT)
    with pytest.raises(InvalidInput, match="built in"):
        kinds.with_renamed(COACHING, "1:1")


def test_two_kinds_cannot_share_an_id() -> None:
    with pytest.raises(InvalidInput) as refused:
        SessionKinds([SessionKind("team", "Team"), SessionKind("team", "Other")])
    assert refused.value.problem is Problem.SESSION_KIND_TAKEN


@given(st.text(max_size=60))
def test_any_name_gives_a_well_formed_id_or_a_clear_refusal(name: str) -> None:
    try:
        kinds = SessionKinds().with_added(name)
    except InvalidInput as refused:
        assert refused.exit_code is ExitCode.USAGE
        return
    (added,) = kinds.added
    assert SESSION_KIND_ID_PATTERN.match(added.value)
    assert kinds.get(added.value) == added


def test_the_settings_keep_added_and_removed_kinds_and_old_files_have_none() -> None:
    kinds = SessionKinds().with_added("Team meeting").with_added("Interview")
    settings = Settings(added_session_kinds=kinds.with_removed("interview").added)
    record = json.loads(json.dumps(settings_to_record(settings)))
    assert record["session_kinds"] == [
        {"id": "team-meeting", "name": "Team meeting", "removed": False},
        {"id": "interview", "name": "Interview", "removed": True},
    ]
    back = settings_from_record(record)
    assert back == settings and back.session_kinds.ids == ("coaching", "client", "team-meeting")
    del record["session_kinds"]
    assert settings_from_record(record).added_session_kinds == ()


@pytest.mark.parametrize(
    "kinds",
    [
        {},
        [{"id": "team"}],
        [{"id": "Team!", "name": "Team"}],
        [{"id": "client", "name": "Clients"}],
        [{"id": "team", "name": "Team", "removed": "yes"}],
        [{"id": "team", "name": "Team"}, {"id": "team", "name": "Team 2"}],
    ],
)
def test_damaged_kinds_in_the_settings_are_invalid_data(kinds: object) -> None:
    record = settings_to_record(Settings()) | {"session_kinds": kinds}
    with pytest.raises(InvalidData):
        settings_from_record(record)
