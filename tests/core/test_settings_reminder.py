"""The morning reminder's settings: typed, validated, defaults when absent, exact round trip."""

from __future__ import annotations

import json
from datetime import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.errors import InvalidData
from focusmate.core.reminders import MorningReminder
from focusmate.core.settings import Settings, settings_from_record, settings_to_record
from focusmate.storage.settings_store import load_settings, save_settings

reminders = st.builds(
    MorningReminder,
    enabled=st.booleans(),
    at=st.builds(time, st.integers(0, 23), st.integers(0, 59)),
    weekdays=st.frozensets(st.integers(0, 6)),
)


def test_the_default_is_off_at_0730_on_working_days() -> None:
    """Off until ticked (README: both first-run choices are off until you tick them)."""
    reminder = Settings().morning_reminder
    assert reminder == MorningReminder(False, time(7, 30), frozenset({0, 1, 2, 3, 4}))
    assert settings_to_record(Settings())["morning_reminder"] == {
        "enabled": False,
        "time": "07:30",
        "days": ["mon", "tue", "wed", "thu", "fri"],
    }


def test_an_older_settings_file_gets_the_default() -> None:
    assert settings_from_record({"version": 1}).morning_reminder == MorningReminder()
    assert not settings_from_record({"version": 1}).morning_reminder.enabled


@given(reminders)
def test_round_trip_through_json(reminder: MorningReminder) -> None:
    settings = Settings(morning_reminder=reminder)
    record = json.loads(json.dumps(settings_to_record(settings)))
    assert settings_from_record(record) == settings


def test_round_trip_through_the_file(tmp_path: Path) -> None:
    settings = Settings(morning_reminder=MorningReminder(True, time(6, 45), frozenset({0, 2, 6})))
    save_settings(tmp_path, settings)
    assert load_settings(tmp_path) == settings


def test_partial_objects_take_defaults_for_the_rest() -> None:
    record = {"version": 1, "morning_reminder": {"time": "08:15"}}
    reminder = settings_from_record(record).morning_reminder
    assert reminder == MorningReminder(False, time(8, 15), frozenset(range(5)))
    on = settings_from_record({"version": 1, "morning_reminder": {"enabled": True}})
    assert on.morning_reminder == MorningReminder(True, time(7, 30), frozenset(range(5)))
    off = settings_from_record({"version": 1, "morning_reminder": {"enabled": False}})
    assert not off.morning_reminder.enabled


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("07:30", "must be an object"),
        ({"enabled": "yes"}, "enabled must be true or false"),
        ({"time": 730}, "time must be a string"),
        ({"time": "7h30"}, "HH:MM"),
        ({"time": "25:00"}, "not a time of day"),
        ({"days": "mon"}, "days must be a list"),
        ({"days": ["mon", 2]}, "days must be a list"),
        ({"days": ["mon", "someday"]}, "not a day"),
    ],
)
def test_bad_values_are_refused_with_a_message(value: Any, message: str) -> None:
    with pytest.raises(InvalidData, match=message):
        settings_from_record({"version": 1, "morning_reminder": value})
