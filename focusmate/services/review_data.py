"""What the weekly review's process reads (ui.review_app, started by ui.review_process): the
sessions and the settings as the data folder holds them, read again when the app says they
changed. It reads as any reader may (storage.repository: atomic replacement means a whole
file) and writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from focusmate.core.clock import Clock
from focusmate.core.model import CoachingSession
from focusmate.core.one_on_ones import Person
from focusmate.core.settings import Settings
from focusmate.core.week_review import WeekReview, week_review
from focusmate.core.weekly import IsoWeek, local_day
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.storage.settings_store import load_settings


class ReviewData:
    """The history and settings as the data folder holds them, read again on ``reload``."""

    def __init__(self, data_dir: Path, clock: Clock) -> None:
        """InvalidData or StorageFailure if the folder's files cannot be read."""
        self._data_dir = data_dir
        self._clock = clock
        self._repository = TinyDBSessionRepository(data_dir, writable=False, read_at_once=True)
        self._sessions: list[CoachingSession] = []
        self.settings = Settings()
        self.reload()

    def reload(self) -> None:
        # keep: an unchanged data file is not parsed again (a running session's marks and a
        # draft live in small files of their own, read each time).
        self._sessions = self._repository.all_sessions(keep=True)
        self.settings = load_settings(self._data_dir)

    def all_sessions(self) -> list[CoachingSession]:
        return list(self._sessions)

    def week_review(self, week: IsoWeek) -> WeekReview:
        return week_review(self._sessions, week, self._clock.now(), None)

    def this_week(self) -> IsoWeek:
        return IsoWeek.containing(local_day(self._clock.now(), None))

    def people(self) -> Sequence[Person]:
        return self.settings.calendar.people
