"""Kinds of marks: built-ins, the user's own, ids safe on a command line, and settings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.errors import InvalidData, InvalidInput
from focusmate.core.marks import (
    KIND_ID_PATTERN,
    SUGGESTED_NAMES,
    MarkKind,
    MarkKinds,
    slug,
    with_builtins,
)
from focusmate.core.settings import Settings, settings_from_record, settings_to_record


def test_builtins_speak_plainly() -> None:
    assert MarkKind.PHONE.counted(1) == "1 phone check"
    assert MarkKind.APP.counted(2) == "2 app switches"


def test_the_methods_suggestions_become_kinds() -> None:
    kinds = [MarkKind.custom(name) for name in SUGGESTED_NAMES]
    assert [k.value for k in kinds] == [
        "gave-advice-before-empathy",
        "interrupted-them",
        "mind-wandered",
    ]
    assert kinds[2].counted(3) == "3 × mind wandered"


@given(st.text(min_size=1, max_size=80))
def test_any_name_gives_a_safe_id_or_a_clear_refusal(name: str) -> None:
    try:
        kind = MarkKind.custom(name)
    except InvalidInput as error:
        assert str(error)
        return
    assert KIND_ID_PATTERN.match(kind.value)


@pytest.mark.parametrize("name", ["", "   ", "!!!", "🙂", "x" * 61])
def test_unusable_names(name: str) -> None:
    with pytest.raises(InvalidInput):
        MarkKind.custom(name)


def test_catalogue_orders_and_refuses() -> None:
    kinds = MarkKinds([MarkKind.custom("Mind wandered")])
    assert kinds.ids == ["phone", "app", "mind-wandered"]
    with pytest.raises(InvalidInput, match="known: phone, app, mind-wandered"):
        kinds.get("nap")
    with pytest.raises(InvalidInput, match="share the id"):
        MarkKinds([MarkKind.custom("Mind wandered"), MarkKind.custom("mind  WANDERED")])
    assert kinds.full_counts({"old-kind": 2, "phone": 1}) == {
        "phone": 1,
        "app": 0,
        "mind-wandered": 0,
        "old-kind": 2,
    }
    assert kinds.describe("old-kind").counted(2) == "2 × old kind"


def test_with_builtins_puts_phone_and_app_first() -> None:
    assert list(with_builtins({"zz": 1, "app": 2})) == ["phone", "app", "zz"]


def test_slug_keeps_ascii_letters_from_accents() -> None:
    assert slug("Café crème") == "cafe-creme"


def test_settings_round_trip_and_validation() -> None:
    settings = Settings(
        45,
        "dunst",
        (MarkKind.custom("Interrupted them"),),
        {"phone": "Ctrl+Alt+P", "interrupted-them": "Ctrl+Alt+I"},
    )
    assert settings_from_record(settings_to_record(settings)) == settings
    assert settings_from_record({"version": 1}) == Settings()
    for bad in (
        {"version": 2},
        {"version": 1, "default_minutes": 0},
        {"version": 1, "custom_kinds": [{"id": "phone", "name": "Phone"}]},
        {"version": 1, "custom_kinds": [{"id": "Bad Id", "name": "x"}]},
        {"version": 1, "hotkeys": {"phone": 3}},
        [],
    ):
        with pytest.raises(InvalidData):
            settings_from_record(bad)


def test_undo_cannot_be_a_kind() -> None:
    with pytest.raises(InvalidInput, match="reserved"):
        MarkKinds([MarkKind.custom("Undo")])
    with pytest.raises(InvalidData):
        settings_from_record({"version": 1, "custom_kinds": [{"id": "undo", "name": "Undo"}]})
