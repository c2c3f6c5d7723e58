"""services.calendar.CalendarService with its real worker, real files and real refreshers:
matched one-on-ones, the pre-meeting notification and its buttons, held during a session,
sources added and removed, and a CalDAV source without its password.

The feed is an .ics file on disk (the fetch over HTTP and CalDAV has tests of its own in
tests/calendar); notifications go to tests.fake_notifier.RecordingNotifier, a named fake
(the real daemon is in tests/e2e/test_calendar_e2e.py). The clock is the test's FakeClock:
the service is told to look again (``recheck``) where the real app's timer would fire.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from focusmate.core.calendar_sources import CalendarKind, CalendarSource
from focusmate.core.errors import InvalidInput
from focusmate.core.one_on_ones import NOT_COACHING, Person
from focusmate.desktop.secrets import MemorySecretStore
from focusmate.services.calendar import CalendarService, MeetingAction
from focusmate.services.controller import SessionController
from focusmate.services.held_notifications import HeldNotifications
from focusmate.services.settings import SettingsService
from focusmate.storage.settings_store import load_settings
from tests.fake_notifier import RecordingNotifier
from tests.fakes import T0, FakeClock

MEETING = T0 + timedelta(hours=1)  # Monday 10:00 UTC


def feed(*events: tuple[str, str, datetime, int, str]) -> bytes:
    """An iCalendar document: (uid, summary, start, minutes, attendee e-mail) per event."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//focusmate tests//EN"]
    for uid, summary, start, minutes, attendee in events:
        end = start + timedelta(minutes=minutes)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"DTSTAMP:{T0:%Y%m%dT%H%M%SZ}",
            f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
            f"DTEND:{end:%Y%m%dT%H%M%SZ}",
            f"SUMMARY:{summary}",
            f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{attendee}",
            "ORGANIZER:mailto:me@example.com",
            "END:VEVENT",
        ]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


WEEK = feed(
    ("jordan-1", "1:1 Jordan", MEETING, 30, "jordan@example.com"),
    ("priya-1", "Priya / Alex", MEETING + timedelta(days=1), 45, "priya@example.com"),
    ("team", "Team sync", MEETING + timedelta(hours=2), 30, "team@example.com"),
)


@dataclass
class Rig:
    """A CalendarService on real files, with the test's clock and a recording notifier."""

    service: CalendarService
    clock: FakeClock
    notifier: RecordingNotifier
    controller: SessionController
    secrets: MemorySecretStore
    data_dir: Path
    ics_file: Path

    def add_work_calendar(self, qtbot: QtBot, lead_minutes: int = 5) -> None:
        with qtbot.waitSignal(self.service.upcoming_changed, timeout=10_000):
            self.service.add_source(ics_source(self.ics_file, lead_minutes))


@pytest.fixture
def rig(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock, controller: SessionController
) -> Iterator[Rig]:
    # Earlier tests' Qt objects are freed here, on their own thread, not on the worker's.
    gc.collect()
    data_dir = tmp_path / "data"
    data_dir.mkdir(exist_ok=True)
    ics_file = tmp_path / "work.ics"
    ics_file.write_bytes(WEEK)
    settings = SettingsService(data_dir, load_settings(data_dir))
    people = (
        Person("Jordan", ("jordan@example.com",)),
        Person("Priya", ("priya@example.com",)),
    )
    calendar = replace(settings.current.calendar, people=people, me=("me@example.com",))
    settings.apply(replace(settings.current, calendar=calendar))
    notifier, secrets = RecordingNotifier(), MemorySecretStore()
    service = CalendarService(
        settings,
        secrets,
        data_dir,
        clock,
        history=controller.all_sessions,
        local_zone=lambda: UTC,
        notifications=HeldNotifications(controller, notifier),
    )
    yield Rig(service, clock, notifier, controller, secrets, data_dir, ics_file)
    service.stop()
    # The controller's timer that lets the history go stops here: the controller may be
    # freed later on the worker thread of the next test's service, and Qt refuses to stop a
    # timer from another thread.
    controller.release_history()
    gc.collect()


def ics_source(path: Path, lead_minutes: int = 5) -> CalendarSource:
    return CalendarSource("Work", CalendarKind.ICS, str(path), lead_minutes=lead_minutes)


def test_an_added_file_gives_the_next_one_on_ones_and_a_status(qtbot: QtBot, rig: Rig) -> None:
    rig.add_work_calendar(qtbot)
    upcoming = rig.service.upcoming()
    assert [(m.with_name, m.starts_at) for m in upcoming] == [
        ("Jordan", MEETING),
        ("Priya", MEETING + timedelta(days=1)),
    ]
    assert rig.service.next_one_on_one() == upcoming[0]
    (status,) = rig.service.statuses()
    assert status.ok and status.name == "Work"
    assert load_settings(rig.data_dir).calendar.sources == (ics_source(rig.ics_file),)


def test_the_notification_comes_at_the_lead_time_with_its_buttons(qtbot: QtBot, rig: Rig) -> None:
    rig.add_work_calendar(qtbot, lead_minutes=5)
    assert rig.notifier.sent == []  # 09:00: an hour before
    rig.clock.advance(minutes=54)
    rig.service.recheck()
    assert rig.notifier.sent == []  # 09:54: six minutes before
    rig.clock.advance(minutes=1)
    rig.service.recheck()
    (sent,) = rig.notifier.sent
    assert sent.title == "One-on-one with Jordan in 5 minutes"
    assert [a.id for a in sent.actions] == ["check-in", "start", "not-this-one"]
    rig.service.recheck()
    assert len(rig.notifier.sent) == 1  # once per meeting
    with qtbot.waitSignal(rig.service.meeting_action) as chosen:
        rig.notifier.press(0, MeetingAction.CHECK_IN)
    action, meeting = chosen.args
    assert action == MeetingAction.CHECK_IN and meeting.with_name == "Jordan"


