"""Fires the morning reminder on time with one single-shot timer, and is idle otherwise.

The rules (when it is due, once only, missed-while-asleep) live in core.reminders; this
module only keeps a timer armed to the next moment worth checking: the next occurrence, or
at most RECHECK_EVERY away, because Qt timers follow the monotonic clock, which stops during
suspend. Between checks the app does nothing at all.

A first run (nothing ever shown) counts from the moment the scheduler is made: a reminder
whose time passed before focusmate was first started is not "missed", it never was.
"""

from __future__ import annotations

import logging
import math
from datetime import datetime, tzinfo

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from focusmate.core.clock import Clock
from focusmate.core.ports import ReminderLog
from focusmate.core.reminders import MorningReminder, due_occurrence, next_check_in

log = logging.getLogger(__name__)

#: Added to each wait, so that a timer firing a little early does not check twice.
SLACK_MS = 250


class ReminderScheduler(QObject):
    """Emits ``due`` once per occurrence of the reminder; the app decides how to show it."""

    #: The reminder is due (carries the occurrence, an aware datetime). It has already been
    #: recorded as shown, so it is never emitted twice for one occurrence.
    due = Signal(object)

    def __init__(
        self,
        clock: Clock,
        reminder: MorningReminder,
        reminder_log: ReminderLog,
        *,
        tz: tzinfo | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._reminder = reminder
        self._log = reminder_log
        self._tz = tz
        # Occurrences up to this instant are dealt with: the last one shown, or on a first
        # run the moment the app began watching (so the first start never pops one up).
        self._since = reminder_log.last_shown() or clock.now()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.check)

    @property
    def armed_ms(self) -> int | None:
        """How long until the next check (None: the timer is not armed)."""
        return self._timer.remainingTime() if self._timer.isActive() else None

    def start(self) -> None:
        """Check now (a reminder missed while the app was off may be due), then keep armed."""
        self.check()

    def stop(self) -> None:
        self._timer.stop()

    def set_reminder(self, reminder: MorningReminder) -> None:
        """Follow changed settings from now on (checks and re-arms at once)."""
        self._reminder = reminder
        self.check()

    def check(self) -> None:
        """Emit ``due`` if the reminder is due now, then arm the timer for the next check."""
        now = self._clock.now()
        occurrence = due_occurrence(now, self._reminder, self._since, self._tz)
        if occurrence is not None:
            self._record(now)
            self.due.emit(occurrence)
        self._arm(now)

    def _record(self, now: datetime) -> None:
        self._since = now
        try:
            self._log.record_shown(now)
        except OSError as error:  # shown anyway; after a restart it may be shown once more
            log.warning("could not note that the reminder was shown: %s", error)

    def _arm(self, now: datetime) -> None:
        wait = next_check_in(now, self._reminder, self._since, self._tz)
        if wait is None:
            self._timer.stop()
            return
        self._timer.start(math.ceil(wait.total_seconds() * 1000) + SLACK_MS)
