"""The reminder scheduler: one single-shot timer, armed to the next check, never a busy tick."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from focusmate.core.reminders import RECHECK_EVERY, MorningReminder
from focusmate.services.reminders import SLACK_MS, ReminderScheduler
from focusmate.storage.reminder_log import FileReminderLog
from tests.fakes import FakeClock

MONDAY_0729 = datetime(2026, 11, 23, 7, 29, 58, tzinfo=UTC)
FRIDAY_0730 = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)
ON = MorningReminder(enabled=True)  # 07:30, Monday-Friday


class MemoryLog:
    """A ReminderLog fake; ``fail`` makes writes fail like a full disk."""

    def __init__(self, last: datetime | None = None, *, fail: bool = False) -> None:
        self.last = last
        self.fail = fail

    def last_shown(self) -> datetime | None:
        return self.last

    def record_shown(self, at: datetime) -> None:
        if self.fail:
            raise OSError(28, "No space left on device")
        self.last = at


def make(
    clock: FakeClock, log: MemoryLog | FileReminderLog, reminder: MorningReminder | None = None
) -> tuple[ReminderScheduler, list[datetime]]:
    scheduler = ReminderScheduler(clock, reminder or ON, log, tz=UTC)
    fired: list[datetime] = []
    scheduler.due.connect(fired.append)
    return scheduler, fired


def test_it_fires_on_time_once_and_rearms(qtbot: QtBot) -> None:
    clock = FakeClock(MONDAY_0729)
    log = MemoryLog(FRIDAY_0730)
    scheduler, fired = make(clock, log)
    scheduler.start()
    armed = scheduler.armed_ms
    assert armed is not None and 2000 <= armed <= 2000 + SLACK_MS
    clock.advance(seconds=2.3)
    qtbot.waitUntil(lambda: fired != [], timeout=armed + 2000)
    assert fired == [datetime(2026, 11, 23, 7, 30, tzinfo=UTC)]
    assert log.last == clock.now()
    armed = scheduler.armed_ms
    assert armed is not None and armed <= RECHECK_EVERY.total_seconds() * 1000 + SLACK_MS
    scheduler.check()  # a spurious check changes nothing
    assert len(fired) == 1
    scheduler.stop()


def test_a_reminder_missed_while_off_is_shown_at_start(qapp: QApplication) -> None:
    clock = FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    scheduler, fired = make(clock, MemoryLog(FRIDAY_0730))
    scheduler.start()
    assert fired == [datetime(2026, 11, 23, 7, 30, tzinfo=UTC)]
    scheduler.check()
    assert len(fired) == 1
    scheduler.stop()


def test_once_only_survives_a_restart(qapp: QApplication, tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    FileReminderLog(tmp_path).record_shown(FRIDAY_0730)
    first, fired = make(clock, FileReminderLog(tmp_path))
    first.start()
    first.stop()
    second, fired_again = make(clock, FileReminderLog(tmp_path))  # the app restarted
    second.start()
    assert len(fired) == 1 and fired_again == []
    second.stop()


def test_when_the_log_cannot_be_written_it_still_shows_once(qapp: QApplication) -> None:
    clock = FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    scheduler, fired = make(clock, MemoryLog(FRIDAY_0730, fail=True))
    scheduler.start()
    scheduler.check()
    assert len(fired) == 1
    scheduler.stop()


def test_a_disabled_reminder_arms_nothing(qapp: QApplication) -> None:
    scheduler, fired = make(FakeClock(MONDAY_0729), MemoryLog(), MorningReminder(enabled=False))
    scheduler.start()
    assert scheduler.armed_ms is None and fired == []


def test_idle_means_rare_wakeups(qapp: QApplication) -> None:
    """At midday after the reminder, the next check is minutes away, not a tick."""
    clock = FakeClock(datetime(2026, 11, 23, 12, 0, tzinfo=UTC))
    reminder = MorningReminder(enabled=True, at=time(7, 30))
    scheduler, _ = make(clock, MemoryLog(datetime(2026, 11, 23, 7, 30, tzinfo=UTC)), reminder)
    scheduler.start()
    armed = scheduler.armed_ms
    assert armed is not None and armed >= RECHECK_EVERY.total_seconds() * 1000 - 100
    clock.advance(hours=19, minutes=28)  # Tuesday 07:28: the approach is exact
    scheduler.check()
    armed = scheduler.armed_ms
    assert armed is not None and abs(armed - (120_000 + SLACK_MS)) < 100
    assert clock.now() - MONDAY_0729 > timedelta(hours=20)
    scheduler.stop()


def test_changed_settings_take_effect_at_once(qapp: QApplication) -> None:
    clock = FakeClock(datetime(2026, 11, 23, 6, 0, tzinfo=UTC))
    scheduler, fired = make(clock, MemoryLog(FRIDAY_0730), MorningReminder(enabled=False))
    scheduler.start()
    assert scheduler.armed_ms is None
    scheduler.set_reminder(MorningReminder(enabled=True, at=time(6, 1)))
    armed = scheduler.armed_ms
    assert armed is not None and abs(armed - (60_000 + SLACK_MS)) < 100
    # Earlier than now, within the grace: today's is due at once.
    scheduler.set_reminder(MorningReminder(enabled=True, at=time(5, 0)))
    assert fired == [datetime(2026, 11, 23, 5, 0, tzinfo=UTC)]
    scheduler.stop()


def test_a_first_run_in_the_afternoon_pops_up_nothing(qapp: QApplication) -> None:
    """Seen on a real shell: first started at 14:45, "Morning stillness" popped up at once.
    Nothing was ever shown (a first run), the reminder on: nothing now, Tuesday's on time."""
    clock = FakeClock(datetime(2026, 11, 23, 14, 45, tzinfo=UTC))
    scheduler, fired = make(clock, MemoryLog())
    scheduler.start()
    assert fired == [] and scheduler.armed_ms is not None
    clock.advance(hours=16, minutes=45)  # Tuesday 07:30
    scheduler.check()
    assert fired == [datetime(2026, 11, 24, 7, 30, tzinfo=UTC)]
    scheduler.stop()


def test_a_first_run_just_after_the_time_pops_up_nothing(qapp: QApplication) -> None:
    """Within the grace, but before focusmate was ever started: not missed, never due."""
    clock = FakeClock(datetime(2026, 11, 23, 7, 45, tzinfo=UTC))
    scheduler, fired = make(clock, MemoryLog())
    scheduler.start()
    scheduler.set_reminder(ON)  # the welcome's tick, applied
    assert fired == []
    scheduler.stop()


def test_a_morning_missed_by_hours_is_not_shown(qapp: QApplication) -> None:
    """Shown on Friday, the app off over Monday morning, started at 14:45: nothing."""
    clock = FakeClock(datetime(2026, 11, 23, 14, 45, tzinfo=UTC))
    scheduler, fired = make(clock, MemoryLog(FRIDAY_0730))
    scheduler.start()
    assert fired == []
    scheduler.stop()
