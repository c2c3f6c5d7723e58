"""FakeCalendarService: stands in for services.calendar.CalendarService where the calendar
commands meet the running app (the real service refreshes in a worker thread against real
feeds; tests/test_calendar_service.py covers it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from focusmate.core.calendar_sources import CalendarSource
from focusmate.core.calendar_status import SourceStatus
from focusmate.core.errors import InvalidInput
from focusmate.core.one_on_ones import UpcomingOneOnOne

CHECKED = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
_TUESDAY = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
#: A one-on-one for the fake's ``next_ones``...
JORDAN_ON_TUESDAY = UpcomingOneOnOne(
    "Jordan", _TUESDAY, _TUESDAY + timedelta(minutes=30), "Work", "j@test"
)
#: ...and the object `calendar next --json` must show for it (issue 15's shape, written out).
JORDAN_ON_TUESDAY_JSON: dict[str, Any] = {
    "with": "Jordan",
    "starts_at": "2026-11-24T09:00:00+00:00",
    "ends_at": "2026-11-24T09:30:00+00:00",
    "source": "Work",
    "uid": "j@test",
}


@dataclass
class FakeCalendarService:
    """Keeps what it is given, answers from fixed values, and refuses a taken or unknown
    name as the real one does."""

    sources: list[CalendarSource] = field(default_factory=list)
    passwords: dict[str, str | None] = field(default_factory=dict)
    next_ones: list[UpcomingOneOnOne] = field(default_factory=list)
    store_problem: str | None = None

    def statuses(self) -> list[SourceStatus]:
        return [
            SourceStatus(s.name, s.kind, True, "12 events", checked_at=CHECKED, events=12)
            for s in self.sources
        ]

    def secret_store_problem(self) -> str | None:
        return self.store_problem

    def known_secret_store_problem(self) -> str | None:
        return self.store_problem

    def add_source(self, source: CalendarSource, password: str | None = None) -> None:
        if any(s.name == source.name for s in self.sources):
            raise InvalidInput(f"a calendar named {source.name!r} exists already")
        self.sources.append(source)
        self.passwords[source.name] = password

    def remove_source(self, name: str) -> None:
        if not any(s.name == name for s in self.sources):
            raise InvalidInput(f"there is no calendar named {name!r}")
        self.sources = [s for s in self.sources if s.name != name]

    def upcoming(self, days: int = 7) -> list[UpcomingOneOnOne]:
        return list(self.next_ones)
