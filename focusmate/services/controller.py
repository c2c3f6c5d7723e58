"""SessionController: the one place that changes session state.

It asks core for the rules, makes every change durable through the repository port
before announcing it, and tells the views with signals. The tray menu, the session
window and the CLI all call the same methods: one path, three doors.
"""

from __future__ import annotations

import contextlib
import math
import weakref
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from focusmate.core.checkin import CarryOver, carry_over, checked_checkin
from focusmate.core.clock import Clock
from focusmate.core.dnd import DndStatus
from focusmate.core.errors import NotPossibleNow, Problem, StorageFailure
from focusmate.core.marks import MarkKinds
from focusmate.core.model import CheckIn, CoachingSession, Reflection, revised
from focusmate.core.ports import SessionRepository, Silencer
from focusmate.core.pulse import RepPulse
from focusmate.core.pulse_target import pulse_target
from focusmate.core.records import (
    MergeResult,
    merge_sessions,
    session_from_record,
    session_to_record,
)
from focusmate.core.session import (
    add_mark,
    end_session,
    last_recorded,
    seconds_to_next_change,
    start_session,
    timing,
    undo_last_mark,
)
from focusmate.core.session_kind import COACHING, SessionKinds
from focusmate.core.session_time import Timing
from focusmate.core.text import translate
from focusmate.core.weekly import IsoWeek, WeekStats, local_day, week_stats

if TYPE_CHECKING:  # the morning page's sums load when it opens (issue 18)
    from focusmate.core.morning import MorningDigest

#: While a session runs the clock ticks when the time shown changes: every second while a view
#: shows seconds (the session window on screen), else once a minute, as the tray shows it
#: (issue 18: at most one wake-up a second). A tick lands this long after the change, so the
#: time read then has crossed it.
TICK_MARGIN_MS = 10
#: How often a session checks whether the user turned do-not-disturb off by hand: each check
#: is a round trip to the desktop's daemon, which wakes the app once more. Noticing it within
#: a minute is soon enough: the check only lets go of what the user changed.
DND_POLL_S = 30
#: A gap of at least this much suspend time marks a session as having slept.
SLEEP_NOTICE_S = 5
#: The whole history is let go this long after it was last read: five years of sessions held
#: as objects are ~10 MB that an idle tray does not need (issue 18). Between uses only the
#: summaries the menu and the status need are kept (pending reflections, the running
#: session's carry-over); reading it again takes ~0.35 s with five years.
HISTORY_KEPT_MS = 60_000


