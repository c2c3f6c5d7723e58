"""What a user may type: names, minutes, focus notes."""

from __future__ import annotations

import pytest

from focusmate.core.errors import ExitCode, InvalidInput
from focusmate.core.validation import clean_focus, clean_name, parse_minutes


@pytest.mark.parametrize("text", ["abc", "", "1.5", "3O"])
def test_minutes_that_are_not_numbers_are_refused_with_their_text(text: str) -> None:
    with pytest.raises(InvalidInput, match="whole number") as caught:
        parse_minutes(text)
    assert caught.value.exit_code == ExitCode.USAGE


@pytest.mark.parametrize(("text", "value"), [("1", 1), (" 30 ", 30), ("240", 240)])
def test_minutes_in_range(text: str, value: int) -> None:
    assert parse_minutes(text) == value


@pytest.mark.parametrize("text", ["0", "-5", "241", "99999"])
def test_minutes_out_of_range(text: str) -> None:
    with pytest.raises(InvalidInput, match="between 1 and 240"):
        parse_minutes(text)


def test_name_messages_say_what_is_wrong() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        clean_name(" \t ")
    with pytest.raises(InvalidInput, match="10000 characters"):
        clean_name("n" * 10_000)


def test_focus_is_optional_but_bounded() -> None:
    assert clean_focus("") == ""
    with pytest.raises(InvalidInput):
        clean_focus("f" * 501)
