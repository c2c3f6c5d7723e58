"""The settings file: read with validation, written atomically (0600, like the data)."""

from __future__ import annotations

from pathlib import Path

from focusmate.core.settings import Settings, settings_from_record, settings_to_record
from focusmate.files.atomic import atomic_write_bytes, dumps_strict, ensure_private_dir, read_json

SETTINGS_FILE_NAME = "settings.json"


def settings_path(data_dir: Path) -> Path:
    return data_dir / SETTINGS_FILE_NAME


def load_settings(data_dir: Path) -> Settings:
    """The saved settings, or the defaults when there are none; InvalidData if damaged."""
    return load_settings_file(settings_path(data_dir))


def load_settings_file(path: Path) -> Settings:
    """The settings in ``path``, or the defaults when there is none; InvalidData if damaged."""
    record = read_json(path, "the settings file")
    return Settings() if record is None else settings_from_record(record)


def save_settings(data_dir: Path, settings: Settings) -> None:
    ensure_private_dir(data_dir)
    atomic_write_bytes(settings_path(data_dir), dumps_strict(settings_to_record(settings)))
