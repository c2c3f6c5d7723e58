"""Time going wrong during a session: suspend and resume, a system clock set back or forward,
a daylight-saving change, a time-zone change mid-week. Durations and weekly totals stay right,
and a session that spans a suspend is flagged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pytestqt.qtbot import QtBot

from focusmate.core.weekly import IsoWeek, week_stats
from focusmate.services.controller import SessionController
from focusmate.storage.repository import TinyDBSessionRepository
from tests.fakes import T0, FakeClock, IdFactory


def test_a_session_across_a_suspend_keeps_real_minutes_and_is_flagged(
    controller: SessionController, clock: FakeClock, tmp_path: Path
) -> None:
    controller.start("Ana", 30)
    clock.advance(minutes=10)
    clock.suspend(minutes=20)  # the lid closed; the conversation may have gone on
    controller.ticked.emit()
    controller._on_tick()  # noqa: SLF001 - the 1 s tick, without waiting a second
    running = TinyDBSessionRepository(tmp_path / "data").current()
    assert running is not None and running.slept_s == 1200  # on disk at the first tick
    assert controller.timing().remaining_s == 0  # type: ignore[union-attr]
    clock.advance(minutes=5)
    ended = controller.end()
    assert ended.ended_at == T0 + timedelta(minutes=35) and ended.slept_s == 1200
    report = controller.week(IsoWeek(2026, 48))
    assert report.total_minutes == 35


def test_a_clock_set_back_or_forward_changes_nothing(
    controller: SessionController, clock: FakeClock
) -> None:
    controller.start("Ana", 30)
    clock.advance(minutes=10)
    clock.set_wall(hours=-1)  # someone corrects the system clock by hand
    controller.mark("phone")
    assert controller.timing().elapsed_s == 600  # type: ignore[union-attr]
    clock.advance(minutes=5)
    clock.set_wall(hours=3)
    session = controller.end()
    assert session.marks[0].at == T0 + timedelta(minutes=10)
    assert session.ended_at == T0 + timedelta(minutes=15)


def test_a_resumed_session_trusts_the_wall_clock_only_for_the_time_before(
    tmp_path: Path, clock: FakeClock, qtbot: QtBot
) -> None:
    repo = TinyDBSessionRepository(tmp_path / "data")
    SessionController(repo, clock, IdFactory()).start("Ana", 30)
    clock.advance(minutes=12)  # the app was killed and started again
    again = SessionController(TinyDBSessionRepository(tmp_path / "data"), clock, IdFactory("n"))
    clock.advance(minutes=3)
    clock.set_wall(hours=-2)
    assert again.timing().elapsed_s == 900  # type: ignore[union-attr]


def test_a_dst_change_mid_session_counts_real_minutes(
    controller: SessionController, clock: FakeClock
) -> None:
    berlin = ZoneInfo("Europe/Berlin")
    clock.current = datetime(2026, 10, 25, 2, 30, tzinfo=berlin).astimezone(UTC)  # 02:30 CEST
    controller.start("Ana", 30)
    clock.advance(hours=1)  # at 03:00 CEST the clocks went back to 02:00 CET
    session = controller.end()
    assert session.ended_at is not None
    assert session.ended_at.astimezone(berlin).strftime("%H:%M %Z") == "02:30 CET"
    assert controller.week(IsoWeek(2026, 43)).total_minutes == 60


def test_a_time_zone_change_mid_week_keeps_weekly_totals(
    controller: SessionController, clock: FakeClock
) -> None:
    clock.current = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)  # Sunday night in London
    controller.start("Ana", 30)
    clock.advance(minutes=20)
    controller.end()
    sessions = controller.all_sessions()
    now = clock.now()
    for zone in (UTC, ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")):
        weeks = [week_stats(sessions, IsoWeek(2026, w), now, zone) for w in (48, 49)]
        assert sum(w.total_minutes for w in weeks) == 20  # in exactly one week, whole