def test_not_this_one_drops_the_meeting_from_next_and_the_review(qtbot: QtBot, rig: Rig) -> None:
    rig.add_work_calendar(qtbot)
    rig.clock.advance(minutes=56)
    rig.service.recheck()
    rig.notifier.press(0, MeetingAction.NOT_THIS_ONE)
    assert [m.with_name for m in rig.service.upcoming()] == ["Priya"]
    assert [m.with_name for m in rig.service.scheduled(T0, T0 + timedelta(days=7))] == ["Priya"]


def test_during_a_session_the_notification_waits_and_is_dropped_once_the_meeting_began(
    qtbot: QtBot, rig: Rig
) -> None:
    rig.add_work_calendar(qtbot)
    rig.controller.start("Sam", 30)
    rig.clock.advance(minutes=56)
    rig.service.recheck()
    assert rig.notifier.sent == []  # ARCHITECTURE invariant 5
    rig.clock.advance(minutes=10)  # the meeting began meanwhile
    rig.controller.end()
    qtbot.wait(50)  # held notifications go out on the next event-loop turn
    assert rig.notifier.sent == []


def test_a_notification_held_by_a_session_goes_out_if_still_due(qtbot: QtBot, rig: Rig) -> None:
    rig.add_work_calendar(qtbot, lead_minutes=10)
    rig.controller.start("Sam", 30)
    rig.clock.advance(minutes=51)
    rig.service.recheck()
    assert rig.notifier.sent == []
    rig.controller.end()
    qtbot.waitUntil(lambda: len(rig.notifier.sent) == 1, timeout=2000)


def test_start_now_is_offered_for_fifteen_minutes_after_the_start(qtbot: QtBot, rig: Rig) -> None:
    rig.add_work_calendar(qtbot)
    assert rig.service.just_begun() is None
    rig.clock.advance(hours=1, minutes=14)
    begun = rig.service.just_begun()
    assert begun is not None and begun.with_name == "Jordan"
    rig.clock.advance(minutes=2)
    assert rig.service.just_begun() is None


def test_a_series_marked_not_coaching_is_no_one_on_one(qtbot: QtBot, rig: Rig) -> None:
    rig.add_work_calendar(qtbot)
    with qtbot.waitSignal(rig.service.upcoming_changed, timeout=10_000):
        rig.service.choose_series("jordan-1", NOT_COACHING)
    assert [m.with_name for m in rig.service.upcoming()] == ["Priya"]
    assert load_settings(rig.data_dir).calendar.series == {"jordan-1": NOT_COACHING}


def test_removing_a_source_forgets_its_meetings_and_its_copy(qtbot: QtBot, rig: Rig) -> None:
    rig.add_work_calendar(qtbot)
    copies = rig.data_dir / "calendars"
    assert any(copies.iterdir())
    with qtbot.waitSignal(rig.service.upcoming_changed, timeout=10_000):
        rig.service.remove_source("Work")
    assert rig.service.upcoming() == [] and rig.service.statuses() == []
    qtbot.waitUntil(lambda: not any(copies.iterdir()), timeout=5000)
    assert load_settings(rig.data_dir).calendar.sources == ()


def test_a_caldav_password_goes_to_the_secret_store_only(qtbot: QtBot, rig: Rig) -> None:
    source = CalendarSource(
        "Team", CalendarKind.CALDAV, "http://127.0.0.1:9/dav/", user="me", lead_minutes=5
    )
    with pytest.raises(InvalidInput, match="needs a password"):
        rig.service.add_source(source)
    rig.service.add_source(source, "s3cret")
    assert rig.secrets.load(source.secret_key) == "s3cret"
    assert "s3cret" not in (rig.data_dir / "settings.json").read_text()
    qtbot.waitUntil(lambda: rig.service.statuses()[0].problem == "unreachable", timeout=10_000)
    assert rig.service.needs_password() == []


def test_the_recurring_series_are_listed_for_marking(qtbot: QtBot, rig: Rig) -> None:
    weekly = WEEK.replace(b"UID:jordan-1\r\n", b"UID:jordan-1\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n")
    rig.ics_file.write_bytes(weekly)
    rig.add_work_calendar(qtbot)
    (series,) = rig.service.series()
    assert (series.uid, series.summary, series.with_name) == ("jordan-1", "1:1 Jordan", "Jordan")
    assert series.next_starts_at == MEETING and series.choice is None
    with qtbot.waitSignal(rig.service.upcoming_changed, timeout=10_000):
        rig.service.choose_series("jordan-1", NOT_COACHING)
    (series,) = rig.service.series()
    assert (series.with_name, series.choice) == (None, NOT_COACHING)


def test_not_this_one_is_remembered_after_a_restart(qtbot: QtBot, rig: Rig) -> None:
    rig.add_work_calendar(qtbot)
    rig.clock.advance(minutes=56)
    rig.service.recheck()
    rig.notifier.press(0, MeetingAction.NOT_THIS_ONE)
    rig.service.stop()
    again = CalendarService(
        SettingsService(rig.data_dir, load_settings(rig.data_dir)),
        rig.secrets,
        rig.data_dir,
        rig.clock,
        history=rig.controller.all_sessions,
        local_zone=lambda: UTC,
        notifications=HeldNotifications(rig.controller, rig.notifier),
    )
    try:
        with qtbot.waitSignal(again.upcoming_changed, timeout=10_000):
            again.start()
        assert [m.with_name for m in again.upcoming()] == ["Priya"]
        assert len(rig.notifier.sent) == 1  # Jordan's reminder does not come again
    finally:
        again.stop()
