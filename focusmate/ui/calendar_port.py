"""What the Calendars tab asks of the calendar service (services.calendar.CalendarService).

A port rather than the class itself, so that the tab's tests drive it with a named fake and
the settings window can be built without one (then the tab says calendars are not
available). The service fetches in its worker thread and answers by these signals, so no
call here blocks the window.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance

from focusmate.core.calendar_sources import CalendarSource
from focusmate.core.calendar_status import SourceStatus
from focusmate.core.one_on_ones import SeriesChoice
from focusmate.core.recurring_series import RecurringSeries


class CalendarPort(Protocol):
    """The calendar service as the settings window uses it."""

    @property
    def statuses_changed(self) -> SignalInstance:
        """A refresh ended, or a source was added, removed or changed."""
        ...

    @property
    def tested(self) -> SignalInstance:
        """A test_connection finished (carries the SourceStatus, named as the tested source)."""
        ...

    @property
    def upcoming_changed(self) -> SignalInstance:
        """The matched one-on-ones or the recurring series may have changed."""
        ...

    def statuses(self) -> list[SourceStatus]: ...

    def series(self) -> list[RecurringSeries]: ...

    def choose_series(self, uid: str, choice: SeriesChoice | None) -> None: ...

    def secret_store_problem(self) -> str | None: ...

    def needs_password(self) -> list[str]: ...

    def add_source(self, source: CalendarSource, password: str | None = None) -> None: ...

    def remove_source(self, name: str) -> None: ...

    def set_lead_minutes(self, name: str, minutes: int) -> None: ...

    def set_password(self, name: str, password: str) -> None: ...

    def test_connection(self, source: CalendarSource, password: str | None) -> None: ...

    def refresh_now(self) -> None: ...
