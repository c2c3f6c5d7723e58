"""The reminder log: when the morning reminder was last shown, across restarts."""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from focusmate.storage.reminder_log import FileReminderLog


def test_never_shown_then_remembered(tmp_path: Path) -> None:
    log = FileReminderLog(tmp_path / "data")
    assert log.last_shown() is None
    shown = datetime(2026, 11, 23, 7, 30, 2, tzinfo=UTC)
    log.record_shown(shown)
    assert FileReminderLog(tmp_path / "data").last_shown() == shown  # a new process
    assert stat.S_IMODE(log.path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "content", [b"", b"{", b"[]", b'{"last_shown": 3}', b'{"last_shown": "2026-11-23T07:30"}']
)
def test_a_damaged_log_reads_as_never_shown_and_is_replaced(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    log = FileReminderLog(tmp_path)
    log.path.write_bytes(content)
    assert log.last_shown() is None
    assert "reminder log" in caplog.text
    log.record_shown(datetime(2026, 11, 23, tzinfo=UTC))
    assert log.last_shown() == datetime(2026, 11, 23, tzinfo=UTC)
