"""The settings file on disk."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from focusmate.core.errors import InvalidData
from focusmate.core.marks import MarkKind
from focusmate.core.settings import Settings
from focusmate.storage.settings_store import load_settings, save_settings, settings_path


def test_defaults_when_missing_and_round_trip(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none") == Settings()
    settings = Settings(custom_kinds=(MarkKind.custom("Mind wandered"),))
    save_settings(tmp_path / "data", settings)
    assert load_settings(tmp_path / "data") == settings
    assert stat.S_IMODE(settings_path(tmp_path / "data").stat().st_mode) == 0o600


def test_damaged_settings_are_reported(tmp_path: Path) -> None:
    settings_path(tmp_path).write_text("{not json")
    with pytest.raises(InvalidData, match="settings"):
        load_settings(tmp_path)


def test_the_pulse_page_is_off_in_old_files_and_kept_once_turned_on(tmp_path: Path) -> None:
    old = {"version": 1, "default_minutes": 30}
    settings_path(tmp_path).write_text(json.dumps(old))
    assert load_settings(tmp_path).pulse_page_enabled is False
    save_settings(tmp_path, Settings(pulse_page_enabled=True))
    assert json.loads(settings_path(tmp_path).read_text())["pulse_page_enabled"] is True
    assert load_settings(tmp_path).pulse_page_enabled is True


def test_a_pulse_page_setting_that_is_not_true_or_false_is_refused(tmp_path: Path) -> None:
    settings_path(tmp_path).write_text(json.dumps({"version": 1, "pulse_page_enabled": "yes"}))
    with pytest.raises(InvalidData, match="pulse_page_enabled"):
        load_settings(tmp_path)
