"""SyncService: one journal on every desk (issue 19), for the running app.

It owns the SyncFolder (focusmate.sync) and calls it only on its worker thread (one thread,
in order: a network drive or a share may make any call wait), and the merged state
(services.sync_book) on the GUI thread, where the controller lives:

- **publishing**: every session the controller writes (``sessions_saved``: start, mark,
  undo, end, check-in, reflection, pulse, import) is diffed against the merged state; the
  changes go to the outbox in the data folder first, then to this device's log. A change
  kept in the store but not in the outbox (the app killed in between) is found at the next
  start: the store's sessions that the merged state does not show are published then.
- **receiving**: the folder is watched (services.sync_watch: no CPU while nothing
  changes; a WebDAV share is asked every 45 s). What arrived goes into the merged state's
  tail (fsynced) and is merged, the sessions that changed are written by the controller
  (the one writer, ARCHITECTURE invariant 1 and 2), and only then are the read positions
  acknowledged; the merged state is kept whole now and then (KEEP_AFTER_MS), which
  shortens the tail again.
- a snapshot now and then (after a session ends, at most daily), so a new device reads a
  summary rather than years.
- what is unusual is said once, quietly: logged and listed by ``focusmate sync status``
  (never a window or a sound, ARCHITECTURE invariant 5).
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from focusmate.core.clock import Clock
from focusmate.core.errors import FocusmateError, NotPossibleNow
from focusmate.core.model import CoachingSession
from focusmate.core.ports import SecretStore
from focusmate.core.settings import Settings
from focusmate.core.sync_settings import diff_settings, settings_payloads, with_synced
from focusmate.core.sync_snapshot import snapshot
from focusmate.services.controller import SessionController
from focusmate.services.settings import SettingsService
from focusmate.services.sync_book import SyncBook
from focusmate.services.sync_config import (
    SyncConfig,
    checked_where,
    forget_read_marks,
    load_config,
    new_config,
    open_folder,
    remove_sync_files,
    save_config,
)
from focusmate.services.sync_files import BOOK_FILE
from focusmate.services.sync_on_use import off_status
from focusmate.services.sync_watch import FolderWatch

if TYPE_CHECKING:  # the folder's codec loads cryptography: only once sync is used
    from focusmate.sync.sync_folder import Incoming, SyncFolder, SyncStatus

log = logging.getLogger(__name__)

#: Every this many polls, every file is looked at (log_reader.py: a late old segment).
FULL_POLL_EVERY = 10
#: The merged state is kept whole this long after a change (with years of history that takes
#: a few hundred ms on the worker): until then what changed is in its tail (sync_book.py),
#: so this bounds the tail and the next start's reading, not what survives a crash.
KEEP_AFTER_MS = 30_000
SNAPSHOT_EVERY = timedelta(days=1)


@dataclass(frozen=True)
class _Polled:
    incoming: Incoming | None
    status: SyncStatus
    notices: tuple[str, ...]


class SyncService(QObject):
    """Sync for the running app; off until ``start`` finds it enabled, or ``enable``."""

    #: Sync was turned on or off, or its status changed (a poll ended).
    changed = Signal()
    #: A job's result, handed from the worker to the GUI thread (queued).
    _done = Signal(object)

    def __init__(
        self,
        controller: SessionController,
        data_dir: Path,
        secrets: SecretStore,
        clock: Clock,
        *,
        settings: SettingsService | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._settings = settings
        #: The settings as last published or laid over (rule S7's lists follow the user).
        self._settings_seen: Settings | None = None
        self._data_dir = data_dir
        self._secrets = secrets
        self._clock = clock
        self._config: SyncConfig | None = None
        self._book: SyncBook | None = None
        self._folder: SyncFolder | None = None  # called on the worker only
        self._opener: Callable[[], SyncFolder] = open_folder_refused
        self._worker: ThreadPoolExecutor | None = None
        #: Bumped when sync is turned off or on again: older jobs' results are dropped.
        self._generation = 0
        self._joined = False
        self._polling = False
        self._poll_again = False
        self._polls = 0
        self._acked_marks: object = None  # the read marks last acknowledged
        self._status: SyncStatus | None = None
        self._problem: str | None = None
        self._notices: list[str] = []
        self._last_merge: dict[str, float] | None = None
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._watch = FolderWatch(self)
        self._watch.arrived.connect(self.poll_now)
        self._keep = QTimer(self)
        self._keep.setSingleShot(True)
        self._keep.setInterval(KEEP_AFTER_MS)
        self._keep.timeout.connect(self._keep_book)
        controller.sessions_saved.connect(self._on_sessions_saved)
        controller.session_ended.connect(self._on_session_ended)
        if settings is not None:
            settings.changed.connect(self._on_settings_changed)

    # --- turning it on and off -------------------------------------------------------

    def start(self) -> None:
        """At start-up: open the sync folder set up earlier (on the worker), if any."""
        try:
            config = load_config(self._data_dir)
        except FocusmateError as error:
            self._say(str(error))
            return
        if config is None:
            return
        passphrase = self._secrets.load(config.secret_key) if config.encrypted else None
        if config.encrypted and passphrase is None:
            self._config = config
            self._problem = (
                "the sync passphrase is not in the secret store "
                f"({self._secrets.unavailable_reason() or 'not found'}): "
                "run `focusmate sync enable` again"
            )
            self._say(self._problem)
            return
        password = None if config.user is None else self._secrets.load(config.password_key)
        self._begin(config, None, passphrase, password)

    def enable(
        self,
        where: str,
        passphrase: str | None,
        name: str | None,
        user: str | None = None,
        password: str | None = None,
    ) -> dict[str, Any]:
        """Turn sync on with the folder or address ``where`` (``passphrase`` None: plain
        text; ``user`` and ``password`` for a WebDAV share that asks). Refused with nothing
        written (InvalidInput, NotPossibleNow, InvalidData: services.sync_config's
        open_folder); otherwise joined and merged on the worker."""
        config = new_config(checked_where(where), passphrase is not None, name, user)
        store_problem = None
        if passphrase is not None or password is not None:
            store_problem = self._secrets.unavailable_reason()
        folder = open_folder(config, self._data_dir, passphrase, password, create=True)
        if self._config is not None:
            self.disable()
        if store_problem is None:
            if passphrase is not None:
                self._secrets.save(config.secret_key, passphrase)
            if password is not None:
                self._secrets.save(config.password_key, password)
        save_config(self._data_dir, config)
        self._begin(config, folder, passphrase, password)
        answer = self.status()
        if store_problem is not None:
            answer["warning"] = (
                f"no secret store ({store_problem}): the passphrase is kept for this run "
                "only; focusmate asks for it again after a restart"
            )
        return answer

    def disable(self) -> None:
        """Turn sync off: this device stops reading and writing the folder; the sessions in
        the data folder stay whole (only what sync kept besides is removed)."""
        config = self._config
        self._stop_watching()
        self._generation += 1
        folder, worker = self._folder, self._worker
        self._folder, self._worker, self._book, self._config = None, None, None, None
        self._joined, self._status, self._problem = False, None, None
        if worker is not None:
            if folder is not None:
                worker.submit(folder.close)
            worker.shutdown(wait=True)
        remove_sync_files(self._data_dir)
        if config is not None:
            self._secrets.delete(config.secret_key)
            self._secrets.delete(config.password_key)
        self.changed.emit()

    def stop(self) -> None:
        """At quit: what waits stays in the outbox; the merged state is kept first."""
        self._stop_watching()
        if self._book is not None and self._joined:
            self._keep_book()
        self._joined = False  # nothing more is published by this run
        worker, self._worker = self._worker, None
        self._generation += 1
        if worker is not None:
            if self._folder is not None:
                worker.submit(self._folder.close)
            worker.shutdown(wait=True)

    # --- what the rest of the app asks ------------------------------------------------

    @property
    def enabled(self) -> bool:
        return self._config is not None

    def check_start(self, person: str) -> None:
        """NotPossibleNow when a session with ``person`` runs on another device (rule S6),
        "in session on Work laptop with Jordan": the caller starts anyway only when asked."""
        found = None if self._book is None else self._book.may_start(person)
        if found is not None:
            raise NotPossibleNow(f"{found.message}: end it there first, or start anyway (--anyway)")

    def running_with(self, person: str) -> tuple[str, str] | None:
        """(device name, person) of a session with ``person`` running on another device
        (rule S6), for a window to word; None if none runs."""
        found = None if self._book is None else self._book.may_start(person)
        return None if found is None else (found.device_name, found.session.with_name)

    def running_elsewhere(self) -> list[str]:
        """E.g. ["in session on Work laptop with Jordan"] (rule S6)."""
        return [r.message for r in self._book.running_elsewhere()] if self._book else []

    def status(self) -> dict[str, Any]:
        """The `sync status` document (core-free values, JSON-ready)."""
        config = self._config
        if config is None:
            return off_status()
        status, book = self._status, self._book
        devices: dict[str, dict[str, Any]] = {}
        if status is not None:
            for seen in status.devices:
                devices[seen.device] = {
                    "device": seen.device,
                    "name": seen.name,
                    "last_seen": None if seen.last_seen is None else seen.last_seen.isoformat(),
                }
        if book is not None:
            for device, stamp in book.state.last_seen.items():
                entry = devices.setdefault(device, {"device": device, "last_seen": None})
                entry["name"] = entry.get("name") or book.state.device_names.get(device)
                entry["last_change"] = _instant(stamp.wall_ms)
        return {
            **config.as_json(),
            "enabled": True,
            "state": self._state_words(),
            "pending": 0 if status is None else status.pending,
            "last_error": self._problem or (None if status is None else status.last_error),
            "devices": sorted(devices.values(), key=lambda d: str(d["device"])),
            "running_elsewhere": self.running_elsewhere(),
            "sessions": 0 if book is None else len(book.state.sessions),
            "notices": list(self._notices),
            "last_merge": self._last_merge,
        }

    def _state_words(self) -> str:
        status = self._status
        if self._problem is not None:
            return "stopped"
        if not self._joined:
            return "joining"
        if status is not None and status.set_up_again:
            return "paused (set up again elsewhere)"
        if status is not None and status.unavailable_since is not None:
            return f"unavailable since {status.unavailable_since.isoformat(timespec='seconds')}"
        return "in sync"

    # --- the work --------------------------------------------------------------------

    def _begin(
        self,
        config: SyncConfig,
        folder: SyncFolder | None,
        passphrase: str | None,
        password: str | None = None,
    ) -> None:
        self._config = config
        self._book = None  # read on the worker: with years of history it takes ~0.5 s
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="focusmate-sync")
        self._generation += 1
        self._folder = folder
        self._opener = lambda: open_folder(config, self._data_dir, passphrase, password)
        self._polling = True
        self._submit(self._join, self._on_rejoined)
        self._watch.start(config.where)
        self.changed.emit()

    def _join(self) -> _Polled:  # worker
        config = self._config
        if self._book is None and config is not None:
            book = SyncBook.load(self._data_dir / BOOK_FILE, config.device_id)
            if not book.whole and self._folder is None:
                forget_read_marks(self._data_dir)  # what was read is not in the book: again
            if self._config is config:  # not turned off meanwhile
                self._book = book  # the GUI thread uses it once the join is back
        if self._folder is None:  # at start-up: opened here (the key takes a moment)
            self._folder = self._opener()
        return self._polled(self._folder.join())

    def _polled(self, incoming: Incoming | None) -> _Polled:  # worker
        assert self._folder is not None
        notices = tuple(n.words for n in self._folder.take_notices())
        return _Polled(incoming, self._folder.status(), notices)

    def _submit(self, work: Callable[[], Any], then: Callable[[Any], None] | None = None) -> None:
        """``work()`` on the worker, then ``then(result)`` on the GUI thread."""
        worker, generation = self._worker, self._generation
        if worker is None:
            return

        def run() -> None:
            gc.disable()  # a Qt object freed on this thread would be destroyed off its own
            try:
                result: object = work()
                error: BaseException | None = None
            except BaseException as failure:  # handed to the GUI thread, said there
                result, error = None, failure
            finally:
                gc.enable()
            self._done.emit((generation, then, result, error))

        worker.submit(run)

    def _on_done(self, done: tuple[int, Callable[[Any], None] | None, object, Any]) -> None:
        generation, then, result, error = done
        if generation != self._generation:
            return
        if then == self._on_rejoined:
            self._polling = False
        if error is not None:
            self._problem = str(error) if isinstance(error, FocusmateError) else repr(error)
            log.warning("sync: %s", self._problem)
            self._say(self._problem)
            self.changed.emit()
            return
        if then is not None:
            then(result)

    def _on_joined(self, polled: _Polled) -> None:
        self._take(polled)
        if polled.incoming is None:
            return  # not reachable now: joined on the next poll that reaches it
        self._joined = True
        book, config = self._book, self._config
        assert book is not None and config is not None
        # What the store holds that the merged state does not show: the whole history the
        # first time, or a change kept just before the app was killed.
        unpublished = [s for s in self._controller.all_sessions() if book.differs(s)]
        self._publish(book.publish(unpublished, self._clock.now(), config.device_name))
        self._join_settings(book)
        if self._snapshot_due():
            self._write_snapshot()
        self._keep_book()  # with the snapshot's time
        self._watch.follow()

    def poll_now(self) -> None:
        """Read what arrived (the watcher, the timer, or a test asking)."""
        if self._worker is None:
            return
        if not self._joined:
            if not self._polling:
                self._polling = True
                self._submit(self._join, self._on_rejoined)
            return
        if self._polling:
            self._poll_again = True
            return
        self._polling = True
        self._polls += 1
        full = self._polls % FULL_POLL_EVERY == 0
        folder = self._folder
        assert folder is not None
        self._submit(lambda: self._polled(folder.poll(full)), self._on_polled)

    def _on_rejoined(self, polled: _Polled) -> None:
        self._polling = False
        self._on_joined(polled)

    def _on_polled(self, polled: _Polled) -> None:
        self._polling = False
        self._take(polled)
        self._watch.follow()  # a new device's folder, a new segment
        if self._poll_again:
            self._poll_again = False
            self.poll_now()

    def _take(self, polled: _Polled) -> None:
        """Merge what was read, write the sessions it changed, keep the state."""
        self._status = polled.status
        for words in polled.notices:
            self._say(words)
        incoming, book = polled.incoming, self._book
        if incoming is not None and book is not None:
            began = time.perf_counter()
            synced = book.state.settings
            changed = book.take(incoming.changes, self._clock.now(), incoming.snapshot_state)
            merged = time.perf_counter()
            if changed:
                self._controller.take_merged(changed)
            if book.state.settings != synced:
                self._lay_over_settings()
            if incoming.changes:  # `sync status` shows what the last merge cost here
                self._last_merge = {
                    "changes": len(incoming.changes),
                    "sessions": len(changed),
                    "merge_ms": round((merged - began) * 1000, 1),
                    "store_ms": round((time.perf_counter() - merged) * 1000, 1),
                }
            self._acknowledge(incoming)
        self.changed.emit()

    def _join_settings(self, book: SyncBook) -> None:
        """The lists that follow the user (rule S7): this device's items no device published
        yet go out (a joining device never overrides the others' with its older values),
        then the merged lists are laid over this device's settings."""
        if self._settings is None:
            return
        known = book.settings_known()
        local = self._settings.current
        new = [p for p in settings_payloads(local) if (p.key, p.item) not in known]
        self._publish(book.stamped(new, self._clock.now()))
        self._settings_seen = local
        self._lay_over_settings()

    def _lay_over_settings(self) -> None:
        if self._settings is None or self._book is None or self._settings_seen is None:
            return
        current = self._settings.current
        merged = with_synced(current, self._book.state.settings)
        if merged == current:
            return
        self._settings_seen = merged
        try:
            self._settings.apply(merged)
        except FocusmateError as error:  # e.g. two kinds of one id: this device keeps its own
            self._say(f"the settings from your other computers were not applied: {error}")

    def _on_settings_changed(self, new: Settings) -> None:
        """Saved settings: publish the synced lists' edits (not those the merge laid over)."""
        before, self._settings_seen = self._settings_seen, new
        if before is None or self._book is None or not self._joined:
            return
        self._publish(self._book.stamped(diff_settings(before, new), self._clock.now()))

    def _on_sessions_saved(self, sessions: tuple[CoachingSession, ...]) -> None:
        """The controller wrote ``sessions``: publish what this device changed in them."""
        if self._book is None or not self._joined:
            return  # published when the join ends (the store is diffed against the state)
        self._publish(self._book.publish(sessions, self._clock.now()))

    def _publish(self, records: list[Any]) -> None:
        if not records or self._folder is None:
            return
        folder, book = self._folder, self._book
        assert book is not None

        def publish() -> None:
            # The outbox first: a change in the book's tail must be one that is kept for the
            # folder (else the next start would take it as published and not find it).
            folder.publish(records)
            book.journal(records)

        self._submit(publish)
        self._keep.start()

    def _acknowledge(self, incoming: Incoming) -> None:
        """What was read is merged, and durable in the book's tail (a snapshot's state is
        not: the book is kept first): save how far reading stands. Nothing new read, and
        the marks where they were: nothing is written (an idle poll costs no write)."""
        folder = self._folder
        if folder is None:
            return
        if incoming.snapshot_state is not None:
            self._keep_book()
        elif incoming.changes:
            self._keep.start()  # the tail grows: kept whole now and then
        elif incoming.marks == self._acked_marks:
            return
        self._acked_marks = incoming.marks
        self._submit(lambda: folder.acknowledge(incoming))

    def _keep_book(self) -> None:
        """Keep the merged state whole in the data folder (its tail then starts again)."""
        self._keep.stop()
        book = self._book
        if book is None:
            return
        self._submit(book.keeping())

    def _on_session_ended(self, _session_id: str) -> None:
        if self._joined and self._snapshot_due():
            self._write_snapshot()
            self._keep_book()

    def _snapshot_due(self) -> bool:
        """At most daily, across runs (the book keeps when this device wrote its last)."""
        last = None if self._book is None else self._book.snapshot_at
        return last is None or self._clock.now() - last >= SNAPSHOT_EVERY

    def _write_snapshot(self) -> None:
        book, folder = self._book, self._folder
        if book is None or folder is None:
            return
        latest = book.latest()
        if latest is None:
            return
        book.snapshot_at = self._clock.now()  # kept with the book
        state = book.state  # immutable: its snapshot is made on the worker
        self._submit(lambda: folder.write_snapshot(latest, snapshot(state)))

    def _stop_watching(self) -> None:
        self._watch.stop()
        self._keep.stop()

    def _say(self, words: str) -> None:
        """Said once, quietly: logged and listed by `sync status` (never a window)."""
        if words not in self._notices:
            self._notices.append(words)
            log.warning("sync: %s", words)


def open_folder_refused() -> SyncFolder:
    raise NotPossibleNow("sync is off")


def _instant(wall_ms: int) -> str:
    return datetime.fromtimestamp(wall_ms / 1000, UTC).isoformat(timespec="seconds")