class SessionController(QObject):
    """Owns the running session and the in-memory view of saved sessions."""

    #: A session started, got a mark, ended, or a reflection was saved.
    state_changed = Signal()
    #: While a session runs, when the time shown changes: every second while a view shows
    #: seconds (show_seconds), else every whole minute (views recompute it from the clock).
    ticked = Signal()
    #: A mark was logged (its kind id) or undone (""): the tray flashes briefly.
    marked = Signal(str)
    #: A session ended; carries its id so the app can open the reflection.
    session_ended = Signal(str)
    #: The history was let go (release_history): its memory can go back to the system.
    history_let_go = Signal()
    #: Sessions were written to the data folder (a tuple, by any intent or a sync merge):
    #: services/sync_service.py publishes what this device changed (issue 19).
    sessions_saved = Signal(object)

    def __init__(
        self,
        repository: SessionRepository,
        clock: Clock,
        new_id: Callable[[], str],
        *,
        tz: tzinfo | None = None,
        kinds: MarkKinds | None = None,
        session_kinds: SessionKinds | None = None,
        silencer: Silencer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._silencer = silencer
        #: When do-not-disturb was last checked (the steady clock's seconds).
        self._dnd_checked_s = 0.0
        #: The views on screen that show the session's time to the second (weakly: a view
        #: that is gone no longer asks).
        self._seconds_shown_by: weakref.WeakSet[QObject] = weakref.WeakSet()
        self.kinds = kinds or MarkKinds()
        #: The kinds of session a new one may have (the settings' catalogue).
        self.session_kinds = session_kinds or SessionKinds()
        self._repository = repository
        self._clock = clock
        self._new_id = new_id
        self._tz = tz
        # The history is read on first use (or by load_history(), which start-up calls once
        # the tray icon shows): with years of it, parsing takes longer than the icon. The
        # running session has its own small file, so it is resumed at once.
        self._history: dict[str, CoachingSession] | None = None
        #: While the history is let go: the ended sessions waiting for a reflection (few).
        self._pending: dict[str, CoachingSession] | None = None
        #: The running session's carry-over (session id, carry-over): `status` asks for it.
        self._carry: tuple[str, CarryOver] | None = None
        self._release = QTimer(self)
        self._release.setSingleShot(True)
        self._release.setInterval(HISTORY_KEPT_MS)
        self._release.timeout.connect(self.release_history)
        self._current: CoachingSession | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)  # each tick sets the next: see _schedule_tick
        self._timer.timeout.connect(self._on_tick)
        self._anchor: tuple[float, float] | None = None
        running = repository.current()
        if running is not None and running.running:
            self._resume(running)

    def _resume(self, session: CoachingSession) -> None:
        """Carry on with a session that was running when focusmate stopped."""
        self._current = session
        self._anchor = self._anchor_resumed(session)
        self._dnd_checked_s = self._clock.running_s()
        self._schedule_tick()
        self._silence()

    @property
    def _sessions(self) -> dict[str, CoachingSession]:
        """Every session by id, read from the repository the first time it is needed."""
        if self._history is None:
            self._history = {s.id: s for s in self._repository.all_sessions()}
            if self._current is None:  # written by an older focusmate: in the history file
                running = [s for s in self._history.values() if s.running]
                if running:
                    self._resume(max(running, key=lambda s: s.started_at))
            else:  # its own file is the truth about the running session
                self._history[self._current.id] = self._current
            self._pending = None
        self._release.start()  # from the last use
        return self._history

    @property
    def history_loaded(self) -> bool:
        """Whether the history was read (it may have been let go since: its summaries stay)."""
        return self._history is not None or self._pending is not None

    def release_history(self) -> None:
        """Let the history go, keeping the pending reflections (see HISTORY_KEPT_MS); the
        next use reads it again, and the memory it held goes back to the system.

        The few sessions kept are made anew once the rest is gone: Python hands memory back
        to the system only in whole arenas (1 MiB), and one object made while the history
        was alive sits among its objects and keeps their arena (with five years, 2.4 MB
        stayed this way, issue 18)."""
        self._release.stop()  # when asked before the time (an idle timer keeps nothing alive)
        if self._history is None:
            return
        kept = [session_to_record(s) for s in self._history.values() if s.reflection_pending]
        self._history = self._pending = None
        self._pending = {s.id: s for s in map(session_from_record, kept)}
        self.history_let_go.emit()  # the app gives the memory back (root/assembly.py)

    def load_history(
        self, repository: SessionRepository | None = None, *, let_go: bool = False
    ) -> None:
        """Read the whole history now; from ``repository`` instead when start-up had to
        recover the data file. ``let_go``: keep only its summaries (release_history) before
        anything else is made, so the memory it took goes back whole. The views refresh."""
        if repository is not None:
            self._repository = repository
            self._history = None
        self._sessions  # noqa: B018 - reads it
        if let_go:
            self.release_history()
        self.state_changed.emit()

    # --- what the views read -------------------------------------------------------

    @property
    def current(self) -> CoachingSession | None:
        return self._current

    def timing(self) -> Timing | None:
        return None if self._current is None else timing(self._current, self._session_now())

    def past_names(self) -> list[str]:
        """Salesperson names from past sessions, most recently coached first."""
        newest: dict[str, CoachingSession] = {}
        for session in sorted(self._sessions.values(), key=lambda s: s.started_at):
            newest.pop(session.with_name, None)
            newest[session.with_name] = session
        return list(reversed(newest))

    def pending_reflections(self) -> list[CoachingSession]:
        """Ended sessions whose reflection is not complete, newest first."""
        sessions = self._pending if self._pending is not None else self._sessions
        pending = [s for s in sessions.values() if s.reflection_pending]
        return sorted(pending, key=lambda s: s.started_at, reverse=True)

    def session(self, session_id: str) -> CoachingSession | None:
        return self._sessions.get(session_id)

    def all_sessions(self) -> list[CoachingSession]:
        return sorted(self._sessions.values(), key=lambda s: s.started_at)

    def now(self) -> datetime:
        """The app's clock (when the manager types something in, e.g. a pulse's time)."""
        return self._clock.now()

    def current_week(self) -> IsoWeek:
        return IsoWeek.containing(local_day(self._clock.now(), self._tz))

    def week(self, week: IsoWeek) -> WeekStats:
        return week_stats(self._sessions.values(), week, self._clock.now(), self._tz)

    def set_silencer(self, silencer: Silencer) -> None:
        """A new do-not-disturb backend from the settings; only between sessions."""
        if self._current is None:
            self._silencer = silencer
            self.state_changed.emit()

    def set_kinds(self, kinds: MarkKinds) -> None:
        """The user's kinds of marks changed in the settings."""
        self.kinds = kinds
        self.state_changed.emit()

    def set_session_kinds(self, session_kinds: SessionKinds) -> None:
        """The user's kinds of session changed in the settings (a running session keeps its
        kind, whatever became of it)."""
        self.session_kinds = session_kinds
        self.state_changed.emit()

    # --- do-not-disturb -------------------------------------------------------------

    def dnd_status(self) -> DndStatus:
        """What is silenced and how, or plainly why nothing is (never raises)."""
        if self._silencer is None:
            # Shown in the check-in and the session window, like a backend's own detail.
            return DndStatus(None, False, translate("Controller", "do-not-disturb is not set up"))
        return self._silencer.status()

    def _silence(self) -> None:
        if self._silencer is not None:
            self._silencer.engage()

    def _unsilence(self) -> None:
        if self._silencer is not None:
            self._silencer.restore()

    # --- time ---------------------------------------------------------------------

    def _session_now(self) -> datetime:
        """Now, for the running session: its start plus the time on a steady clock since
        (suspend included), so a system clock set back or forward mid-session changes
        nothing; the wall clock when no session runs."""
        if self._current is None or self._anchor is None:
            return self._clock.now()
        elapsed = max(0.0, self._clock.running_s() - self._anchor[0])
        return self._current.started_at + timedelta(seconds=elapsed)

    def _anchor_resumed(self, session: CoachingSession) -> tuple[float, float]:
        """After a restart the wall clock is what we know of the time already spent, but
        never less than the session had recorded (a clock set back while focusmate was not
        running must not restart the time at 0 or stamp new marks before old ones)."""
        since_start = max(self._clock.now(), last_recorded(session)) - session.started_at
        spent = max(0.0, since_start.total_seconds())
        return (self._clock.running_s() - spent, self._clock.asleep_s() - session.slept_s)

    def _slept_s(self, session: CoachingSession) -> int:
        if self._anchor is None:
            return session.slept_s
        return max(session.slept_s, int(self._clock.asleep_s() - self._anchor[1]))

    def _note_sleep(self) -> None:
        """Flag a session that spans a suspend (once per wake, not on every tick)."""
        session = self._current
        if session is None:
            return
        slept = self._slept_s(session)
        if slept >= session.slept_s + SLEEP_NOTICE_S:
            updated = replace(session, slept_s=slept)
            self._persist(updated)
            self._current = updated
            self.state_changed.emit()

    def show_seconds(self, view: QObject, *, shown: bool) -> None:
        """``view`` shows the session's time to the second (the session window while it is on
        screen): while any such view is shown, the clock ticks every second; otherwise only
        when the whole minutes change, which is all the tray shows."""
        if shown:
            self._seconds_shown_by.add(view)
        else:
            self._seconds_shown_by.discard(view)
        if self._current is not None:
            self._schedule_tick()

    def _schedule_tick(self) -> None:
        """Set the next tick for when the time shown changes next (steps of the session's
        own deadline, not of the wall clock): a tick between two changes would only wake the
        app."""
        if self._current is None:
            return
        wait_s = seconds_to_next_change(
            self._current, self._session_now(), to_the_second=bool(self._seconds_shown_by)
        )
        self._timer.start(math.ceil(wait_s * 1000) + TICK_MARGIN_MS)

    def _on_tick(self) -> None:
        """When the time shown changes; at most every half minute, also notice if the user
        turned do-not-disturb off by hand (the silencer then lets go instead of fighting them).
        A suspend is noticed here too, at the first tick after the wake."""
        with contextlib.suppress(StorageFailure):  # noted on the next tick, or at the end
            self._note_sleep()
        now_s = self._clock.running_s()
        if self._silencer is not None and now_s - self._dnd_checked_s >= DND_POLL_S:
            self._dnd_checked_s = now_s
            before = self._silencer.status()
            if self._silencer.poll() != before:
                self.state_changed.emit()
        self._schedule_tick()
        self.ticked.emit()

    # --- intents ------------------------------------------------------------------

    def start(
        self,
        with_name: str,
        planned_minutes: int,
        focus: str = "",
        kind: str = COACHING,
    ) -> CoachingSession:
        """Start a session of the offered kind ``kind`` (an id; InvalidInput naming the
        known ones otherwise)."""
        self.session_kinds.get(kind)
        if self._current is not None:
            raise NotPossibleNow(
                f"a session with {self._current.with_name} is already running",
                Problem.SESSION_RUNNING,
                name=self._current.with_name,
            )
        session = start_session(
            self._new_id(), with_name, planned_minutes, focus, self._clock.now(), kind=kind
        )
        self._persist(session)
        self._current = session
        self._anchor = (self._clock.running_s(), self._clock.asleep_s())
        self._dnd_checked_s = self._anchor[0]
        self._schedule_tick()
        self._silence()
        self.state_changed.emit()
        return session

    def mark(self, kind: str) -> CoachingSession:
        """Record a mark of a configured kind (by id); it is on disk before this returns."""
        self.kinds.get(kind)  # InvalidInput for an unknown kind
        session = add_mark(self._current, kind, self._session_now())
        self._persist(session)
        self._current = session
        self.state_changed.emit()
        self.marked.emit(kind)
        return session

    def can_undo(self) -> bool:
        """Whether undo_mark() would take a mark back now (core's rule, asked without saving)."""
        try:
            undo_last_mark(self._current, self._session_now())
        except NotPossibleNow:
            return False
        return True

    def undo_mark(self) -> CoachingSession:
        """Take back the newest mark if it is at most a minute old."""
        session = undo_last_mark(self._current, self._session_now())
        self._persist(session)
        self._current = session
        self.state_changed.emit()
        self.marked.emit("")
        return session

    def end(self, *, announce_later: bool = False) -> CoachingSession:
        """End the running session (on disk before this returns). ``announce_later``: what
        follows an end (the reflection window, the backup, a sync snapshot) waits for the next
        turn of the event loop, so that `focusmate end` is answered first (issue 18)."""
        session = end_session(self._current, self._session_now())
        session = replace(session, slept_s=self._slept_s(session))
        self._persist(session)
        self._current = None
        self._timer.stop()
        self._unsilence()
        self.state_changed.emit()
        if announce_later:
            QTimer.singleShot(0, self, lambda: self.session_ended.emit(session.id))
        else:
            self.session_ended.emit(session.id)
        return session

    def shut_down(self) -> None:
        """The app quits (logout, shutdown, a signal) with a session running: the session stays
        saved as it is and resumes at the next start; notifications come back now."""
        if self._current is None:
            return
        self._timer.stop()
        self._unsilence()

    def save_reflection(self, session_id: str, reflection: Reflection) -> None:
        """Save a draft (complete=False) or the final reflection of an ended session."""
        session = self._sessions.get(session_id)
        if session is None or session.running:
            raise NotPossibleNow(
                "that session is not waiting for a reflection", Problem.NO_REFLECTION_DUE
            )
        self._persist(session.with_reflection(revised(session.reflection, reflection)))
        self.state_changed.emit()

    def record_pulse(self, session_id: str, pulse: RepPulse) -> CoachingSession:
        """Keep the salesperson's answers with an ended session, on disk before this returns.

        ``session_id`` may also be ``last`` (core.pulse_target). A pulse recorded again for
        the same session replaces the earlier one: the newer answers are what the salesperson
        says now. InvalidInput for an unknown id, NotPossibleNow while the session runs.
        """
        session = pulse_target(self._sessions.values(), session_id)
        updated = session.with_pulse(pulse)
        self._persist(updated)
        self.state_changed.emit()
        return updated

    def import_sessions(self, incoming: Iterable[CoachingSession]) -> MergeResult:
        """Merge imported sessions by id in one durable write (never the running one)."""
        running = () if self._current is None else (self._current.id,)
        result = merge_sessions(self._sessions, incoming, running)
        self._persist_many(result.to_write)
        self.state_changed.emit()
        return result

    def take_merged(self, sessions: Iterable[CoachingSession]) -> int:
        """Write sessions merged from other devices (issue 19) in one durable write; how many
        differed. Sessions still running are left out (a running session belongs to the
        device that started it, rule S6: written once it ends there), and so is this
        device's running session."""
        running = None if self._current is None else self._current.id
        known = self._sessions
        to_write = tuple(
            s for s in sessions if not s.running and s.id != running and known.get(s.id) != s
        )
        if to_write:
            self._persist_many(to_write)
            self.state_changed.emit()
        return len(to_write)

    # --- check-in and carry-over ------------------------------------------------------

    def carry_over(self, with_name: str) -> CarryOver:
        """What carries over to a new session with ``with_name`` (the check-in shows it)."""
        return carry_over(self._sessions.values(), with_name)

    def carry_over_for(self, session_id: str) -> CarryOver:
        """What was "last time" for an existing session (its reflection and status show it)."""
        if self._carry is not None and self._carry[0] == session_id:
            return self._carry[1]  # the running session's: `status` asks often
        session = self._sessions.get(session_id)
        if session is None:
            return CarryOver("")
        found = carry_over(self._sessions.values(), session.with_name, before=session.started_at)
        if self._current is not None and session_id == self._current.id:
            self._carry = (session_id, found)
        return found

    def check_in(self, checkin: CheckIn) -> CoachingSession:
        """Keep the check-in (intention, checklist, slow-down) with the running session."""
        if self._current is None:
            raise NotPossibleNow("no coaching session is running", Problem.NO_SESSION)
        session = self._current.with_checkin(checked_checkin(checkin))
        self._persist(session)
        self._current = session
        self.state_changed.emit()
        return session

    def morning_digest(self) -> MorningDigest:
        """The last coaching day, for the morning-stillness page."""
        from focusmate.core.morning import morning_digest  # noqa: PLC0415

        return morning_digest(self._sessions.values(), self._clock.now(), self._tz)

    # --- persistence -------------------------------------------------------------

    def _persist(self, session: CoachingSession) -> None:
        self._persist_many((session,))

    def _persist_many(self, sessions: tuple[CoachingSession, ...]) -> None:
        """Write first, then update memory: a failed write changes nothing the user sees."""
        try:
            if len(sessions) == 1:
                self._repository.save(sessions[0])
            else:
                self._repository.save_many(sessions)
        except OSError as error:
            raise StorageFailure(
                f"could not save to the data folder: {error.strerror or error}; "
                "nothing was lost, try again",
                Problem.NOT_SAVED,
                detail=error.strerror or str(error),
            ) from error
        for session in sessions:
            if self._current is None or session.id != self._current.id:
                self._carry = None  # an earlier session changed: worked out again when asked
            if self._history is not None:
                self._history[session.id] = session
            elif self._pending is not None:  # let go: only its summary follows
                self._pending.pop(session.id, None)
                if session.reflection_pending:
                    self._pending[session.id] = session
            else:
                self._sessions[session.id] = session  # never read yet: read it now
        self.sessions_saved.emit(sessions)
