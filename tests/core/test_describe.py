"""Status texts: the windows' words follow the user's language, exports and the CLI stay English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from focusmate.core.describe import (
    counts_text,
    shown_counts_text,
    status_line,
    status_text,
    time_spoken,
    time_text,
)
from focusmate.core.marks import MarkKind, MarkKinds
from focusmate.core.model import CoachingSession, Mark
from focusmate.core.session_time import Timing
from focusmate.core.text import use_translator

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
KINDS = MarkKinds([MarkKind.custom("Mind wandered")])
COUNTS = {"phone": 2, "mind-wandered": 1}


@pytest.fixture
def shouting() -> Iterator[None]:
    """A stand-in language: every translated text in capitals (placeholders kept)."""

    def shout(_context: str, text: str, _disambiguation: str | None = None) -> str:
        return "".join(
            part if part.startswith("{") else part.upper() for part in re.split(r"(\{\w+\})", text)
        )

    use_translator(shout)
    yield
    use_translator(None)


def test_english_by_default() -> None:
    session = CoachingSession("s1", "Ana", T0, 30, marks=(Mark("phone", T0),))
    timing = Timing(elapsed_s=60, remaining_s=29 * 60)
    assert (
        status_line(session, timing) == "Coaching Ana: 29 min left; 1 phone check, 0 app switches"
    )
    assert status_line(None, None) == "Idle: no coaching session running"
    assert time_text(Timing(elapsed_s=0, remaining_s=-61)) == "overtime +1:01"
    assert shown_counts_text(COUNTS, KINDS) == counts_text(COUNTS, KINDS)


@pytest.mark.usefixtures("shouting")
def test_windows_follow_the_language_but_exports_do_not() -> None:
    assert shown_counts_text(COUNTS, KINDS) == "2 PHONE CHECKS, 0 APP SWITCHES, 1 × mind wandered"
    assert counts_text(COUNTS, KINDS) == "2 phone checks, 0 app switches, 1 × mind wandered"
    assert MarkKind.PHONE.shown_label == "PHONE CHECK" and MarkKind.PHONE.label == "phone check"
    assert MarkKind.APP.counted(1) == "1 app switch"  # ids and English words stay for data
    assert KINDS.get("mind-wandered").shown_label == "mind wandered"  # the user's own words
    assert time_spoken(Timing(elapsed_s=0, remaining_s=90)) == "TIME LEFT: 2 MINUTES"


def test_the_cli_status_is_english() -> None:
    status = {
        "session": {
            "with": "Ana",
            "elapsed_s": 60,
            "remaining_s": 1740,
            "marks": {"phone": 1, "app": 0},
        }
    }
    assert status_text(status) == "Coaching Ana: 29:00 left; 1 phone check, 0 app switches"
    assert status_text({"session": None}) == "Idle: no coaching session running"


@pytest.mark.parametrize(
    ("remaining_s", "spoken"),
    [
        (1800, "Time left: 30 minutes"),
        (1799, "Time left: 30 minutes"),
        (60, "Time left: 1 minute"),
        (1, "Time left: 1 minute"),
        (0, "Time left: 0 minutes"),
        (-59, "Overtime: less than a minute"),
        (-60, "Overtime: 1 minute"),
        (-3600, "Overtime: 60 minutes"),
    ],
)
def test_time_is_spoken_in_whole_minutes(remaining_s: int, spoken: str) -> None:
    assert time_spoken(Timing(elapsed_s=0, remaining_s=remaining_s)) == spoken
