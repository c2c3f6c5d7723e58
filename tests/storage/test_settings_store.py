"""The settings file on disk."""

from __future__ import annotations

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
