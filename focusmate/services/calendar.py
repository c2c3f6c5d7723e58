"""The calendars while the app runs (issue 15): refresh in a worker, match one-on-ones, and
tap the user on the shoulder before each one.

Every source is refreshed every REFRESH_EVERY_MS and at once when it is added; the refresh
(fetch, parse, expansion, matching) runs on one worker thread, which hands back plain values
by a queued signal and never touches state (ARCHITECTURE invariant 8). The GUI thread keeps
the latest statuses and matched one-on-ones and answers the tray, the review and the command
line from them without waiting.

Before each matched one-on-one (its source's lead minutes, default 5) a quiet notification
says so, with buttons Check in, Start and Not this one; it goes through HeldNotifications, so
nothing shows while a session runs (ARCHITECTURE invariant 5), and one held past the
meeting's start is dropped. One timer, armed for the next notification only, keeps the app
idle between refreshes.

Passwords of CalDAV sources are read from the secret store once per run, on the worker
(a D-Bus call may wait for an unlock), and kept in memory; where there is no secret store
they are kept for this run only (the user is asked again at the next start). The calendar
libraries and the secret store load on the worker too, and only once a calendar exists, so
they cost the app's start nothing.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from focusmate.calendar.skipped import load_skipped, save_skipped
from focusmate.core.calendar_events import CalendarEvent
from focusmate.core.calendar_sources import (
    CalendarKind,
    CalendarSettings,
    CalendarSource,
    check_lead_minutes,
    check_source_name,
)
from focusmate.core.calendar_status import PENDING_PROBLEM, SourceStatus
from focusmate.core.clock import Clock
from focusmate.core.errors import InvalidInput
from focusmate.core.model import CoachingSession
from focusmate.core.one_on_ones import (
    DEFAULT_DAYS_AHEAD,
    Person,
    SeriesChoice,
    UpcomingOneOnOne,
    one_on_ones,
    people_list,
)
from focusmate.core.ports import Notification, NotificationAction, SecretStore
from focusmate.core.recurring_series import RecurringSeries, recurring_series
from focusmate.core.text import translate
from focusmate.services.held_notifications import HeldNotifications
from focusmate.services.settings import SettingsService

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from focusmate.calendar.refresh import Refreshed, SourceRefresher

log = logging.getLogger(__name__)

REFRESH_EVERY_MS = 5 * 60 * 1000
#: A one-on-one that began this long ago is offered as "Start now with …".
START_NOW_WITHIN = timedelta(minutes=15)
#: The longest single wait of the notification timer: Qt timers follow the monotonic clock,
#: which stops while the machine sleeps, so a long wait is cut and the time checked again.
RECHECK_AT_LEAST_EVERY_MS = 10 * 60 * 1000
PENDING_LINE = "not checked yet"


class MeetingAction:
    """The buttons of a pre-meeting notification (ids sent to the notification daemon)."""

    CHECK_IN = "check-in"
    START = "start"
    NOT_THIS_ONE = "not-this-one"


@dataclass(frozen=True, slots=True)
class _Job:
    """What the worker needs for one refresh: copies, never the live objects."""

    sources: tuple[CalendarSource, ...]
    #: The passwords known in this run, by secret key; the worker reads the others.
    passwords: dict[str, str]
    #: Whether the worker may ask the secret store now (never during a session: a locked
    #: keyring shows the desktop's unlock prompt), whether it was asked already in this run,
    #: and its answer then.
    store_allowed: bool
    store_checked: bool
    store_problem: str | None
    people: tuple[Person, ...]
    settings: CalendarSettings
    now: datetime
    zone: tzinfo
    fetch: bool
    #: The latest values (a re-match without a fetch works on them).
    statuses: dict[str, SourceStatus]
    events: dict[str, tuple[CalendarEvent, ...]]


@dataclass(frozen=True, slots=True)
class _Result:
    statuses: dict[str, SourceStatus]
    events: dict[str, tuple[CalendarEvent, ...]]
    matched: tuple[UpcomingOneOnOne, ...]
    series: tuple[RecurringSeries, ...]
    #: Passwords the worker read from the secret store, by secret key.
    passwords: dict[str, str]
    #: The secret store's answer, if the job asked it (None: usable).
    store_problem: str | None
    store_checked: bool


class CalendarService(QObject):
    #: A refresh ended, or a source was added, removed or changed.
    statuses_changed = Signal()
    #: The matched one-on-ones or the recurring series may have changed (the tray's "Next:",
    #: the review, the Calendars tab's series).
    upcoming_changed = Signal()
    #: A test_connection finished (carries its SourceStatus).
    tested = Signal(object)
    #: The user pressed a button of a pre-meeting notification (MeetingAction id, and the
    #: UpcomingOneOnOne it was about).
    meeting_action = Signal(str, object)
    #: Internal: the worker finished a job (carries a _Result); queued to the GUI thread.
    _finished = Signal(object)
    #: Internal: the worker finished a connection test (carries a SourceStatus).
    _test_finished = Signal(object)

    def __init__(
        self,
        settings: SettingsService,
        secrets: SecretStore,
        data_dir: Path,
        clock: Clock,
        *,
        history: Callable[[], Sequence[CoachingSession]],
        local_zone: Callable[[], tzinfo],
        notifications: HeldNotifications | None = None,
        session_running: Callable[[], bool] = lambda: False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._secrets = secrets
        self._data_dir = data_dir
        self._clock = clock
        self._history = history
        self._local_zone = local_zone
        self._notifications = notifications
        self._session_running = session_running
        self._store_problem: str | None = None
        self._store_checked = False
        self._passwords: dict[str, str] = {}
        self._statuses: dict[str, SourceStatus] = {}
        self._events: dict[str, tuple[CalendarEvent, ...]] = {}
        self._matched: tuple[UpcomingOneOnOne, ...] = ()
        self._series: tuple[RecurringSeries, ...] = ()
        self._notified: set[tuple[str, datetime]] = set()
        self._skipped = load_skipped(data_dir)  # a few lines; read once, at start
        self._refreshers: dict[tuple[str, ...], SourceRefresher] = {}  # worker thread only
        self._pool: ThreadPoolExecutor | None = None  # made with the first job
        #: A job is on the worker (set on the GUI thread; cleared when its result arrives).
        self._busy = False
        self._started = False
        self._stopped = False
        #: Asked again while busy: None (no), False (a re-match), True (a refresh).
        self._again: bool | None = None
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._test_finished.connect(self.tested.emit, Qt.ConnectionType.QueuedConnection)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(REFRESH_EVERY_MS)
        self._refresh_timer.timeout.connect(self.refresh_now)
        self._notify_timer = QTimer(self)
        self._notify_timer.setSingleShot(True)
        self._notify_timer.timeout.connect(self.recheck)
        settings.changed.connect(self._on_settings_changed)
        self._calendar = settings.current.calendar

    # --- reading -------------------------------------------------------------------------

    def statuses(self) -> list[SourceStatus]:
        return [
            self._statuses.get(s.name)
            or SourceStatus(s.name, s.kind, ok=False, line=PENDING_LINE, problem=PENDING_PROBLEM)
            for s in self._calendar.sources
        ]

    def known_secret_store_problem(self) -> str | None:
        """The secret store's problem as far as this run asked it (never asks: for the
        status document, which must not wait for an unlock prompt)."""
        return self._store_problem

    def secret_store_problem(self) -> str | None:
        if not self._store_checked:  # asked before the worker found out: ask now
            self._store_problem, self._store_checked = self._secrets.unavailable_reason(), True
        return self._store_problem

    def needs_password(self) -> list[str]:
        return [
            s.name
            for s in self._calendar.sources
            if s.kind is CalendarKind.CALDAV
            and s.secret_key not in self._passwords
            and self._problem_of(s.name) == "no-password"
        ]

    def _problem_of(self, name: str) -> str:
        status = self._statuses.get(name)
        return "" if status is None else status.problem

    def upcoming(self, days: int = DEFAULT_DAYS_AHEAD) -> list[UpcomingOneOnOne]:
        now = self._clock.now()
        until = now + timedelta(days=days)
        return [m for m in self._matched if now <= m.starts_at < until and not self._skip(m)]

    def scheduled(self, start: datetime, end: datetime) -> list[UpcomingOneOnOne]:
        return [m for m in self._matched if start <= m.starts_at < end and not self._skip(m)]

    def series(self) -> list[RecurringSeries]:
        """The recurring meetings of the coming weeks, for the user to mark (the latest
        refresh's; core.recurring_series)."""
        return list(self._series)

    def now(self) -> datetime:
        """The app's clock (the menus word times relative to it)."""
        return self._clock.now()

    def next_one_on_one(self) -> UpcomingOneOnOne | None:
        """The next one-on-one not begun yet (the tray's "Next: Jordan at 10:00")."""
        found = self.upcoming()
        return found[0] if found else None

    def just_begun(self) -> UpcomingOneOnOne | None:
        """A one-on-one that began at most START_NOW_WITHIN ago ("Start now with …")."""
        now = self._clock.now()
        begun = [
            m
            for m in self._matched
            if m.starts_at <= now < min(m.ends_at, m.starts_at + START_NOW_WITHIN)
            and not self._skip(m)
        ]
        return begun[-1] if begun else None

    # --- changing --------------------------------------------------------------------------

    def start(self) -> None:
        """Begin: a first refresh now, then every REFRESH_EVERY_MS (nothing at all, not even
        a thread, while no calendar is set up)."""
        self._started = True
        self._follow_sources()
        if self._calendar.sources:
            self.refresh_now()

    def stop(self) -> None:
        """Stop the timers and the worker (at quit); a refresh under way is abandoned."""
        self._stopped = True
        self._refresh_timer.stop()
        self._notify_timer.stop()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

    def add_source(self, source: CalendarSource, password: str | None = None) -> None:
        source = _checked(source)
        if source.kind is CalendarKind.CALDAV and not source.user:
            raise InvalidInput("a CalDAV calendar needs a user name")
        if source.kind is CalendarKind.CALDAV and not password:
            raise InvalidInput("a CalDAV calendar needs a password")
        calendar = self._settings.current.calendar.with_source(source)
        if password:
            self._keep_password(source, password)
        self._settings.apply(replace(self._settings.current, calendar=calendar))
        self.refresh_now()

    def remove_source(self, name: str) -> None:
        calendar = self._settings.current.calendar
        source = calendar.source(name)
        self._settings.apply(
            replace(self._settings.current, calendar=calendar.without_source(name))
        )
        if source is None:
            return
        self._passwords.pop(source.secret_key, None)
        if self.secret_store_problem() is None:
            self._secrets.delete(source.secret_key)
        self._statuses.pop(source.name, None)
        self._events.pop(source.name, None)
        self._worker().submit(self._paused, self._forget, source)
        self._rematch()

    def set_lead_minutes(self, name: str, minutes: int) -> None:
        calendar = self._settings.current.calendar
        source = calendar.source(name)
        if source is None:
            raise InvalidInput(f"there is no calendar named {name!r}")
        changed = replace(source, lead_minutes=check_lead_minutes(minutes))
        sources = tuple(changed if s is source else s for s in calendar.sources)
        self._settings.apply(
            replace(self._settings.current, calendar=replace(calendar, sources=sources))
        )

    def set_password(self, name: str, password: str) -> None:
        source = self._calendar.source(name)
        if source is None:
            raise InvalidInput(f"there is no calendar named {name!r}")
        if not password:
            raise InvalidInput("the password is empty")
        self._keep_password(source, password)
        self.statuses_changed.emit()
        self.refresh_now()

    def choose_series(self, uid: str, choice: SeriesChoice | None) -> None:
        calendar = self._settings.current.calendar
        series = dict(calendar.series)
        if choice is None:
            series.pop(uid, None)
        else:
            series[uid] = choice
        self._settings.apply(
            replace(self._settings.current, calendar=replace(calendar, series=series))
        )

    def skip(self, meeting: UpcomingOneOnOne) -> None:
        """Not this one: no notification, no "Next:" and no count in the review for it."""
        self._skipped.add((meeting.uid, meeting.starts_at))
        try:
            save_skipped(self._data_dir, self._skipped, self._clock.now())
        except OSError as error:  # kept for this run: the worst is a reminder shown again
            log.warning("could not keep 'not this one': %s", error)
        self.upcoming_changed.emit()
        self._arm_notification()

    def test_connection(self, source: CalendarSource, password: str | None) -> None:
        """Fetch ``source`` once on the worker, saving nothing; ``tested`` says how it went.
        Without a password, a saved CalDAV calendar's (known in this run, or the secret
        store's) is used."""
        source = _checked(source)
        now, zone = self._clock.now(), self._local_zone()
        if password is None and source.kind is CalendarKind.CALDAV:
            password = self._passwords.get(source.secret_key)
        may_ask_store = not self._session_running()

        def test() -> None:
            known = password
            if known is None and source.kind is CalendarKind.CALDAV and may_ask_store:
                known = self._secrets.load(source.secret_key)
            try:
                import tempfile  # noqa: PLC0415 - only for a test of the connection

                from focusmate.calendar.refresh import SourceRefresher  # noqa: PLC0415

                # A refresher of its own over a throw-away folder: a test keeps nothing.
                with tempfile.TemporaryDirectory(prefix="focusmate-test-") as folder:
                    status = SourceRefresher(source, Path(folder)).refresh(now, zone, known)
                    self._emit(self._test_finished, status.status)
            except Exception as error:  # the worker must never die silently
                log.exception("testing the calendar %r failed", source.name)
                self._emit(
                    self._test_finished,
                    SourceStatus(source.name, source.kind, False, str(error), "unreachable"),
                )

        self._worker().submit(self._paused, test)

    def refresh_now(self) -> None:
        """Refresh every source in the worker (one refresh at a time; asked again while one
        runs, another follows it)."""
        if self._calendar.sources:
            self._submit(fetch=True)

    # --- internals -------------------------------------------------------------------------

    def _submit(self, *, fetch: bool) -> None:
        if self._busy:
            self._again = fetch or bool(self._again)
            return
        calendar = self._settings.current.calendar
        job = _Job(
            sources=calendar.sources,
            passwords=dict(self._passwords),
            store_allowed=not self._session_running(),
            store_checked=self._store_checked,
            store_problem=self._store_problem,
            people=people_list(self._history(), calendar.people),
            settings=calendar,
            now=self._clock.now(),
            zone=self._local_zone(),
            fetch=fetch,
            statuses=dict(self._statuses),
            events=dict(self._events),
        )
        self._busy = True
        self._worker().submit(self._paused, self._run, job)

    def _emit(self, signal: Any, value: object) -> None:
        """Hand a value to the GUI thread, unless the service was stopped meanwhile (its Qt
        object may be gone by then: a refresh outlives stop(), which does not wait)."""
        if not self._stopped:
            signal.emit(value)

    @staticmethod
    def _paused(work: Callable[..., None], *arguments: Any) -> None:
        """Every job on the worker runs with the garbage collector paused."""
        with _collector_paused():
            work(*arguments)

    def _run(self, job: _Job) -> None:
        """On the worker thread: refresh (or only re-match) and hand the values back."""
        try:
            statuses, events = job.statuses, job.events
            store_problem, asked = self._store_answer(job)
            found: dict[str, str] = {}
            if job.fetch:
                for source in job.sources:
                    password = job.passwords.get(source.secret_key)
                    if source.kind is CalendarKind.CALDAV and password is None:
                        if not job.store_allowed:
                            continue  # its last result stands until the session has ended
                        if store_problem is None:
                            password = self._secrets.load(source.secret_key)
                            if password is not None:
                                found[source.secret_key] = password
                    refreshed = self._refresher(source).refresh(job.now, job.zone, password)
                    statuses[source.name], events[source.name] = _as_named(source, refreshed)
            names = {s.name for s in job.sources}
            everything = [e for name, held in events.items() if name in names for e in held]
            matches = one_on_ones(
                everything, job.people, me=job.settings.me, series_choices=job.settings.series
            )
            matched = tuple(
                UpcomingOneOnOne(
                    m.person.name, m.event.starts_at, m.event.ends_at, m.event.source, m.event.uid
                )
                for m in matches
            )
            series = recurring_series(
                everything,
                job.people,
                me=job.settings.me,
                series_choices=job.settings.series,
                now=job.now,
            )
            result: _Result | None = _Result(
                statuses, events, matched, tuple(series), found, store_problem, asked
            )
        except Exception:  # never lose the worker to a bug: log it, the next refresh retries
            log.exception("the calendar refresh failed")
            result = None
        self._emit(self._finished, result)  # always: the GUI thread learns the worker is free

    def _store_answer(self, job: _Job) -> tuple[str | None, bool]:
        """On the worker thread: the secret store's problem (None: usable), and whether it
        was asked now. It is asked once per run, and only when a CalDAV password is missing:
        a calendar of iCalendar addresses never touches the store."""
        missing = any(
            s.kind is CalendarKind.CALDAV and s.secret_key not in job.passwords for s in job.sources
        )
        if job.store_checked or not (job.fetch and job.store_allowed and missing):
            return job.store_problem, False
        return self._secrets.unavailable_reason(), True

    def _refresher(self, source: CalendarSource) -> SourceRefresher:
        from focusmate.calendar.refresh import SourceRefresher  # noqa: PLC0415 - on the worker

        key = (source.name, source.kind.value, source.location, source.user)
        if key not in self._refreshers:
            self._refreshers[key] = SourceRefresher(source, self._data_dir)
        return self._refreshers[key]

    def _forget(self, source: CalendarSource) -> None:
        """On the worker thread: drop a removed source's refresher and its copy on disk."""
        from focusmate.calendar import cache  # noqa: PLC0415

        key = (source.name, source.kind.value, source.location, source.user)
        self._refreshers.pop(key, None)
        try:
            cache.remove(self._data_dir, source)
        except OSError as error:
            log.warning("could not remove the copy of the calendar %r: %s", source.name, error)

    def _on_finished(self, result: _Result | None) -> None:
        self._busy = False
        if result is not None:
            self._take(result)
        again, self._again = self._again, None
        if again is not None:
            self._submit(fetch=again)

    def _take(self, result: _Result) -> None:
        if not self._store_checked and result.store_checked:
            self._store_problem, self._store_checked = result.store_problem, True
        for key, password in result.passwords.items():
            self._passwords.setdefault(key, password)
        names = {s.name for s in self._calendar.sources}
        self._statuses = {k: v for k, v in result.statuses.items() if k in names}
        self._events = {k: v for k, v in result.events.items() if k in names}
        changed = (result.matched, result.series) != (self._matched, self._series)
        self._matched, self._series = result.matched, result.series
        self.statuses_changed.emit()
        if changed:
            self.upcoming_changed.emit()
        self._arm_notification()

    def _rematch(self) -> None:
        self._submit(fetch=False)

    def _worker(self) -> ThreadPoolExecutor:
        """The one worker thread, made with the first job (none while no calendar is set up)."""
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415 - on first use

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="focusmate-calendar")
        return self._pool

    def _follow_sources(self) -> None:
        """The refresh timer runs while a calendar is set up: without one the idle app has
        no timer to wake it (issue 18)."""
        if self._started and not self._stopped and self._calendar.sources:
            if not self._refresh_timer.isActive():
                self._refresh_timer.start()
        else:
            self._refresh_timer.stop()

    def _on_settings_changed(self, settings: Any) -> None:
        before, self._calendar = self._calendar, settings.calendar
        self._follow_sources()
        added = {s.name for s in self._calendar.sources} - {s.name for s in before.sources}
        if added or before.sources != self._calendar.sources:
            self.statuses_changed.emit()
        if before != self._calendar:
            self._submit(fetch=bool(added))
        self._arm_notification()

    def _keep_password(self, source: CalendarSource, password: str) -> None:
        if self.secret_store_problem() is None:
            self._secrets.save(source.secret_key, password)  # NotPossibleNow: nothing changed
        self._passwords[source.secret_key] = password

    def _skip(self, meeting: UpcomingOneOnOne) -> bool:
        return (meeting.uid, meeting.starts_at) in self._skipped

    def _lead(self, meeting: UpcomingOneOnOne) -> timedelta:
        source = self._calendar.source(meeting.source)
        return timedelta(minutes=source.lead_minutes if source is not None else 5)

    def _arm_notification(self) -> None:
        """Notify what is due now; arm the timer for the next moment something changes: a
        notification falls due, a meeting begins (the tray's "Next:" moves on) or stops
        being offered as "Start now"."""
        self._notify_timer.stop()
        now = self._clock.now()
        moments = []
        for meeting in self.upcoming():
            key = (meeting.uid, meeting.starts_at)
            due = meeting.starts_at - self._lead(meeting)
            if key not in self._notified:
                if due <= now:
                    self._notified.add(key)
                    self._notify(meeting)
                else:
                    moments.append(due)
            moments.append(meeting.starts_at)
        begun = self.just_begun()
        if begun is not None:
            moments.append(min(begun.ends_at, begun.starts_at + START_NOW_WITHIN))
        later = [moment - now for moment in moments if moment > now]
        if later:
            wait_ms = int(min(later).total_seconds() * 1000) + 1
            self._notify_timer.start(min(wait_ms, RECHECK_AT_LEAST_EVERY_MS))

    def recheck(self) -> None:
        """Look at the clock again: what is "next" and what is due (the timer's slot)."""
        self.upcoming_changed.emit()
        self._arm_notification()

    def _notify(self, meeting: UpcomingOneOnOne) -> None:
        if self._notifications is None:
            return
        minutes = max(0, round((meeting.starts_at - self._clock.now()).total_seconds() / 60))
        if minutes == 0:
            title = translate("Calendar", "One-on-one with {name} now").format(
                name=meeting.with_name
            )
        else:
            one = translate("Calendar", "One-on-one with {name} in {n} minute")
            many = translate("Calendar", "One-on-one with {name} in {n} minutes")
            title = (one if minutes == 1 else many).format(name=meeting.with_name, n=minutes)
        local = meeting.starts_at.astimezone(self._local_zone())
        body = translate("Calendar", "At {time} ({calendar})").format(
            time=local.strftime("%H:%M"), calendar=meeting.source
        )
        notification = Notification(
            f"calendar:{meeting.uid}:{meeting.starts_at.isoformat()}",
            title,
            body,
            (
                NotificationAction(MeetingAction.CHECK_IN, translate("Calendar", "Check in")),
                NotificationAction(MeetingAction.START, translate("Calendar", "Start")),
                NotificationAction(
                    MeetingAction.NOT_THIS_ONE, translate("Calendar", "Not this one")
                ),
            ),
        )
        self._notifications.notify(
            notification,
            on_click=lambda: self._on_meeting_action(MeetingAction.CHECK_IN, meeting),
            on_action=lambda action: self._on_meeting_action(action, meeting),
            still_due=lambda: self._clock.now() < meeting.starts_at,
        )
        log.info("pre-meeting notification for a one-on-one at %s", meeting.starts_at)

    def _on_meeting_action(self, action: str, meeting: UpcomingOneOnOne) -> None:
        if action == MeetingAction.NOT_THIS_ONE:
            self.skip(meeting)
        elif action in {MeetingAction.CHECK_IN, MeetingAction.START}:
            self.meeting_action.emit(action, meeting)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector runs in whichever thread happens to allocate; a Qt
    object it frees on the worker would be destroyed off its own thread (Qt warns "Timers
    cannot be stopped from another thread", and may crash). So the collector waits while the
    worker runs (well under a second) and resumes on the GUI thread's next allocations."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _checked(source: CalendarSource) -> CalendarSource:
    from focusmate.calendar.addresses import checked_address  # noqa: PLC0415 - ssl: only to add

    return replace(
        source,
        name=check_source_name(source.name),
        location=checked_address(source.kind, source.location),
        user=source.user.strip(),
        lead_minutes=check_lead_minutes(source.lead_minutes),
    )


def _as_named(
    source: CalendarSource, refreshed: Refreshed
) -> tuple[SourceStatus, tuple[CalendarEvent, ...]]:
    """The status under the source's current name (a refresher may predate a rename)."""
    return replace(refreshed.status, name=source.name), refreshed.events


def planned_minutes(meeting: UpcomingOneOnOne) -> int:
    """A session's planned length from the meeting's (1 to 240 minutes)."""
    return max(1, min(240, round((meeting.ends_at - meeting.starts_at).total_seconds() / 60)))
